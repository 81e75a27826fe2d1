/**
 * `switchCredentials`: the new key is proven by a token request of its own, then swapped in at one
 * instant. Each test checks which key the endpoint saw for every token handed out.
 */
import { describe, expect, it } from "@effect/vitest"
import type { AccessToken } from "@sinch-effect/auth-core"
import type { AuthError } from "@sinch-effect/auth-core"
import { TokenMetrics, TokenProvider, TokenStore } from "@sinch-effect/auth-core"
import { Effect, Either, Exit, Fiber, Layer, Option, Redacted, Scope, TestClock } from "effect"
import {
  adjustTo,
  captureLogs,
  credentialsLayer,
  eventually,
  gauge,
  KEY_ID,
  KEY_SECRET,
  provider,
  quiesce,
  sleepingUntil
} from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

const NEW_KEY_ID = "9e8d7c6b-5a49-4838-a726-15f4e3d2c1b0"
const NEW_KEY_SECRET = "planted-new-secret:%+ ü/&="
const newKey: TokenProvider.AccessKey = { keyId: NEW_KEY_ID, keySecret: Redacted.make(NEW_KEY_SECRET) }

const valueOf = (token: AccessToken.AccessToken) => Redacted.value(token.value)

/** The key the endpoint issued `token` to. */
const keyOf = (endpoint: TokenEndpoint.TokenEndpoint) => (token: AccessToken.AccessToken) =>
  endpoint.stats.issuedTo.get(valueOf(token))

const keysAsked = (endpoint: TokenEndpoint.TokenEndpoint) => endpoint.stats.credentials.map((c) => c.id)

