import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Chunk, Duration, Effect, Fiber, Layer, Schema, Stream, TestClock } from "effect"
import * as Pagination from "../src/Pagination.js"
import * as SinchClient from "../src/SinchClient.js"
import * as SinchEndpoints from "../src/SinchEndpoints.js"

const demo = Emulator.demoCredentials

const credentials = ProjectCredentials.layer({
  projectId: demo.projectId,
  keyId: demo.keyId,
  keySecret: demo.keySecret
})

/** An in-process emulator (production hosts routed to it) and one shared TokenProvider. */
const inProcess = Layer.provideMerge(
  TokenProvider.layer().pipe(Layer.provide(credentials)),
  EmulatorClient.layerEmulator()
)

const ActiveNumber = Schema.Struct({ phoneNumber: Schema.String })
const ActiveNumbers = Schema.Struct({
  activeNumbers: Schema.optionalWith(Schema.Array(ActiveNumber), { default: () => [] }),
  nextPageToken: Schema.optional(Schema.String)
})

const numbers = (options?: Partial<SinchClient.Options<"project">> & { readonly projectId?: string }) =>
  Effect.gen(function*() {
    const strategy = yield* AuthStrategy.oauth2
    const projectId = options?.projectId ?? demo.projectId
    return yield* SinchClient.make({
      api: "Numbers",
      baseUrl: `https://numbers.api.sinch.com/v1/projects/${projectId}`,
      strategy,
      projectId,
      ...options
    })
  })

const listActive = (client: SinchClient.SinchClient, query?: SinchClient.RequestOptions["query"]) =>
  client.request("GET", "/activeNumbers", ActiveNumbers, { query })

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
const tokenRequests = Effect.map(counters, (c) => c.tokenRequests.total)
const requestsTo = (api: string) => Effect.map(counters, (c) => c.requestsByApi[api] ?? 0)

describe("against the in-process emulator", () => {
  it.effect("a revoked token is recovered with exactly one new token", () =>
    Effect.gen(function*() {
      const client = yield* numbers()
      const first = yield* listActive(client)
      expect(first.activeNumbers.length).toBeGreaterThan(0)
      expect(yield* tokenRequests).toBe(1)
      const control = yield* EmulatorControl.EmulatorControl
      expect(yield* control.revokeAllTokens).toBe(1)
      yield* listActive(client)
      expect(yield* tokenRequests).toBe(2)
      expect(yield* requestsTo("numbers")).toBe(3)
    }).pipe(Effect.provide(inProcess)))

  it.effect("100 concurrent calls with a revoked token: 1 token request, 200 API requests", () =>
    Effect.gen(function*() {
      const client = yield* numbers()
      yield* listActive(client)
      yield* Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.revokeAllTokens)
      const before = yield* requestsTo("numbers")
      yield* Effect.all(Array.from({ length: 100 }, () => listActive(client)), { concurrency: "unbounded" })
      expect(yield* tokenRequests).toBe(2)
      expect((yield* requestsTo("numbers")) - before).toBe(200)
    }).pipe(Effect.provide(inProcess)))

  it.effect("another project's API is AccessDenied and keeps the token", () =>
    Effect.gen(function*() {
      const client = yield* numbers({ projectId: "someone-elses-project" })
      const error = yield* Effect.flip(listActive(client))
      expect(error._tag).toBe("AccessDenied")
      expect(error.message).toContain("someone-elses-project")
      yield* Effect.flip(listActive(client))
      expect(yield* tokenRequests).toBe(1)
      expect(yield* requestsTo("numbers")).toBe(2)
    }).pipe(Effect.provide(inProcess)))

  it.effect("429 with Retry-After: waits exactly that long, then succeeds", () =>
    Effect.gen(function*() {
      const client = yield* numbers()
      yield* listActive(client)
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("numbers", EmulatorControl.status(429, { retryAfter: 2 }))
      const fiber = yield* Effect.fork(listActive(client))
      yield* TestClock.adjust(Duration.millis(1999))
      expect(yield* requestsTo("numbers")).toBe(2)
      yield* TestClock.adjust(Duration.millis(1))
      yield* Fiber.join(fiber)
      expect(yield* requestsTo("numbers")).toBe(3)
    }).pipe(Effect.provide(inProcess)))

  it.effect("GET answered 503, 503, 200 succeeds after 3 sends; a POST answered 503 is sent once", () =>
    Effect.gen(function*() {
      const client = yield* numbers()
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("numbers", EmulatorControl.status(503), { times: 2 })
      const fiber = yield* Effect.fork(listActive(client))
      yield* TestClock.adjust(Duration.seconds(10))
      yield* Fiber.join(fiber)
      expect(yield* requestsTo("numbers")).toBe(3)

      yield* control.inject("numbers", EmulatorControl.status(503), { times: 2 })
      const error = yield* Effect.flip(
        client.requestVoid("POST", "/availableNumbers:rentAny", { body: { regionCode: "US", type: "LOCAL" } })
      )
      expect(error._tag === "SinchApiError" && [error.status, error.statusText]).toEqual([503, "UNAVAILABLE"])
      expect(yield* requestsTo("numbers")).toBe(4)
    }).pipe(Effect.provide(inProcess)))

  it.effect("a hang is TransportError timeout; a dropped connection TransportError connection; bad JSON MalformedResponse", () =>
    Effect.gen(function*() {
      const client = yield* numbers({ timeout: Duration.seconds(2), retry: { maxAttempts: 1 } })
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("numbers", EmulatorControl.hang)
      const fiber = yield* Effect.fork(Effect.flip(listActive(client)))
      yield* TestClock.adjust(Duration.seconds(2))
      const timeout = yield* Fiber.join(fiber)
      expect(timeout._tag === "TransportError" && timeout.reason).toBe("timeout")

      yield* control.inject("numbers", EmulatorControl.drop)
      const dropped = yield* Effect.flip(listActive(client))
      expect(dropped._tag === "TransportError" && dropped.reason).toBe("connection")

      yield* control.inject("numbers", EmulatorControl.malformedJson)
      const malformed = yield* Effect.flip(listActive(client))
      expect(malformed._tag === "MalformedResponse" && malformed.status).toBe(200)
      expect(yield* requestsTo("numbers")).toBe(3)
    }).pipe(Effect.provide(inProcess)))

  it.effect("the emulator's 400 decodes with its field violations", () =>
    Effect.gen(function*() {
      const client = yield* numbers()
      const error = yield* Effect.flip(listActive(client, { pageSize: 5000 }))
      expect(error._tag === "SinchApiError" && error.violations.map((v) => v.field)).toContain("pageSize")
    }).pipe(Effect.provide(inProcess)))

  it.effect("token pages stream lazily: take(3) of pages of 2 sends exactly 2 list requests", () =>
    Effect.gen(function*() {
      const client = yield* numbers()
      const stream = Pagination.tokenPages({
        fetch: (pageToken) => listActive(client, { pageSize: 2, pageToken }),
        items: (page) => page.activeNumbers,
        next: (page) => page.nextPageToken
      })
      const three = yield* Stream.runCollect(Stream.take(stream, 3))
      expect(Chunk.size(three)).toBe(3)
      expect(yield* requestsTo("numbers")).toBe(2)
      const all = yield* Stream.runCollect(stream)
      expect(new Set(Chunk.toReadonlyArray(all).map((n) => n.phoneNumber)).size).toBe(Chunk.size(all))
    }).pipe(Effect.provide(inProcess)))

  it.effect("application-signed Verification: every resend is signed afresh and accepted", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
      const strategy = yield* AuthStrategy.applicationSigned()
      const client = yield* SinchClient.make({
        api: "Verification",
        baseUrl: "https://verification.api.sinch.com",
        strategy
      })
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("verification", EmulatorControl.status(503), { times: 2 })
      const fiber = yield* Effect.fork(
        client.request("POST", "/verification/v1/verifications", Schema.Struct({ id: Schema.String }), {
          body: { identity: { type: "number", endpoint: "+46700000000" }, method: "sms" },
          idempotencyKey: "verification-1"
        })
      )
      yield* TestClock.adjust(Duration.seconds(10))
      const started = yield* Fiber.join(fiber)
      expect(started.id.length).toBeGreaterThan(0)
      expect(yield* requestsTo("verification")).toBe(3)
    }).pipe(
      Effect.provide(Layer.merge(
        EmulatorClient.layerEmulator({ signatureWindow: Duration.minutes(5) }),
        ApplicationCredentials.layer({
          applicationKey: demo.applicationKey,
          applicationSecret: demo.applicationSecret
        })
      ))
    ))
})

