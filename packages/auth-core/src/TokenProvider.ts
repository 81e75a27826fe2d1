/**
 * The OAuth2 client-credentials token lifecycle: one token per credential set, shared by every
 * product, fetched once for any number of concurrent callers, refreshed in the background at 80% of
 * its life, kept while a refresh fails, and invalidated by compare-and-swap when an API rejects it.
 *
 * ## Token lifecycle
 *
 * - **Single flight.** Whatever the number of concurrent callers, at most one token request is in
 *   flight; everyone without a valid token joins it and gets the same token (or the same error).
 * - **Conservative expiry.** `expiresAt = timeSent + expires_in`, with `timeSent` read from `Clock`
 *   before the request leaves: network latency shortens the token's assumed life, never lengthens it.
 * - **Background refresh.** At `refreshRatio` (0.8) of the life, never earlier, plus a little seeded
 *   jitter (`refreshJitter`, up to 0.2% of the life: 7 s of a one-hour token), a refresh runs in the
 *   background. Over 30 days of one-hour tokens that is 899 or 900 requests (30 days / (0.8 x TTL)).
 *   Callers meanwhile get the still-valid token at once and cause no extra request.
 * - **Failures are not tokens.** A failed refresh keeps the old token in service and is retried with
 *   exponential backoff and jitter, capped below the old token's expiry; it never stops for good. Without
 *   a valid token, a failure is handed to the callers of that request, and callers that arrive during
 *   the backoff fail fast with `TokenUnavailable` (carrying `retryAt`) without touching the endpoint.
 * - **Endpoint answers.** `invalid_client` (or any 401) is `InvalidClient`: surfaced to callers and
 *   never retried in a loop. 429 honours `Retry-After` (seconds or HTTP-date), else a jittered wait over a
 *   window of 40% of the time the throttling has lasted (1 s to 16 s), so a fleet sharing one bucket
 *   spreads out without leaving it idle once it refills. A user call waits for `retryAt` of a throttled
 *   endpoint (sinch-http).
 * - **Every wait is capped and floored.** No wait exceeds `retryMax` (60 s), `Retry-After` included, and
 *   none is shorter than `minRetryInterval` (250 ms; a 429 waits at least 1 s); while a token is held a refresh retry comes within
 *   half of its remaining life. A token arriving with less than `minTokenLifetime` (2 s) to live is
 *   refused. Whatever the endpoint answers, one provider sends at most 40 token requests per minute
 *   (proven under `TestClock` for every constant pathological answer).
 *   5xx, transport failures and timeouts are `TokenUnavailable` with the reason and `retryAt`. A body
 *   that does not decode is `MalformedResponse`.
 * - **Compare-and-swap invalidation.** `invalidate(rejected)` drops the cached token only if it is still
 *   `rejected` (same `generation`): a stale invalidation changes nothing, and any number of concurrent
 *   invalidations of one token followed by `get` cause exactly one new request.
 * - **Independent deadlines.** Each token request has its own deadline (`requestTimeout`, 10 s) and
 *   runs in the provider's scope: interrupting or timing out a caller never cancels the shared fetch.
 * - **Clean shutdown.** Closing the layer's scope interrupts the refresh timer and any request in
 *   flight; nothing keeps running or sleeping. Background failures are values, never unhandled
 *   rejections; each failed refresh logs one warning, without secrets.
 * - **Key rotation without downtime.** `switchCredentials(next)` proves the new access key with a token
 *   request of its own, and only then swaps key and token in one step: every `get` after the switch
 *   serves the new key's token, callers waiting on a fetch with the old key get it too, and that fetch's
 *   result is discarded. A rejected key changes nothing. `KeyRotation.rotate` builds on it.
 * - **Observable.** `snapshot` reports the state and token times (never the value); `TokenMetrics`
 *   counts fetches by outcome, refreshes in flight, tokens served stale and invalidations; each request
 *   has a `TokenProvider.fetch` span with `outcome`, `status` and `attempt`.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import type { Duration, Effect, Option, Redacted, Scope } from "effect"
import { Context, Layer } from "effect"
import type { AccessToken } from "./AccessToken.js"
import type { TokenError } from "./AuthError.js"
import * as internal from "./internal/tokenProvider.js"
import type { ProjectCredentials } from "./ProjectCredentials.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** A valid token: the cached one, or the result of the single shared fetch. */
  readonly get: Effect.Effect<AccessToken, TokenError>
  /**
   * Drops `rejected` if, and only if, it is still the cached token (compare-and-swap): a caller holding
   * a stale token cannot throw away a newer one.
   */
  readonly invalidate: (rejected: AccessToken) => Effect.Effect<void>
  /**
   * Switches the provider to another access key of the same project while it runs. The new key is
   * first proven by a token request of its own (same deadline and error classification as any fetch:
   * `InvalidClient` for a rejected key); on failure nothing changes and the current key stays in use.
   * On success the switch is atomic: the new key's token becomes the cached one (a new generation),
   * every `get` after it returns that token, every later fetch and refresh uses the new key, and a fetch
   * or refresh with the old key still in flight can never overwrite it (its result is discarded). With a
   * `TokenStore`, tokens are stored under the new key from then on. Concurrent switches run one at a time.
   *
   * @since 0.3.0
   */
  readonly switchCredentials: (next: AccessKey) => Effect.Effect<Switched, TokenError>
  /** The lifecycle state, for diagnostics (`sinch doctor`, `sinch token`). Never contains the token value. */
  readonly snapshot: Effect.Effect<Snapshot>
}

