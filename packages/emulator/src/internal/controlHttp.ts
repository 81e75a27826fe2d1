/**
 * The control service over HTTP under `/_emulator/…`, for the CLI and benchmarks in another process.
 *
 * @internal
 */
import { Duration, Effect, Either, Schema } from "effect"
import { Counters, Injection } from "../EmulatorControl.js"
import type { Service as ControlService } from "../EmulatorControl.js"
import type { ProductResponse } from "../ProductApi.js"
import * as Responses from "./responses.js"

const RevokeBody = Schema.Struct({ access_token: Schema.String })
const TtlBody = Schema.Struct({ seconds: Schema.Number.pipe(Schema.positive()) })

const decodeJson = <A, I>(schema: Schema.Schema<A, I>, body: Uint8Array): Either.Either<A, string> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder().decode(body))
  } catch {
    return Either.left("Invalid JSON payload")
  }
  return Schema.decodeUnknownEither(schema)(parsed).pipe(Either.mapLeft((error) => error.message))
}

const ok = (body: unknown): ProductResponse => ({ status: 200, body })

const loopbackHost = /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])(?::\d{1,5})?$/i

/** `127.0.0.0/8`, `localhost` or `[::1]`, with any port. */
const isLoopbackHost = (host: string): boolean => loopbackHost.test(host.trim())

const isLoopbackOrigin = (origin: string): boolean => {
  try {
    const url = new URL(origin)
    return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.host)
  } catch {
    return false
  }
}

/**
 * Refuses what a browser page could send: a foreign `Host` (DNS rebinding), a foreign `Origin` (CSRF) and,
 * for state changes, a body that is not JSON (a "simple" cross-origin POST needs no preflight).
 */
const guard = (method: string, headers: Readonly<Record<string, string | undefined>>, fallbackHost: string) => {
  const host = headers["host"] ?? fallbackHost
  if (!isLoopbackHost(host)) return Responses.sinchError(403, "The control API only answers to a loopback Host")
  const origin = headers["origin"]
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return Responses.sinchError(403, "The control API refuses requests from a foreign Origin")
  }
  if (method !== "GET" && method !== "HEAD") {
    const contentType = headers["content-type"]
    if (contentType === undefined || !/^application\/json\s*(?:;|$)/i.test(contentType)) {
      return Responses.sinchError(415, "The control API only accepts application/json")
    }
  }
  return undefined
}

/** @internal */
export const make = (control: ControlService) =>
(
  method: string,
  path: string,
  headers: Readonly<Record<string, string | undefined>>,
  fallbackHost: string,
  body: Uint8Array
): Effect.Effect<ProductResponse> => {
  const refused = guard(method, headers, fallbackHost)
  if (refused !== undefined) return Effect.succeed(refused)
  const route = `${method} ${path.replace(/\/+$/, "")}`
  const withBody = <A, I>(schema: Schema.Schema<A, I>, f: (a: A) => Effect.Effect<ProductResponse>) =>
    Either.match(decodeJson(schema, body), {
      onLeft: (message) => Effect.succeed(Responses.sinchError(400, message)),
      onRight: f
    })
  switch (route) {
    case "GET /health":
      return Effect.succeed(ok({ status: "ok" }))
    case "GET /counters":
      return Effect.map(control.counters, (counters) => ok(Schema.encodeSync(Counters)(counters)))
    case "POST /faults":
      return withBody(
        Injection,
        (injection) => Effect.as(control.inject(injection.target, injection.fault, { times: injection.times }), ok({}))
      )
    case "POST /tokens/revoke":
      return withBody(
        RevokeBody,
        ({ access_token }) => Effect.map(control.revokeToken(access_token), (revoked) => ok({ revoked }))
      )
    case "POST /tokens/revoke-all":
      return Effect.map(control.revokeAllTokens, (revoked) => ok({ revoked }))
    case "POST /token-ttl":
      return withBody(TtlBody, ({ seconds }) => Effect.as(control.setTokenTtl(Duration.seconds(seconds)), ok({})))
    case "POST /reset":
      return Effect.as(control.reset, ok({}))
    default:
      return Effect.succeed(Responses.sinchError(404, `No control route ${route}`))
  }
}
