import { describe, expect, it } from "@effect/vitest"
import { TokenMetrics } from "@sinch-effect/auth-core"
import type { AuthError } from "@sinch-effect/auth-core"
import { Clock, Effect, Either, Option, Redacted, TestClock } from "effect"
import { adjustTo, count, eventually, KEY_ID, KEY_SECRET, provider, quiesce } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

const failure = (result: Either.Either<unknown, AuthError.TokenError>): AuthError.TokenError =>
  Option.getOrThrow(Either.getLeft(result))

describe("TokenProvider: the token request", () => {
  it.scoped("POSTs grant_type=client_credentials with RFC 6749 2.3.1 Basic auth (secret with `:%+ é/&=`)", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint)
      yield* tp.get
      expect(endpoint.stats.methods).toEqual(["POST"])
      expect(endpoint.stats.urls).toEqual(["https://auth.sinch.com/oauth2/token"])
      expect(endpoint.stats.bodies).toEqual(["grant_type=client_credentials"])
      expect(endpoint.stats.contentTypes).toEqual(["application/x-www-form-urlencoded"])
      // Decoded by the endpoint: base64, split at the first ':', form-decode each part.
      expect(endpoint.stats.credentials).toEqual([{ id: KEY_ID, secret: KEY_SECRET }])
      const expected = `${KEY_ID}:planted-secret%3A%25%2B+%C3%A9%2F%26%3D`
      expect(endpoint.stats.authorizations).toEqual([`Basic ${Buffer.from(expected, "utf8").toString("base64")}`])
    }))

  it.scoped.each([
    "s3cr3t",
    "a:b:c",
    "100%+plus",
    "with space and tab\t",
    "ünïcødé ✓ 秘密",
    "!'()*~-._"
  ])("secret %j round-trips through the Basic header", (secret) =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint, {}, `x${secret}x`)
      yield* tp.get
      expect(endpoint.stats.credentials).toEqual([{ id: KEY_ID, secret: `x${secret}x` }])
    }))

  it.scoped("uses the configured token URL", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const tp = yield* provider(endpoint, { tokenUrl: "http://127.0.0.1:8787/oauth2/token" })
      yield* tp.get
      expect(endpoint.stats.urls).toEqual(["http://127.0.0.1:8787/oauth2/token"])
    }))

  it.scoped("accepts expires_in as a numeric string and keeps the scope", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({
        defaultReply: Reply.status(200, {
          body: { access_token: "planted-token-s", token_type: "Bearer", expires_in: "60", scope: "projects/p1" }
        })
      })
      const tp = yield* provider(endpoint)
      const token = yield* tp.get
      expect(token.expiresAt - token.issuedAt).toBe(60_000)
      expect(token.scope).toBe("projects/p1")
    }))
})

