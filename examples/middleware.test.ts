/**
 * The custom client of examples/middleware.ts, run against the in-process emulator: it sends an
 * E.164 number in the path (encoded), decodes the answer, and shares the token with the Numbers service.
 */
import { describe, expect, it } from "@effect/vitest"
import { TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient } from "@sinch-effect/emulator"
import { Numbers, Sinch } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Effect, Layer, Stream } from "effect"
import { getActiveNumber } from "./middleware.js"

const demo = Emulator.demoCredentials
const TestSinch = Sinch.layer({
  credentials: { projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret },
  region: "eu",
  endpoints: SinchEndpoints.emulator("https://emulator.test")
}).pipe(Layer.provideMerge(EmulatorClient.layerEmulator({ tokenTtl: "1 hour" })))

describe("examples/middleware.ts", () => {
  it.effect("reads one active number through a hand-made SinchClient, on the shared token", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const first = Chunk.unsafeHead(yield* Stream.runCollect(Stream.take(numbers.listActiveNumbers(), 1)))
      const phoneNumber = first.phoneNumber ?? ""
      expect(phoneNumber.startsWith("+")).toBe(true)
      const found = yield* getActiveNumber(phoneNumber)
      expect(found.phoneNumber).toBe(first.phoneNumber)
      const snapshot = yield* Effect.flatMap(TokenProvider.TokenProvider, (provider) => provider.snapshot)
      expect(snapshot.requests).toBe(1)
    }).pipe(Effect.provide(TestSinch)))

  it.effect("a number that is not active is a typed 404", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(getActiveNumber("+19999999999"))
      expect(error._tag).toBe("SinchApiError")
      expect(error._tag === "SinchApiError" && error.status).toBe(404)
    }).pipe(Effect.provide(TestSinch)))
})
