import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Option, Ref, TestClock } from "effect"
import { Emulator, EmulatorClient, EmulatorControl } from "../src/index.js"
import type { ProductApi } from "../src/ProductApi.js"
import { demo, demoSecret, echoAll, numbersUrl, send, token, tokenRequest } from "./utils/emulator.js"

const control = EmulatorControl.EmulatorControl
const layer = () => EmulatorClient.layerEmulator({ products: echoAll })

const numbers = (bearer: string) =>
  send(HttpClientRequest.get(numbersUrl()).pipe(HttpClientRequest.setHeader("authorization", bearer)))

describe("fault injection", () => {
  it.effect("status: the next N requests get it, with Retry-After and body; then normal again", () =>
    Effect.gen(function*() {
      const bearer = `Bearer ${yield* token()}`
      yield* (yield* control).inject("numbers", EmulatorControl.status(503, { retryAfter: 7, body: { oops: true } }), {
        times: 2
      })
      const answers = yield* Effect.forEach([1, 2, 3], () => numbers(bearer))
      expect(answers.map((answer) => answer.status)).toEqual([503, 503, 200])
      expect(answers[0]!.headers["retry-after"]).toBe("7")
      expect(answers[0]!.json).toEqual({ oops: true })
    }).pipe(Effect.provide(layer())))

  it.effect("status without a body answers in the API's own error shape; faults stay on their target", () =>
    Effect.gen(function*() {
      const c = yield* control
      const bearer = `Bearer ${yield* token()}`
      yield* c.inject("auth", EmulatorControl.status(500))
      yield* c.inject("numbers", EmulatorControl.status(429))
      const api = yield* numbers(bearer)
      expect(api.status).toBe(429)
      expect(api.headers["retry-after"]).toBeUndefined()
      expect(api.json.error).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED" })
      const auth = yield* tokenRequest()
      expect(auth.status).toBe(500)
      expect(auth.json).toMatchObject({ error: "server_error" })
      expect((yield* tokenRequest()).status).toBe(200)
      expect((yield* numbers(bearer)).status).toBe(200)
      const counters = yield* c.counters
      expect(counters.tokenRequests.byOutcome).toEqual({ issued: 2, fault: 1 })
    }).pipe(Effect.provide(layer())))

  it.effect("faults queue in order of injection", () =>
    Effect.gen(function*() {
      const c = yield* control
      const bearer = `Bearer ${yield* token()}`
      yield* c.inject("numbers", EmulatorControl.status(502))
      yield* c.inject("numbers", EmulatorControl.status(504), { times: 2 })
      const answers = yield* Effect.forEach([1, 2, 3, 4], () => numbers(bearer))
      expect(answers.map((answer) => answer.status)).toEqual([502, 504, 504, 200])
    }).pipe(Effect.provide(layer())))

  it.effect("delay: the answer comes exactly after the duration on the Effect clock", () =>
    Effect.gen(function*() {
      yield* (yield* control).inject("auth", EmulatorControl.delay("5 seconds"))
      const fiber = yield* Effect.fork(tokenRequest())
      yield* Effect.yieldNow()
      yield* TestClock.adjust("4999 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      const answer = yield* Fiber.join(fiber)
      expect(answer.status).toBe(200)
    }).pipe(Effect.provide(layer())))

  it.effect("hang: never answers, is interruptible, and is logged as interrupted", () =>
    Effect.gen(function*() {
      const c = yield* control
      yield* c.inject("auth", EmulatorControl.hang)
      const fiber = yield* Effect.fork(tokenRequest())
      yield* Effect.yieldNow()
      yield* TestClock.adjust("1 day")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      expect((yield* c.counters).tokenRequestsInFlight).toBe(1)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      const counters = yield* c.counters
      expect(counters.tokenRequestsInFlight).toBe(0)
      expect(counters.recentRequests.at(-1)).toMatchObject({ api: "auth", status: 0, outcome: "interrupted" })
      // The hang was consumed: the next request is answered.
      expect((yield* tokenRequest()).status).toBe(200)
    }).pipe(Effect.provide(layer())))

  it.effect("malformed JSON: 200 with a JSON content type and a body that does not parse", () =>
    Effect.gen(function*() {
      const c = yield* control
      const bearer = `Bearer ${yield* token()}`
      yield* c.inject("auth", EmulatorControl.malformedJson)
      yield* c.inject("numbers", EmulatorControl.malformedJson)
      for (const answer of [yield* tokenRequest(), yield* numbers(bearer)]) {
        expect(answer.status).toBe(200)
        expect(answer.headers["content-type"]).toContain("application/json")
        expect(() => JSON.parse(answer.text)).toThrow()
      }
      const client = yield* HttpClient.HttpClient
      yield* c.inject("numbers", EmulatorControl.malformedJson)
      const error = yield* client.get(numbersUrl(), { headers: { authorization: bearer } }).pipe(
        Effect.flatMap((response) => response.json),
        Effect.scoped,
        Effect.flip
      )
      expect(error._tag).toBe("ResponseError")
    }).pipe(Effect.provide(layer())))

  it.effect("drop: a transport RequestError in-process", () =>
    Effect.gen(function*() {
      const c = yield* control
      yield* c.inject("auth", EmulatorControl.drop, { times: 2 })
      const client = yield* HttpClient.HttpClient
      const request = HttpClientRequest.post("https://auth.sinch.com/oauth2/token")
      for (const _ of [1, 2]) {
        const error = yield* Effect.flip(client.execute(request))
        expect(error._tag).toBe("RequestError")
        expect(error._tag === "RequestError" && error.reason).toBe("Transport")
      }
      expect((yield* tokenRequest()).status).toBe(200)
      const counters = yield* c.counters
      expect(counters.tokenRequests).toEqual({ total: 3, byOutcome: { fault: 2, issued: 1 } })
      expect(counters.recentRequests.map((entry) => entry.outcome)).toEqual(["dropped", "dropped", "response"])
    }).pipe(Effect.provide(layer())))
})

describe("counters", () => {
  it.effect("token requests in flight and the maximum in flight", () =>
    Effect.gen(function*() {
      const c = yield* control
      yield* c.inject("auth", EmulatorControl.delay("1 second"), { times: 5 })
      const fibers = yield* Effect.forEach([1, 2, 3, 4, 5], () => Effect.fork(tokenRequest()))
      yield* Effect.yieldNow()
      const during = yield* c.counters
      expect(during.tokenRequestsInFlight).toBe(5)
      expect(during.tokenRequestsMaxInFlight).toBe(5)
      yield* TestClock.adjust("1 second")
      const answers = yield* Fiber.joinAll(fibers)
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
      expect((yield* tokenRequest()).status).toBe(200)
      const after = yield* c.counters
      expect(after.tokenRequestsInFlight).toBe(0)
      expect(after.tokenRequestsMaxInFlight).toBe(5)
      expect(after.tokenRequests).toEqual({ total: 6, byOutcome: { issued: 6 } })
    }).pipe(Effect.provide(layer())))

  it.effect("requests per API and per method+path; the log is bounded and holds no credential", () =>
    Effect.gen(function*() {
      const c = yield* control
      const accessToken = yield* token()
      const bearer = `Bearer ${accessToken}`
      yield* numbers(bearer)
      yield* numbers(bearer)
      yield* send(HttpClientRequest.get("http://e.local/nowhere"))
      yield* send(
        HttpClientRequest.post(`https://eu.conversation.api.sinch.com/v1/projects/${demo.projectId}/messages:send`)
          .pipe(
            HttpClientRequest.setHeader("authorization", bearer),
            HttpClientRequest.bodyText("{}", "application/json")
          )
      )
      const counters = yield* c.counters
      expect(counters.requestsByApi).toEqual({ auth: 1, numbers: 2, unknown: 1, conversation: 1 })
      expect(counters.requestsByRoute).toEqual({
        "POST /oauth2/token": 1,
        [`GET /v1/projects/${demo.projectId}/activeNumbers`]: 2,
        "GET /nowhere": 1,
        [`POST /v1/projects/${demo.projectId}/messages:send`]: 1
      })
      expect(counters.recentRequests).toHaveLength(3)
      expect(counters.recentRequests.map((entry) => [entry.api, entry.method, entry.status])).toEqual([
        ["numbers", "GET", 200],
        ["unknown", "GET", 404],
        ["conversation", "POST", 200]
      ])
      const dump = JSON.stringify(counters)
      for (const secret of [accessToken, demoSecret, "Bearer", "Basic", "authorization"]) {
        expect(dump).not.toContain(secret)
      }
    }).pipe(Effect.provide(EmulatorClient.layerEmulator({ products: echoAll, recentRequests: 3 }))))

  it.effect("reset: no faults, no tokens, zeroed counters, TTL and buckets back, fresh product data", () =>
    Effect.gen(function*() {
      const c = yield* control
      const old = `Bearer ${yield* token()}`
      expect((yield* numbers(old)).json).toEqual({ call: 1 })
      expect((yield* numbers(old)).json).toEqual({ call: 2 })
      yield* c.setTokenTtl("1 minute")
      yield* c.inject("numbers", EmulatorControl.status(500), { times: 10 })
      yield* Effect.forEach(Array.from({ length: 29 }), () => tokenRequest())
      expect((yield* tokenRequest()).status).toBe(429)
      yield* c.reset
      const zero = yield* c.counters
      expect(zero).toEqual({
        tokenRequests: { total: 0, byOutcome: {} },
        tokenRequestsInFlight: 0,
        tokenRequestsMaxInFlight: 0,
        requestsByApi: {},
        requestsByRoute: {},
        recentRequests: []
      })
      expect((yield* numbers(old)).status).toBe(401)
      const fresh = yield* tokenRequest()
      expect(fresh.status).toBe(200)
      expect(fresh.json.expires_in).toBe(3600)
      expect((yield* numbers(`Bearer ${fresh.json.access_token}`)).json).toEqual({ call: 1 })
    }).pipe(Effect.provide(EmulatorClient.layerEmulator({ products: [counting] }))))
})

const counting: Effect.Effect<ProductApi> = Effect.map(Ref.make(0), (calls) => ({
  api: "numbers",
  handle: () => Effect.map(Ref.updateAndGet(calls, (n) => n + 1), (call) => ({ status: 200, body: { call } }))
}))

describe("control over HTTP (/_emulator)", () => {
  const emulator = EmulatorClient.layerEmulator({ products: echoAll })
  const remote = EmulatorControl.layerHttp("http://127.0.0.1:9").pipe(Layer.provide(emulator))

  it.effect("the same operations as in-process, through the HTTP control API", () =>
    Effect.gen(function*() {
      const local = yield* Emulator.Emulator
      const http = yield* control
      yield* http.inject("numbers", EmulatorControl.status(503, { retryAfter: 2 }))
      yield* http.inject("numbers", EmulatorControl.delay("2 seconds"))
      const accessToken = yield* token()
      const bearer = `Bearer ${accessToken}`
      expect((yield* numbers(bearer)).status).toBe(503)
      const delayed = yield* Effect.fork(numbers(bearer))
      yield* Effect.yieldNow()
      yield* TestClock.adjust("2 seconds")
      expect((yield* Fiber.join(delayed)).status).toBe(200)
      expect(yield* http.revokeToken(accessToken)).toBe(true)
      expect((yield* numbers(bearer)).status).toBe(401)
      yield* http.setTokenTtl("30 seconds")
      expect((yield* tokenRequest()).json.expires_in).toBe(30)
      expect(yield* http.revokeAllTokens).toBe(1)
      const viaHttp = yield* http.counters
      expect(viaHttp).toEqual(yield* local.control.counters)
      expect(viaHttp.requestsByApi).toEqual({ auth: 2, numbers: 3 })
      yield* http.reset
      expect((yield* local.control.counters).requestsByApi).toEqual({})
    }).pipe(Effect.provide(Layer.merge(remote, emulator))))

  it.effect("a bad control request is a 400, an unknown one a 404", () =>
    Effect.gen(function*() {
      const bad = yield* send(
        HttpClientRequest.post("http://127.0.0.1:9/_emulator/faults").pipe(
          HttpClientRequest.bodyText(`{"target":"nope","fault":{"_tag":"Hang"}}`, "application/json")
        )
      )
      expect(bad.status).toBe(400)
      expect((yield* send(HttpClientRequest.get("http://127.0.0.1:9/_emulator/nothing"))).status).toBe(404)
      expect((yield* send(HttpClientRequest.get("http://127.0.0.1:9/_emulator/health"))).json).toEqual({ status: "ok" })
    }).pipe(Effect.provide(emulator)))
})
