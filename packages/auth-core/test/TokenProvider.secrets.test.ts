import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Either, Fiber, Logger, LogLevel } from "effect"
import { inspect } from "node:util"
import { adjustTo, captureLogs, eventually, KEY_ID, KEY_SECRET, provider, sleepingUntil } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"
import { recordingTracer } from "./utils/Tracing.js"

const { Reply } = TokenEndpoint

const encodedSecret = "planted-secret%3A%25%2B+%C3%A9%2F%26%3D"
const basic = Buffer.from(`${KEY_ID}:${encodedSecret}`, "utf8").toString("base64")
const planted = [KEY_SECRET, "planted-secret", encodedSecret, "planted-token", basic, basic.slice(8, 40)]

/** Every way a value commonly ends up in a log, a trace or a bug report. */
const renderings = (value: unknown): Array<string> => [
  value instanceof Error ? value.message : "",
  String(value),
  JSON.stringify(value) ?? "",
  inspect(value, { depth: 10 }),
  Cause.pretty(Cause.fail(value)),
  Cause.pretty(Cause.die(value))
]

const expectClean = (label: string, value: unknown) => {
  for (const text of renderings(value)) {
    for (const secret of planted) {
      if (text.includes(secret)) {
        const at = text.indexOf(secret)
        throw new Error(`${label} exposes a planted secret in: ${text.slice(Math.max(0, at - 400), at + 100)}`)
      }
    }
  }
}

const failurePaths: ReadonlyArray<readonly [string, TokenEndpoint.Reply]> = [
  ["invalid_client", Reply.status(401, { body: { error: "invalid_client", error_description: "Bad credentials" } })],
  ["401 without body", Reply.status(401)],
  ["invalid_request", Reply.status(400, { body: { error: "invalid_request" } })],
  // Endpoints that echo what they were sent: the header, its decoded form, the secret as configured.
  [
    "400 echoing the Authorization header",
    Reply.status(400, { body: { error: "invalid_request", error_description: `bad header: Basic ${basic}` } })
  ],
  [
    "401 echoing id:secret",
    Reply.status(401, {
      body: { error: "invalid_client", error_description: `rejected ${KEY_ID}:${encodedSecret} (${KEY_SECRET})` }
    })
  ],
  [
    "503 echoing the secret in the error code",
    Reply.status(503, { body: { error: `no_${KEY_SECRET}`, error_description: basic } })
  ],
  [
    "418 echoing the header in both fields",
    Reply.status(418, { body: { error: `Basic ${basic}`, error_description: `${KEY_ID}:${encodedSecret}` } })
  ],
  ["429 with Retry-After", Reply.status(429, { headers: { "retry-after": "3" } })],
  ["429", Reply.status(429)],
  ["503", Reply.status(503, { body: "Service Unavailable" })],
  ["timeout", Reply.hang],
  ["transport", Reply.transport()],
  ["defect", Reply.die],
  ["html 200", Reply.status(200, { body: "<html>planted-token-html</html>" })],
  [
    "wrong token_type",
    Reply.status(200, { body: { access_token: "planted-token-x", token_type: "mac", expires_in: 60 } })
  ],
  ["no expires_in", Reply.status(200, { body: { access_token: "planted-token-y", token_type: "bearer" } })],
  [
    "padded token",
    Reply.status(200, { body: { access_token: " planted-token-z ", token_type: "bearer", expires_in: 9 } })
  ]
]

describe("TokenProvider: no secret ever leaks", () => {
  it.scoped.each(failurePaths)(
    "%s: errors (first and during backoff), logs and spans are clean",
    ([, reply]) =>
      Effect.gen(function*() {
        const logs = captureLogs()
        const { spans, tracer } = recordingTracer()
        yield* Effect.gen(function*() {
          const endpoint = TokenEndpoint.make({ defaultReply: reply })
          const tp = yield* provider(endpoint, { requestTimeout: "1 second" })
          const caller = yield* Effect.fork(Effect.either(tp.get))
          if (reply._tag === "Hang") {
            yield* sleepingUntil(1000, "the request deadline")
            yield* adjustTo(1000)
          }
          const first = yield* Fiber.join(caller)
          const during = yield* Effect.either(tp.get)
          expect(Either.isLeft(first) && Either.isLeft(during)).toBe(true)
          expectClean("the first error", Either.getLeft(first))
          expectClean("the backoff error", Either.getLeft(during))
          expectClean("the snapshot", yield* tp.snapshot)
          expectClean("the failure cause", yield* Effect.exit(tp.get))
          expect(endpoint.stats.credentials).toEqual([{ id: KEY_ID, secret: KEY_SECRET }])
        }).pipe(Effect.provide(logs.layer), Logger.withMinimumLogLevel(LogLevel.All), Effect.withTracer(tracer))
        expectClean("the logs", logs.lines)
        expectClean("the spans", spans.map((span) => [span.name, [...span.attributes], span.exit]))
      })
  )

  it.scoped("a token, the provider's snapshot and the refresh-failure logs are clean", () =>
    Effect.gen(function*() {
      const logs = captureLogs()
      const { spans, tracer } = recordingTracer()
      yield* Effect.gen(function*() {
        const endpoint = TokenEndpoint.make({ defaultReply: Reply.status(401, { body: { error: "invalid_client" } }) })
        endpoint.enqueue(Reply.token({ expiresIn: 100 }), Reply.status(503), Reply.transport())
        const tp = yield* provider(endpoint)
        const token = yield* tp.get
        expectClean("the token", token)
        for (let i = 0; i < 3; i++) {
          const at = (yield* tp.snapshot).nextAttemptAt ?? token.refreshAt
          yield* adjustTo(at)
          yield* eventually(() => endpoint.stats.requests === i + 2, `refresh ${i + 1}`)
          yield* eventually(
            Effect.map(tp.snapshot, (s) =>
              s.state !== "fetching" && s.nextAttemptAt !== undefined && s.nextAttemptAt > at),
            `refresh ${i + 1} to settle`
          )
        }
        expect(logs.lines.length).toBe(3)
        expectClean("the snapshot", yield* tp.snapshot)
        expect(yield* tp.get).toBe(token)
      }).pipe(Effect.provide(logs.layer), Logger.withMinimumLogLevel(LogLevel.All), Effect.withTracer(tracer))
      expectClean("the logs", logs.lines)
      expectClean("the spans", spans.map((span) => [span.name, [...span.attributes], span.exit]))
    }))

  it("the planted values are really planted (the check can fail)", () => {
    expect(() => expectClean("a raw secret", { secret: KEY_SECRET })).toThrow()
    expect(() => expectClean("a Basic header", `Basic ${basic}`)).toThrow()
    expect(() => expectClean("a token", new Error("Bearer planted-token-1"))).toThrow()
  })
})