describe("TokenProvider: endpoint answers", () => {
  it.scoped("invalid_client (401) is surfaced to callers, never retried in a loop, and retried only after backoff", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({
        defaultReply: Reply.status(401, {
          body: { error: "invalid_client", error_description: "Bad client credentials" }
        })
      })
      const tp = yield* provider(endpoint)
      const before = yield* count(TokenMetrics.fetchesByOutcome("invalid_client"))
      const first = failure(yield* Effect.either(tp.get))
      expect(first._tag).toBe("InvalidClient")
      if (first._tag !== "InvalidClient") return
      expect(first.keyId).toBe(KEY_ID)
      expect(first.status).toBe(401)
      expect(first.error).toBe("invalid_client")
      expect(first.description).toBe("Bad client credentials")
      expect(first.message).toContain("SINCH_KEY_SECRET")

      const during = yield* Effect.all(Array.from({ length: 20 }, () => Effect.either(tp.get)))
      expect(during.map((result) => failure(result)._tag)).toEqual(Array(20).fill("InvalidClient"))
      yield* quiesce
      expect(endpoint.stats.requests).toBe(1)
      const snapshot = yield* tp.snapshot
      expect(snapshot.state).toBe("backoff")
      expect(snapshot.lastError?._tag).toBe("InvalidClient")

      yield* adjustTo(snapshot.nextAttemptAt!)
      expect(failure(yield* Effect.either(tp.get))._tag).toBe("InvalidClient")
      expect(endpoint.stats.requests).toBe(2)
      expect((yield* count(TokenMetrics.fetchesByOutcome("invalid_client"))) - before).toBe(2)
    }))

  it.scoped.each(
    [
      [400, { error: "invalid_client" }, "InvalidClient"],
      [401, undefined, "InvalidClient"],
      [403, { error: "invalid_client" }, "InvalidClient"],
      [400, { error: "invalid_request", error_description: "grant_type missing" }, "MalformedResponse"],
      [404, "<html>not found</html>", "MalformedResponse"],
      [200, "<html>captive portal</html>", "MalformedResponse"],
      [200, { access_token: "planted-token-x", token_type: "mac", expires_in: 60 }, "MalformedResponse"],
      [200, { access_token: "planted-token-x", token_type: "bearer" }, "MalformedResponse"],
      [200, { access_token: "planted-token-x", token_type: "bearer", expires_in: 0 }, "MalformedResponse"],
      [200, { access_token: "", token_type: "bearer", expires_in: 60 }, "MalformedResponse"],
      [500, { error: "server_error" }, "TokenUnavailable"],
      [502, undefined, "TokenUnavailable"],
      [503, "upstream down", "TokenUnavailable"]
    ] as const
  )("%i %j -> %s", ([status, body, tag]) =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.status(status, { body }) })
      const tp = yield* provider(endpoint)
      const error = failure(yield* Effect.either(tp.get))
      expect(error._tag).toBe(tag)
      expect(error.message).not.toContain("planted")
      if (error._tag === "MalformedResponse") expect(error.status).toBe(status)
      if (error._tag === "TokenUnavailable") {
        expect(error.reason).toBe("server-error")
        expect(error.status).toBe(status)
        expect(error.retryAt).toBeGreaterThan(0)
      }
      expect(endpoint.stats.requests).toBe(1)
    }))

  it.scoped("a malformed token body names the bad fields, never their values", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({
        defaultReply: Reply.status(200, {
          body: { access_token: "planted-token-x", token_type: "mac", expires_in: -1 }
        })
      })
      const tp = yield* provider(endpoint)
      const error = failure(yield* Effect.either(tp.get))
      expect(error._tag).toBe("MalformedResponse")
      expect(error.message).toContain("token_type")
      expect(error.message).toContain("expires_in")
      expect(error.message).not.toContain("mac")
      expect(error.message).not.toContain("planted")
    }))

  it.scoped("a transport failure is TokenUnavailable(unreachable) with retryAt", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.transport() })
      const tp = yield* provider(endpoint)
      const before = yield* count(TokenMetrics.fetchesByOutcome("unreachable"))
      const error = failure(yield* Effect.either(tp.get))
      expect(error._tag).toBe("TokenUnavailable")
      if (error._tag !== "TokenUnavailable") return
      expect(error.reason).toBe("unreachable")
      expect(error.retryAt).toBeGreaterThan(0)
      expect((yield* count(TokenMetrics.fetchesByOutcome("unreachable"))) - before).toBe(1)
    }))
})

