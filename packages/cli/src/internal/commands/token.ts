import { Command, Options } from "@effect/cli"
import { TokenProvider } from "@sinch-effect/auth-core"
import { Clock, Console, Effect, Redacted } from "effect"
import * as Layers from "../layers.js"
import * as Table from "../table.js"
import { json, output } from "./common.js"

const show = Options.boolean("show").pipe(
  Options.withDescription("Also print the access token itself (it grants access to the project: keep it private)")
)

/** `sinch token`: fetch a token and describe it; the value only with `--show`. @internal */
export const command = Command.make("token", { json, show }, ({ json, show }) =>
  Effect.gen(function*() {
    const provider = yield* TokenProvider.TokenProvider
    const token = yield* provider.get
    const now = yield* Clock.currentTimeMillis
    const value = {
      scope: token.scope ?? null,
      issuedAt: new Date(token.issuedAt).toISOString(),
      expiresAt: new Date(token.expiresAt).toISOString(),
      expiresInSeconds: Math.max(0, Math.round((token.expiresAt - now) / 1000)),
      refreshAt: new Date(token.refreshAt).toISOString(),
      ...(show ? { accessToken: Redacted.value(token.value) } : {})
    }
    yield* output(json, value, () =>
      Table.fields([
        ["scope", value.scope ?? "(none given)"],
        ["issued at", value.issuedAt],
        ["expires at", value.expiresAt],
        ["expires in", `${value.expiresInSeconds} s`],
        ["refresh due", value.refreshAt],
        ...(show ? [] : [["token", "hidden (pass --show to print it)"] as const])
      ]))
    // Printed on its own line, untruncated, so it can be copied or piped.
    if (show && !json) yield* Console.log(Redacted.value(token.value))
  }).pipe(Effect.provide(Layers.project))).pipe(
    Command.withDescription("Fetch an OAuth2 access token and show its scope and expiry (the token itself only with --show)")
  )
