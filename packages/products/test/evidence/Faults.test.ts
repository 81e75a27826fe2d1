/**
 * Fault suite: what users of Numbers, Elastic SIP Trunking and Conversation see while the token
 * endpoint or an API misbehaves. Real HTTP against the emulator on 127.0.0.1 (undici), except where the
 * fault is time itself (hangs and the 10 s request deadline): those run in-process, so the deadline is
 * crossed by `TestClock.adjust` to the millisecond instead of waiting on a socket.
 */
import { describe, expect, it } from "@effect/vitest"
import type { AuthError } from "@sinch-effect/auth-core"
import { EmulatorControl } from "@sinch-effect/emulator"
import { Clock, Duration, Effect, Either, Fiber, Option, TestClock } from "effect"
import { Numbers } from "../../src/index.js"
import {
  adjustTo,
  control,
  counters,
  driveToEnd,
  eventually,
  inProcess,
  listRegions,
  numbersPath,
  overHttp,
  route,
  sleepersAt,
  snapshot,
  tokenRequests,
  touchAllProducts
} from "./utils/harness.js"

const regionsRoute = numbersPath("/availableRegions")

/** Settled after failure `n` of a refresh: `n` requests sent and a new retry instant set. */
const failedRefresh = (requests: number, previousRetryAt: number | undefined) =>
  eventually(
    Effect.map(snapshot, (s) =>
      s.requests === requests && s.nextAttemptAt !== undefined && s.nextAttemptAt !== previousRetryAt),
    `failed refresh #${requests}`
  )

const tokenFaults: ReadonlyArray<readonly [string, EmulatorControl.Fault, number]> = [
  ["500", EmulatorControl.status(500), 3],
  ["dropped connection", EmulatorControl.drop, 3],
  ["malformed JSON", EmulatorControl.malformedJson, 3],
  ["429 storm", EmulatorControl.status(429), 10]
]

describe("token endpoint failing while a valid token exists (127.0.0.1)", () => {
  for (const [name, fault, times] of tokenFaults) {
    it.effect(`${name} x${times}: zero failed user calls, exactly ${times + 2} token requests`, () =>
      Effect.gen(function*() {
        yield* touchAllProducts
        const first = Option.getOrThrow((yield* snapshot).token)
        yield* Effect.flatMap(control, (c) => c.inject("auth", fault, { times }))

        let userCalls = 0
        let retryAt: number | undefined = undefined
        yield* adjustTo(first.refreshAt)
        for (let failure = 1; failure <= times; failure++) {
          yield* failedRefresh(1 + failure, retryAt)
          const s = yield* snapshot
          retryAt = s.nextAttemptAt
          expect(s.state).toBe("refreshing")
          expect(Option.getOrThrow(s.token).generation).toBe(1)
          // Backoff is capped below the old token's expiry: it never outlives it.
          expect(retryAt!).toBeLessThan(first.expiresAt)
          // Users keep being served the old token while the refresh fails.
          yield* touchAllProducts
          userCalls += 3
          yield* adjustTo(retryAt!)
        }
        yield* eventually(
          Effect.map(snapshot, (s) => Option.isSome(s.token) && s.token.value.generation === 2),
          "the successful refresh"
        )
        yield* touchAllProducts
        userCalls += 3

        const seen = yield* counters
        expect(seen.tokenRequests.total).toBe(times + 2)
        expect(seen.tokenRequests.byOutcome).toEqual({ issued: 2, fault: times })
        expect(seen.tokenRequestsMaxInFlight).toBe(1)
        // Every user call reached its API once: none failed, none was retried.
        const apiRequests = (seen.requestsByApi["numbers"] ?? 0) + (seen.requestsByApi["est"] ?? 0) +
          (seen.requestsByApi["conversation"] ?? 0)
        expect(apiRequests).toBe(userCalls + 3)
      }).pipe(Effect.provide(overHttp())))
  }
})

