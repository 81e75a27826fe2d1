import { Clock, Duration, Effect } from "effect"
import type { Redis } from "ioredis"

/** Redis did not answer in time, or answered with an error: the caller falls back to local work. */
export interface RedisDown {
  readonly _tag: "RedisDown"
  readonly reason: "timeout" | "error"
}

/**
 * Redis I/O happens in real time whatever clock the caller runs on (a `TestClock` does not make a
 * socket answer sooner): deadlines and pauses between polls use the live clock.
 */
export const live: Clock.Clock = Clock.make()

export const liveNow = (): number => live.unsafeCurrentTimeMillis()

export const sleepLive = (millis: number): Effect.Effect<void> =>
  Effect.withClock(Effect.sleep(Duration.millis(millis)), live)

/**
 * One command with its own deadline (ioredis has one too; this one also covers a command stuck before
 * it is written). Never a defect: every failure is `RedisDown`.
 */
export const command = <A>(
  redis: Redis,
  timeoutMillis: number,
  run: (redis: Redis) => Promise<A>
): Effect.Effect<A, RedisDown> =>
  Effect.tryPromise({ try: () => run(redis), catch: (): RedisDown => ({ _tag: "RedisDown", reason: "error" }) }).pipe(
    Effect.timeoutFail({
      duration: Duration.millis(timeoutMillis),
      onTimeout: (): RedisDown => ({ _tag: "RedisDown", reason: "timeout" })
    }),
    Effect.withClock(live)
  )
