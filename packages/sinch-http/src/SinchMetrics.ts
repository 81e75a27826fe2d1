/**
 * Metrics of every Sinch call. Tagged by `api` (and `outcome` for calls); they never carry a token,
 * a header or a URL.
 *
 * @since 0.1.0
 */
import { Metric } from "effect"

/**
 * User-level calls, tagged `api` and `outcome` (`ok`, the `_tag` of the error, or `defect`). A call
 * interrupted before it ends (by the caller's own timeout, say) is not counted: it has no outcome.
 *
 * @since 0.1.0
 * @category metrics
 */
export const calls = Metric.counter("sinch_http_calls_total", {
  description: "Sinch API calls by api and outcome",
  incremental: true
})

/**
 * Resends after a 401 for which the strategy had a fresh credential, tagged `api`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const unauthorizedRetries = Metric.counter("sinch_http_unauthorized_retries_total", {
  description: "Resends after a 401 with a refreshed token",
  incremental: true
})

/**
 * Waits on a 429 `Retry-After` before resending, tagged `api`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const rateLimitWaits = Metric.counter("sinch_http_rate_limit_waits_total", {
  description: "Waits on 429 Retry-After before resending",
  incremental: true
})

/**
 * Resends of idempotent requests after a 5xx or a transport failure, tagged `api`.
 *
 * @since 0.1.0
 * @category metrics
 */
export const retries = Metric.counter("sinch_http_retries_total", {
  description: "Resends of idempotent requests after a 5xx or a transport failure",
  incremental: true
})
