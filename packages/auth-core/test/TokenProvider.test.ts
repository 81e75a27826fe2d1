import { describe, expect, it } from "@effect/vitest"
import { AuthError, TokenMetrics } from "@sinch-effect/auth-core"
import { Clock, Duration, Effect, Either, Fiber, Option, Redacted, TestClock } from "effect"
import { adjustTo, captureLogs, count, eventually, gauge, provider, quiesce, sleepingUntil } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

const valueOf = (token: { readonly value: Redacted.Redacted<string> }) => Redacted.value(token.value)

const expectUnavailable = (result: Either.Either<unknown, AuthError.TokenError>) => {
  expect(Either.isLeft(result)).toBe(true)
  const error = Either.getLeft(result).pipe(Option.getOrThrow)
  if (error._tag !== "TokenUnavailable") throw new Error(`expected TokenUnavailable, got ${error._tag}`)
  return error
}

describe("TokenProvider: single flight", () => {
  it.scoped("1000 concurrent first calls send exactly 1 request and all get the same token", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ delay: "100 millis" }) })
      const tp = yield* provider(endpoint)
      const callers = yield* Effect.fork(
        Effect.all(Array.from({ length: 1000 }, () => tp.get), { concurrency: "unbounded" })
      )
      yield* sleepingUntil(100, "the token request in flight")
      yield* TestClock.adjust("100 millis")
      const tokens = yield* Fiber.join(callers)
      expect(tokens).toHaveLength(1000)
      expect(new Set(tokens.map(valueOf))).toEqual(new Set(["planted-token-1"]))
      expect(new Set(tokens.map((token) => token.generation))).toEqual(new Set([1]))
      expect(endpoint.stats.requests).toBe(1)
      expect(endpoint.stats.maxInFlight).toBe(1)
      expect((yield* tp.snapshot).requests).toBe(1)
    }))

  it.scoped("interrupting the first caller does not cancel the shared fetch", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ delay: "1 second" }) })
      const tp = yield* provider(endpoint)
      const first = yield* Effect.fork(tp.get)
      yield* sleepingUntil(1000, "the token request in flight")
      const second = yield* Effect.fork(tp.get)
      yield* Fiber.interrupt(first)
      expect(endpoint.stats.inFlight).toBe(1)
      expect(endpoint.stats.interrupted).toBe(0)
      yield* TestClock.adjust("1 second")
      const token = yield* Fiber.join(second)
      expect(valueOf(token)).toBe("planted-token-1")
      expect(valueOf(yield* tp.get)).toBe("planted-token-1")
      expect(endpoint.stats.requests).toBe(1)
      expect(endpoint.stats.completed).toBe(1)
      expect(endpoint.stats.interrupted).toBe(0)
    }))
})

describe("TokenProvider: expiry and background refresh", () => {
  it.scoped("expiresAt = time sent + expires_in, measured before the request", () =>
    Effect.gen(function*() {
      yield* TestClock.adjust("5 seconds")
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ expiresIn: 100, delay: "2 seconds" }) })
      const tp = yield* provider(endpoint)
      const caller = yield* Effect.fork(tp.get)
      yield* sleepingUntil(7000, "the slow token request")
      yield* TestClock.adjust("2 seconds")
      const token = yield* Fiber.join(caller)
      expect(token.issuedAt).toBe(5000)
      expect(token.expiresAt).toBe(5000 + 100_000)
      expect(token.refreshAt).toBeGreaterThanOrEqual(5000 + 80_000)
      expect(token.refreshAt).toBeLessThanOrEqual(5000 + 80_200)
    }))

  it.scoped("refreshes at 80% of the TTL plus seeded jitter, never earlier; callers meanwhile keep the old token", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ expiresIn: 1000 }) })
      endpoint.enqueue(Reply.token({ expiresIn: 1000 }), Reply.token({ expiresIn: 1000, delay: "5 seconds" }))
      const tp = yield* provider(endpoint)
      const inFlightBefore = yield* gauge(TokenMetrics.refreshInFlight)
      const first = yield* tp.get
      expect(first.refreshAt).toBeGreaterThanOrEqual(800_000)
      expect(first.refreshAt).toBeLessThanOrEqual(802_000)

      yield* TestClock.adjust(Duration.millis(first.refreshAt - 1))
      yield* quiesce
      expect(endpoint.stats.requests).toBe(1)
      expect((yield* tp.snapshot).state).toBe("valid")

      yield* TestClock.adjust("1 millis")
      yield* eventually(() => endpoint.stats.requests === 2, "the background refresh")
      yield* sleepingUntil(first.refreshAt + 5000, "the slow refresh")
      expect((yield* tp.snapshot).state).toBe("refreshing")
      expect((yield* gauge(TokenMetrics.refreshInFlight)) - inFlightBefore).toBe(1)

      const during = yield* Effect.all(Array.from({ length: 100 }, () => tp.get), { concurrency: "unbounded" })
      expect(new Set(during.map((token) => token.generation))).toEqual(new Set([1]))
      expect(endpoint.stats.requests).toBe(2)

      yield* TestClock.adjust("5 seconds")
      yield* eventually(
        Effect.map(tp.snapshot, (s) => Option.exists(s.token, (token) => token.generation === 2)),
        "the refreshed token"
      )
      const second = yield* tp.get
      expect(valueOf(second)).toBe("planted-token-2")
      expect(second.issuedAt).toBe(first.refreshAt)
      expect(second.expiresAt).toBe(first.refreshAt + 1_000_000)
      expect(endpoint.stats.requests).toBe(2)
      expect(endpoint.stats.maxInFlight).toBe(1)
      expect((yield* gauge(TokenMetrics.refreshInFlight)) - inFlightBefore).toBe(0)
      expect((yield* tp.snapshot).state).toBe("valid")
    }))

  it.scoped("the refresh jitter is reproducible from the seed", () =>
    Effect.gen(function*() {
      const refreshAt = (seed: number) =>
        Effect.scoped(Effect.flatMap(provider(TokenEndpoint.make(), { seed }), (tp) => tp.get)).pipe(
          Effect.map((token) => token.refreshAt)
        )
      const a = yield* refreshAt(1)
      const b = yield* refreshAt(1)
      const others = yield* Effect.all([2, 3, 4, 5].map(refreshAt))
      expect(a).toBe(b)
      expect(others.some((other) => other !== a)).toBe(true)
      for (const at of [a, ...others]) {
        expect(at).toBeGreaterThanOrEqual(0.8 * 3_600_000)
        expect(at).toBeLessThanOrEqual(0.802 * 3_600_000)
      }
    }))
})

