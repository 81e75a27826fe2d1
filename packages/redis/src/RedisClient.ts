/**
 * One ioredis connection, shared by the Redis stores of an instance. It is tuned so that a Redis
 * outage costs a bounded wait and never a failed call: commands fail at once while disconnected (no
 * offline queue), each command has a deadline, and the client reconnects in the background.
 *
 * @since 0.2.0
 */
import { Config, Context, Duration, Effect, Layer, Option } from "effect"
import type { ConfigError } from "effect/ConfigError"
import { Redis } from "ioredis"
import { live } from "./internal/redisOps.js"

/**
 * @since 0.2.0
 * @category tags
 */
export class RedisClient extends Context.Tag("@sinch-effect/redis/RedisClient")<RedisClient, Redis>() {}

/**
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  readonly url: string
  /** Deadline of each command. Default 500 millis. */
  readonly commandTimeout?: Duration.DurationInput | undefined
  /**
   * How long building the layer waits for the first connection. Default 1 second. When Redis is down,
   * the layer is built anyway after this wait and the stores work locally until it connects.
   */
  readonly connectWait?: Duration.DurationInput | undefined
}

/**
 * A connection that lives as long as the current scope. Building it waits for the first connection
 * at most `connectWait`: when Redis is down the layer is built anyway, the stores fall back to
 * local work, and the client keeps reconnecting.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (options: Options) =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const timeout = Duration.toMillis(options.commandTimeout ?? Duration.millis(500))
      const redis = new Redis(options.url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: timeout,
        connectTimeout: Math.max(timeout, 1000),
        // Reconnect quickly, then every 2 s at most: sharing resumes soon after Redis is back.
        retryStrategy: (times) => Math.min(50 * times, 2000)
      })
      // Without a listener, ioredis reports every connection error on stderr; the stores report outages.
      redis.on("error", () => {})
      const ready = Effect.async<void>((resume) => {
        if (redis.status === "ready") return resume(Effect.void)
        const done = () => resume(Effect.void)
        redis.once("ready", done)
        return Effect.sync(() => redis.off("ready", done))
      })
      const wait = options.connectWait ?? Duration.seconds(1)
      return Effect.as(Effect.ignore(Effect.withClock(Effect.timeout(ready, wait), live)), redis)
    }),
    (redis) => Effect.sync(() => redis.disconnect(false))
  )

/**
 * @since 0.2.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<RedisClient> => Layer.scoped(RedisClient, make(options))

/**
 * The URL from `SINCH_REDIS_URL`.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerConfig = (): Layer.Layer<RedisClient, ConfigError> =>
  Layer.unwrapEffect(Effect.map(Config.string("SINCH_REDIS_URL"), (url) => layer({ url })))

/**
 * `SINCH_REDIS_URL` if set.
 *
 * @since 0.2.0
 * @category config
 */
export const urlConfig: Config.Config<Option.Option<string>> = Config.option(Config.string("SINCH_REDIS_URL"))
