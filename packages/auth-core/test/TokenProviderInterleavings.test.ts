/**
 * Interleavings: random sequences of calls, token-endpoint failures, 401 invalidations (of the current
 * and of an older token), clock advances and caller interruptions, driven against the real
 * `TokenProvider` and a scripted in-process endpoint under `TestClock`. Whatever the order, three
 * invariants hold: at most one token request is in flight; no token is handed out at or past its
 * expiry (by `Clock` at hand-out); every caller ends with a token or a typed error once the clock moves
 * past the request deadline, and a healed endpoint always yields a token again.
 */
import { describe, expect, it } from "@effect/vitest"
import type { AccessToken, TokenProvider } from "@sinch-effect/auth-core"
import { Cause, Clock, Duration, Effect, Exit, FastCheck, Fiber, Option, TestClock } from "effect"
import { provider } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

type Failure = "500" | "429" | "429-retry-after" | "hang" | "malformed" | "transport"

type Step =
  | { readonly _tag: "Call"; readonly callers: number }
  | { readonly _tag: "Fail"; readonly failure: Failure }
  | { readonly _tag: "Invalidate"; readonly which: "fresh" | "stale" }
  | { readonly _tag: "Advance"; readonly millis: number }
  | { readonly _tag: "Interrupt"; readonly pick: number }

/** Token life of the scripted endpoint: short, so that runs cross refreshes and expiries. */
const ttlSeconds = 60

const step: FastCheck.Arbitrary<Step> = FastCheck.oneof(
  { weight: 4, arbitrary: FastCheck.integer({ min: 1, max: 3 }).map((callers): Step => ({ _tag: "Call", callers })) },
  {
    weight: 3,
    arbitrary: FastCheck.constantFrom<Array<Failure>>("500", "429", "429-retry-after", "hang", "malformed", "transport")
      .map((failure): Step => ({ _tag: "Fail", failure }))
  },
  {
    weight: 2,
    arbitrary: FastCheck.constantFrom<Array<"fresh" | "stale">>("fresh", "stale").map((which): Step => ({
      _tag: "Invalidate",
      which
    }))
  },
  {
    weight: 4,
    arbitrary: FastCheck.oneof(
      FastCheck.integer({ min: 0, max: 2_000 }),
      FastCheck.integer({ min: 2_000, max: 15_000 }),
      FastCheck.integer({ min: 15_000, max: ttlSeconds * 1000 })
    ).map((millis): Step => ({ _tag: "Advance", millis }))
  },
  { weight: 1, arbitrary: FastCheck.nat(1000).map((pick): Step => ({ _tag: "Interrupt", pick })) }
)

const replyFor = (failure: Failure): TokenEndpoint.Reply => {
  switch (failure) {
    case "500":
      return Reply.status(500, { body: { error: "server_error" } })
    case "429":
      return Reply.status(429, { body: { error: "rate_limited" } })
    case "429-retry-after":
      return Reply.status(429, { body: { error: "rate_limited" }, headers: { "retry-after": "3" } })
    case "hang":
      return Reply.hang
    case "malformed":
      return Reply.status(200, { body: "{\"access_token\": " })
    case "transport":
      return Reply.transport()
  }
}

/**
 * Lets forked work finish what it can without moving the clock: responses are read through real
 * promises, so a few turns of the event loop are needed (not time).
 */
const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve))).pipe(Effect.repeatN(3))

const typedErrors: ReadonlySet<string> = new Set(["TokenUnavailable", "MalformedResponse", "InvalidClient"])

interface Caller {
  readonly fiber: Fiber.RuntimeFiber<AccessToken.AccessToken, unknown>
  interrupted: boolean
}

