/**
 * A `TokenStore` on Redis: every instance with the same access key and token URL shares one token.
 *
 * - **Single flight across the fleet.** An instance without a token reads the stored one; if there is
 *   none, it takes a lock (`SET NX PX`) and sends the one token request, stores the token and releases
 *   the lock; the others poll (from every 20 ms to every 250 ms, jittered) and adopt the stored token, with its
 *   absolute `issuedAt` and `expiresAt`, without a request.
 * - **One refresh.** At 80% of the life, the first instance to reach its refresh takes the lock and
 *   fetches; the others find a newer token and adopt it.
 * - **Compare-and-swap invalidation.** A Lua script deletes the stored token only if it is the one an
 *   API rejected, and an instance never adopts a token it saw rejected.
 * - **Encrypted.** AES-256-GCM under a key derived (HKDF-SHA256) from the key secret, under a Redis key
 *   that hashes key id and token URL, with a TTL at the token's expiry. The secret is never stored.
 * - **Never a single point of failure.** Each command has a deadline (`commandTimeout`, 500 ms), and
 *   waiting for another instance at most `maxWait` (15 s); then, or on any Redis error, the instance
 *   sends its own request. Sharing resumes by itself when Redis answers again.
 *
 * Times are the provider's `Clock` (epoch millis): the instances' clocks must agree (NTP), as for any
 * token expiry.
 *
 * @since 0.2.0
 */
import { TokenStore } from "@sinch-effect/auth-core"
import type { Duration } from "effect"
import { Effect, Layer } from "effect"
import * as internal from "./internal/tokenStore.js"
import { RedisClient } from "./RedisClient.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** Prefix of every Redis key. Default `sinch-effect:`. */
  readonly prefix?: string | undefined
  /** Deadline of one Redis command. Default 500 millis. */
  readonly commandTimeout?: Duration.DurationInput | undefined
  /** How long the fetching instance holds the lock at most (it releases it when done). Default 15 s. */
  readonly lockTtl?: Duration.DurationInput | undefined
  /** How long an instance waits for another one's token before it sends its own request. Default 15 s. */
  readonly maxWait?: Duration.DurationInput | undefined
  /** First pause between two reads while another instance fetches (plus up to half as much jitter). Default 20 millis. */
  readonly pollInterval?: Duration.DurationInput | undefined
  /** The pause grows by half each time, up to this. Default 250 millis. */
  readonly maxPollInterval?: Duration.DurationInput | undefined
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const make = (options?: Options): Effect.Effect<TokenStore.Service, never, RedisClient> =>
  Effect.map(RedisClient, (redis) => internal.make(redis, options))

/**
 * Provide it to `TokenProvider.layer` (or `Sinch.layerConfig`): the provider uses the store it finds.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<TokenStore.TokenStore, never, RedisClient> =>
  Layer.effect(TokenStore.TokenStore, make(options))
