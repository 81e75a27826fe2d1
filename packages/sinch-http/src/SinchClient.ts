/**
 * A client for one Sinch API: base URL, authentication on every attempt, typed errors, retries within
 * budgets, per-attempt deadlines, a span per call and metrics. Products build their services on it.
 *
 * @since 0.1.0
 */
import type { HttpClient, HttpMethod } from "@effect/platform"
import type { AuthError, AuthStrategy } from "@sinch-effect/auth-core"
import type { Duration, Schema } from "effect"
import { Effect } from "effect"
import * as internal from "./internal/client.js"
import * as Guard from "./internal/guard.js"
import type * as SinchApi from "./SinchApi.js"

/**
 * The name of an API of `SinchApi.apis`.
 *
 * @since 0.1.0
 * @category models
 */
export type ApiName = SinchApi.Name

/**
 * @since 0.1.0
 * @category models
 */
export type QueryValue = string | number | boolean

/**
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions {
  /** Fills each `{name}` of the route; every value is `encodeURIComponent`'d. A missing value is a defect. */
  readonly path?: Readonly<Record<string, string | number>> | undefined
  /** Query parameters, always encoded; an array repeats the key, `undefined` leaves it out. */
  readonly query?: Readonly<Record<string, QueryValue | ReadonlyArray<QueryValue> | undefined>> | undefined
  /**
   * Sent as JSON, buffered once so that every attempt sends (and signs) the same bytes. A value
   * `JSON.stringify` cannot serialise (a `bigint`, a cycle) is a defect.
   */
  readonly body?: unknown
  /**
   * Sent as a form instead of a JSON `body`: `application/x-www-form-urlencoded`, or
   * `multipart/form-data` when a field is a file. Buffered once, like `body`.
   *
   * @since 0.3.0
   */
  readonly form?: ReadonlyArray<FormField> | undefined
  /** Sent as `Idempotency-Key`; makes a POST safe to resend after a 5xx or a transport failure. */
  readonly idempotencyKey?: string | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * One field of a form body: text, or a file (which makes the form `multipart/form-data`). A name may
 * repeat (e.g. Mailgun's `to`, `attachment`).
 *
 * @since 0.3.0
 * @category models
 */
export type FormField =
  | { readonly name: string; readonly value: string }
  | {
    readonly name: string
    readonly file: {
      readonly data: Uint8Array
      readonly filename: string
      /** Default `application/octet-stream`. */
      readonly contentType?: string | undefined
    }
  }

/**
 * @since 0.1.0
 * @category models
 */
export interface SinchClient {
  readonly api: ApiName
  /** e.g. `https://numbers.api.sinch.com/v1/projects/<projectId>`. */
  readonly baseUrl: string
  /** Sends `method route` and decodes a 2xx JSON body with `schema`. */
  readonly request: <A, I>(
    method: HttpMethod.HttpMethod,
    route: string,
    schema: Schema.Schema<A, I>,
    options?: RequestOptions
  ) => Effect.Effect<A, AuthError.SinchError>
  /** Sends `method route` and returns the 2xx body as text. */
  readonly requestText: (
    method: HttpMethod.HttpMethod,
    route: string,
    options?: RequestOptions
  ) => Effect.Effect<string, AuthError.SinchError>
  /** Sends `method route` and ignores the 2xx body. */
  readonly requestVoid: (
    method: HttpMethod.HttpMethod,
    route: string,
    options?: RequestOptions
  ) => Effect.Effect<void, AuthError.SinchError>
  /**
   * The authenticated client, for advanced use: relative URLs resolve against `baseUrl`, every attempt is
   * authenticated, a 401 is resent once with a fresh token (a streamed body cannot be resent: buffer it).
   * Statuses are returned as they are; a token failure is a `RequestError` whose `cause` is the `TokenError`.
   */
  readonly httpClient: HttpClient.HttpClient
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options<S extends AuthStrategy.Scope> {
  readonly api: ApiName
  readonly baseUrl: string
  readonly strategy: AuthStrategy.AuthStrategy<S>
  /** Named in `AccessDenied`. */
  readonly projectId?: string | undefined
  /** Deadline of one attempt (send and read the body). Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * Deadline of a whole call: authentication, every attempt and every wait between attempts (401
   * resend, 429 `Retry-After`, 5xx backoff). When it passes during an attempt the call fails with
   * `TransportError` (`timeout`); a wait that would end past it fails at once with the error that asked
   * for the wait. Default: none (each attempt still has `timeout`).
   *
   * @since 0.2.0
   */
  readonly totalTimeout?: Duration.DurationInput | undefined
  /**
   * The largest response body read, in bytes; a larger one fails with `MalformedResponse` without being
   * buffered. Default 10 MB (`defaultMaxResponseBytes`).
   *
   * @since 0.2.0
   */
  readonly maxResponseBytes?: number | undefined
  readonly retry?: {
    /** Sends of an idempotent request failing with 5xx or a transport error. Default 3. */
    readonly maxAttempts?: number
    /** First backoff step (exponential, jittered). Default 200 millis. */
    readonly base?: Duration.DurationInput
    /** The longest `Retry-After` waited for; a longer one fails at once with `RateLimited`. Default 10 seconds. */
    readonly maxRetryAfter?: Duration.DurationInput
  } | undefined
  /** Applied to the underlying `HttpClient` (proxies, extra headers, tracer settings). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * The options of a client that a product service passes through to each of its clients (everything
 * but the API, URL, strategy and project, which the product fills in).
 *
 * @since 0.3.0
 * @category models
 */
export type ClientOptions = Pick<
  Options<AuthStrategy.Scope>,
  "timeout" | "totalTimeout" | "maxResponseBytes" | "retry" | "transformClient"
>

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = <S extends AuthStrategy.Scope>(
  options: Options<S>
): Effect.Effect<SinchClient, never, HttpClient.HttpClient> =>
  // Path values that URL parsing would remove (`..`) fail with InvalidRequest before anything is sent.
  Effect.map(internal.make(options), Guard.guardPaths)

/**
 * The default of `Options.maxResponseBytes`: 10 MB.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultMaxResponseBytes: number = internal.defaultMaxResponseBytes

/**
 * The `User-Agent` sent with every request.
 *
 * @since 0.1.0
 * @category constants
 */
export const userAgent: string = internal.userAgent