describe("TokenProvider: 429", () => {
  it.scoped("honours Retry-After in seconds", () =>
    Effect.gen(function*() {
      yield* TestClock.adjust("10 seconds")
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.status(429, { headers: { "retry-after": "7" } }))
      const tp = yield* provider(endpoint)
      const error = failure(yield* Effect.either(tp.get))
      expect(error._tag === "TokenUnavailable" && error.reason).toBe("rate-limited")
      expect(error._tag === "TokenUnavailable" && error.retryAt).toBe(17_000)
      yield* adjustTo(16_999)
      const during = failure(yield* Effect.either(tp.get))
      expect(during._tag === "TokenUnavailable" && [during.reason, during.retryAt]).toEqual(["rate-limited", 17_000])
      expect(endpoint.stats.requests).toBe(1)
      yield* TestClock.adjust("1 millis")
      expect(Redacted.value((yield* tp.get).value)).toBe("planted-token-1")
      expect(endpoint.stats.requests).toBe(2)
    }))

  it.scoped("honours Retry-After as an HTTP-date", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.status(429, { headers: { "retry-after": "Thu, 01 Jan 1970 00:00:30 GMT" } }))
      const tp = yield* provider(endpoint)
      const error = failure(yield* Effect.either(tp.get))
      expect(error._tag === "TokenUnavailable" && error.retryAt).toBe(30_000)
      expect((yield* tp.snapshot).nextAttemptAt).toBe(30_000)
    }))

  it.scoped("without Retry-After: full-jitter backoff over fourfold windows, reproducible from the seed", () =>
    Effect.gen(function*() {
      const schedule = (seed: number) =>
        Effect.scoped(Effect.gen(function*() {
          const endpoint = TokenEndpoint.make({ defaultReply: Reply.status(429) })
          const tp = yield* provider(endpoint, { seed, retryBase: "1 second", retryMax: "16 seconds" })
          const waits: Array<number> = []
          for (let i = 0; i < 8; i++) {
            const error = failure(yield* Effect.either(tp.get))
            if (error._tag !== "TokenUnavailable") throw new Error(error._tag)
            expect(error.reason).toBe("rate-limited")
            const now = yield* Clock.currentTimeMillis
            waits.push(error.retryAt! - now)
            yield* adjustTo(error.retryAt!)
          }
          expect(endpoint.stats.requests).toBe(8)
          return waits
        }))
      const a = yield* schedule(11)
      const b = yield* schedule(11)
      const c = yield* schedule(12)
      expect(a).toEqual(b)
      expect(c).not.toEqual(a)
      // Windows 2 * base * 4^(n-1), capped at retryMax: 2 s, 8 s, then 16 s.
      const caps = [2, 8, 16, 16, 16, 16, 16, 16].map((s) => s * 1000)
      for (const waits of [a, c]) {
        for (const [i, wait] of waits.entries()) {
          expect(wait).toBeGreaterThanOrEqual(1)
          expect(wait).toBeLessThanOrEqual(caps[i]!)
        }
      }
      // Full jitter uses the whole range: some waits fall below half their cap.
      expect([...a, ...c].some((wait, i) => wait < caps[i % 8]! / 2)).toBe(true)
    }))

  it.scoped("60 credential sets against a bucket of 30 refilled 10/s: everyone gets a token, no storm", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ bucket: { capacity: 30, refillPerSecond: 10 } })
      const providers = yield* Effect.all(Array.from({ length: 60 }, (_, i) => provider(endpoint, { seed: i })))
      const done = new Set<number>()
      const waiting = new Set<number>()
      const client = (index: number) =>
        Effect.gen(function*() {
          for (let attempt = 0; attempt < 50; attempt++) {
            const result = yield* Effect.either(providers[index]!.get)
            if (Either.isRight(result)) {
              done.add(index)
              return
            }
            const error = result.left
            if (error._tag !== "TokenUnavailable" || error.retryAt === undefined) throw new Error(error._tag)
            const now = yield* Clock.currentTimeMillis
            waiting.add(index)
            yield* Effect.sleep(Math.max(0, error.retryAt - now))
            waiting.delete(index)
          }
        })
      yield* Effect.forkScoped(Effect.all(providers.map((_, i) => client(i)), { concurrency: "unbounded" }))
      for (let step = 0; step < 200 && done.size < 60; step++) {
        yield* eventually(() => done.size + waiting.size === 60 && endpoint.stats.inFlight === 0, "all clients idle")
        yield* TestClock.adjust("200 millis")
      }
      expect(done.size).toBe(60)
      const now = yield* Clock.currentTimeMillis
      const rejected = endpoint.stats.statuses.filter((status) => status === 429).length
      expect(endpoint.stats.issued).toHaveLength(60)
      expect(endpoint.stats.requests).toBe(60 + rejected)
      expect(endpoint.stats.maxInFlight).toBeLessThanOrEqual(60)
      // 30 at once, then 10/s: 30 more need at least 3 seconds.
      expect(now).toBeGreaterThanOrEqual(3000)
      // Each provider retries only after its own backoff: a few rejections per provider, not one per tick.
      expect(rejected).toBeGreaterThanOrEqual(30)
      expect(rejected).toBeLessThan(60 * 6)
    }))
})