describe("TokenProvider: failures", () => {
  it.scoped("a failing refresh keeps serving the old token, retries with capped backoff until expiry and never gives up", () =>
    Effect.gen(function*() {
      const logs = captureLogs()
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.status(503, { body: { error: "unavailable" } }) })
      endpoint.enqueue(Reply.token({ expiresIn: 1000 }))
      const tp = yield* provider(endpoint).pipe(Effect.provide(logs.layer))
      const staleBefore = yield* count(TokenMetrics.servedStale)
      const first = yield* tp.get.pipe(Effect.provide(logs.layer))
      yield* adjustTo(first.refreshAt)
      yield* eventually(() => endpoint.stats.statuses.length === 2, "the failed refresh")

      let served = 0
      for (let i = 0; i < 60; i++) {
        const snapshot = yield* tp.snapshot
        if (snapshot.nextAttemptAt === undefined) break
        const now = yield* Clock.currentTimeMillis
        if (now >= first.expiresAt) break
        const token = yield* tp.get
        served++
        expect(token.generation).toBe(1)
        expect(snapshot.state).toBe("refreshing")
        expect(snapshot.lastError?._tag).toBe("TokenUnavailable")
        const answered = endpoint.stats.statuses.length
        yield* adjustTo(snapshot.nextAttemptAt)
        yield* eventually(() => endpoint.stats.statuses.length === answered + 1, `retry ${i + 1}`)
      }
      const times = endpoint.stats.times.slice(1)
      const gaps = times.slice(1).map((time, i) => time - times[i]!)
      // Exponential with equal jitter while far from expiry: the n-th gap lies in [cap/2, cap], cap = 500 * 2^(n-1).
      for (const [n, gap] of gaps.slice(0, 6).entries()) {
        expect(gap).toBeGreaterThanOrEqual(250 * 2 ** n)
        expect(gap).toBeLessThanOrEqual(500 * 2 ** n)
      }
      expect(gaps.every((gap) => gap <= 60_000)).toBe(true)
      // Capped below expiry: every retry but the last lands while the old token is still valid.
      expect(times.slice(0, -1).every((time) => time < first.expiresAt)).toBe(true)
      expect(times.length).toBeGreaterThanOrEqual(10)
      expect(times.length).toBeLessThanOrEqual(40)
      expect(endpoint.stats.maxInFlight).toBe(1)
      expect((yield* count(TokenMetrics.servedStale)) - staleBefore).toBe(served)
      // One warning per refresh that failed while the old token was valid, and nothing else.
      const warnings = logs.lines.filter((line) => line.includes("token refresh failed"))
      const failedWhileValid = times.filter((time) => time < first.expiresAt).length
      expect(warnings).toHaveLength(failedWhileValid)
      expect(logs.lines).toHaveLength(failedWhileValid)

      // Expired, endpoint still down: callers fail fast until the backoff ends, then a call tries again.
      const requests = endpoint.stats.requests
      const snapshot = yield* tp.snapshot
      const now = yield* Clock.currentTimeMillis
      expect(now).toBeGreaterThanOrEqual(first.expiresAt)
      if (snapshot.nextAttemptAt !== undefined) {
        const error = expectUnavailable(yield* Effect.either(tp.get))
        expect(error.retryAt).toBe(snapshot.nextAttemptAt)
        yield* adjustTo(snapshot.nextAttemptAt)
      }
      endpoint.setDefault(Reply.token({ expiresIn: 1000 }))
      const second = yield* tp.get
      expect(second.generation).toBe(2)
      expect(endpoint.stats.requests).toBe(requests + 1)
      expect((yield* tp.snapshot).lastError).toBeUndefined()
    }))

  it.scoped("no valid token and the endpoint failing: one request in flight, callers fail fast until retryAt", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.status(503, { delay: "1 second" }) })
      const tp = yield* provider(endpoint)
      const callers = yield* Effect.fork(
        Effect.all(Array.from({ length: 50 }, () => Effect.either(tp.get)), { concurrency: "unbounded" })
      )
      yield* sleepingUntil(1000, "the failing request")
      yield* TestClock.adjust("1 second")
      const results = yield* Fiber.join(callers)
      const errors = results.map(expectUnavailable)
      expect(endpoint.stats.requests).toBe(1)
      expect(endpoint.stats.maxInFlight).toBe(1)
      expect(new Set(errors.map((error) => error.reason))).toEqual(new Set(["server-error"]))
      expect(new Set(errors.map((error) => error.status))).toEqual(new Set([503]))
      const retryAt = errors[0]!.retryAt!
      expect(new Set(errors.map((error) => error.retryAt))).toEqual(new Set([retryAt]))
      // First failure: equal jitter in [250, 500] millis after the answer.
      expect(retryAt - 1000).toBeGreaterThanOrEqual(250)
      expect(retryAt - 1000).toBeLessThanOrEqual(500)

      const during = yield* Effect.all(Array.from({ length: 50 }, () => Effect.either(tp.get)))
      for (const error of during.map(expectUnavailable)) {
        expect(error.reason).toBe("backoff")
        expect(error.retryAt).toBe(retryAt)
      }
      expect(endpoint.stats.requests).toBe(1)
      const snapshot = yield* tp.snapshot
      expect(snapshot.state).toBe("backoff")
      expect(snapshot.nextAttemptAt).toBe(retryAt)
      expect(Option.isNone(snapshot.token)).toBe(true)

      yield* adjustTo(retryAt - 1)
      expect(Either.isLeft(yield* Effect.either(tp.get))).toBe(true)
      expect(endpoint.stats.requests).toBe(1)
      yield* TestClock.adjust("1 millis")
      endpoint.setDefault(Reply.token())
      const token = yield* tp.get
      expect(valueOf(token)).toBe("planted-token-1")
      expect(endpoint.stats.requests).toBe(2)
    }))

  it.scoped("consecutive failures back off exponentially, each attempt sent by a caller after retryAt", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.transport() })
      const tp = yield* provider(endpoint, { retryBase: "1 second", retryMax: "8 seconds" })
      const waits: Array<number> = []
      for (let i = 0; i < 6; i++) {
        const error = expectUnavailable(yield* Effect.either(tp.get))
        expect(error.reason).toBe("unreachable")
        const now = yield* Clock.currentTimeMillis
        waits.push(error.retryAt! - now)
        yield* adjustTo(error.retryAt!)
      }
      expect(endpoint.stats.requests).toBe(6)
      const caps = [1000, 2000, 4000, 8000, 8000, 8000]
      for (const [i, wait] of waits.entries()) {
        expect(wait).toBeGreaterThanOrEqual(caps[i]! / 2)
        expect(wait).toBeLessThanOrEqual(caps[i]!)
      }
    }))

  it.scoped("each token request has its own deadline, independent of callers", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.hang })
      const tp = yield* provider(endpoint, { requestTimeout: "3 seconds" })
      const timeoutsBefore = yield* count(TokenMetrics.fetchesByOutcome("timeout"))
      const impatient = yield* Effect.fork(Effect.either(Effect.timeout(tp.get, "1 second")))
      yield* eventually(() => endpoint.stats.inFlight === 1, "the hanging request")
      const patient = yield* Effect.fork(Effect.either(tp.get))
      yield* TestClock.adjust("1 second")
      const first = yield* Fiber.join(impatient)
      expect(Either.isLeft(first) && first.left._tag).toBe("TimeoutException")
      expect(endpoint.stats.inFlight).toBe(1)
      expect(endpoint.stats.interrupted).toBe(0)
      yield* TestClock.adjust("2 seconds")
      const second = expectUnavailable(yield* Fiber.join(patient))
      expect(second.reason).toBe("timeout")
      expect(second.retryAt).toBeGreaterThan(3000)
      expect(endpoint.stats.requests).toBe(1)
      expect(endpoint.stats.interrupted).toBe(1)
      expect((yield* count(TokenMetrics.fetchesByOutcome("timeout"))) - timeoutsBefore).toBe(1)
      expect((yield* tp.snapshot).lastError?._tag).toBe("TokenUnavailable")
    }))

  it.scoped("the default deadline is 10 seconds", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.hang })
      const tp = yield* provider(endpoint)
      const caller = yield* Effect.fork(Effect.either(tp.get))
      yield* eventually(() => endpoint.stats.inFlight === 1, "the hanging request")
      yield* TestClock.adjust("9999 millis")
      yield* quiesce
      expect(caller.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      expect(expectUnavailable(yield* Fiber.join(caller)).reason).toBe("timeout")
    }))
})
