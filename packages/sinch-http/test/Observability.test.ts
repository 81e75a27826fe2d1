import { Headers, HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Metric, Schema, TestClock } from "effect"
import { inspect } from "node:util"
import * as SinchClient from "../src/SinchClient.js"
import * as SinchMetrics from "../src/SinchMetrics.js"
import type { Reply, Seen } from "./support.js"
import { basic, bearer, fakeClient, header, recordingTracer, testTokens } from "./support.js"

const secrets = ["token-1", "token-2", "Bearer", "c2VjcmV0LWtleQ"]

const leaks = (text: string): Array<string> => secrets.filter((secret) => text.includes(secret))

const run = (reply: (seen: Seen, n: number) => Reply) =>
  Effect.gen(function*() {
    const { spans, tracer } = yield* recordingTracer
    const tokens = yield* testTokens
    const fake = fakeClient(reply)
    const client = yield* SinchClient.make({
      api: "Numbers",
      baseUrl: "https://numbers.test/v1/projects/p1",
      strategy: bearer(tokens).strategy
    }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
    const result = yield* client.request(
      "GET",
      "/activeNumbers/{phoneNumber}",
      Schema.Struct({ phoneNumber: Schema.String }),
      { path: { phoneNumber: "+12025550100" } }
    ).pipe(Effect.either, Effect.withTracer(tracer))
    return { spans, result, seen: fake.seen }
  })

describe("tracing", () => {
  it.effect("one Sinch.<api> span per call with api, method, route template, status and attempt", () =>
    Effect.gen(function*() {
      const { result, spans } = yield* run((s) =>
        header(s, "authorization") === "Bearer token-1" ? { status: 401 } : { status: 200, body: { phoneNumber: "+1" } }
      )
      expect(result._tag).toBe("Right")
      const calls = spans.filter((span) => span.name === "Sinch.Numbers")
      expect(calls.length).toBe(1)
      const attributes = Object.fromEntries(calls[0]!.attributes)
      expect(attributes).toMatchObject({
        "sinch.api": "Numbers",
        "http.request.method": "GET",
        "sinch.route": "/activeNumbers/{phoneNumber}",
        "http.response.status_code": 200,
        "sinch.attempt": 2
      })
      expect(calls[0]!.kind).toBe("client")
      // The platform's span per attempt is a child of the call's span.
      const attempts = spans.filter((span) => span.name !== "Sinch.Numbers")
      expect(attempts.length).toBe(2)
      for (const span of attempts) {
        expect(span.parent._tag === "Some" && span.parent.value.spanId).toBe(calls[0]!.spanId)
      }
    }))

  it.effect("no span attribute contains the token or the Authorization header, even with redaction turned off", () =>
    Effect.gen(function*() {
      const { seen, spans } = yield* run(() => ({ status: 401 })).pipe(Effect.locally(Headers.currentRedactedNames, []))
      expect(seen.length).toBe(2)
      expect(header(seen[0]!, "authorization")).toBe("Bearer token-1")
      const rendered = spans.flatMap((span) => [...span.attributes].map(([key, value]) => `${key}=${String(value)}`))
      expect(rendered.some((entry) => entry.startsWith("http.request.header.authorization="))).toBe(true)
      expect(rendered.some((entry) => entry.startsWith("url.full=") && entry.includes("%2B12025550100"))).toBe(true)
      expect(leaks(rendered.join("\n"))).toEqual([])
    }))

  it.effect("errors never render a credential (String, JSON, inspect)", () =>
    Effect.gen(function*() {
      const fake = fakeClient(() => "refuse")
      const client = yield* SinchClient.make({
        api: "Numbers",
        baseUrl: "https://n.test",
        strategy: basic("Basic c2VjcmV0LWtleQ==")
      }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
      const error = yield* Effect.flip(client.requestVoid("POST", "/x"))
      expect(error._tag).toBe("TransportError")
      expect(header(fake.seen[0]!, "authorization")).toBe("Basic c2VjcmV0LWtleQ==")
      expect(leaks(`${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${error.message}`))
        .toEqual([])
    }))
})

const count = (metric: Metric.Metric.Counter<number>, tags: Record<string, string>) =>
  Effect.map(
    Metric.value(Object.entries(tags).reduce((m, [k, v]) => Metric.tagged(m, k, v), metric)),
    (state) => state.count
  )

describe("metrics", () => {
  it.effect("counts calls by outcome, 401 resends, 429 waits and 5xx retries", () =>
    Effect.gen(function*() {
      const api = "Account" as const
      const tokens = yield* testTokens
      // 401 (resend with a new token), 429 (wait), 503 (retry), 200.
      const fake = fakeClient((_, n) =>
        n === 1
          ? { status: 401 }
          : n === 2
          ? { status: 429, headers: { "retry-after": "1" } }
          : n === 3
          ? { status: 503 }
          : n === 4
          ? { status: 200 }
          : { status: 400 }
      )
      const client = yield* SinchClient.make({ api, baseUrl: "https://a.test", strategy: bearer(tokens).strategy })
        .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
      const before = {
        ok: yield* count(SinchMetrics.calls, { api, outcome: "ok" }),
        failed: yield* count(SinchMetrics.calls, { api, outcome: "SinchApiError" }),
        unauthorized: yield* count(SinchMetrics.unauthorizedRetries, { api }),
        waits: yield* count(SinchMetrics.rateLimitWaits, { api }),
        retries: yield* count(SinchMetrics.retries, { api })
      }
      const fiber = yield* Effect.fork(client.requestVoid("GET", "/x"))
      yield* TestClock.adjust(Duration.seconds(10))
      yield* Fiber.join(fiber)
      yield* Effect.flip(client.requestVoid("GET", "/x"))
      expect(fake.seen.length).toBe(5)
      expect((yield* count(SinchMetrics.calls, { api, outcome: "ok" })) - before.ok).toBe(1)
      expect((yield* count(SinchMetrics.calls, { api, outcome: "SinchApiError" })) - before.failed).toBe(1)
      expect((yield* count(SinchMetrics.unauthorizedRetries, { api })) - before.unauthorized).toBe(1)
      expect((yield* count(SinchMetrics.rateLimitWaits, { api })) - before.waits).toBe(1)
      expect((yield* count(SinchMetrics.retries, { api })) - before.retries).toBe(1)
    }))
})