describe("over real HTTP on 127.0.0.1", () => {
  const served = Layer.provideMerge(
    Layer.unwrapEffect(
      Effect.map(EmulatorServer.EmulatorServer, (server) =>
        Layer.mergeAll(
          SinchEndpoints.layer(SinchEndpoints.emulator(server.baseUrl)),
          TokenProvider.layer({ tokenUrl: SinchEndpoints.emulator(server.baseUrl).auth }).pipe(
            Layer.provide(credentials),
            Layer.provide(NodeHttpClient.layerUndici)
          )
        ))
    ).pipe(Layer.orDie),
    Layer.merge(EmulatorServer.layerEmulator().pipe(Layer.orDie), NodeHttpClient.layerUndici)
  )

  it.effect("encoded paths, typed errors and a revoked token, through a real socket", () =>
    Effect.gen(function*() {
      const endpoints = yield* SinchEndpoints.SinchEndpoints
      const strategy = yield* AuthStrategy.oauth2
      const client = yield* SinchClient.make({
        api: "Numbers",
        baseUrl: `${endpoints.numbers}/v1/projects/${demo.projectId}`,
        strategy,
        projectId: demo.projectId
      })
      const missing = yield* Effect.flip(
        client.request("GET", "/activeNumbers/{phoneNumber}", ActiveNumber, { path: { phoneNumber: "+19999999999" } })
      )
      expect(missing._tag === "SinchApiError" && [missing.status, missing.statusText]).toEqual([404, "NOT_FOUND"])
      const recent = (yield* counters).recentRequests.filter((r) => r.api === "numbers")
      expect(recent.map((r) => r.path)).toEqual([`/numbers/v1/projects/${demo.projectId}/activeNumbers/%2B19999999999`])

      const control = yield* EmulatorControl.EmulatorControl
      yield* control.revokeAllTokens
      const listed = yield* listActive(client)
      expect(listed.activeNumbers.length).toBeGreaterThan(0)
      expect(yield* tokenRequests).toBe(2)
      expect(yield* requestsTo("numbers")).toBe(3)
    }).pipe(Effect.provide(served)))
})
