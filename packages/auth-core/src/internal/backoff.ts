/** Backoff bounds, in millis. */
export interface Settings {
  readonly base: number
  readonly max: number
}

/** `base * 2^(failures - 1)`, capped at `max`. */
export const ceiling = (settings: Settings, failures: number): number =>
  Math.min(settings.max, settings.base * 2 ** Math.min(Math.max(0, failures - 1), 30))

/**
 * `2 * base * 4^(failures - 1)`, capped at `max` and at 16 s (1 s, 4 s, 16 s by default). A throttled bucket
 * is shared by every client of the key: the window must outgrow the crowd quickly, or the crowd's
 * retries keep the bucket empty (a fleet of 200 cold starts took twice as long with doubling steps).
 */
export const rateLimitCeiling = (settings: Settings, failures: number): number =>
  Math.min(settings.max, rateLimitMax, 2 * settings.base * 4 ** Math.min(Math.max(0, failures - 1), 15))

/**
 * The widest 429 window: wider windows leave a throttled bucket idle (200 clients spread over 60 s make
 * 3 attempts a second against a bucket refilling 10 a second), so the last client waits far longer.
 */
const rateLimitMax = 16_000

/**
 * The wait after the `failures`-th consecutive failed token request, in whole millis (at least 1).
 *
 * - A `Retry-After` from the endpoint is honoured as given.
 * - `full` jitter (anywhere in `[0, rateLimitCeiling]`, for 429s) spreads the clients of one throttled bucket;
 *   otherwise "equal" jitter (`[ceiling / 2, ceiling]`) keeps the wait from collapsing to nothing.
 * - While a valid token is held (`expiresInMillis`), the wait is capped at half of its remaining life
 *   (but not below `base`), so a refresh gets several chances before the token dies.
 *
 * `jitter` is a uniform draw in `[0, 1)` from Effect's `Random`.
 */
export const delay = (
  settings: Settings,
  input: {
    readonly failures: number
    readonly jitter: number
    readonly full: boolean
    readonly retryAfterMillis: number | undefined
    readonly expiresInMillis: number | undefined
  }
): number => {
  if (input.retryAfterMillis !== undefined) return Math.max(1, Math.ceil(input.retryAfterMillis))
  const ceil = input.full ? rateLimitCeiling(settings, input.failures) : ceiling(settings, input.failures)
  const wait = input.full ? ceil * input.jitter : ceil / 2 + (ceil / 2) * input.jitter
  const capped = input.expiresInMillis === undefined
    ? wait
    : Math.min(wait, Math.max(settings.base, input.expiresInMillis / 2))
  return Math.max(1, Math.ceil(capped))
}
