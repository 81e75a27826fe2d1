/**
 * Recipe: testing your own application with the emulator and TestClock.
 * No sockets, no real time, no Sinch account: the emulator runs in-process behind the HttpClient,
 * and TestClock moves token lifetimes, refreshes and backoff forward instantly.
 */
import { describe, expect, it } from "@effect/vitest"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { Numbers, Sinch } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Effect, Layer, Stream, TestClock } from "effect"

// The code under test: your own service, written against the Numbers service.
const countUsNumbers = Effect.gen(function*() {
  const numbers = yield* Numbers.Numbers
  return yield* Stream.runCount(numbers.listActiveNumbers({ regionCode: "US" }))
})

// Everything wired as in production, but against the in-process emulator with its demo project.
const demo = Emulator.demoCredentials
const TestSinch = Sinch.layer({
  credentials: { projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret },
  region: "eu",
  endpoints: SinchEndpoints.emulator("https://emulator.test")
}).pipe(Layer.provideMerge(EmulatorClient.layerEmulator({ tokenTtl: "1 hour" })))

const tokenRequests = Effect.map(
  Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters),
  (counters) => counters.tokenRequests.total
)

describe("my app against the emulator", () => {
  it.effect("works, and survives the token endpoint failing while a token is valid", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      expect(yield* countUsNumbers).toBeGreaterThan(0)
      // The next 5 token requests fail with 500: calls keep working on the cached token.
      yield* control.inject("auth", EmulatorControl.status(500), { times: 5 })
      expect(yield* countUsNumbers).toBeGreaterThan(0)
      expect(yield* tokenRequests).toBe(1)
    }).pipe(Effect.provide(TestSinch)))

  it.effect("a day of simulated time costs no real time", () =>
    Effect.gen(function*() {
      yield* countUsNumbers
      // Past the token's hard expiry: the next call works on a fresh token (refreshed at ~80% of 1 hour).
      yield* TestClock.adjust("61 minutes")
      yield* countUsNumbers
      expect(yield* tokenRequests).toBe(2)
    }).pipe(Effect.provide(TestSinch)))

  it.effect("your error handling sees typed errors", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("numbers", EmulatorControl.status(403))
      const error = yield* Effect.flip(countUsNumbers)
      expect(error._tag).toBe("AccessDenied")
      expect(error.message).toContain("Check the key's project scope")
    }).pipe(Effect.provide(TestSinch)))
})
