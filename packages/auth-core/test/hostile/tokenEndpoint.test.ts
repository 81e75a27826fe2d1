/**
 * A hostile or broken token endpoint: waits it asks for, lifetimes it grants and answers it repeats
 * must never lock the provider, hand out a dead token or turn it into a request storm.
 */
import { describe, expect, it } from "@effect/vitest"
import type { AuthError, TokenProvider } from "@sinch-effect/auth-core"
import { Clock, Duration, Effect, Either, Option, TestClock } from "effect"
import { adjustTo, eventually, provider } from "../utils/harness.js"
import * as TokenEndpoint from "../utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

const minute = 60_000

/** What one caller calling every `stepMillis` saw over `millis` of simulated time. */
interface Drive {
  readonly served: number
  readonly failed: number
  /** Tokens handed out at or after their expiry. */
  readonly expiredHandedOut: number
  readonly errors: ReadonlySet<string>
}

/**
 * One caller calls `get` every `stepMillis` for `millis` of `TestClock` time (a bounded loop), as an
 * application retrying at once would; background refreshes run in between.
 */
const drive = (tp: TokenProvider.Service, millis: number, stepMillis = 250): Effect.Effect<Drive> =>
  Effect.gen(function*() {
    let served = 0
    let failed = 0
    let expiredHandedOut = 0
    const errors = new Set<string>()
    for (let elapsed = 0; elapsed < millis; elapsed += stepMillis) {
      const result = yield* Effect.either(tp.get)
      const now = yield* Clock.currentTimeMillis
      if (Either.isRight(result)) {
        served++
        if (now >= result.right.expiresAt) expiredHandedOut++
      } else {
        failed++
        errors.add(result.left._tag)
      }
      yield* TestClock.adjust(Duration.millis(stepMillis))
    }
    return { served, failed, expiredHandedOut, errors }
  })

const left = (result: Either.Either<unknown, AuthError.TokenError>): AuthError.TokenError =>
  Option.getOrThrow(Either.getLeft(result))

describe("hostile token endpoint: every wait is capped (Retry-After)", () => {
  it.scoped.each([
    ["1000000000 seconds", "1000000000"],
    ["an HTTP-date in 2099", "Thu, 01 Jan 2099 00:00:00 GMT"],
    ["an absurd number", "9".repeat(400)]
  ])(
    "a 429 with Retry-After %s on a cold start waits at most retryMax (60 s), then a call is served",
    ([_, value]) =>
      Effect.gen(function*() {
        const endpoint = TokenEndpoint.make()
        endpoint.enqueue(Reply.status(429, { headers: { "retry-after": value } }))
        const tp = yield* provider(endpoint)
        const error = left(yield* Effect.either(tp.get))
        const now = yield* Clock.currentTimeMillis
        expect(error._tag).toBe("TokenUnavailable")
        const retryAt = error._tag === "TokenUnavailable" ? error.retryAt! : Number.NaN
        expect(retryAt - now).toBeLessThanOrEqual(minute)
        expect(retryAt - now).toBeGreaterThan(0)
        yield* adjustTo(retryAt)
        const token = yield* tp.get
        expect(token.generation).toBe(1)
        expect(endpoint.stats.requests).toBe(2)
      })
  )

  it.scoped("a configured retryMax caps Retry-After too (10 s)", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.status(503, { headers: { "retry-after": "86400" } }))
      const tp = yield* provider(endpoint, { retryMax: "10 seconds" })
      const error = left(yield* Effect.either(tp.get))
      const now = yield* Clock.currentTimeMillis
      expect(error._tag === "TokenUnavailable" && error.retryAt! - now).toBe(10_000)
    }))

  it.scoped("Retry-After 3600 on the refresh of a one-hour token: the refresh is retried before expiry, no call fails", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint)
      const first = yield* tp.get
      endpoint.enqueue(Reply.status(429, { headers: { "retry-after": "3600" } }))
      yield* adjustTo(first.refreshAt)
      yield* eventually(() => endpoint.stats.statuses.length === 2, "the throttled refresh")
      const snapshot = yield* tp.snapshot
      // Within half of the remaining life (about 6 minutes of the 12 left), never at minute 108.
      expect(snapshot.nextAttemptAt! - first.refreshAt).toBeLessThanOrEqual((first.expiresAt - first.refreshAt) / 2 + 1)
      // Calls from the refresh to 106 minutes: every one served, none with an expired token.
      const seen = yield* drive(tp, 106 * minute - first.refreshAt, 30_000)
      expect(seen.failed).toBe(0)
      expect(seen.expiredHandedOut).toBe(0)
      expect(endpoint.stats.statuses.slice(0, 3)).toEqual([200, 429, 200])
    }))

  it.scoped("a refresh throttled with Retry-After 1e9 forever keeps retrying below expiry and never gives up", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint)
      const first = yield* tp.get
      endpoint.setDefault(Reply.status(429, { headers: { "retry-after": "1000000000" } }))
      yield* adjustTo(first.refreshAt)
      yield* eventually(() => endpoint.stats.requests === 2, "the throttled refresh")
      // Thirty simulated days of a caller every minute.
      const seen = yield* drive(tp, 30 * 24 * 60 * minute, 60 * minute)
      const retriesBeforeExpiry = endpoint.stats.times.filter((t) => t > first.refreshAt && t < first.expiresAt).length
      expect(retriesBeforeExpiry).toBeGreaterThanOrEqual(3)
      expect(seen.expiredHandedOut).toBe(0)
      // After expiry a call still reaches the endpoint at least once per retryMax: it heals within a minute.
      endpoint.setDefault(Reply.token())
      yield* TestClock.adjust(Duration.millis(minute))
      const token = yield* tp.get
      expect(token.generation).toBe(2)
    }))
})

