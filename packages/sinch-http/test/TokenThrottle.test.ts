import { describe, expect, it } from "@effect/vitest"
import { AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { Clock, Effect, Fiber, Layer, Schema, TestClock } from "effect"
import * as SinchClient from "../src/SinchClient.js"

const demo = Emulator.demoCredentials

const inProcess = Layer.provideMerge(
  TokenProvider.layer({ seed: 7 }).pipe(
    Layer.provide(ProjectCredentials.layer({ projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret }))
  ),
  EmulatorClient.layerEmulator()
)

const numbers = Effect.gen(function*() {
  const strategy = yield* AuthStrategy.oauth2
  return yield* SinchClient.make({
    api: "Numbers",
    baseUrl: `https://numbers.api.sinch.com/v1/projects/${demo.projectId}`,
    strategy,
    projectId: demo.projectId
  })
})

const Page = Schema.Struct({ activeNumbers: Schema.Array(Schema.Struct({ phoneNumber: Schema.String })) })

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

/** Moves the test clock forward one second at a time until `fiber` is done (at most `seconds`). */
const runFor = <A, E>(fiber: Fiber.RuntimeFiber<A, E>, seconds: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < seconds && (yield* fiber.poll)._tag === "None"; i++) {
      yield* TestClock.adjust("1 second")
    }
    return yield* Fiber.join(fiber)
  })

describe("a call whose token request is throttled", () => {
  it.effect("waits until the provider's retryAt and succeeds: 3 token requests, 1 API request", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("auth", EmulatorControl.status(429), { times: 2 })
      const client = yield* numbers
      const call = yield* Effect.fork(client.request("GET", "/activeNumbers", Page))
      const page = yield* runFor(call, 30)
      expect(page.activeNumbers.length).toBeGreaterThan(0)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(3)
      expect(seen.requestsByApi["numbers"]).toBe(1)
    }).pipe(Effect.provide(inProcess)))

  it.effect("waits through 10 throttled token requests (a fleet's first windows are short) and succeeds", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("auth", EmulatorControl.status(429), { times: 10 })
      const client = yield* numbers
      const call = yield* Effect.fork(client.request("GET", "/activeNumbers", Page))
      const page = yield* runFor(call, 120)
      expect(page.activeNumbers.length).toBeGreaterThan(0)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(11)
      expect(seen.requestsByApi["numbers"]).toBe(1)
    }).pipe(Effect.provide(inProcess)))

  it.effect("gives up with TokenUnavailable(rate-limited) when the throttling outlasts its budget of 60 s", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("auth", EmulatorControl.status(429), { times: 1000 })
      const client = yield* numbers
      const start = yield* Clock.currentTimeMillis
      const call = yield* Effect.fork(Effect.flip(client.request("GET", "/activeNumbers", Page)))
      const error = yield* runFor(call, 180)
      const waited = (yield* Clock.currentTimeMillis) - start
      expect(error._tag === "TokenUnavailable" && error.reason).toBe("rate-limited")
      // Within the budget: never past 60 s of waiting (the clock moves in whole seconds here).
      expect(waited).toBeGreaterThan(30_000)
      expect(waited).toBeLessThanOrEqual(61_000)
      const seen = yield* counters
      // One token request per wait, each wait in the provider's backoff: never a storm.
      expect(seen.tokenRequests.total).toBe(17)
      expect(seen.requestsByApi["numbers"] ?? 0).toBe(0)
    }).pipe(Effect.provide(inProcess)))

  it.effect("an outage (500) is not waited for: the call fails at once with 1 token request", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("auth", EmulatorControl.status(500), { times: 5 })
      const client = yield* numbers
      const error = yield* Effect.flip(client.request("GET", "/activeNumbers", Page))
      expect(error._tag === "TokenUnavailable" && error.reason).toBe("server-error")
      expect((yield* counters).tokenRequests.total).toBe(1)
    }).pipe(Effect.provide(inProcess)))
})
