/**
 * `KeyRotation.rotate` against an in-memory Access Keys service and the scripted token endpoint, under
 * `TestClock`: calls keep succeeding through the rotation, each key costs one token request, the old
 * key is deleted exactly once after the grace period, and every failure leaves a working provider.
 */
import { describe, expect, it } from "@effect/vitest"
import type { AccessToken } from "@sinch-effect/auth-core"
import { AuthError, KeyRotation, TokenProvider } from "@sinch-effect/auth-core"
import { Cause, Clock, Data, Effect, Either, Fiber, Redacted, TestClock } from "effect"
import { captureLogs, KEY_ID, KEY_SECRET, provider, quiesce, sleepingUntil } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

const NEW_KEY_ID = "9e8d7c6b-5a49-4838-a726-15f4e3d2c1b0"
const NEW_KEY_SECRET = "planted-rotated-secret:%+ ü/&="
const GRACE = 5 * 60_000

type Step = "ok" | "fail"

/** The Access Keys API as a rotation sees it: every call recorded, each step scripted to fail or not. */
const accessKeys = (script: { create?: Step; deleteNew?: Step; deleteOld?: Step } = {}) => {
  const calls: Array<string> = []
  const apiError = (what: string) =>
    new AuthError.TransportError({
      api: "Sinch Access Keys API",
      reason: "connection",
      method: what === "create" ? "POST" : "DELETE",
      url: "https://account.api.sinch.com/v1/projects/p/accessKeys",
      detail: "connect ECONNREFUSED"
    })
  const service = KeyRotation.AccessKeys.of({
    createKey: ({ displayName }) =>
      Effect.suspend(() => {
        calls.push(`create ${displayName}`)
        return script.create === "fail"
          ? Effect.fail(apiError("create"))
          : Effect.succeed({ keyId: NEW_KEY_ID, keySecret: Redacted.make(NEW_KEY_SECRET) })
      }),
    deleteKey: (keyId) =>
      Effect.suspend(() => {
        calls.push(`delete ${keyId}`)
        const step = keyId === NEW_KEY_ID ? script.deleteNew : script.deleteOld
        return step === "fail" ? Effect.fail(apiError("delete")) : Effect.void
      })
  })
  return { calls, service }
}

const valueOf = (token: AccessToken.AccessToken) => Redacted.value(token.value)

/** Nothing secret may show in any text a failure or a log produces. */
const expectNoSecrets = (texts: ReadonlyArray<string>, endpoint: TokenEndpoint.TokenEndpoint) => {
  const secrets = [KEY_SECRET, NEW_KEY_SECRET, ...endpoint.stats.issued, ...endpoint.stats.authorizations]
  for (const text of texts) {
    for (const secret of secrets.filter((s) => s !== "")) {
      expect(text).not.toContain(secret)
    }
  }
}

const errorTexts = (error: unknown): Array<string> => [
  String(error),
  (error as Error).message,
  JSON.stringify(error),
  Cause.pretty(Cause.fail(error))
]

const rotation = (
  tp: TokenProvider.Service,
  keys: ReturnType<typeof accessKeys>,
  options: KeyRotation.Options<never, never> = {}
) =>
  KeyRotation.rotate({ displayName: "rotated", ...options }).pipe(
    Effect.provideService(KeyRotation.AccessKeys, keys.service),
    Effect.provideService(TokenProvider.TokenProvider, tp)
  )

