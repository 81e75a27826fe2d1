/**
 * Fault injection, token control and counters of a running emulator: in-process through the
 * `EmulatorControl` service, and from another process through the same operations over HTTP under
 * `/_emulator/…` (`layerHttp`).
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Context, Duration, Effect, Layer, Schema } from "effect"
import * as ProductApi from "./ProductApi.js"

/**
 * What a fault is injected into: the token endpoint (`auth`) or one product API.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Target = Schema.Literal("auth", ...ProductApi.apiNames)

/**
 * @since 0.1.0
 * @category models
 */
export type Target = typeof Target.Type

/**
 * One injected fault. `Delay` postpones the normal answer; `Hang` never answers (the request is only
 * ended by the caller's interruption or timeout); `Drop` ends the connection without a response.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Fault = Schema.Union(
  Schema.TaggedStruct("Status", {
    status: Schema.Int.pipe(Schema.between(200, 599)),
    /** Seconds, sent as a `Retry-After` header. */
    retryAfter: Schema.optional(Schema.NonNegative),
    /** Sent as JSON; default: the API's own error shape. */
    body: Schema.optional(Schema.Unknown)
  }),
  Schema.TaggedStruct("Delay", { millis: Schema.NonNegative }),
  Schema.TaggedStruct("Hang", {}),
  Schema.TaggedStruct("MalformedJson", {}),
  Schema.TaggedStruct("Drop", {})
)

/**
 * @since 0.1.0
 * @category models
 */
export type Fault = typeof Fault.Type

/**
 * @since 0.1.0
 * @category constructors
 */
export const status = (
  code: number,
  options?: { readonly retryAfter?: number | undefined; readonly body?: unknown }
): Fault => ({
  _tag: "Status",
  status: code,
  ...(options?.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
  ...(options !== undefined && "body" in options ? { body: options.body } : {})
})

/**
 * @since 0.1.0
 * @category constructors
 */
export const delay = (duration: Duration.DurationInput): Fault => ({
  _tag: "Delay",
  millis: Duration.toMillis(Duration.decode(duration))
})

/**
 * @since 0.1.0
 * @category constructors
 */
export const hang: Fault = { _tag: "Hang" }

/**
 * @since 0.1.0
 * @category constructors
 */
export const malformedJson: Fault = { _tag: "MalformedJson" }

/**
 * @since 0.1.0
 * @category constructors
 */
export const drop: Fault = { _tag: "Drop" }

/**
 * @since 0.1.0
 * @category schemas
 */
export const Injection = Schema.Struct({
  target: Target,
  fault: Fault,
  /** How many of the next requests to `target` get the fault. Default 1. */
  times: Schema.optional(Schema.Int.pipe(Schema.positive()))
})

/**
 * One entry of the bounded log of recent requests. Never holds headers, so never a credential.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LoggedRequest = Schema.Struct({
  /** `auth`, a product API, or `unknown` for an unrouted path. */
  api: Schema.String,
  method: Schema.String,
  /** The path without the query. */
  path: Schema.String,
  /** 0 when no response was sent (dropped, or the caller gave up on a hang). */
  status: Schema.Number,
  outcome: Schema.Literal("response", "dropped", "interrupted"),
  /** `Clock` millis when the request arrived. */
  at: Schema.Number
})

/**
 * @since 0.1.0
 * @category models
 */
export type LoggedRequest = typeof LoggedRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Counters = Schema.Struct({
  tokenRequests: Schema.Struct({
    total: Schema.Number,
    /** `issued`, `invalid_client`, `invalid_request`, `unsupported_grant_type`, `rate_limited`, `fault`. */
    byOutcome: Schema.Record({ key: Schema.String, value: Schema.Number })
  }),
  tokenRequestsInFlight: Schema.Number,
  tokenRequestsMaxInFlight: Schema.Number,
  /** Requests per API, `auth` included. */
  requestsByApi: Schema.Record({ key: Schema.String, value: Schema.Number }),
  /** Requests per `METHOD /full/path`. */
  requestsByRoute: Schema.Record({ key: Schema.String, value: Schema.Number }),
  /** The most recent requests, oldest first. */
  recentRequests: Schema.Array(LoggedRequest)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Counters = typeof Counters.Type

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The next `times` (default 1) requests to `target` get `fault`; faults queue in order. */
  readonly inject: (
    target: Target,
    fault: Fault,
    options?: { readonly times?: number | undefined }
  ) => Effect.Effect<void>
  /** Revokes one access token; answers whether it was known. */
  readonly revokeToken: (accessToken: string) => Effect.Effect<boolean>
  /** Revokes every token issued so far; answers how many. */
  readonly revokeAllTokens: Effect.Effect<number>
  /** `expires_in` of tokens issued from now on. */
  readonly setTokenTtl: (ttl: Duration.DurationInput) => Effect.Effect<void>
  /**
   * Back to the initial state: no faults, no tokens, zeroed counters, full buckets, fresh product data,
   * and the configured access keys only (keys created or deleted through the Access Keys API are undone).
   */
  readonly reset: Effect.Effect<void>
  readonly counters: Effect.Effect<Counters>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class EmulatorControl extends Context.Tag("@sinch-effect/emulator/EmulatorControl")<
  EmulatorControl,
  Service
>() {}

/**
 * The control service of an emulator in another process, over its `/_emulator/…` HTTP API.
 * A transport failure is a defect: the control plane of a test or benchmark has no recovery.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttp = (baseUrl: string): Layer.Layer<EmulatorControl, never, HttpClient.HttpClient> =>
  Layer.effect(
    EmulatorControl,
    Effect.gen(function*() {
      const client = (yield* HttpClient.HttpClient).pipe(
        HttpClient.mapRequest(HttpClientRequest.prependUrl(`${baseUrl.replace(/\/+$/, "")}/_emulator`)),
        HttpClient.filterStatusOk
      )
      const post = (path: string, body?: unknown) =>
        client.post(path, { body: HttpBody.unsafeJson(body ?? {}) }).pipe(
          Effect.flatMap((response) => response.json),
          Effect.scoped,
          Effect.orDie
        )
      const RevokeAnswer = Schema.Struct({ revoked: Schema.Union(Schema.Boolean, Schema.Number) })
      return {
        inject: (target, fault, options) =>
          post("/faults", Schema.encodeSync(Injection)({ target, fault, times: options?.times ?? 1 })).pipe(
            Effect.asVoid
          ),
        revokeToken: (accessToken) =>
          post("/tokens/revoke", { access_token: accessToken }).pipe(
            Effect.flatMap(Schema.decodeUnknown(RevokeAnswer)),
            Effect.map((answer) => answer.revoked === true),
            Effect.orDie
          ),
        revokeAllTokens: post("/tokens/revoke-all").pipe(
          Effect.flatMap(Schema.decodeUnknown(RevokeAnswer)),
          Effect.map((answer) => (typeof answer.revoked === "number" ? answer.revoked : 0)),
          Effect.orDie
        ),
        setTokenTtl: (ttl) =>
          post("/token-ttl", { seconds: Duration.toSeconds(Duration.decode(ttl)) }).pipe(Effect.asVoid),
        reset: post("/reset").pipe(Effect.asVoid),
        counters: client.get("/counters").pipe(
          Effect.flatMap(HttpClientResponse.schemaBodyJson(Counters)),
          Effect.scoped,
          Effect.orDie
        )
      } satisfies Service
    })
  )
