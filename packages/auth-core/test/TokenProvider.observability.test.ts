import { describe, expect, it } from "@effect/vitest"
import { TokenMetrics } from "@sinch-effect/auth-core"
import { Effect, Either, Fiber, Option } from "effect"
import { adjustTo, count, eventually, provider, sleepingUntil } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"
import { recordingTracer } from "./utils/Tracing.js"

const { Reply } = TokenEndpoint

const allOutcomes = Effect.all(
  Object.fromEntries(
    TokenMetrics.fetchOutcomes.map((outcome) => [outcome, count(TokenMetrics.fetchesByOutcome(outcome))])
  )
)

describe("TokenMetrics", () => {
  it.scoped.each(
    [
      [Reply.token(), "success"],
      [Reply.status(401, { body: { error: "invalid_client" } }), "invalid_client"],
      [Reply.status(429), "rate_limited"],
      [Reply.status(503), "server_error"],
      [Reply.hang, "timeout"],
      [Reply.transport(), "unreachable"],
      [Reply.die, "unreachable"],
      [Reply.status(200, { body: "not json" }), "malformed"]
    ] as const
  )("%j counts exactly one fetch with outcome %s", ([reply, outcome]) =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: reply })
      const tp = yield* provider(endpoint, { requestTimeout: "1 second" })
      const before = yield* allOutcomes
      const caller = yield* Effect.fork(Effect.either(tp.get))
      if (reply._tag === "Hang") {
        yield* sleepingUntil(1000, "the request deadline")
        yield* adjustTo(1000)
      }
      yield* Fiber.join(caller)
      const after = yield* allOutcomes
      for (const name of TokenMetrics.fetchOutcomes) {
        expect([name, after[name]! - before[name]!]).toEqual([name, name === outcome ? 1 : 0])
      }
    }))

  it.effect("recordUnauthorizedRetry increments the 401-retry counter by exactly one", () =>
    Effect.gen(function*() {
      const before = yield* count(TokenMetrics.unauthorizedRetries)
      yield* TokenMetrics.recordUnauthorizedRetry
      yield* TokenMetrics.recordUnauthorizedRetry
      expect((yield* count(TokenMetrics.unauthorizedRetries)) - before).toBe(2)
    }))
})

describe("TokenProvider: spans", () => {
  it.scoped("one TokenProvider.fetch span per request with outcome, status and attempt", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.status(503), Reply.status(429), Reply.token())
      const tp = yield* provider(endpoint).pipe(Effect.withTracer(tracer))
      for (let i = 0; i < 3; i++) {
        const result = yield* Effect.either(tp.get).pipe(Effect.withTracer(tracer))
        if (Either.isLeft(result) && result.left._tag === "TokenUnavailable") yield* adjustTo(result.left.retryAt!)
      }
      const fetches = spans.filter((span) => span.name === "TokenProvider.fetch")
      const pick = (attributes: Map<string, unknown>) =>
        Object.fromEntries(["attempt", "outcome", "status"].map((key) => [key, attributes.get(key)]))
      expect(fetches.map((span) => pick(span.attributes))).toEqual([
        { attempt: 1, outcome: "server_error", status: 503 },
        { attempt: 2, outcome: "rate_limited", status: 429 },
        { attempt: 3, outcome: "success", status: 200 }
      ])
      expect(fetches.map((span) => span.kind)).toEqual(["client", "client", "client"])
      expect(fetches.map((span) => span.exit?._tag)).toEqual(["Failure", "Failure", "Success"])
      expect(endpoint.stats.requests).toBe(3)
    }))

  it.scoped("a token request has exactly one span: the HTTP client's own, which holds the Basic header, is off", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      yield* Effect.gen(function*() {
        const endpoint = TokenEndpoint.make()
        const tp = yield* provider(endpoint)
        yield* tp.get
        const text = JSON.stringify(spans.map((span) => [span.name, [...span.attributes]]))
        expect(spans.map((span) => span.name)).toEqual(["TokenProvider.fetch"])
        expect(text).not.toMatch(/planted|Basic /)
        expect(text).not.toContain(endpoint.stats.authorizations[0]!.slice("Basic ".length))
      }).pipe(Effect.withTracer(tracer))
    }))
})

describe("TokenProvider.snapshot", () => {
  it.scoped("reports state, token times, backoff and request count, never the token", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      endpoint.enqueue(Reply.status(503), Reply.token({ expiresIn: 100, delay: "1 second" }), Reply.status(500))
      const tp = yield* provider(endpoint)
      const states: Array<string> = [(yield* tp.snapshot).state]
      const failed = yield* Effect.either(tp.get)
      const retryAt = Either.isLeft(failed) && failed.left._tag === "TokenUnavailable" ? failed.left.retryAt! : -1
      const backoff = yield* tp.snapshot
      states.push(backoff.state)
      expect(backoff.nextAttemptAt).toBe(retryAt)
      expect(backoff.lastError?._tag).toBe("TokenUnavailable")

      yield* adjustTo(retryAt)
      const caller = yield* Effect.fork(tp.get)
      yield* sleepingUntil(retryAt + 1000, "the slow token request")
      states.push((yield* tp.snapshot).state)
      yield* adjustTo(retryAt + 1000)
      const token = yield* Fiber.join(caller)
      const valid = yield* tp.snapshot
      states.push(valid.state)
      expect(valid.token).toEqual(
        Option.some({
          scope: token.scope,
          issuedAt: token.issuedAt,
          expiresAt: token.expiresAt,
          refreshAt: token.refreshAt,
          generation: 1
        })
      )
      expect(valid.lastError).toBeUndefined()
      expect(valid.nextAttemptAt).toBeUndefined()
      expect(valid.requests).toBe(2)

      yield* adjustTo(token.refreshAt)
      yield* eventually(
        Effect.map(tp.snapshot, (s) => s.requests === 3 && s.lastError !== undefined),
        "the failed refresh"
      )
      const afterRefresh = yield* tp.snapshot
      states.push(afterRefresh.state)
      expect(afterRefresh.requests).toBe(3)
      expect(states).toEqual(["empty", "backoff", "fetching", "valid", "refreshing"])
      expect(JSON.stringify([backoff, valid, afterRefresh])).not.toContain("planted")
    }))
})
