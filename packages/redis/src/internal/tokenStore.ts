import type { AccessToken, TokenStore } from "@sinch-effect/auth-core"
import { Clock, Duration, Effect, Either, Random, Redacted } from "effect"
import type { Redis } from "ioredis"
import type { Options } from "../RedisTokenStore.js"
import * as Crypto from "./crypto.js"
import type { RedisDown } from "./redisOps.js"
import { command, liveNow, sleepLive } from "./redisOps.js"

/** Deletes the stored token only if it is still the rejected one (its fingerprint starts the entry). */
const invalidateScript = `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/** Releases the lock only if this instance still owns it (it may have expired and been taken since). */
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

/**
 * One round trip per poll: the stored token if there is one, else the lock if it is free (SET NX PX).
 * Answers `[1, sealed]`, `[2]` (locked by this instance) or `[0]` (another instance holds the lock).
 * Taking the lock only where no token is stored makes a separate re-check after locking unnecessary.
 */
const readOrLockScript = `local v = redis.call('GET', KEYS[1])
if v then return {1, v} end
if redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2], 'NX') then return {2} end
return {0}`

/** How many rejected fingerprints an instance remembers, so that it never adopts one again. */
const rejectedMemory = 64

/** One poll: a token to adopt, the lock taken by this instance, or the lock held by another. */
type Step =
  | { readonly _tag: "Stored"; readonly token: TokenStore.StoredToken }
  | { readonly _tag: "Locked" }
  | { readonly _tag: "Busy" }

type Outcome<E> =
  | { readonly _tag: "Adopt"; readonly token: TokenStore.StoredToken }
  | { readonly _tag: "Fetched"; readonly result: Either.Either<TokenStore.StoredToken, E> }
  | { readonly _tag: "Local"; readonly why: RedisDown["reason"] | "wait" }

export const make = (redis: Redis, options: Options = {}): TokenStore.Service => {
  const prefix = options.prefix ?? "sinch-effect:"
  const timeout = Duration.toMillis(options.commandTimeout ?? Duration.millis(500))
  const lockTtl = Duration.toMillis(options.lockTtl ?? Duration.seconds(15))
  const maxWait = Duration.toMillis(options.maxWait ?? Duration.seconds(15))
  const poll = Math.max(1, Duration.toMillis(options.pollInterval ?? Duration.millis(20)))
  const maxPoll = Math.max(poll, Duration.toMillis(options.maxPollInterval ?? Duration.millis(250)))
  const keyCache = new Map<string, Crypto.Keys>()
  const rejected = new Set<string>()
  let healthy = true

  // Derived once per key: HKDF is cheap, but not free on every poll.
  const keysOf = (key: TokenStore.Key): Crypto.Keys => {
    const id = `${key.keyId}\n${key.tokenUrl}\n${Redacted.value(key.keySecret)}`
    let keys = keyCache.get(id)
    if (keys === undefined) {
      keys = Crypto.keysFor(prefix, key)
      keyCache.set(id, keys)
    }
    return keys
  }

  const run = <A>(f: (redis: Redis) => Promise<A>) => command(redis, timeout, f)

  /** `sealed` if it opens, is valid by the caller's clock, was not rejected here, and is newer than `held`. */
  const adoptable = (keys: Crypto.Keys, held: AccessToken.AccessToken | undefined, sealed: string | null) =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      if (sealed === null) return undefined
      const token = Crypto.open(keys, sealed)
      if (token === undefined || now >= token.expiresAt) return undefined
      if (rejected.has(Crypto.fingerprint(keys, token.value))) return undefined
      if (held !== undefined && token.issuedAt <= held.issuedAt) return undefined
      return token
    })

  /**
   * Reads the stored token and, where there is none, takes the lock, in one round trip. A stored token
   * that this instance may not adopt (rejected here, or not newer than the one it holds) does not stop
   * it from taking the lock: that costs a second command, on that rare path only.
   */
  const readOrLock = (
    keys: Crypto.Keys,
    held: AccessToken.AccessToken | undefined,
    owner: string
  ): Effect.Effect<Step, RedisDown> =>
    Effect.flatMap(
      run((r) => r.eval(readOrLockScript, 2, keys.storageKey, keys.lockKey, owner, lockTtl) as Promise<Array<unknown>>),
      (reply) => {
        if (reply[0] === 2) return Effect.succeed<Step>({ _tag: "Locked" })
        if (reply[0] !== 1) return Effect.succeed<Step>({ _tag: "Busy" })
        return Effect.flatMap(adoptable(keys, held, String(reply[1])), (token): Effect.Effect<Step, RedisDown> =>
          token !== undefined
            ? Effect.succeed({ _tag: "Stored", token })
            : Effect.map(
              run((r) =>
                r.set(keys.lockKey, owner, "PX", lockTtl, "NX")
              ),
              (locked): Step => locked === "OK" ? { _tag: "Locked" } : { _tag: "Busy" }
            ))
      }
    )

  const put = (keys: Crypto.Keys, token: TokenStore.StoredToken) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      token.expiresAt - now < 1
        ? Effect.void
        : Effect.ignore(
          run((r) => r.set(keys.storageKey, Crypto.seal(keys, token), "PX", Math.floor(token.expiresAt - now)))
        ))

  /**
   * The shared part: adopt a stored token, or fetch under the lock and store the result, or wait for the
   * instance that holds the lock. Bounded by `maxWait` (live clock); any Redis failure ends it.
   */
  const shared = <E>(keys: Crypto.Keys, options: TokenStore.ObtainOptions<E>): Effect.Effect<Outcome<E>, RedisDown> =>
    Effect.gen(function*() {
      const deadline = liveNow() + maxWait
      const owner = (yield* Random.nextInt).toString(36) + liveNow().toString(36)
      let pause = poll
      for (let round = 0; liveNow() < deadline && round < 100_000; round++) {
        const step = yield* readOrLock(keys, options.held, owner)
        if (step._tag === "Stored") return { _tag: "Adopt", token: step.token } as const
        if (step._tag === "Locked") {
          const result = yield* Effect.either(options.fetch)
          if (Either.isRight(result)) yield* put(keys, result.right)
          yield* Effect.ignore(run((r) => r.eval(releaseScript, 1, keys.lockKey, owner)))
          return { _tag: "Fetched", result } as const
        }
        // Another instance is fetching: poll until it stores the token, at first every 20 ms, then less
        // often (x1.5 each time, up to 250 ms), with jitter: a thousand waiters must not saturate Redis
        // or their own event loops while the one request is on its way.
        yield* sleepLive(pause + Math.floor(Math.random() * pause / 2))
        pause = Math.min(maxPoll, Math.ceil(pause * 1.5))
      }
      return { _tag: "Local", why: "wait" } as const
    })

  const obtain: TokenStore.Service["obtain"] = (key, options) =>
    Effect.gen(function*() {
      const keys = keysOf(key)
      const outcome = yield* Effect.catchAll(
        shared(keys, options),
        (down) => Effect.succeed({ _tag: "Local", why: down.reason } as const)
      )
      switch (outcome._tag) {
        case "Adopt":
          healthy = true
          return outcome.token
        case "Fetched":
          healthy = true
          return yield* outcome.result
        case "Local": {
          if (healthy || outcome.why === "wait") {
            yield* Effect.logWarning("Redis token store unavailable; this instance requests its own token").pipe(
              Effect.annotateLogs({ reason: outcome.why })
            )
          }
          healthy = outcome.why === "wait"
          const token = yield* options.fetch
          // Shares it if Redis is back (bounded like every command; a failure changes nothing).
          yield* put(keys, token)
          return token
        }
      }
    })

  const invalidate: TokenStore.Service["invalidate"] = (key, token) =>
    Effect.suspend(() => {
      const keys = keysOf(key)
      const fp = Crypto.fingerprint(keys, token.value)
      rejected.add(fp)
      if (rejected.size > rejectedMemory) rejected.delete(rejected.values().next().value!)
      return Effect.ignore(
        run((r) => r.eval(invalidateScript, 1, keys.storageKey, Crypto.fingerprintPrefix(keys, token.value)))
      )
    })

  return { obtain, invalidate }
}
