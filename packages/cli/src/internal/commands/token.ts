import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Table from "../table.js"
import { json, library, output } from "./common.js"

const show = Options.boolean("show").pipe(
  Options.withDescription("Also print the access token itself (it grants access to the project: keep it private)")
)

/** `sinch token`: fetch a token and describe it; the value only with `--show`. @internal */
export const command = Command.make(
  "token",
  { json, show },
  ({ json, show }) =>
    Effect.flatMap(library, ({ auth, Layers }) =>
      Effect.gen(function*() {
        const provider = yield* auth.TokenProvider.TokenProvider
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
      }).pipe(Effect.provide(Layers.project)))
).pipe(
  Command.withDescription(
    "Fetch an OAuth2 access token and show its scope and expiry (the token itself only with --show)"
  )
)