const noTokenFaults: ReadonlyArray<
  readonly [string, EmulatorControl.Fault, AuthError.TokenError["_tag"], string | undefined, string | undefined]
> = [
  // name, fault, tag of the first failure, its reason, reason of fail-fast answers during the backoff
  ["500", EmulatorControl.status(500), "TokenUnavailable", "server-error", "backoff"],
  ["dropped connection", EmulatorControl.drop, "TokenUnavailable", "unreachable", "backoff"],
  ["malformed JSON", EmulatorControl.malformedJson, "MalformedResponse", undefined, undefined]
]

const reasonOf = (error: AuthError.SinchError): string | undefined =>
  error._tag === "TokenUnavailable" ? error.reason : undefined

/** `n` concurrent Numbers calls; their results in order. */
const storm = (n: number) =>
  Effect.all(Array.from({ length: n }, () => Effect.either(listRegions)), { concurrency: "unbounded" })

describe("token endpoint failing with no valid token (127.0.0.1)", () => {
  for (const [name, fault, tag, reason, backoffReason] of noTokenFaults) {
    it.effect(`${name}: fast ${tag}, one request in flight, recovery one backoff step after healing`, () =>
      Effect.gen(function*() {
        yield* Effect.flatMap(control, (c) => c.inject("auth", fault, { times: 2 }))
        const start = yield* Clock.currentTimeMillis

        // 25 concurrent first calls share one failing request, and fail with its typed error.
        const first = yield* storm(25)
        for (const result of first) {
          expect(Either.isLeft(result) && result.left._tag).toBe(tag)
          expect(Either.isLeft(result) && reasonOf(result.left)).toBe(reason)
        }
        expect(yield* tokenRequests).toBe(1)
        // Nothing waited on the clock: the failures are immediate.
        expect(yield* Clock.currentTimeMillis).toBe(start)

        // During the backoff, callers fail fast without touching the endpoint.
        const retryAt = (yield* snapshot).nextAttemptAt!
        expect(retryAt).toBeGreaterThan(start)
        const during = yield* storm(25)
        for (const result of during) {
          expect(Either.isLeft(result) && result.left._tag).toBe(tag)
          expect(Either.isLeft(result) && reasonOf(result.left)).toBe(backoffReason)
        }
        expect(yield* tokenRequests).toBe(1)

        // One backoff step later: the second (last) fault, again shared by every caller.
        yield* adjustTo(retryAt)
        const second = yield* storm(25)
        expect(second.every((result) => Either.isLeft(result) && result.left._tag === tag)).toBe(true)
        expect(yield* tokenRequests).toBe(2)

        // Healed: one backoff step later every caller is served by one new request.
        yield* adjustTo((yield* snapshot).nextAttemptAt!)
        const healed = yield* storm(25)
        expect(healed.every(Either.isRight)).toBe(true)

        const seen = yield* counters
        expect(seen.tokenRequests.total).toBe(3)
        expect(seen.tokenRequests.byOutcome).toEqual({ fault: 2, issued: 1 })
        expect(seen.tokenRequestsMaxInFlight).toBe(1)
        // Only the calls that had a token reached the API.
        expect(yield* route("GET", regionsRoute)).toBe(25)
      }).pipe(Effect.provide(overHttp())))
  }
})

describe("token endpoint throttling with no valid token (127.0.0.1)", () => {
  // The provider answers a 429 with TokenUnavailable(rate-limited) and a retryAt at once (proved in
  // auth-core); a user call waits for that retryAt instead of failing, so a throttled cold start costs
  // time, not failed calls.
  it.effect("429 storm: 25 first calls wait it out, one request in flight, all served after healing", () =>
    Effect.gen(function*() {
      yield* Effect.flatMap(control, (c) => c.inject("auth", EmulatorControl.status(429), { times: 2 }))
      const calls = yield* Effect.fork(storm(25))
      for (const requests of [1, 2]) {
        yield* eventually(
          Effect.map(snapshot, (s) => s.requests === requests && s.state === "backoff"),
          `throttled token request ${requests}`
        )
        expect(yield* tokenRequests).toBe(requests)
        yield* adjustTo((yield* snapshot).nextAttemptAt!)
      }
      const results = yield* Fiber.join(calls)
      expect(results.every(Either.isRight)).toBe(true)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(3)
      expect(seen.tokenRequests.byOutcome).toEqual({ fault: 2, issued: 1 })
      expect(seen.tokenRequestsMaxInFlight).toBe(1)
      expect(yield* route("GET", regionsRoute)).toBe(25)
    }).pipe(Effect.provide(overHttp())))
})

