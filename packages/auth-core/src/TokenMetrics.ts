/**
 * Metrics of the token lifecycle, as Effect `Metric`s: read them with `Metric.value` or export them
 * with any metrics backend. None of them carries a token or a credential, only counts and outcomes.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { Metric } from "effect"

/**
 * What one token request ended with.
 *
 * @since 0.1.0
 * @category models
 */
export type FetchOutcome =
  | "success"
  | "invalid_client"
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "unreachable"
  | "malformed"

/**
 * Every outcome, for dashboards that list them all.
 *
 * @since 0.1.0
 * @category constants
 */
export const fetchOutcomes: ReadonlyArray<FetchOutcome> = [
  "success",
  "invalid_client",
  "rate_limited",
  "server_error",
  "timeout",
  "unreachable",
  "malformed"
]

/**
 * Token requests sent, tagged with `outcome`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const fetches = Metric.counter("sinch_token_fetches_total", {
  description: "OAuth2 token requests sent to the Sinch token endpoint, by outcome",
  incremental: true
})

/**
 * The counter of one outcome (`fetches` tagged with `outcome`).
 *
 * @since 0.1.0
 * @category metrics
 */
export const fetchesByOutcome = (outcome: FetchOutcome): Metric.Metric.Counter<number> =>
  Metric.tagged(fetches, "outcome", outcome)

/**
 * Background refreshes in flight (across providers): a token is cached and its replacement is being
 * requested.
 *
 * @since 0.1.0
 * @category metrics
 */
export const refreshInFlight = Metric.gauge("sinch_token_refresh_in_flight", {
  description: "Background token refreshes currently in flight"
})

/**
 * Tokens handed out while the refresh of that token was failing: the still-valid old token kept
 * callers working.
 *
 * @since 0.1.0
 * @category metrics
 */
export const servedStale = Metric.counter("sinch_token_served_stale_total", {
  description: "Tokens served while their refresh was failing",
  incremental: true
})

/**
 * What an invalidation did.
 *
 * @since 0.1.0
 * @category models
 */
export type InvalidationResult = "applied" | "stale"

/**
 * Invalidations of a rejected token, tagged with `result`: `applied` dropped the cached token,
 * `stale` named a token that had already been replaced and changed nothing.
 *
 * @since 0.1.0
 * @category metrics
 */
export const invalidations = Metric.counter("sinch_token_invalidations_total", {
  description: "Token invalidations after a 401, by result (applied, stale)",
  incremental: true
})

/**
 * The counter of one invalidation result (`invalidations` tagged with `result`).
 *
 * @since 0.1.0
 * @category metrics
 */
export const invalidationsByResult = (result: InvalidationResult): Metric.Metric.Counter<number> =>
  Metric.tagged(invalidations, "result", result)

/**
 * API calls resent once with a fresh token after a 401.
 *
 * @since 0.1.0
 * @category metrics
 */
export const unauthorizedRetries = Metric.counter("sinch_unauthorized_retries_total", {
  description: "API calls resent with a fresh token after a 401",
  incremental: true
})

/**
 * Counts one resend after a 401; called by the HTTP middleware.
 *
 * @since 0.1.0
 * @category metrics
 */
export const recordUnauthorizedRetry: Effect.Effect<void> = Metric.increment(unauthorizedRetries)