describe("KeyRotation.rotate", () => {
  it.scoped("calls in flight through a rotation: zero failures, one token request per key, old key deleted once", () => {
    const logs = captureLogs()
    return Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const keys = accessKeys()
      const tp = yield* provider(endpoint)
      const old = yield* tp.get
      // The proof of the new key takes 5 seconds; callers keep calling all along.
      endpoint.enqueue(Reply.token({ delay: "5 seconds" }))
      // Steady traffic, one call every 2 seconds, from before the rotation to after the deletion.
      const traffic = yield* Effect.fork(Effect.forEach(Array.from({ length: 175 }), () =>
        Effect.zipRight(
          Effect.sleep("2 seconds"),
          Effect.zipWith(Clock.currentTimeMillis, Effect.either(tp.get), (at, result) => ({ at, result }))
        )))
      const rotating = yield* Effect.fork(rotation(tp, keys))
      yield* sleepingUntil(5000, "the new key's proof")
      const during = yield* Effect.all(Array.from({ length: 100 }, () => Effect.either(tp.get)), {
        concurrency: "unbounded"
      })
      yield* TestClock.adjust("5 seconds")
      yield* sleepingUntil(5000 + GRACE, "the grace period")
      const after = yield* Effect.all(Array.from({ length: 100 }, () => Effect.either(tp.get)), {
        concurrency: "unbounded"
      })
      expect(keys.calls).toEqual(["create rotated"])

      yield* TestClock.adjust(GRACE - 1)
      yield* quiesce
      expect(keys.calls).toEqual(["create rotated"])
      yield* TestClock.adjust(1)
      const rotated = yield* Fiber.join(rotating)

      expect([...during, ...after].filter(Either.isLeft)).toEqual([])
      expect(keys.calls).toEqual(["create rotated", `delete ${KEY_ID}`])
      expect(rotated).toEqual({ previousKeyId: KEY_ID, keyId: NEW_KEY_ID, switchedAt: 5000, deletedAt: 5000 + GRACE })
      expect((yield* tp.snapshot).keyId).toBe(NEW_KEY_ID)
      // Nothing more happens later: the deletion is not repeated.
      yield* TestClock.adjust(GRACE * 2)
      yield* quiesce
      expect(keys.calls).toEqual(["create rotated", `delete ${KEY_ID}`])
      const steady = yield* Fiber.join(traffic)
      expect(steady.filter(({ result }) => Either.isLeft(result))).toEqual([])
      const keyAt = steady.map(({ at, result }) => [
        at >= rotated.switchedAt,
        endpoint.stats.issuedTo.get(valueOf(Either.getOrThrow(result)))
      ])
      expect(keyAt.filter(([afterSwitch]) => !afterSwitch)).toEqual([[false, KEY_ID], [false, KEY_ID]])
      expect(keyAt.filter(([afterSwitch]) => afterSwitch)).toEqual(
        Array.from({ length: 173 }, () => [true, NEW_KEY_ID])
      )
      expect(new Set(during.map((r) => Either.getOrThrow(r)))).toEqual(new Set([old]))
      const afterTokens = new Set(after.map((r) => valueOf(Either.getOrThrow(r))))
      expect([...afterTokens].map((t) => endpoint.stats.issuedTo.get(t))).toEqual([NEW_KEY_ID])
      expect(endpoint.stats.credentials.map((c) => c.id)).toEqual([KEY_ID, NEW_KEY_ID])
      expect(logs.lines.some((line) => line.includes("rotated; the old key was deleted"))).toBe(true)
      expectNoSecrets(logs.lines, endpoint)
    }).pipe(Effect.provide(logs.layer))
  })

  it.scoped("onSwitched gets the new key right after the switch; if it fails, the old key is kept", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const keys = accessKeys()
      const tp = yield* provider(endpoint)
      yield* tp.get
      const saved: Array<string> = []
      const rotated = yield* Effect.fork(rotation(tp, keys, {
        onSwitched: (key) =>
          Effect.sync(() => {
            saved.push(`${key.keyId} ${Redacted.value(key.keySecret)}`)
          })
      }))
      yield* sleepingUntil(GRACE, "the grace period")
      expect(saved).toEqual([`${NEW_KEY_ID} ${NEW_KEY_SECRET}`])
      yield* TestClock.adjust(GRACE)
      yield* Fiber.join(rotated)

      class SaveFailed extends Data.TaggedError("SaveFailed") {}
      const endpoint2 = TokenEndpoint.make()
      const keys2 = accessKeys()
      const tp2 = yield* provider(endpoint2)
      yield* tp2.get
      const failed = yield* Effect.fork(
        KeyRotation.rotate({ displayName: "rotated", onSwitched: () => Effect.fail(new SaveFailed()) }).pipe(
          Effect.provideService(KeyRotation.AccessKeys, keys2.service),
          Effect.provideService(TokenProvider.TokenProvider, tp2)
        )
      )
      const saveError = yield* Effect.flip(Fiber.join(failed))
      expect(saveError).toBeInstanceOf(SaveFailed)
      yield* TestClock.adjust(GRACE * 2)
      yield* quiesce
      expect(keys2.calls).toEqual(["create rotated"])
      expect((yield* tp2.snapshot).keyId).toBe(NEW_KEY_ID)
    }))

  it.scoped("create fails: create-failed, no token request, the provider keeps its key and works", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const keys = accessKeys({ create: "fail" })
      const tp = yield* provider(endpoint)
      const old = yield* tp.get
      const error = yield* Effect.flip(rotation(tp, keys))
      expect(error._tag).toBe("KeyRotationError")
      if (error._tag !== "KeyRotationError") return
      expect(error.reason).toBe("create-failed")
      expect(error.previousKeyId).toBe(KEY_ID)
      expect(error.newKeyId).toBeUndefined()
      expect(error.cause?._tag).toBe("TransportError")
      expect(error.message).toContain(`Access key ${KEY_ID} stays in use`)
      expect(keys.calls).toEqual(["create rotated"])
      expect(endpoint.stats.requests).toBe(1)
      expect(yield* tp.get).toBe(old)
      expect((yield* tp.snapshot).keyId).toBe(KEY_ID)
      expectNoSecrets(errorTexts(error), endpoint)
    }))

  for (const cleanup of ["ok", "fail"] as const) {
    it.scoped(`the new key is rejected (its deletion: ${cleanup}): new-key-rejected, old key kept and working`, () =>
      Effect.gen(function*() {
        const endpoint = TokenEndpoint.make()
        const keys = accessKeys({ deleteNew: cleanup })
        const tp = yield* provider(endpoint)
        const old = yield* tp.get
        endpoint.enqueue(
          Reply.status(401, { body: { error: "invalid_client", error_description: `no such key ${NEW_KEY_SECRET}` } })
        )
        const error = yield* Effect.flip(rotation(tp, keys))
        expect(error._tag).toBe("KeyRotationError")
        if (error._tag !== "KeyRotationError") return
        expect(error.reason).toBe("new-key-rejected")
        expect(error.previousKeyId).toBe(KEY_ID)
        expect(error.newKeyId).toBe(NEW_KEY_ID)
        expect(error.newKeyDeleted).toBe(cleanup === "ok")
        expect(error.cause?._tag).toBe("InvalidClient")
        expect(error.message).toContain(
          cleanup === "ok" ? "The new key was deleted again." : `delete access key ${NEW_KEY_ID}`
        )
        // The just-created key is deleted (once), the old one never.
        expect(keys.calls).toEqual(["create rotated", `delete ${NEW_KEY_ID}`])
        yield* TestClock.adjust(GRACE * 2)
        yield* quiesce
        expect(keys.calls).toEqual(["create rotated", `delete ${NEW_KEY_ID}`])
        const now = yield* tp.get
        expect(endpoint.stats.issuedTo.get(valueOf(now))).toBe(KEY_ID)
        expect(now.generation).toBeGreaterThanOrEqual(old.generation)
        expect((yield* tp.snapshot).keyId).toBe(KEY_ID)
        expectNoSecrets(errorTexts(error), endpoint)
      }))
  }

  it.scoped("the old key cannot be deleted: delete-failed, and the provider works with the new key", () => {
    const logs = captureLogs()
    return Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const keys = accessKeys({ deleteOld: "fail" })
      const tp = yield* provider(endpoint)
      yield* tp.get
      const rotating = yield* Effect.fork(rotation(tp, keys))
      yield* sleepingUntil(GRACE, "the grace period")
      yield* TestClock.adjust(GRACE)
      const exit = yield* Fiber.await(rotating)
      const error = yield* Effect.flip(exit)
      expect(error._tag).toBe("KeyRotationError")
      if (error._tag !== "KeyRotationError") return
      expect(error.reason).toBe("delete-failed")
      expect(error.previousKeyId).toBe(KEY_ID)
      expect(error.newKeyId).toBe(NEW_KEY_ID)
      expect(error.cause?._tag).toBe("TransportError")
      expect(error.message).toContain(`${NEW_KEY_ID}, which is now in use`)
      expect(keys.calls).toEqual(["create rotated", `delete ${KEY_ID}`])
      const now = yield* tp.get
      expect(endpoint.stats.issuedTo.get(valueOf(now))).toBe(NEW_KEY_ID)
      expect((yield* tp.snapshot).keyId).toBe(NEW_KEY_ID)
      expect(endpoint.stats.requests).toBe(2)
      expectNoSecrets([...errorTexts(error), ...logs.lines], endpoint)
    }).pipe(Effect.provide(logs.layer))
  })

  it("every reason has its own message, and a message never names a secret", () => {
    const reasons = KeyRotation.KeyRotationErrorReason.literals
    const messages = reasons.map((reason) =>
      new KeyRotation.KeyRotationError({
        reason,
        previousKeyId: KEY_ID,
        newKeyId: NEW_KEY_ID,
        newKeyDeleted: false,
        cause: new AuthError.InvalidClient({ keyId: NEW_KEY_ID, status: 401, error: "invalid_client" })
      }).message
    )
    expect(new Set(messages).size).toBe(reasons.length)
    for (const message of messages) {
      expect(message).toContain(KEY_ID)
      expect(message).not.toContain(NEW_KEY_SECRET)
    }
  })
})
