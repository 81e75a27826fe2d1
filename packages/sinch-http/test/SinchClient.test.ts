import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, AuthStrategy } from "@sinch-effect/auth-core"
import { Duration, Effect, Either, Fiber, Schema, TestClock } from "effect"
import * as SinchClient from "../src/SinchClient.js"
import type { Reply, Seen } from "./support.js"
import { basic, bearer, fakeClient, header, testTokens } from "./support.js"

const ActiveNumber = Schema.Struct({ phoneNumber: Schema.String })

const setup = (
  reply: (seen: Seen, n: number) => Reply,
  options?: Partial<SinchClient.Options<"project">>
) =>
  Effect.gen(function*() {
    const tokens = yield* testTokens
    const auth = bearer(tokens)
    const fake = fakeClient(reply)
    const client = yield* SinchClient.make({
      api: "Numbers",
      baseUrl: "https://numbers.test/v1/projects/p1",
      strategy: auth.strategy,
      projectId: "p1",
      ...options
    }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
    return { client, seen: fake.seen, tokens, unauthorized: auth.unauthorized }
  })

const ok = { status: 200, body: { phoneNumber: "+12025550100" } }

const getNumber = (client: SinchClient.SinchClient) =>
  client.request("GET", "/activeNumbers/{phoneNumber}", ActiveNumber, { path: { phoneNumber: "+12025550100" } })

describe("401", () => {
  it.effect("an API that always answers 401: exactly 2 sends and 1 refresh per call", () =>
    Effect.gen(function*() {
      const { client, seen, tokens, unauthorized } = yield* setup(() => ({
        status: 401,
        body: { error: { code: 401, message: "Unauthorized", status: "UNAUTHENTICATED" } }
      }))
      const error = yield* Effect.flip(getNumber(client))
      expect(error._tag).toBe("InvalidToken")
      expect(seen.length).toBe(2)
      expect(unauthorized.count).toBe(1)
      expect(tokens.fetches()).toBe(2)
      expect(seen.map((s) => header(s, "authorization"))).toEqual(["Bearer token-1", "Bearer token-2"])

      yield* Effect.flip(getNumber(client))
      expect(seen.length).toBe(4)
      expect(unauthorized.count).toBe(2)
    }))

  it.effect("a second 401 saying the token expired is ExpiredToken", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({
        status: 401,
        headers: {
          "www-authenticate": "Bearer error=\"invalid_token\", error_description=\"The access token expired\""
        }
      }))
      const error = yield* Effect.flip(getNumber(client))
      expect(error._tag).toBe("ExpiredToken")
      expect(error._tag === "ExpiredToken" && error.description).toBe("The access token expired")
      expect(seen.length).toBe(2)
    }))

  it.effect("a second 401 with an RFC 7807 body saying expired is ExpiredToken; saying revoked, InvalidToken", () =>
    Effect.gen(function*() {
      const expired = yield* setup(() => ({
        status: 401,
        body: { type: "about:blank", title: "Unauthorized", detail: "Token has expired" }
      }))
      const first = yield* Effect.flip(getNumber(expired.client))
      expect(first._tag === "ExpiredToken" && first.description).toBe("Token has expired")
      const revoked = yield* setup(() => ({
        status: 401,
        body: { type: "about:blank", title: "Unauthorized", detail: "Token was revoked" }
      }))
      const second = yield* Effect.flip(getNumber(revoked.client))
      expect(second._tag === "InvalidToken" && second.description).toBe("Token was revoked")
      expect(second.message).not.toContain("Bearer")
    }))

  it.effect("a 401 for a revoked token (no word 'expired') is recovered with a fresh token", () =>
    Effect.gen(function*() {
      const { client, seen, tokens } = yield* setup((s) =>
        header(s, "authorization") === "Bearer token-1"
          ? { status: 401, body: { error: { code: 401, message: "Token revoked", status: "UNAUTHENTICATED" } } }
          : ok
      )
      const number = yield* getNumber(client)
      expect(number.phoneNumber).toBe("+12025550100")
      expect(seen.length).toBe(2)
      expect(tokens.fetches()).toBe(2)
      // The next call uses the new token at once.
      yield* getNumber(client)
      expect(seen.length).toBe(3)
      expect(header(seen[2]!, "authorization")).toBe("Bearer token-2")
    }))

  it.effect("100 concurrent calls rejected with 401 cause exactly 1 refresh", () =>
    Effect.gen(function*() {
      const { client, seen, tokens, unauthorized } = yield* setup((s) =>
        header(s, "authorization") === "Bearer token-1" ? { status: 401 } : ok
      )
      const results = yield* Effect.all(Array.from({ length: 100 }, () => getNumber(client)), {
        concurrency: "unbounded"
      })
      expect(results.length).toBe(100)
      expect(tokens.fetches()).toBe(2)
      expect(unauthorized.count).toBe(100)
      expect(seen.length).toBe(200)
      expect(seen.filter((s) => header(s, "authorization") === "Bearer token-2").length).toBe(100)
    }))

  it.effect("a 401 on Basic auth is final: one send, no refresh, the decoded body", () =>
    Effect.gen(function*() {
      const fake = fakeClient(() => ({
        status: 401,
        body: { error: { code: 401, message: "Bad key", status: "UNAUTHENTICATED" } }
      }))
      const client = yield* SinchClient.make({
        api: "Numbers",
        baseUrl: "https://n.test",
        strategy: basic("Basic a2V5OnNlY3JldA==")
      })
        .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
      const error = yield* Effect.flip(client.requestVoid("GET", "/x"))
      expect(error._tag).toBe("SinchApiError")
      expect(error._tag === "SinchApiError" && [error.status, error.detail]).toEqual([401, "Bad key"])
      expect(fake.seen.length).toBe(1)
    }))
})