describe("hostile token endpoint: a floor on lifetime and on retry intervals", () => {
  it.scoped.each([0.0001, 0.01, 1])(
    "expires_in %s: the token is refused (MalformedResponse), never handed out",
    (expiresIn) =>
      Effect.gen(function*() {
        const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ expiresIn }) })
        const tp = yield* provider(endpoint)
        const error = left(yield* Effect.either(tp.get))
        expect(error._tag).toBe("MalformedResponse")
        expect(error.message).toContain("to live")
      })
  )

  it.scoped("a token that arrives already expired (slow answer) is refused", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ expiresIn: 3, delay: "2 seconds" }) })
      const tp = yield* provider(endpoint)
      const call = yield* Effect.fork(Effect.either(tp.get))
      yield* TestClock.adjust("2 seconds")
      const result = yield* Effect.flatMap(Effect.fromFiber(call), Effect.succeed)
      expect(Either.isLeft(result) && result.left._tag).toBe("MalformedResponse")
    }))

  it.scoped("minTokenLifetime is configurable: a 5 s token is refused under a 10 s floor, served under the default", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ expiresIn: 5 }) })
      const strict = yield* provider(endpoint, { minTokenLifetime: "10 seconds" })
      expect(left(yield* Effect.either(strict.get))._tag).toBe("MalformedResponse")
      const lenient = yield* provider(endpoint)
      expect((yield* lenient.get).expiresAt - (yield* Clock.currentTimeMillis)).toBe(5_000)
    }))

  const pathological: ReadonlyArray<readonly [string, TokenEndpoint.Reply]> = [
    ["expires_in 0.0001", Reply.token({ expiresIn: 0.0001 })],
    ["expires_in 0.01", Reply.token({ expiresIn: 0.01 })],
    ["expires_in 2.5 (just above the floor)", Reply.token({ expiresIn: 2.5 })],
    ["429 with Retry-After: 0", Reply.status(429, { headers: { "retry-after": "0" } })],
    ["429 without Retry-After", Reply.status(429)],
    ["503 with Retry-After: 0", Reply.status(503, { headers: { "retry-after": "0" } })],
    ["500", Reply.status(500)],
    ["connection refused", Reply.transport()],
    ["a body that is not JSON", Reply.status(200, { body: "<html>" })],
    ["invalid_client", Reply.status(401, { body: { error: "invalid_client" } })]
  ]

  /** The bound: at most this many token requests per simulated minute, whatever the endpoint answers. */
  const perMinute = 40

  it.scoped.each(pathological)(
    `%s from the start: at most ${perMinute} token requests per simulated minute, no expired token handed out`,
    ([_, reply]) =>
      Effect.gen(function*() {
        const endpoint = TokenEndpoint.make({ defaultReply: reply })
        const tp = yield* provider(endpoint)
        const seen = yield* drive(tp, minute)
        expect(seen.expiredHandedOut).toBe(0)
        expect(endpoint.stats.requests).toBeGreaterThanOrEqual(2)
        expect(endpoint.stats.requests).toBeLessThanOrEqual(perMinute)
        // The second minute is no worse.
        const before = endpoint.stats.requests
        yield* drive(tp, minute)
        expect(endpoint.stats.requests - before).toBeLessThanOrEqual(perMinute)
      })
  )

  it.scoped.each(pathological)(
    `%s during the refresh of a one-hour token: at most ${perMinute} token requests per simulated minute`,
    ([_, reply]) =>
      Effect.gen(function*() {
        const endpoint = TokenEndpoint.make()
        const tp = yield* provider(endpoint)
        const first = yield* tp.get
        endpoint.setDefault(reply)
        yield* adjustTo(first.refreshAt)
        yield* eventually(() => endpoint.stats.requests === 2, "the refresh")
        const seen = yield* drive(tp, minute)
        expect(seen.failed).toBe(0)
        expect(seen.expiredHandedOut).toBe(0)
        expect(endpoint.stats.requests - 1).toBeLessThanOrEqual(perMinute)
      })
  )
})
