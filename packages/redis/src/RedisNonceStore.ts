/**
 * A `NonceStore` on Redis: a webhook delivered to several instances behind a load balancer is accepted
 * once in the whole fleet. `remember` is one atomic `SET key 1 NX PX ttl`; `forget` is `DEL`.
 *
 * If Redis fails or does not answer within `commandTimeout`, the instance falls back to its own memory
 * store for that delivery (replay protection per instance, as without Redis) rather than rejecting
 * webhooks it cannot check.
 *
 * @since 0.2.0
 */
import { NonceStore } from "@sinch-effect/auth-core"
import { Clock, Duration, Effect, Layer } from "effect"
import { command } from "./internal/redisOps.js"
import { RedisClient } from "./RedisClient.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** Prefix of every Redis key. Default `sinch-effect:nonce:`. */
  readonly prefix?: string | undefined
  /** How long a key is kept when the caller gives no expiry. Default 10 minutes. */
  readonly ttl?: Duration.DurationInput | undefined
  /** Deadline of one Redis command. Default 500 millis. */
  readonly commandTimeout?: Duration.DurationInput | undefined
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const make = (options?: Options): Effect.Effect<NonceStore.Service, never, RedisClient> =>
  Effect.gen(function*() {
    const redis = yield* RedisClient
    const local = yield* NonceStore.makeMemory(options?.ttl === undefined ? {} : { ttl: options.ttl })
    const prefix = options?.prefix ?? "sinch-effect:nonce:"
    const ttl = Duration.toMillis(options?.ttl ?? Duration.minutes(10))
    const timeout = Duration.toMillis(options?.commandTimeout ?? Duration.millis(500))
    return NonceStore.NonceStore.of({
      remember: (key, expiresAt) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const px = Math.max(1, Math.ceil(expiresAt === undefined ? ttl : expiresAt - now))
          return command(redis, timeout, (r) => r.set(`${prefix}${key}`, "1", "PX", px, "NX")).pipe(
            Effect.map((answer) => answer === "OK"),
            Effect.catchAll(() =>
              Effect.zipRight(
                Effect.logWarning("Redis nonce store unavailable; replay protection is per instance for now"),
                local.remember(key, expiresAt)
              )
            )
          )
        }),
      forget: (key) =>
        Effect.zipRight(local.forget(key), Effect.ignore(command(redis, timeout, (r) => r.del(`${prefix}${key}`))))
    })
  })

/**
 * @since 0.2.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<NonceStore.NonceStore, never, RedisClient> =>
  Layer.effect(NonceStore.NonceStore, make(options))