describe("TokenProvider.switchCredentials", () => {
  it.scoped("callers waiting on an old-key fetch get the new key's token: none fails, one request per key", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.token({ delay: "5 seconds" }), Reply.token({ delay: "1 second" }))
      const tp = yield* provider(endpoint)
      const waiting = yield* Effect.fork(
        Effect.all(Array.from({ length: 100 }, () => Effect.either(tp.get)), { concurrency: "unbounded" })
      )
      yield* sleepingUntil(5000, "the old key's first request")
      const switching = yield* Effect.fork(tp.switchCredentials(newKey))
      yield* sleepingUntil(1000, "the new key's proof")
      yield* TestClock.adjust("1 second")
      const switched = yield* Fiber.join(switching)
      const results = yield* Fiber.join(waiting)

      expect(results.filter(Either.isLeft)).toEqual([])
      const tokens = results.flatMap((r) => (Either.isRight(r) ? [r.right] : []))
      expect(new Set(tokens)).toEqual(new Set([switched.token]))
      expect(keyOf(endpoint)(switched.token)).toBe(NEW_KEY_ID)
      expect(switched.previousKeyId).toBe(KEY_ID)
      expect(switched.keyId).toBe(NEW_KEY_ID)

      // The old key's answer arrives after the switch: it is dropped.
      yield* TestClock.adjust("4 seconds")
      yield* eventually(() => endpoint.stats.completed === 2, "the old key's answer")
      yield* quiesce
      expect(endpoint.stats.issuedTo.get(endpoint.stats.issued[1]!)).toBe(KEY_ID)
      const after = yield* Effect.all(Array.from({ length: 50 }, () => tp.get), { concurrency: "unbounded" })
      expect(new Set(after)).toEqual(new Set([switched.token]))
      expect(keysAsked(endpoint)).toEqual([KEY_ID, NEW_KEY_ID])
      const snapshot = yield* tp.snapshot
      expect(snapshot.keyId).toBe(NEW_KEY_ID)
      expect(snapshot.state).toBe("valid")
      expect(snapshot.requests).toBe(2)
      expect(Option.map(snapshot.token, (t) => t.generation)).toEqual(Option.some(switched.token.generation))
    }))

  it.scoped("calls before the switch get the old key's token, every call after it the new key's", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint)
      const old = yield* tp.get
      endpoint.enqueue(Reply.token({ delay: "1 second" }))
      const switching = yield* Effect.fork(tp.switchCredentials(newKey))
      yield* sleepingUntil(1000, "the new key's proof")
      const during = yield* Effect.all(Array.from({ length: 100 }, () => tp.get), { concurrency: "unbounded" })
      expect(new Set(during)).toEqual(new Set([old]))
      yield* TestClock.adjust("1 second")
      const switched = yield* Fiber.join(switching)
      const after = yield* Effect.all(Array.from({ length: 100 }, () => tp.get), { concurrency: "unbounded" })
      expect(new Set(after.map(keyOf(endpoint)))).toEqual(new Set([NEW_KEY_ID]))
      expect(new Set(after)).toEqual(new Set([switched.token]))
      expect(switched.token.generation).toBe(old.generation + 1)
      expect(keysAsked(endpoint)).toEqual([KEY_ID, NEW_KEY_ID])
    }))

  it.scoped("an old-key refresh in flight at the switch never overwrites the new token; refreshes use the new key", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.token(), Reply.token({ delay: "5 seconds" }))
      const tp = yield* provider(endpoint)
      const first = yield* tp.get
      yield* adjustTo(first.refreshAt)
      yield* sleepingUntil(first.refreshAt + 5000, "the old key's refresh")
      expect(yield* gauge(TokenMetrics.refreshInFlight)).toBe(1)
      const switched = yield* tp.switchCredentials(newKey)
      expect(keyOf(endpoint)(switched.token)).toBe(NEW_KEY_ID)

      yield* TestClock.adjust("5 seconds")
      yield* eventually(() => endpoint.stats.completed === 3, "the old key's refresh answer")
      yield* quiesce
      expect(endpoint.stats.issuedTo.get(endpoint.stats.issued[2]!)).toBe(KEY_ID)
      expect(yield* tp.get).toBe(switched.token)
      expect(yield* gauge(TokenMetrics.refreshInFlight)).toBe(0)
      const snapshot = yield* tp.snapshot
      expect(snapshot.lastError).toBeUndefined()
      expect(Option.map(snapshot.token, (t) => t.generation)).toEqual(Option.some(switched.token.generation))

      // The new token's own refresh, on its own schedule, with the new key.
      yield* adjustTo(switched.token.refreshAt)
      yield* eventually(() => endpoint.stats.completed === 4, "the new key's refresh")
      yield* quiesce
      const refreshed = yield* tp.get
      expect(keyOf(endpoint)(refreshed)).toBe(NEW_KEY_ID)
      expect(refreshed.generation).toBe(switched.token.generation + 1)
      expect(keysAsked(endpoint)).toEqual([KEY_ID, KEY_ID, NEW_KEY_ID, NEW_KEY_ID])
    }))

  it.scoped("an old-key refresh that fails after the switch leaves no backoff, no retry and no warning", () => {
    const logs = captureLogs()
    return Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.token(), Reply.status(500, { body: { error: "server_error" }, delay: "5 seconds" }))
      const tp = yield* provider(endpoint)
      const first = yield* tp.get
      yield* adjustTo(first.refreshAt)
      yield* sleepingUntil(first.refreshAt + 5000, "the old key's refresh")
      const switched = yield* tp.switchCredentials(newKey)
      yield* TestClock.adjust("5 seconds")
      yield* eventually(() => endpoint.stats.completed === 3, "the old key's failed refresh")
      yield* quiesce
      const snapshot = yield* tp.snapshot
      expect(snapshot.state).toBe("valid")
      expect(snapshot.lastError).toBeUndefined()
      expect(snapshot.nextAttemptAt).toBeUndefined()
      expect(yield* tp.get).toBe(switched.token)
      // Only the new token's refresh is scheduled: nothing before it.
      yield* TestClock.adjust("60 seconds")
      yield* quiesce
      expect(endpoint.stats.requests).toBe(3)
      expect(logs.lines.some((line) => line.includes("refresh failed"))).toBe(false)
      expect(logs.lines.some((line) => line.includes("access key switched"))).toBe(true)
    }).pipe(Effect.provide(logs.layer))
  })

  it.scoped("after the switch an invalidation refetches with the new key, and the old token's 401 is stale", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint)
      const old = yield* tp.get
      const switched = yield* tp.switchCredentials(newKey)
      yield* tp.invalidate(old)
      expect(yield* tp.get).toBe(switched.token)
      yield* tp.invalidate(switched.token)
      const next = yield* tp.get
      expect(keyOf(endpoint)(next)).toBe(NEW_KEY_ID)
      expect(keysAsked(endpoint)).toEqual([KEY_ID, NEW_KEY_ID, NEW_KEY_ID])
    }))

  const rejections: ReadonlyArray<{
    readonly name: string
    readonly reply: TokenEndpoint.Reply
    readonly tag: AuthError.TokenError["_tag"]
    readonly wait?: number
  }> = [
    {
      name: "invalid_client (the secret echoed back)",
      reply: Reply.status(401, { body: { error: "invalid_client", error_description: `bad ${NEW_KEY_SECRET}` } }),
      tag: "InvalidClient"
    },
    { name: "a 500", reply: Reply.status(500, { body: { error: "server_error" } }), tag: "TokenUnavailable" },
    { name: "no answer within the deadline", reply: Reply.hang, tag: "TokenUnavailable", wait: 10_000 },
    { name: "a token that expires at once", reply: Reply.token({ expiresIn: 1 }), tag: "MalformedResponse" }
  ]

  for (const rejection of rejections) {
    it.scoped(`a new key refused with ${rejection.name} changes nothing`, () =>
      Effect.gen(function*() {
        const endpoint = TokenEndpoint.make()
        const tp = yield* provider(endpoint)
        const old = yield* tp.get
        endpoint.enqueue(rejection.reply)
        const switching = yield* Effect.fork(tp.switchCredentials(newKey))
        if (rejection.wait !== undefined) {
          yield* sleepingUntil(rejection.wait, "the proof's deadline")
          yield* TestClock.adjust(rejection.wait)
        }
        const exit = yield* Fiber.await(switching)
        expect(Exit.isFailure(exit)).toBe(true)
        const error = yield* Effect.flip(exit)
        expect(error._tag).toBe(rejection.tag)
        if (error._tag === "InvalidClient") expect(error.keyId).toBe(NEW_KEY_ID)
        for (const text of [error.message, String(error), JSON.stringify(error)]) {
          expect(text).not.toContain(NEW_KEY_SECRET)
          expect(text).not.toContain(KEY_SECRET)
        }

        expect(yield* tp.get).toBe(old)
        const snapshot = yield* tp.snapshot
        expect(snapshot.keyId).toBe(KEY_ID)
        expect(snapshot.state).toBe("valid")
        expect(snapshot.lastError).toBeUndefined()
        expect(snapshot.nextAttemptAt).toBeUndefined()
        // The old key's refresh still runs on schedule, with the old key.
        yield* adjustTo(old.refreshAt)
        yield* eventually(
          Effect.map(tp.snapshot, (s) => Option.exists(s.token, (t) => t.generation === old.generation + 1)),
          "the old key's refresh"
        )
        const refreshed = yield* tp.get
        expect(refreshed.generation).toBe(old.generation + 1)
        expect(keyOf(endpoint)(refreshed)).toBe(KEY_ID)
        expect(keysAsked(endpoint)).toEqual([KEY_ID, NEW_KEY_ID, KEY_ID])
      }))
  }

  it.scoped("the TokenStore is asked for, and told about, the new key after the switch", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const seen: Array<string> = []
      const store = TokenStore.TokenStore.of({
        obtain: (key, options) =>
          Effect.zipRight(
            Effect.sync(() => seen.push(`obtain ${key.keyId} ${Redacted.value(key.keySecret) === NEW_KEY_SECRET}`)),
            options.fetch
          ),
        invalidate: (key) => Effect.sync(() => seen.push(`invalidate ${key.keyId}`))
      })
      const tp = yield* TokenProvider.make({ seed: 7 }).pipe(
        Effect.provide(Layer.mergeAll(credentialsLayer(), endpoint.layer, Layer.succeed(TokenStore.TokenStore, store)))
      )
      yield* tp.get
      const switched = yield* tp.switchCredentials(newKey)
      yield* tp.invalidate(switched.token)
      yield* tp.get
      expect(seen).toEqual([
        `obtain ${KEY_ID} false`,
        `obtain ${NEW_KEY_ID} true`,
        `invalidate ${NEW_KEY_ID}`,
        `obtain ${NEW_KEY_ID} true`
      ])
    }))

  it.scoped("concurrent switches run one at a time, each replacing the key before it", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.token({ delay: "1 second" }) })
      endpoint.enqueue(Reply.token())
      const tp = yield* provider(endpoint)
      yield* tp.get
      const third: TokenProvider.AccessKey = {
        keyId: "0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f",
        keySecret: Redacted.make("planted-third-secret")
      }
      const both = yield* Effect.fork(
        Effect.all([tp.switchCredentials(newKey), tp.switchCredentials(third)], { concurrency: "unbounded" })
      )
      yield* sleepingUntil(1000, "the first proof")
      yield* TestClock.adjust("1 second")
      yield* sleepingUntil(2000, "the second proof")
      expect(endpoint.stats.maxInFlight).toBe(1)
      yield* TestClock.adjust("1 second")
      const [a, b] = yield* Fiber.join(both)
      const [first, second] = a.previousKeyId === KEY_ID ? [a, b] : [b, a]
      expect(first.previousKeyId).toBe(KEY_ID)
      expect(second.previousKeyId).toBe(first.keyId)
      expect(yield* tp.get).toBe(second.token)
      expect((yield* tp.snapshot).keyId).toBe(second.keyId)
      expect(keysAsked(endpoint)).toEqual([KEY_ID, first.keyId, second.keyId])
    }))

  it.effect("a provider whose scope is closed refuses to switch and sends nothing", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const scope = yield* Scope.make()
      const tp = yield* provider(endpoint).pipe(Scope.extend(scope))
      yield* tp.get
      yield* Scope.close(scope, Exit.void)
      const error = yield* Effect.flip(tp.switchCredentials(newKey))
      expect(error._tag).toBe("TokenUnavailable")
      expect(endpoint.stats.requests).toBe(1)
    }))
})
