/**
 * A token bucket refilled continuously from the Effect `Clock`, so `TestClock.adjust` refills it exactly.
 *
 * @internal
 */
export interface BucketOptions {
  readonly capacity: number
  readonly refillPerSecond: number
}

/** @internal */
export interface Bucket {
  readonly tokens: number
  readonly updatedAt: number
}

/** @internal */
export const full = (options: BucketOptions, now: number): Bucket => ({ tokens: options.capacity, updatedAt: now })

/**
 * Takes one token if there is one. Returns whether it was taken and the bucket after the attempt.
 *
 * @internal
 */
export const take = (options: BucketOptions, bucket: Bucket, now: number): readonly [boolean, Bucket] => {
  const elapsed = Math.max(0, now - bucket.updatedAt)
  const tokens = Math.min(options.capacity, bucket.tokens + (elapsed * options.refillPerSecond) / 1000)
  return tokens >= 1
    ? [true, { tokens: tokens - 1, updatedAt: now }]
    : [false, { tokens, updatedAt: now }]
}
