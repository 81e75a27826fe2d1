import type { Duration } from "effect"
import { Clock, Context, Effect, Fiber } from "effect"

/**
 * Effect's own clock. Its timers are plain `setTimeout`s, so a deadline on it is armed with a callback
 * instead of a sleeping fiber; any other clock (`TestClock`) gets a sleeping fiber, as it must.
 *
 * @internal
 */
export const liveClock: Clock.Clock = Effect.runSync(Effect.clock)

/** The longest delay `setTimeout` honours; a longer deadline never fires (as with Effect's own clock). */
const maxTimerMillis = 2 ** 31 - 1

/** @internal */
export interface Timers<E> {
  /** Arms a deadline: when `duration` passes before the body ends, the race ends with `onTimeout()`. */
  readonly arm: (duration: Duration.Duration, onTimeout: () => E) => Effect.Effect<void>
}

/**
 * Runs `body` on one fiber of its own and lets it arm deadlines (`Timers.arm`) as it goes; `first`, if
 * given, is armed at once. The first deadline to pass interrupts the body, waits for it to stop, and
 * fails with its error. Interrupting the caller interrupts the body. What `Effect.timeoutFail` does,
 * with one fiber instead of two, no sleeping fiber on the live clock, and no FiberRef merge.
 *
 * @internal
 */
export const race = <A, E, R, E2>(
  body: (timers: Timers<E2>) => Effect.Effect<A, E, R>,
  first?: { readonly duration: Duration.Duration; readonly onTimeout: () => E2 } | undefined
): Effect.Effect<A, E | E2, R> =>
  Effect.withFiberRuntime<A, E | E2, R>((parent) => {
    const clock = Context.get(parent.currentDefaultServices, Clock.Clock)
    let settled = false
    let resume: ((effect: Effect.Effect<A, E | E2>) => void) | undefined
    let pending: Effect.Effect<A, E | E2> | undefined
    let child: Fiber.RuntimeFiber<A, E> | undefined
    const cancels: Array<() => void> = []

    const settle = (effect: Effect.Effect<A, E | E2>): void => {
      if (settled) return
      settled = true
      for (const cancel of cancels) cancel()
      if (resume === undefined) pending = effect
      else resume(effect)
    }

    const expire = (onTimeout: () => E2) => (): void => {
      if (settled) return
      const fiber = child
      if (fiber === undefined) return settle(Effect.fail(onTimeout()))
      fiber.unsafeInterruptAsFork(parent.id())
      settle(Effect.zipRight(Fiber.await(fiber), Effect.fail(onTimeout())))
    }

    const timers: Timers<E2> = {
      arm: clock === liveClock
        ? (duration, onTimeout) =>
          Effect.sync(() => {
            const millis = Math.max(0, Math.ceil(durationMillis(duration)))
            if (settled || millis > maxTimerMillis) return
            const handle = setTimeout(expire(onTimeout), millis)
            cancels.push(() => clearTimeout(handle))
          })
        : (duration, onTimeout) =>
          Effect.flatMap(
            Effect.forkDaemon(Effect.zipRight(clock.sleep(duration), Effect.sync(expire(onTimeout)))),
            (sleeper) =>
              Effect.sync(() => {
                if (settled) sleeper.unsafeInterruptAsFork(parent.id())
                else cancels.push(() => sleeper.unsafeInterruptAsFork(parent.id()))
              })
          )
    }

    return Effect.flatMap(Effect.forkDaemon(body(timers)), (fiber) => {
      child = fiber
      const wait = Effect.async<A, E | E2>((callback) => {
        resume = callback
        if (pending !== undefined) callback(pending)
        fiber.addObserver(settle)
        return Effect.suspend(() => {
          settled = true
          for (const cancel of cancels) cancel()
          return Effect.asVoid(Fiber.interrupt(fiber))
        })
      })
      return first === undefined ? wait : Effect.zipRight(timers.arm(first.duration, first.onTimeout), wait)
    })
  })

const durationMillis = (duration: Duration.Duration): number => {
  const value = duration.value
  switch (value._tag) {
    case "Millis":
      return value.millis
    case "Nanos":
      return Number(value.nanos) / 1_000_000
    case "Infinity":
      return Number.POSITIVE_INFINITY
  }
}