describe("403", () => {
  it.effect("is AccessDenied naming project and API, and never invalidates the token", () =>
    Effect.gen(function*() {
      const { client, seen, tokens, unauthorized } = yield* setup(() => ({
        status: 403,
        body: { error: { code: 403, message: "Project not enabled", status: "PERMISSION_DENIED" } }
      }))
      const error = yield* Effect.flip(getNumber(client))
      expect(error._tag).toBe("AccessDenied")
      expect(error.message).toContain("Numbers")
      expect(error.message).toContain("project p1")
      expect(error.message).toContain("Project not enabled")
      expect(seen.length).toBe(1)
      expect(unauthorized.count).toBe(0)
      expect(tokens.fetches()).toBe(1)
      yield* Effect.flip(getNumber(client))
      expect(tokens.fetches()).toBe(1)
      expect(header(seen[1]!, "authorization")).toBe("Bearer token-1")
    }))
})

describe("429", () => {
  it.effect("waits exactly Retry-After seconds, then succeeds", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup((_, n) => (n === 1 ? { status: 429, headers: { "retry-after": "3" } } : ok))
      const fiber = yield* Effect.fork(getNumber(client))
      yield* TestClock.adjust(Duration.millis(2999))
      expect(seen.length).toBe(1)
      yield* TestClock.adjust(Duration.millis(1))
      const number = yield* Fiber.join(fiber)
      expect(number.phoneNumber).toBe("+12025550100")
      expect(seen.length).toBe(2)
    }))

  it.effect("waits until a Retry-After HTTP-date, then succeeds", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
      const { client, seen } = yield* setup((_, n) =>
        n === 1 ? { status: 429, headers: { "retry-after": "Sun, 01 Mar 2026 12:00:05 GMT" } } : ok
      )
      const fiber = yield* Effect.fork(getNumber(client))
      yield* TestClock.adjust(Duration.millis(4999))
      expect(seen.length).toBe(1)
      yield* TestClock.adjust(Duration.millis(1))
      yield* Fiber.join(fiber)
      expect(seen.length).toBe(2)
    }))

  it.effect("a Retry-After date in the past resends at once", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
      const { client, seen } = yield* setup((_, n) =>
        n === 1 ? { status: 429, headers: { "retry-after": "Sun, 01 Mar 2026 11:59:00 GMT" } } : ok
      )
      yield* getNumber(client)
      expect(seen.length).toBe(2)
    }))

  it.effect("after 3 waits the call fails with RateLimited carrying retryAfter", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 429, headers: { "retry-after": "2" } }))
      const fiber = yield* Effect.fork(Effect.flip(getNumber(client)))
      yield* TestClock.adjust(Duration.seconds(6))
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && error.retryAfter).toEqual(Duration.seconds(2))
      expect(seen.length).toBe(4)
    }))

  it.effect("a Retry-After longer than maxRetryAfter fails at once with RateLimited", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 429, headers: { "retry-after": "60" } }), {
        retry: { maxRetryAfter: Duration.seconds(30) }
      })
      const error = yield* Effect.flip(getNumber(client))
      expect(error._tag === "RateLimited" && error.retryAfter).toEqual(Duration.seconds(60))
      expect(seen.length).toBe(1)
    }))

  it.effect("a POST refused with 429 is resent (it was not processed)", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup((_, n) => (n === 1 ? { status: 429, headers: { "retry-after": "1" } } : ok))
      const fiber = yield* Effect.fork(client.requestVoid("POST", "/activeNumbers", { body: { a: 1 } }))
      yield* TestClock.adjust(Duration.seconds(1))
      yield* Fiber.join(fiber)
      expect(seen.length).toBe(2)
      expect(seen.map((s) => s.body)).toEqual(["{\"a\":1}", "{\"a\":1}"])
    }))
})

