/**
 * The OAuth2 client-credentials token lifecycle: one token per credential set, shared by every
 * product, fetched once for any number of concurrent callers, refreshed in the background at 80% of
 * its life, kept while a refresh fails, and invalidated by compare-and-swap when an API rejects it.
 *
 * @since 0.1.0
 */
import type { Duration, Effect, Option } from "effect"
import { Context } from "effect"
import type { AccessToken } from "./AccessToken.js"
import type { TokenError } from "./AuthError.js"

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
  /** The lifecycle state, for diagnostics (`sinch doctor`, `sinch token`). Never contains the token value. */
  readonly snapshot: Effect.Effect<Snapshot>
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
  /** Fraction of the token's life by which the refresh may start earlier, at random. Default 0.02. */
  readonly refreshJitter?: number | undefined
  /** Deadline of one token request, separate from callers' deadlines. Default 10 seconds. */
  readonly requestTimeout?: Duration.DurationInput | undefined
  /** First backoff step after a failed token request. Default 500 millis. */
  readonly retryBase?: Duration.DurationInput | undefined
  /** Largest backoff step. Default 60 seconds. */
  readonly retryMax?: Duration.DurationInput | undefined
  /** Seed of the jitter, for reproducible schedules. Default: Effect's `Random`. */
  readonly seed?: number | undefined
}