const run = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function*() {
    const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ expiresIn: ttlSeconds }) })
    const tp: TokenProvider.Service = yield* provider(endpoint)
    const handedOut: Array<AccessToken.AccessToken> = []
    const violations: Array<string> = []
    const callers: Array<Caller> = []

    // The hand-out check reads the clock in the caller's fiber right after `get` resumes.
    const call = tp.get.pipe(
      Effect.tap((token) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          handedOut.push(token)
          if (now >= token.expiresAt) violations.push(`handed out at ${now}, expired at ${token.expiresAt}`)
        })
      )
    )

    for (const s of steps) {
      switch (s._tag) {
        case "Call":
          for (let i = 0; i < s.callers; i++) callers.push({ fiber: yield* Effect.fork(call), interrupted: false })
          break
        case "Fail":
          endpoint.enqueue(replyFor(s.failure))
          break
        case "Invalidate": {
          // "fresh": the newest token handed out (normally the cached one); "stale": the oldest.
          const byGeneration = [...handedOut].sort((a, b) => a.generation - b.generation)
          const token = s.which === "fresh" ? byGeneration.at(-1) : byGeneration[0]
          if (token !== undefined) yield* tp.invalidate(token)
          break
        }
        case "Advance":
          yield* TestClock.adjust(Duration.millis(s.millis))
          break
        case "Interrupt": {
          const pending: Array<Caller> = []
          for (const caller of callers) if (Option.isNone(yield* Fiber.poll(caller.fiber))) pending.push(caller)
          const victim = pending[s.pick % Math.max(1, pending.length)]
          if (victim !== undefined) {
            victim.interrupted = true
            yield* Fiber.interrupt(victim.fiber)
          }
          break
        }
      }
      yield* settle
      if (endpoint.stats.inFlight > 1) violations.push(`${endpoint.stats.inFlight} requests in flight`)
    }

    // No hang: past the request deadline (10 s) every waiting caller has its answer. Bounded.
    for (let i = 0; i < 6; i++) {
      let pending = 0
      for (const caller of callers) if (Option.isNone(yield* Fiber.poll(caller.fiber))) pending++
      if (pending === 0) break
      yield* TestClock.adjust(Duration.seconds(5))
      yield* settle
    }
    const outcomes: Array<string> = []
    for (const caller of callers) {
      const exit = yield* Fiber.poll(caller.fiber)
      if (Option.isNone(exit)) {
        violations.push("a caller never finished")
        continue
      }
      if (Exit.isSuccess(exit.value)) {
        outcomes.push(`token ${exit.value.value.generation}`)
      } else if (caller.interrupted) {
        outcomes.push("interrupted")
      } else {
        const error = Cause.failureOption(exit.value.cause)
        if (Option.isNone(error) || !typedErrors.has((error.value as { _tag: string })._tag)) {
          violations.push(`untyped failure: ${Cause.pretty(exit.value.cause)}`)
        } else {
          const { _tag, reason } = error.value as { _tag: string; reason?: string }
          outcomes.push(reason === undefined ? _tag : `${_tag}(${reason})`)
        }
      }
    }

    // Never gives up for good: with the endpoint healed (failures left in the script are consumed one
    // backoff step at a time) a token comes back. Bounded by the length of the script.
    let recovered = false
    for (let i = 0; i < steps.length + 3 && !recovered; i++) {
      const snapshot = yield* tp.snapshot
      if (snapshot.nextAttemptAt !== undefined) {
        yield* TestClock.adjust(Duration.millis(snapshot.nextAttemptAt - (yield* Clock.currentTimeMillis)))
      }
      const fiber = yield* Effect.fork(Effect.either(call))
      yield* settle
      yield* TestClock.adjust(Duration.seconds(11))
      yield* settle
      const result = yield* Fiber.poll(fiber)
      recovered = Option.isSome(result) && Exit.isSuccess(result.value) && result.value.value._tag === "Right"
    }
    if (!recovered) violations.push("no token after the endpoint healed")
    if (endpoint.stats.maxInFlight > 1) violations.push(`max in flight ${endpoint.stats.maxInFlight}`)
    return { violations, stats: endpoint.stats, callers: callers.length, outcomes }
  })

describe("TokenProvider: random interleavings", () => {
  it.effect.prop(
    "at most one fetch in flight, no expired token handed out, every caller answered",
    [FastCheck.array(step, { minLength: 1, maxLength: 30 })],
    ([steps]) =>
      Effect.gen(function*() {
        const { violations } = yield* Effect.scoped(run(steps))
        expect(violations).toEqual([])
      }),
    { fastCheck: { numRuns: 100, seed: 20261123 } }
  )

  it.effect("one scripted run through every kind of step: exact requests and answers", () =>
    Effect.gen(function*() {
      const steps: ReadonlyArray<Step> = [
        { _tag: "Call", callers: 3 }, // request 1: token 1
        { _tag: "Fail", failure: "hang" },
        { _tag: "Advance", millis: 48_200 }, // request 2: the background refresh (80% + up to 0.2% jitter) hangs
        { _tag: "Call", callers: 2 }, // served token 1 at once
        { _tag: "Advance", millis: 10_800 }, // the refresh times out; its retry (request 3) gets token 2
        { _tag: "Call", callers: 1 }, // token 2
        { _tag: "Fail", failure: "500" },
        { _tag: "Invalidate", which: "fresh" }, // drops token 2
        { _tag: "Call", callers: 2 }, // request 4: 500, both fail
        { _tag: "Fail", failure: "hang" },
        { _tag: "Advance", millis: 1_000 }, // past the first backoff step
        { _tag: "Call", callers: 2 }, // request 5 hangs
        { _tag: "Interrupt", pick: 0 }, // one of them gives up; the request goes on
        { _tag: "Fail", failure: "429-retry-after" },
        { _tag: "Advance", millis: 60_000 }, // request 5 times out
        { _tag: "Invalidate", which: "stale" }, // token 1 is long gone: no effect
        { _tag: "Call", callers: 1 } // request 6: 429 with Retry-After 3; recovery: request 7
      ]
      const result = yield* Effect.scoped(run(steps))
      expect(result.violations).toEqual([])
      expect(result.callers).toBe(11)
      expect(result.outcomes).toEqual([
        ...Array.from({ length: 5 }, () => "token 1"),
        "token 2",
        "TokenUnavailable(server-error)",
        "TokenUnavailable(server-error)",
        "interrupted",
        "TokenUnavailable(timeout)",
        "TokenUnavailable(rate-limited)"
      ])
      expect(result.stats.requests).toBe(7)
      expect(result.stats.statuses).toEqual([200, 200, 500, 429, 200])
      expect(result.stats.interrupted).toBe(2)
      expect(result.stats.maxInFlight).toBe(1)
    }))
})