describe("5xx and transport failures", () => {
  it.effect("a POST answered 503 is sent exactly once", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 503 }))
      const error = yield* Effect.flip(client.requestVoid("POST", "/availableNumbers:rentAny", { body: { x: 1 } }))
      expect(error._tag === "SinchApiError" && error.status).toBe(503)
      expect(seen.length).toBe(1)
    }))

  it.effect("a POST with an idempotency key is retried, with the same key and body", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup((_, n) => (n < 3 ? { status: 503 } : ok))
      const fiber = yield* Effect.fork(
        client.request("POST", "/activeNumbers", ActiveNumber, { body: { x: 1 }, idempotencyKey: "k-1" })
      )
      yield* TestClock.adjust(Duration.seconds(30))
      yield* Fiber.join(fiber)
      expect(seen.length).toBe(3)
      expect(seen.map((s) => header(s, "idempotency-key"))).toEqual(["k-1", "k-1", "k-1"])
      expect(new Set(seen.map((s) => s.body))).toEqual(new Set(["{\"x\":1}"]))
    }))

  it.effect("a GET answered 503, 503, 200 succeeds after exactly 3 sends, with backoff between", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup((_, n) => (n < 3 ? { status: 503 } : ok))
      const fiber = yield* Effect.fork(getNumber(client))
      // The first backoff step is 200 ms jittered to [100, 300) ms: nothing is resent before 100 ms.
      yield* TestClock.adjust(Duration.millis(99))
      expect(seen.length).toBe(1)
      yield* TestClock.adjust(Duration.seconds(30))
      const number = yield* Fiber.join(fiber)
      expect(number.phoneNumber).toBe("+12025550100")
      expect(seen.length).toBe(3)
    }))

  it.effect("a GET answered 503 forever fails after exactly maxAttempts sends", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 503 }), { retry: { maxAttempts: 4 } })
      const fiber = yield* Effect.fork(Effect.flip(getNumber(client)))
      yield* TestClock.adjust(Duration.minutes(1))
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "SinchApiError" && error.status).toBe(503)
      expect(seen.length).toBe(4)
    }))

  it.effect("a 400 is never retried", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 400 }))
      const error = yield* Effect.flip(getNumber(client))
      expect(error._tag === "SinchApiError" && error.status).toBe(400)
      expect(seen.length).toBe(1)
    }))

  it.effect("a request with no answer fails with TransportError timeout after the per-attempt deadline", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => "hang", { timeout: Duration.seconds(5) })
      const fiber = yield* Effect.fork(Effect.flip(client.requestVoid("POST", "/x")))
      yield* TestClock.adjust(Duration.millis(4999))
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust(Duration.millis(1))
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TransportError" && error.reason).toBe("timeout")
      expect(seen.length).toBe(1)
    }))

  it.effect("an idempotent request times out on each of its 3 attempts (default 30 s each)", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => "hang")
      const fiber = yield* Effect.fork(Effect.flip(getNumber(client)))
      yield* TestClock.adjust(Duration.seconds(29))
      expect(seen.length).toBe(1)
      yield* TestClock.adjust(Duration.minutes(2))
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TransportError" && error.reason).toBe("timeout")
      expect(seen.length).toBe(3)
    }))

  it.effect("a refused connection: a POST fails at once, a GET after 3 sends", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => "refuse")
      const post = yield* Effect.flip(client.requestVoid("POST", "/x"))
      expect(post._tag === "TransportError" && post.reason).toBe("connection")
      expect(post.message).toContain("ECONNREFUSED")
      expect(seen.length).toBe(1)
      const fiber = yield* Effect.fork(Effect.flip(getNumber(client)))
      yield* TestClock.adjust(Duration.seconds(30))
      yield* Fiber.join(fiber)
      expect(seen.length).toBe(4)
    }))
})