/**
 * An access key of the project: its id and secret. A `ProjectCredentials.Credentials` value is one
 * (its project id is ignored: a provider serves one project).
 *
 * @since 0.3.0
 * @category models
 */
export interface AccessKey {
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
}

/**
 * The result of `switchCredentials`: which key was replaced, and the new key's first token.
 *
 * @since 0.3.0
 * @category models
 */
export interface Switched {
  readonly keyId: string
  readonly previousKeyId: string
  readonly token: AccessToken
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Snapshot {
  readonly state: "empty" | "fetching" | "valid" | "refreshing" | "backoff"
  readonly token: Option.Option<{
    readonly scope: string | undefined
    readonly issuedAt: number
    readonly expiresAt: number
    readonly refreshAt: number
    readonly generation: number
  }>
  /** `Clock` millis before which no new token request is sent (backoff), if any. */
  readonly nextAttemptAt: number | undefined
  /** The last failure of the token endpoint, if the last attempt failed. */
  readonly lastError: TokenError | undefined
  /** Token requests sent so far by this provider. */
  readonly requests: number
  /**
   * The id of the access key in use (it changes with `switchCredentials`).
   *
   * @since 0.3.0
   */
  readonly keyId: string
}

/**
 * @since 0.1.0
 * @category tags
 */
export class TokenProvider extends Context.Tag("@sinch-effect/auth-core/TokenProvider")<TokenProvider, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Default `https://auth.sinch.com/oauth2/token`. */
  readonly tokenUrl?: string | undefined
  /** Fraction of the token's life after which the background refresh starts. Default 0.8. */
  readonly refreshRatio?: number | undefined
  /** Fraction of the token's life by which the refresh may start later, at random. Default 0.002. */
  readonly refreshJitter?: number | undefined
  /** Deadline of one token request, separate from callers' deadlines. Default 10 seconds. */
  readonly requestTimeout?: Duration.DurationInput | undefined
  /** First backoff step after a failed token request. Default 500 millis. */
  readonly retryBase?: Duration.DurationInput | undefined
  /**
   * The longest wait after a failed token request, of any kind: backoff steps and `Retry-After` (seconds
   * or HTTP-date) alike. Default 60 seconds.
   */
  readonly retryMax?: Duration.DurationInput | undefined
  /**
   * The shortest wait after a failed token request, `Retry-After: 0` included, and the shortest interval
   * between a token request and the background refresh it schedules. Default 250 millis.
   *
   * @since 0.2.0
   */
  readonly minRetryInterval?: Duration.DurationInput | undefined
  /**
   * A granted token with less life than this left when it arrives is refused as `MalformedResponse`
   * (and backed off like any failure): it is never handed out at or past its expiry. Default 2 seconds.
   *
   * @since 0.2.0
   */
  readonly minTokenLifetime?: Duration.DurationInput | undefined
  /** Seed of the jitter, for reproducible schedules. Default: Effect's `Random`. */
  readonly seed?: number | undefined
}

/**
 * The default token endpoint.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultTokenUrl: string = internal.defaultTokenUrl

/**
 * Builds a provider whose fetches and refresh timer live in the current `Scope`: closing it stops them.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: (
  options?: Options
) => Effect.Effect<Service, never, ProjectCredentials | HttpClient.HttpClient | Scope.Scope> = internal.make

/**
 * One provider, hence one token, for everything built on this layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options?: Options
): Layer.Layer<TokenProvider, never, ProjectCredentials | HttpClient.HttpClient> =>
  Layer.scoped(TokenProvider, make(options))
