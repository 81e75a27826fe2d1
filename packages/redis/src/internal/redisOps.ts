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
 * it is written, e.g. on a client with an offline queue). Never a defect: every failure is `RedisDown`.
 * The deadline is a plain timer on the real clock, not a forked fiber: a fleet's waiters run many
 * commands, and each must stay cheap.
 */
export const command = <A>(
  redis: Redis,
  timeoutMillis: number,
  run: (redis: Redis) => Promise<A>
): Effect.Effect<A, RedisDown> =>
  Effect.async<A, RedisDown>((resume) => {
    let settled = false
    const settle = (effect: Effect.Effect<A, RedisDown>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resume(effect)
    }
    const timer = setTimeout(() => settle(Effect.fail({ _tag: "RedisDown", reason: "timeout" })), timeoutMillis)
    try {
      run(redis).then(
        (value) => settle(Effect.succeed(value)),
        () => settle(Effect.fail({ _tag: "RedisDown", reason: "error" }))
      )
    } catch {
      settle(Effect.fail({ _tag: "RedisDown", reason: "error" }))
    }
    return Effect.sync(() => {
      settled = true
      clearTimeout(timer)
    })
  })
