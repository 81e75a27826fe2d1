import { describe, expect, it } from "@effect/vitest"
import { AccessToken, TokenMetrics } from "@sinch-effect/auth-core"
import { Effect, Fiber, Redacted, Supervisor, TestClock } from "effect"
import { adjustTo, count, eventually, provider, quiesce, sleepingUntil } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

const valueOf = (token: AccessToken.AccessToken) => Redacted.value(token.value)

const invalidations = Effect.all({
  applied: count(TokenMetrics.invalidationsByResult("applied")),
  stale: count(TokenMetrics.invalidationsByResult("stale"))
})

describe("TokenProvider.invalidate (compare-and-swap)", () => {
  it.scoped("drops the cached token only if it is still the rejected one; a stale invalidation causes no fetch", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint)
      const before = yield* invalidations
      const first = yield* tp.get
      yield* tp.invalidate(first)
      const second = yield* tp.get
      expect(valueOf(second)).toBe("planted-token-2")
      expect(second.generation).toBe(2)
      expect(endpoint.stats.requests).toBe(2)

      yield* tp.invalidate(first)
      yield* quiesce
      const again = yield* tp.get
      expect(again).toBe(second)
      expect(endpoint.stats.requests).toBe(2)
      const after = yield* invalidations
      expect(after.applied - before.applied).toBe(1)
      expect(after.stale - before.stale).toBe(1)
    }))

  it.scoped("100 concurrent 401s on one token (some arriving after the refresh) cause exactly 1 new request", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.token(), Reply.token({ delay: "1 second" }))
      const tp = yield* provider(endpoint)
      const before = yield* invalidations
      const rejected = yield* tp.get
      const onUnauthorized = Effect.zipRight(tp.invalidate(rejected), tp.get)

      const early = yield* Effect.fork(
        Effect.all(Array.from({ length: 50 }, () => onUnauthorized), { concurrency: "unbounded" })
      )
      yield* sleepingUntil(1000, "the replacement request")
      yield* TestClock.adjust("1 second")
      const earlyTokens = yield* Fiber.join(early)
      // Late 401s for the old token, answered after the replacement arrived, must not drop it.
      const lateTokens = yield* Effect.all(Array.from({ length: 50 }, () => onUnauthorized), {
        concurrency: "unbounded"
      })
      yield* quiesce
      expect(new Set([...earlyTokens, ...lateTokens].map(valueOf))).toEqual(new Set(["planted-token-2"]))
      expect(endpoint.stats.requests).toBe(2)
      expect(endpoint.stats.maxInFlight).toBe(1)
      const after = yield* invalidations
      expect(after.applied - before.applied).toBe(1)
      expect(after.stale - before.stale).toBe(99)
    }))

  it.scoped("a token of the same generation from another provider is not the cached one", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint)
      const mine = yield* tp.get
      const foreign = new AccessToken.AccessToken({ ...mine, value: Redacted.make("planted-token-foreign") })
      yield* tp.invalidate(foreign)
      expect(yield* tp.get).toBe(mine)
      expect(endpoint.stats.requests).toBe(1)
    }))

  it.scoped("an invalidation during a refresh joins the refresh in flight", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.token(), Reply.token({ delay: "5 seconds" }))
      const tp = yield* provider(endpoint)
      const first = yield* tp.get
      yield* adjustTo(first.refreshAt)
      yield* sleepingUntil(first.refreshAt + 5000, "the slow refresh")
      yield* tp.invalidate(first)
      const caller = yield* Effect.fork(tp.get)
      yield* TestClock.adjust("5 seconds")
      expect(valueOf(yield* Fiber.join(caller))).toBe("planted-token-2")
      expect(endpoint.stats.requests).toBe(2)
    }))

  it.scoped("an applied invalidation stops the refresh timer of the dropped token", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const fibers = yield* Supervisor.track
      const live = (n: number) => eventually(Effect.map(fibers.value, (all) => all.length === n), `${n} live fibers`)
      const tp = yield* provider(endpoint).pipe(Effect.supervised(fibers))
      const first = yield* tp.get.pipe(Effect.supervised(fibers))
      yield* live(1)
      yield* tp.invalidate(first)
      yield* live(0)
      const second = yield* tp.get.pipe(Effect.supervised(fibers))
      yield* live(1)
      yield* adjustTo(Math.max(first.refreshAt, second.refreshAt))
      yield* eventually(() => endpoint.stats.requests === 3, "the refresh of the second token")
      yield* quiesce
      expect(endpoint.stats.requests).toBe(3)
      expect(valueOf(yield* tp.get)).toBe("planted-token-3")
    }))
})