describe("token request deadline (in-process, so the 10 s are TestClock time)", () => {
  it.effect("a hanging refresh times out after exactly 10 s; users are served throughout; 3 token requests", () =>
    Effect.gen(function*() {
      yield* touchAllProducts
      const first = Option.getOrThrow((yield* snapshot).token)
      yield* Effect.flatMap(control, (c) => c.inject("auth", EmulatorControl.hang))
      yield* adjustTo(first.refreshAt)
      yield* eventually(Effect.map(counters, (c) => c.tokenRequestsInFlight === 1), "the hanging refresh")
      yield* touchAllProducts
      yield* TestClock.adjust(Duration.millis(9_999))
      yield* touchAllProducts
      expect((yield* counters).tokenRequestsInFlight).toBe(1)
      yield* TestClock.adjust(Duration.millis(1))
      yield* eventually(Effect.map(snapshot, (s) => s.lastError?._tag === "TokenUnavailable"), "the timeout")
      const timedOut = yield* snapshot
      expect(timedOut.lastError?._tag === "TokenUnavailable" && timedOut.lastError.reason).toBe("timeout")
      expect((yield* counters).tokenRequestsInFlight).toBe(0)
      yield* adjustTo(timedOut.nextAttemptAt!)
      yield* eventually(
        Effect.map(snapshot, (s) => Option.isSome(s.token) && s.token.value.generation === 2),
        "the successful retry"
      )
      yield* touchAllProducts
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(3)
      expect(seen.tokenRequestsMaxInFlight).toBe(1)
      expect(seen.recentRequests.filter((r) => r.api === "auth").map((r) => r.outcome)).toEqual([
        "response",
        "interrupted",
        "response"
      ])
      expect(seen.requestsByApi["numbers"]).toBe(4)
    }).pipe(Effect.provide(inProcess())))

  it.effect("no token and a hanging endpoint: 50 callers fail with TokenUnavailable(timeout) at exactly 10 s", () =>
    Effect.gen(function*() {
      yield* Effect.flatMap(control, (c) => c.inject("auth", EmulatorControl.hang))
      const callers = yield* Effect.fork(storm(50))
      yield* eventually(Effect.map(counters, (c) => c.tokenRequestsInFlight === 1), "the hanging request")
      yield* TestClock.adjust(Duration.millis(9_999))
      expect(Option.isNone(yield* Fiber.poll(callers))).toBe(true)
      yield* TestClock.adjust(Duration.millis(1))
      const results = yield* Fiber.join(callers)
      for (const result of results) {
        expect(Either.isLeft(result) && reasonOf(result.left)).toBe("timeout")
      }
      expect(yield* tokenRequests).toBe(1)
      yield* adjustTo((yield* snapshot).nextAttemptAt!)
      const healed = yield* storm(50)
      expect(healed.every(Either.isRight)).toBe(true)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(2)
      expect(seen.tokenRequestsMaxInFlight).toBe(1)
    }).pipe(Effect.provide(inProcess())))
})

