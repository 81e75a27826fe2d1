/**
 * The provider against the emulator's token endpoint (in-process client): an implementation written
 * from the Sinch documents, not from this client, so shared misreadings cannot cancel out.
 */
import { describe, expect, it } from "@effect/vitest"
import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { Effect, Either, Fiber, Layer, Option, TestClock } from "effect"
import { adjustTo, eventually, KEY_ID, KEY_SECRET, PROJECT_ID, sleepingUntil } from "./utils/harness.js"

const emulator = EmulatorClient.layerEmulator({
  accessKeys: [{ keyId: KEY_ID, keySecret: KEY_SECRET, projectIds: [PROJECT_ID] }],
  tokenTtl: "100 seconds"
})

const withProvider = (keySecret: string = KEY_SECRET) =>
  Layer.provideMerge(
    TokenProvider.layer({ seed: 3 }),
    Layer.merge(
      ProjectCredentials.layer({ projectId: PROJECT_ID, keyId: KEY_ID, keySecret }).pipe(Layer.orDie),
      emulator
    )
  )

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

describe("TokenProvider against the emulator", () => {
  it.scoped("200 concurrent first calls: one token request, accepted with a secret full of `:%+ é/&=`", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      const tp = yield* TokenProvider.TokenProvider
      yield* control.inject("auth", EmulatorControl.delay("1 second"))
      const callers = yield* Effect.fork(
        Effect.all(Array.from({ length: 200 }, () => tp.get), { concurrency: "unbounded" })
      )
      yield* sleepingUntil(1000, "the delayed token request")
      yield* TestClock.adjust("1 second")
      const tokens = yield* Fiber.join(callers)
      expect(new Set(tokens.map((token) => token.generation))).toEqual(new Set([1]))
      expect(tokens[0]!.expiresAt - tokens[0]!.issuedAt).toBe(100_000)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(1)
      expect(seen.tokenRequests.byOutcome).toEqual({ issued: 1 })
      expect(seen.tokenRequestsMaxInFlight).toBe(1)
    }).pipe(Effect.provide(withProvider())))

  it.scoped("a wrong secret is InvalidClient, not retried during its backoff", () =>
    Effect.gen(function*() {
      const tp = yield* TokenProvider.TokenProvider
      const results = yield* Effect.all(Array.from({ length: 10 }, () => Effect.either(tp.get)))
      expect(results.map((result) => Either.isLeft(result) && result.left._tag)).toEqual(
        Array(10).fill("InvalidClient")
      )
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(1)
      expect(seen.tokenRequests.byOutcome).toEqual({ invalid_client: 1 })
    }).pipe(Effect.provide(withProvider("planted-secret-wrong"))))

  it.scoped("refresh failures (503, dropped connection) keep the old token; the next retry replaces it", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      const tp = yield* TokenProvider.TokenProvider
      const first = yield* tp.get
      yield* control.inject("auth", EmulatorControl.status(503))
      yield* control.inject("auth", EmulatorControl.drop)
      yield* adjustTo(first.refreshAt)
      for (let attempt = 1; attempt <= 2; attempt++) {
        yield* eventually(
          Effect.map(
            tp.snapshot,
            (s) => s.state === "refreshing" && s.lastError !== undefined && s.requests === 1 + attempt
          ),
          `failed refresh ${attempt}`
        )
        expect(yield* tp.get).toBe(first)
        const next = (yield* tp.snapshot).nextAttemptAt!
        expect(next).toBeLessThan(first.expiresAt)
        yield* adjustTo(next)
      }
      yield* eventually(
        Effect.map(tp.snapshot, (s) => Option.exists(s.token, (token) => token.generation === 2)),
        "the successful retry"
      )
      const second = yield* tp.get
      expect(second.generation).toBe(2)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(4)
      expect(seen.tokenRequests.byOutcome["issued"]).toBe(2)
    }).pipe(Effect.provide(withProvider())))

  it.scoped("a revoked token is invalidated once and replaced by exactly one request", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      const tp = yield* TokenProvider.TokenProvider
      const first = yield* tp.get
      expect(yield* control.revokeAllTokens).toBe(1)
      yield* Effect.all(Array.from({ length: 50 }, () => tp.invalidate(first)), { concurrency: "unbounded" })
      const replacements = yield* Effect.all(Array.from({ length: 50 }, () => tp.get), { concurrency: "unbounded" })
      expect(new Set(replacements.map((token) => token.generation))).toEqual(new Set([2]))
      expect((yield* counters).tokenRequests.total).toBe(2)
    }).pipe(Effect.provide(withProvider())))
})
