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

/** @internal */
export const make = (control: ControlService) =>
(method: string, path: string, body: Uint8Array): Effect.Effect<ProductResponse> => {
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
