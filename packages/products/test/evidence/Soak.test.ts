/**
 * Soak: 30 simulated days of steady traffic over Numbers, Elastic SIP Trunking and Conversation on
 * one shared token (in-process emulator, token TTL 3600 s, everything under `TestClock`).
 *
 * Traffic is one call per product every simulated 4 hours (180 rounds, 540 calls, landing at every
 * phase of the ~47-minute refresh cycle). The cadence is coarse on purpose: every instant the
 * `TestClock` passes a sleep costs a real millisecond or more (it waits for forked work to suspend),
 * each refresh leaves two such instants (its timer and its request deadline) and each call one (its
 * deadline), so the ~900 refreshes alone take most of this test's time; denser traffic would exercise
 * nothing more, as the token lifecycle runs on its own timer at exact instants whatever the traffic.
 */
import { describe, expect, it } from "@effect/vitest"
import { TokenProvider } from "@sinch-effect/auth-core"
import { EmulatorControl } from "@sinch-effect/emulator"
import { Clock, Context, Duration, Effect, Exit, Layer, Scope, Supervisor, TestClock } from "effect"
import { eventually, inProcess, touchAllProducts } from "./utils/harness.js"

const ttl = Duration.hours(1)
const days = 30
const round = Duration.hours(4)
const rounds = Duration.toMillis(Duration.days(days)) / Duration.toMillis(round)

describe("30-day soak under TestClock", () => {
  it.effect(
    "token requests = 30 days / (0.8 x TTL) within one, flat fiber count, nothing left after close",
    () =>
      Effect.gen(function*() {
        const supervisor = yield* Supervisor.track
        const live = Effect.map(supervisor.value, (fibers) => fibers.length)
        const scope = yield* Scope.make()
        const context = yield* Layer.buildWithScope(
          inProcess({ emulator: { tokenTtl: ttl, recentRequests: 10_000 } }),
          scope
        ).pipe(Effect.supervised(supervisor))
        const traffic = touchAllProducts.pipe(Effect.provide(context), Effect.supervised(supervisor))
        const control = Context.get(context, EmulatorControl.EmulatorControl)

        const start = yield* Clock.currentTimeMillis
        const fibersPerDay: Array<number> = []
        let calls = 0
        for (let i = 0; i < rounds; i++) {
          yield* traffic
          calls += 3
          yield* TestClock.adjust(round)
          if ((i + 1) % (rounds / days) === 0) fibersPerDay.push(yield* live)
        }
        const end = yield* Clock.currentTimeMillis
        expect(end - start).toBe(Duration.toMillis(Duration.days(days)))

        const seen = yield* control.counters
        const tokenTimes = seen.recentRequests.filter((r) => r.api === "auth").map((r) => r.at)
        expect(tokenTimes).toHaveLength(seen.tokenRequests.total)
        // Each refresh starts at 80% of the token's life, never earlier, plus at most 0.2% of it (seeded jitter).
        const ttlMillis = Duration.toMillis(ttl)
        for (let i = 1; i < tokenTimes.length; i++) {
          const interval = tokenTimes[i]! - tokenTimes[i - 1]!
          expect(interval).toBeGreaterThanOrEqual(0.8 * ttlMillis)
          expect(interval).toBeLessThanOrEqual(0.802 * ttlMillis)
        }
        // No refresh missed at the end either.
        expect(end - tokenTimes.at(-1)!).toBeLessThanOrEqual(0.802 * ttlMillis)
        // The measure: token requests = 30 days / (0.8 x TTL) = 900, within one.
        const span = end - start
        const nominal = span / (0.8 * ttlMillis)
        expect(nominal).toBe(900)
        expect(Math.abs(seen.tokenRequests.total - nominal)).toBeLessThanOrEqual(1)
        expect(seen.tokenRequests.byOutcome).toEqual({ issued: seen.tokenRequests.total })
        expect(seen.tokenRequestsMaxInFlight).toBe(1)
        // Every user call reached its API exactly once: no 401, no resend, no failure.
        const apiRequests = (seen.requestsByApi["numbers"] ?? 0) + (seen.requestsByApi["est"] ?? 0) +
          (seen.requestsByApi["conversation"] ?? 0)
        expect(apiRequests).toBe(calls)

        // Flat: at the end of every day exactly one live fiber, the refresh timer.
        expect(fibersPerDay).toEqual(Array.from({ length: days }, () => 1))

        const provider = Context.get(context, TokenProvider.TokenProvider)
        expect((yield* provider.snapshot).requests).toBe(seen.tokenRequests.total)

        yield* Scope.close(scope, Exit.void)
        yield* eventually(Effect.map(live, (n) => n === 0), "no live fiber after close")
        // (`TestClock.sleeps()` keeps the instants of interrupted sleepers, so live fibers are the measure.)
        yield* TestClock.adjust(Duration.days(7))
        expect((yield* control.counters).tokenRequests.total).toBe(seen.tokenRequests.total)
      }),
    { timeout: 60_000 }
  )
})