describe("requests", () => {
  it.effect("path segments and query values are encoded; arrays repeat the key", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 200, body: { activeNumbers: [] } }))
      yield* client.requestText("GET", "/activeNumbers/{phoneNumber}", {
        path: { phoneNumber: "+12025550100" },
        query: {
          "numberPattern.pattern": "+1202",
          "numberPattern.searchPattern": "START",
          capabilities: ["SMS", "VOICE"],
          note: "a b&c=d",
          pageSize: 10,
          omitted: undefined
        }
      })
      const url = new URL(seen[0]!.url)
      expect(url.pathname).toBe("/v1/projects/p1/activeNumbers/%2B12025550100")
      expect(url.search).toBe(
        "?numberPattern.pattern=%2B1202&numberPattern.searchPattern=START&capabilities=SMS&capabilities=VOICE&note=a+b%26c%3Dd&pageSize=10"
      )
      expect(url.searchParams.get("numberPattern.pattern")).toBe("+1202")
    }))

  it.effect("sends JSON with accept, content type and user agent", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ok)
      yield* client.request("POST", "/activeNumbers/{n}", ActiveNumber, {
        path: { n: "1" },
        body: { displayName: "é" }
      })
      const s = seen[0]!
      expect(s.method).toBe("POST")
      expect(s.body).toBe("{\"displayName\":\"é\"}")
      expect(header(s, "content-type")).toBe("application/json")
      expect(header(s, "accept")).toBe("application/json")
      expect(header(s, "user-agent")).toMatch(/^sinch-effect\/0\.1\.0 \(/)
      expect(header(s, "idempotency-key")).toBeUndefined()
    }))

  it.effect("a 2xx body that fails the schema is MalformedResponse", () =>
    Effect.gen(function*() {
      const { client } = yield* setup(() => ({ status: 200, body: { phoneNumber: 42 } }))
      const error = yield* Effect.flip(getNumber(client))
      expect(error._tag).toBe("MalformedResponse")
      expect(error._tag === "MalformedResponse" && error.status).toBe(200)
      expect(error.message).toContain("phoneNumber")
    }))

  it.effect("a 2xx body that is not JSON is MalformedResponse", () =>
    Effect.gen(function*() {
      const { client } = yield* setup(() => ({ status: 200, body: "<html>captive portal</html>" }))
      const error = yield* Effect.flip(getNumber(client))
      expect(error._tag === "MalformedResponse" && error.detail).toContain("not JSON")
    }))

  it.effect("requestVoid accepts 204", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 204 }))
      yield* client.requestVoid("DELETE", "/trunks/{id}", { path: { id: "t 1" } })
      expect(new URL(seen[0]!.url).pathname).toBe("/v1/projects/p1/trunks/t%201")
    }))

  it.effect("strategy.observe sees every response, whatever its status", () =>
    Effect.gen(function*() {
      const statuses: Array<number> = []
      const tokens = yield* testTokens
      const { strategy } = bearer(tokens)
      const fake = fakeClient((_, n) => (n === 1 ? { status: 401 } : n === 2 ? { status: 503 } : ok))
      const client = yield* SinchClient.make({
        api: "Numbers",
        baseUrl: "https://n.test",
        strategy: { ...strategy, observe: (response) => Effect.sync(() => statuses.push(response.status)) }
      }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
      const fiber = yield* Effect.fork(getNumber(client))
      yield* TestClock.adjust(Duration.seconds(5))
      yield* Fiber.join(fiber)
      expect(statuses).toEqual([401, 503, 200])
    }))
})

