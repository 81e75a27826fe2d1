/**
 * Interleavings with key switches: random sequences of calls, switches to new keys, token-endpoint
 * failures (which may hit a fetch or a switch's proof), 401 invalidations, clock advances and caller
 * interruptions, under `TestClock`. Whatever the order: no token is handed out at or past its expiry;
 * no call gets a token of a key older than the key in use when it started (so nothing after a switch
 * sees the old key); every caller and every switch ends with a token or a typed error; and a healed
 * endpoint yields a token of the key in use.
 */
import { describe, expect, it } from "@effect/vitest"
import type { AccessToken, TokenProvider } from "@sinch-effect/auth-core"
import { Cause, Clock, Duration, Effect, Exit, FastCheck, Fiber, Option, Redacted, TestClock } from "effect"
import { KEY_ID, provider } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

type Step =
  | { readonly _tag: "Call"; readonly callers: number }
  | { readonly _tag: "Switch" }
  | { readonly _tag: "Fail"; readonly failure: "401" | "500" | "hang" | "slow" }
  | { readonly _tag: "Invalidate" }
  | { readonly _tag: "Advance"; readonly millis: number }
  | { readonly _tag: "Interrupt"; readonly pick: number }

const ttlSeconds = 60

const step: FastCheck.Arbitrary<Step> = FastCheck.oneof(
  { weight: 4, arbitrary: FastCheck.integer({ min: 1, max: 3 }).map((callers): Step => ({ _tag: "Call", callers })) },
  { weight: 3, arbitrary: FastCheck.constant<Step>({ _tag: "Switch" }) },
  {
    weight: 3,
    arbitrary: FastCheck.constantFrom<Array<"401" | "500" | "hang" | "slow">>("401", "500", "hang", "slow").map(
      (failure): Step => ({ _tag: "Fail", failure })
    )
  },
  { weight: 2, arbitrary: FastCheck.constant<Step>({ _tag: "Invalidate" }) },
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

const replyFor = (failure: "401" | "500" | "hang" | "slow"): TokenEndpoint.Reply => {
  switch (failure) {
    case "401":
      return Reply.status(401, { body: { error: "invalid_client" } })
    case "500":
      return Reply.status(500, { body: { error: "server_error" } })
    case "hang":
      return Reply.hang
    case "slow":
      return Reply.token({ expiresIn: ttlSeconds, delay: "3 seconds" })
  }
}

const settle = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve))).pipe(Effect.repeatN(3))

const typedErrors: ReadonlySet<string> = new Set(["TokenUnavailable", "MalformedResponse", "InvalidClient"])

interface Pending {
  readonly fiber: Fiber.RuntimeFiber<unknown, unknown>
  interrupted: boolean
}

const run = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function*() {
    const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ expiresIn: ttlSeconds, delay: "1 second" }) })
    const tp: TokenProvider.Service = yield* provider(endpoint)
    const violations: Array<string> = []
    const handedOut: Array<AccessToken.AccessToken> = []
    const callers: Array<Pending> = []
    const switches: Array<Pending> = []
    // The order in which keys went live: a key's rank is the generation of its first token (0: the initial key).
    const liveSince = new Map<string, number>([[KEY_ID, 0]])
    const rank = (keyId: string | undefined) => (keyId === undefined ? -1 : liveSince.get(keyId) ?? -1)
    const served: Array<{ readonly startedWith: string; readonly issuedTo: string | undefined }> = []

    const call = Effect.gen(function*() {
      const startedWith = (yield* tp.snapshot).keyId
      const token = yield* tp.get
      const now = yield* Clock.currentTimeMillis
      handedOut.push(token)
      if (now >= token.expiresAt) violations.push(`handed out at ${now}, expired at ${token.expiresAt}`)
      // Checked at the end, when every switch has recorded when its key went live.
      served.push({ startedWith, issuedTo: endpoint.stats.issuedTo.get(Redacted.value(token.value)) })
      return token
    })

    const switchTo = (n: number) => {
      const keyId = `key-${n}`
      return tp.switchCredentials({ keyId, keySecret: Redacted.make(`planted-secret-${n}`) }).pipe(
        Effect.tap((switched) =>
          Effect.sync(() => {
            liveSince.set(keyId, switched.token.generation)
            if (endpoint.stats.issuedTo.get(Redacted.value(switched.token.value)) !== keyId) {
              violations.push(`switch to ${keyId} got a token of another key`)
            }
          })
        )
      )
    }

    for (const s of steps) {
      switch (s._tag) {
        case "Call":
          for (let i = 0; i < s.callers; i++) callers.push({ fiber: yield* Effect.fork(call), interrupted: false })
          break
        case "Switch":
          switches.push({ fiber: yield* Effect.fork(switchTo(switches.length + 1)), interrupted: false })
          break
        case "Fail":
          endpoint.enqueue(replyFor(s.failure))
          break
        case "Invalidate": {
          const newest = [...handedOut].sort((a, b) => a.generation - b.generation).at(-1)
          if (newest !== undefined) yield* tp.invalidate(newest)
          break
        }
        case "Advance":
          yield* TestClock.adjust(Duration.millis(s.millis))
          break
        case "Interrupt": {
          const pending: Array<Pending> = []
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
    }

    // Past every deadline (10 s per request, switches one after another) everything has its answer.
    for (let i = 0; i < 4 * (switches.length + 2); i++) {
      let pending = 0
      for (const p of [...callers, ...switches]) if (Option.isNone(yield* Fiber.poll(p.fiber))) pending++
      if (pending === 0) break
      yield* TestClock.adjust(Duration.seconds(5))
      yield* settle
    }
    for (const p of [...callers, ...switches]) {
      const exit = yield* Fiber.poll(p.fiber)
      if (Option.isNone(exit)) {
        violations.push("a caller or a switch never finished")
      } else if (Exit.isFailure(exit.value) && !p.interrupted) {
        const error = Cause.failureOption(exit.value.cause)
        if (Option.isNone(error) || !typedErrors.has((error.value as { _tag: string })._tag)) {
          violations.push(`untyped failure: ${Cause.pretty(exit.value.cause)}`)
        }
      }
    }

    // Healed: a token comes back, of the key in use.
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
      if (Option.isSome(result) && Exit.isSuccess(result.value) && result.value.value._tag === "Right") {
        recovered = true
        const keyId = (yield* tp.snapshot).keyId
        if (endpoint.stats.issuedTo.get(Redacted.value(result.value.value.right.value)) !== keyId) {
          violations.push(`after healing, a token not of the key in use (${keyId})`)
        }
      }
    }
    if (!recovered) violations.push("no token after the endpoint healed")
    for (const { issuedTo, startedWith } of served) {
      if (rank(issuedTo) < rank(startedWith)) violations.push(`a call started with ${startedWith} got ${issuedTo}'s`)
    }
    return { violations, switches: switches.length }
  })

describe("TokenProvider: random interleavings with key switches", () => {
  it.effect.prop(
    "no expired token, never a key older than the one in use at the call, every caller and switch answered",
    [FastCheck.array(step, { minLength: 1, maxLength: 30 })],
    ([steps]) =>
      Effect.gen(function*() {
        const { violations } = yield* Effect.scoped(run(steps))
        expect(violations).toEqual([])
      }),
    { fastCheck: { numRuns: 100, seed: 20261202 } }
  )
})
