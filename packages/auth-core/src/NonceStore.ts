/**
 * Remembers the nonces (or signatures) of accepted webhooks, so that a captured request sent again
 * within its freshness window is rejected as a replay. The in-memory store is bounded and forgets
 * entries by `Clock`; replace it (e.g. with a shared cache) when several servers receive the same
 * webhooks.
 *
 * @since 0.1.0
 */
import { Clock, Context, Duration, Effect, Layer } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Records `key` until `expiresAt` (`Clock` epoch millis; default: now plus the store's ttl) and answers
   * `true` when it was not already recorded, `false` for a replay. Must be atomic: of two concurrent
   * calls with the same key, exactly one answers `true`.
   */
  readonly remember: (key: string, expiresAt?: number | undefined) => Effect.Effect<boolean>
  /**
   * Forgets `key`, so that a delivery whose handling failed can be accepted when it is sent again.
   *
   * @since 0.2.0
   */
  readonly forget: (key: string) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class NonceStore extends Context.Tag("@sinch-effect/auth-core/NonceStore")<NonceStore, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface MemoryOptions {
  /** At most this many keys are kept; beyond it the oldest are forgotten first. Default 100 000. */
  readonly maxEntries?: number | undefined
  /** How long a key is kept when the caller gives no expiry. Default 10 minutes (twice the default window). */
  readonly ttl?: Duration.DurationInput | undefined
}

/**
 * A bounded in-memory store. Expired keys are dropped when the store is full; if it is still full, the
 * oldest keys go first, which only weakens replay protection for requests older than every other one
 * remembered.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory = (options?: MemoryOptions): Effect.Effect<Service> =>
  Effect.sync(() => {
    const maxEntries = Math.max(1, Math.floor(options?.maxEntries ?? 100_000))
    const ttl = Duration.toMillis(options?.ttl ?? Duration.minutes(10))
    // Insertion order is the eviction order.
    const entries = new Map<string, number>()
    const sweep = (now: number) => {
      for (const [key, expiresAt] of entries) {
        if (expiresAt <= now) entries.delete(key)
      }
      for (const key of entries.keys()) {
        if (entries.size < maxEntries) break
        entries.delete(key)
      }
    }
    return NonceStore.of({
      remember: (key, expiresAt) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          const known = entries.get(key)
          if (known !== undefined && known > now) return false
          entries.delete(key)
          if (entries.size >= maxEntries) sweep(now)
          entries.set(key, expiresAt ?? now + ttl)
          return true
        }),
      forget: (key) => Effect.sync(() => entries.delete(key))
    })
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layerMemory = (options?: MemoryOptions): Layer.Layer<NonceStore> =>
  Layer.effect(NonceStore, makeMemory(options))