describe("application-signed strategy", () => {
  it.effect("every attempt gets a fresh signature and exactly one Authorization header", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
      const strategy = yield* AuthStrategy.applicationSigned().pipe(
        Effect.provide(ApplicationCredentials.layer({
          applicationKey: "669E367E-6BBA-48AB-AF15-266871C28135",
          applicationSecret: "BeIukql3pTKJ8RGL5zo0DA=="
        }))
      )
      const fake = fakeClient((_, n) => (n < 3 ? { status: 503 } : { status: 200, body: { id: "v1" } }))
      const client = yield* SinchClient.make({ api: "Verification", baseUrl: "https://verification.test", strategy })
        .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
      const fiber = yield* Effect.fork(
        client.request("PUT", "/verification/v1/verifications/{id}", Schema.Struct({ id: Schema.String }), {
          path: { id: "v1" },
          body: { method: "sms" }
        })
      )
      yield* TestClock.adjust(Duration.seconds(30))
      yield* Fiber.join(fiber)
      expect(fake.seen.length).toBe(3)
      const authorizations = fake.seen.map((s) => header(s, "authorization"))
      expect(authorizations.every((a) => a?.startsWith("Application 669E367E-6BBA-48AB-AF15-266871C28135:"))).toBe(true)
      expect(new Set(authorizations).size).toBe(3)
      expect(new Set(fake.seen.map((s) => header(s, "x-timestamp"))).size).toBe(3)
      for (const s of fake.seen) {
        expect(Object.keys(s.headers).filter((name) => name.toLowerCase() === "authorization").length).toBe(1)
      }
    }))
})

describe("httpClient (advanced use)", () => {
  it.effect("resolves relative URLs, authenticates every attempt and resends once after a 401", () =>
    Effect.gen(function*() {
      const { client, seen, tokens } = yield* setup((s) =>
        header(s, "authorization") === "Bearer token-1" ? { status: 401 } : { status: 200, body: "raw" }
      )
      const response = yield* client.httpClient.get("/callbackConfiguration")
      expect(response.status).toBe(200)
      expect(yield* response.text).toBe("raw")
      expect(seen.map((s) => s.url)).toEqual([
        "https://numbers.test/v1/projects/p1/callbackConfiguration",
        "https://numbers.test/v1/projects/p1/callbackConfiguration"
      ])
      expect(tokens.fetches()).toBe(2)
    }))

  it.effect("returns a second 401 as it is", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 401 }))
      const response = yield* client.httpClient.get("https://elsewhere.test/x")
      expect(response.status).toBe(401)
      expect(seen.length).toBe(2)
      expect(seen[0]!.url).toBe("https://elsewhere.test/x")
    }))

  it.effect("a token failure is a RequestError whose cause is the token error", () =>
    Effect.gen(function*() {
      const { AuthError } = yield* Effect.promise(() => import("@sinch-effect/auth-core"))
      const failing: AuthStrategy.ProjectStrategy = {
        _tag: "OAuth2",
        scope: "project",
        authenticate: () => Effect.fail(new AuthError.TokenUnavailable({ reason: "unreachable" })),
        onUnauthorized: () => Effect.succeed(false),
        observe: () => Effect.void
      }
      const fake = fakeClient(() => ok)
      const client = yield* SinchClient.make({ api: "Numbers", baseUrl: "https://n.test", strategy: failing })
        .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
      const error = yield* Effect.flip(client.httpClient.get("/x"))
      expect(error._tag).toBe("RequestError")
      expect(error._tag === "RequestError" && (error.cause as { _tag: string })._tag).toBe("TokenUnavailable")
      expect(fake.seen.length).toBe(0)
      const viaRequest = yield* Effect.either(client.requestVoid("GET", "/x"))
      expect(Either.isLeft(viaRequest) && viaRequest.left._tag).toBe("TokenUnavailable")
    }))
})
