/** Backoff bounds, in millis. */
export interface Settings {
  /** First step of the exponential backoff (`retryBase`). */
  readonly base: number
  /** The longest wait of any kind, `Retry-After` included (`retryMax`). */
  readonly max: number
  /** The shortest wait of any kind, `Retry-After: 0` included (`minRetryInterval`). */
  readonly min: number
}

/** `base * 2^(failures - 1)`, capped at `max`. */
export const ceiling = (settings: Settings, failures: number): number =>
  Math.min(settings.max, settings.base * 2 ** Math.min(Math.max(0, failures - 1), 30))

/**
 * The widest 429 window: wider windows leave a throttled bucket idle (200 clients spread over 60 s make
 * 3 attempts a second against a bucket refilling 10 a second), so the last client waits far longer.
 */
const rateLimitMax = 16_000

/** The 429 window grows with the time the throttling has lasted: 40% of it. */
const rateLimitGrowth = 0.4

/** A 429 wait is at least this fraction of its window: the jitter spreads, it never collapses to zero. */
const rateLimitFloor = 0.2

/**
 * The 429 window after `throttledForMillis` of consecutive failures: `0.4 x` that time, between
 * `2 x base` (1 s) and 16 s (and `max`).
 *
 * The window follows how long the bucket has been empty, not how many times this client was refused:
 * a client cannot tell a crowd of 50 (empty for 2 s) from one of 1000 (empty for 97 s) by its own
 * refusals, but the time the throttling has lasted bounds both what the crowd still needs and how long
 * the last client may keep waiting once the bucket refills. Counting refusals (windows of 1 s, 4 s,
 * 16 s) left a fleet of 50 waiting 16 s for a bucket that had refilled after 2 s.
 */
export const rateLimitWindow = (settings: Settings, throttledForMillis: number): number =>
  Math.min(settings.max, rateLimitMax, Math.max(2 * settings.base, rateLimitGrowth * Math.max(0, throttledForMillis)))

/**
 * The wait after the `failures`-th consecutive failed token request, in whole millis, always within
 * `[min, max]`.
 *
 * - 429: jitter over `[0.2, 1] x rateLimitWindow`, and at least `2 x base`, spreads the clients of one
 *   throttled bucket.
 * - Otherwise "equal" jitter (`[ceiling / 2, ceiling]`) of an exponential backoff.
 * - A `Retry-After` from the endpoint is a lower bound of the wait (never sent earlier than asked),
 *   but capped at `max` like every other wait: an answer of `1000000000` or a date in 2099 must not
 *   lock the provider for years.
 * - While a valid token is held (`expiresInMillis`), the wait is capped at half of its remaining life
 *   (but not below `min`), so a refresh gets several chances before the token dies.
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
    /** How long the current run of failures has lasted (from its first failed request to now). */
    readonly failingForMillis?: number | undefined
  }
): number => {
  // A throttled bucket refills a token at a time: a 429 retried sooner than `2 x base` (1 s) only adds
  // refusals (with 1000 clients, thousands a second) and makes the tail no shorter.
  const own = input.full
    ? Math.max(
      2 * settings.base,
      rateLimitWindow(settings, input.failingForMillis ?? 0) * (rateLimitFloor + (1 - rateLimitFloor) * input.jitter)
    )
    : ceiling(settings, input.failures) * (1 + input.jitter) / 2
  const asked = input.retryAfterMillis !== undefined && input.retryAfterMillis > 0 ? input.retryAfterMillis : 0
  // NaN (a Retry-After nobody can read) must not poison the comparisons below.
  const wanted = Math.min(settings.max, Math.max(own, Number.isFinite(asked) ? asked : settings.max))
  const capped = input.expiresInMillis === undefined
    ? wanted
    : Math.min(wanted, input.expiresInMillis / 2)
  return Math.ceil(Math.max(settings.min, capped))
}

/**
 * The most token requests one provider can send in `windowMillis` while every answer fails, whatever
 * the jitter draws: the wait floors above, summed. Used by the tests and quoted in the docs.
 */
export const worstCaseRequests = (settings: Settings, windowMillis: number, full: boolean): number => {
  let elapsed = 0
  let requests = 0
  for (let failures = 1; elapsed <= windowMillis && failures < 100_000; failures++) {
    requests++
    elapsed += delay(settings, {
      failures,
      jitter: 0,
      full,
      retryAfterMillis: undefined,
      expiresInMillis: undefined,
      failingForMillis: elapsed
    })
  }
  return requests
}