describe("API faults (127.0.0.1)", () => {
  it.effect("100 concurrent calls answered 401 once: exactly 1 token request, each call sent exactly twice", () =>
    Effect.gen(function*() {
      yield* listRegions
      const c = yield* control
      yield* c.revokeAllTokens
      // Each first send is held 1 s (TestClock) before the emulator checks its token, so all 100 are
      // sent with the revoked token before any 401 comes back.
      yield* c.inject("numbers", EmulatorControl.delay("1 second"), { times: 100 })
      const now = yield* Clock.currentTimeMillis
      const calls = yield* Effect.fork(storm(100))
      yield* sleepersAt(now + 1000, 100, "100 held requests")
      yield* TestClock.adjust(Duration.seconds(1))
      const results = yield* Fiber.join(calls)
      expect(results.every(Either.isRight)).toBe(true)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(2)
      expect(seen.requestsByRoute[`GET ${regionsRoute}`]).toBe(1 + 200)
      const statuses = seen.recentRequests.filter((r) => r.api === "numbers").slice(1).map((r) => r.status)
      expect(statuses.filter((s) => s === 401)).toHaveLength(100)
      expect(statuses.filter((s) => s === 200)).toHaveLength(100)
    }).pipe(Effect.provide(overHttp({ emulator: { recentRequests: 1000 } }))))

  it.effect("429 with Retry-After: 2 waits exactly 2 s, then succeeds", () =>
    Effect.gen(function*() {
      yield* listRegions
      yield* Effect.flatMap(control, (c) => c.inject("numbers", EmulatorControl.status(429, { retryAfter: 2 })))
      const now = yield* Clock.currentTimeMillis
      const call = yield* Effect.fork(listRegions)
      yield* sleepersAt(now + 2000, 1, "the Retry-After wait")
      yield* TestClock.adjust(Duration.millis(1_999))
      expect(Option.isNone(yield* Fiber.poll(call))).toBe(true)
      expect(yield* route("GET", regionsRoute)).toBe(2)
      yield* TestClock.adjust(Duration.millis(1))
      yield* Fiber.join(call)
      expect(yield* route("GET", regionsRoute)).toBe(3)
      expect(yield* tokenRequests).toBe(1)
    }).pipe(Effect.provide(overHttp())))

  it.effect("503 on a GET is retried: 503, 503, 200 is 3 sends and a success", () =>
    Effect.gen(function*() {
      yield* listRegions
      yield* Effect.flatMap(control, (c) => c.inject("numbers", EmulatorControl.status(503), { times: 2 }))
      const regions = yield* driveToEnd(yield* Effect.fork(listRegions))
      expect(regions.length).toBeGreaterThan(0)
      expect(yield* route("GET", regionsRoute)).toBe(1 + 3)
    }).pipe(Effect.provide(overHttp())))

  it.effect("a dropped connection on a GET is resent (2 sends); malformed JSON is MalformedResponse after 1 send", () =>
    Effect.gen(function*() {
      yield* listRegions
      const c = yield* control
      yield* c.inject("numbers", EmulatorControl.drop)
      yield* driveToEnd(yield* Effect.fork(listRegions))
      expect(yield* route("GET", regionsRoute)).toBe(1 + 2)
      yield* c.inject("numbers", EmulatorControl.malformedJson)
      const error = yield* Effect.flip(listRegions)
      expect(error._tag === "MalformedResponse" && error.status).toBe(200)
      expect(yield* route("GET", regionsRoute)).toBe(1 + 2 + 1)
      expect(yield* tokenRequests).toBe(1)
    }).pipe(Effect.provide(overHttp())))

  it.effect("503 on a POST is sent exactly once and fails with a typed SinchApiError", () =>
    Effect.gen(function*() {
      yield* listRegions
      yield* Effect.flatMap(control, (c) => c.inject("numbers", EmulatorControl.status(503), { times: 2 }))
      const numbers = yield* Numbers.Numbers
      const error = yield* Effect.flip(numbers.rentAnyNumber({ regionCode: "US", type: "LOCAL" }))
      expect(error._tag === "SinchApiError" && error.status).toBe(503)
      expect(yield* route("POST", numbersPath("/availableNumbers:rentAny"))).toBe(1)
    }).pipe(Effect.provide(overHttp())))
})
