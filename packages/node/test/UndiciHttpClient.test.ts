/**
 * The lean undici client against a real server on 127.0.0.1: what it sends (URL, query, headers, every
 * kind of body), what it reads (text once, JSON, streams), interruption, transport errors, and the
 * Sinch clients over it (the emulator, the response body limit).
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { afterEach, describe, expect, it, vi } from "@effect/vitest"
import type { AuthStrategy } from "@sinch-effect/auth-core"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Numbers, Sinch } from "@sinch-effect/products"
import { AttemptDeadline, SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Context, Deferred, Duration, Effect, Fiber, Layer, Schema, Stream } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { UndiciHttpClient } from "../src/index.js"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: Buffer
}

interface Served {
  readonly url: string
  readonly seen: Array<Seen>
  /** Requests whose connection closed before their response was finished. */
  readonly closed: { count: number }
  readonly firstClose: Promise<void>
  readonly http: Http.Server
}

type Handler = (request: Http.IncomingMessage, response: Http.ServerResponse, body: Buffer) => void

/** A server on 127.0.0.1 recording every request. */
const server = (handler: Handler) =>
  Effect.acquireRelease(
    Effect.async<Served>(
      (resume) => {
        const seen: Array<Seen> = []
        const closed = { count: 0 }
        let closedOnce: () => void = () => {}
        const firstClose = new Promise<void>((resolve) => (closedOnce = resolve))
        const http = Http.createServer((request, response) => {
          const chunks: Array<Buffer> = []
          request.on("data", (chunk: Buffer) => chunks.push(chunk))
          request.on("end", () => {
            const body = Buffer.concat(chunks)
            seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body })
            handler(request, response, body)
          })
          response.on("close", () => {
            if (!response.writableFinished) {
              closed.count++
              closedOnce()
            }
          })
        })
        http.listen(0, "127.0.0.1", () => {
          const { port } = http.address() as AddressInfo
          resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, seen, closed, firstClose, http }))
        })
      }
    ),
    (s) =>
      Effect.async<void>((resume) => {
        s.http.closeAllConnections()
        s.http.close(() => resume(Effect.void))
      })
  )

const json = (status: number, value: unknown): Handler => (_request, response) => {
  const text = JSON.stringify(value)
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  response.end(text)
}

/** The client over an agent that lives as long as the test's scope. */
const client = Effect.map(Layer.build(UndiciHttpClient.layer), Context.get(HttpClient.HttpClient))

describe("UndiciHttpClient", () => {
  it.scoped("sends the method, the path as given, the query parameters and the headers", () =>
    Effect.gen(function*() {
      const s = yield* server(json(200, { ok: true }))
      const http = yield* client
      const response = yield* http.execute(
        HttpClientRequest.get(`${s.url}/v1/a%2Bb/c?x=1`, { urlParams: { y: "2 3" }, headers: { "x-one": "1" } })
      )
      expect(response.status).toBe(200)
      expect(yield* response.json).toEqual({ ok: true })
      expect(s.seen.length).toBe(1)
      expect(s.seen[0]!.method).toBe("GET")
      expect(s.seen[0]!.url).toBe("/v1/a%2Bb/c?x=1&y=2+3")
      expect(s.seen[0]!.headers["x-one"]).toBe("1")
      expect(response.headers["content-type"]).toBe("application/json")
    }))

  it.scoped("a URL without a path is sent as /; the text is read once and answered again", () =>
    Effect.gen(function*() {
      const s = yield* server(json(201, "x"))
      const response = yield* (yield* client).execute(HttpClientRequest.post(s.url))
      expect(s.seen[0]!.url).toBe("/")
      expect(yield* response.text).toBe("\"x\"")
      expect(yield* response.text).toBe("\"x\"")
      expect(response.status).toBe(201)
    }))

  it.scoped("sends a JSON body with its type and length, a form, a multipart form and a streamed body", () =>
    Effect.gen(function*() {
      const s = yield* server(json(200, {}))
      const http = yield* client
      yield* http.execute(HttpClientRequest.bodyUnsafeJson(HttpClientRequest.post(`${s.url}/json`), { a: "é" }))
      yield* http.execute(
        HttpClientRequest.bodyUrlParams(HttpClientRequest.post(`${s.url}/form`), { grant_type: "client_credentials" })
      )
      const form = new FormData()
      form.append("to", "a@example.com")
      form.append("attachment", new Blob(["file body"], { type: "text/plain" }), "a.txt")
      yield* http.execute(HttpClientRequest.bodyFormData(HttpClientRequest.post(`${s.url}/multipart`), form))
      const chunks = Stream.make("one,", "two,", "three").pipe(Stream.map((text) => new TextEncoder().encode(text)))
      yield* http.execute(HttpClientRequest.bodyStream(HttpClientRequest.post(`${s.url}/stream`), chunks))
      const [jsonBody, formBody, multipart, streamed] = s.seen
      expect(jsonBody!.body.toString()).toBe("{\"a\":\"é\"}")
      expect(jsonBody!.headers["content-type"]).toBe("application/json")
      expect(jsonBody!.headers["content-length"]).toBe(String(Buffer.byteLength("{\"a\":\"é\"}")))
      expect(formBody!.body.toString()).toBe("grant_type=client_credentials")
      expect(formBody!.headers["content-type"]).toBe("application/x-www-form-urlencoded")
      expect(multipart!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/)
      expect(multipart!.body.toString()).toContain("name=\"attachment\"; filename=\"a.txt\"")
      expect(multipart!.body.toString()).toContain("file body")
      expect(streamed!.body.toString()).toBe("one,two,three")
    }))

  it.scoped("reads a chunked body as a stream, every chunk in order", () =>
    Effect.gen(function*() {
      const s = yield* server((_request, response) => {
        response.writeHead(200, { "content-type": "text/plain" })
        response.write("a".repeat(10))
        response.end("b".repeat(5))
      })
      const response = yield* (yield* client).execute(HttpClientRequest.get(s.url))
      const chunks = yield* Stream.runCollect(response.stream)
      const text = Chunk.toReadonlyArray(chunks).map((c) => Buffer.from(c).toString()).join("")
      expect(text).toBe("aaaaaaaaaabbbbb")
    }))

  it.scopedLive("interrupting a request closes its connection: the server sees it close", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const s = yield* server(() => Deferred.unsafeDone(arrived, Effect.void))
      const fiber = yield* Effect.fork((yield* client).execute(HttpClientRequest.get(`${s.url}/hang`)))
      yield* Deferred.await(arrived)
      yield* Fiber.interrupt(fiber)
      // The close reaches the server as a real socket event, not on the Effect clock: wait for that
      // event (live clock only for the 5 s bound, which never passes when the client aborts).
      yield* Effect.timeout(Effect.promise(() => s.firstClose), Duration.seconds(5))
      expect(s.closed.count).toBe(1)
      expect(s.seen.length).toBe(1)
    }))

  it.scoped("a refused connection is a RequestError of reason Transport; a bad URL is InvalidUrl", () =>
    Effect.gen(function*() {
      const http = yield* client
      const refused = yield* Effect.flip(http.execute(HttpClientRequest.get("http://127.0.0.1:1/x")))
      expect(refused._tag).toBe("RequestError")
      expect(refused.reason).toBe("Transport")
      const invalid = yield* Effect.flip(http.execute(HttpClientRequest.get("not a url")))
      expect(invalid.reason).toBe("InvalidUrl")
      const ftp = yield* Effect.flip(
        http.execute(HttpClientRequest.get("ftp://127.0.0.1/x", { urlParams: { a: "1" } }))
      )
      expect(ftp.reason).toBe("InvalidUrl")
    }))
})

/**
 * Under fake timers, a response whose headers came and whose body stops after its first bytes, sent
 * with a deadline 1000 ms away.
 */
const stalledBody = Effect.gen(function*() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] })
  const s = yield* server((_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "100" })
    response.write("{\"partial\":")
  })
  const http = yield* client
  const response = yield* http.execute(
    AttemptDeadline.withDeadline(HttpClientRequest.get(`${s.url}/slow`), Date.now() + 1000)
  )
  return { response, s }
})

/** A strategy that adds nothing: these tests are about the transport, not about credentials. */
const noAuth: AuthStrategy.ProjectStrategy = {
  _tag: "ProjectBasic",
  scope: "project",
  authenticate: (request) => Effect.succeed({ request }),
  onUnauthorized: () => Effect.succeed(false),
  observe: () => Effect.void
}

/**
 * The transport's deadline timer is a plain `setTimeout`: faked (only that and `clearTimeout`), so the
 * deadline passes when the test says, while the sockets stay real.
 */
describe("the attempt deadline (AttemptDeadline) enforced by the transport", () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it.scoped("the client declares it; a deadline already passed fails before anything is sent", () =>
    Effect.gen(function*() {
      const s = yield* server(json(200, {}))
      const http = yield* client
      expect(AttemptDeadline.isEnforcing(http)).toBe(true)
      const error = yield* Effect.flip(
        http.execute(AttemptDeadline.withDeadline(HttpClientRequest.get(`${s.url}/x`), Date.now() - 1))
      )
      expect(error._tag).toBe("RequestError")
      expect(AttemptDeadline.isExceeded(error.cause)).toBe(true)
      expect(s.seen.length).toBe(0)
    }))

  it.scopedLive("no answer by the deadline: the request is aborted, its connection closed, the cause Exceeded", () =>
    Effect.gen(function*() {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] })
      const arrived = yield* Deferred.make<void>()
      const s = yield* server(() => Deferred.unsafeDone(arrived, Effect.void))
      const http = yield* client
      const fiber = yield* Effect.fork(Effect.flip(
        http.execute(AttemptDeadline.withDeadline(HttpClientRequest.get(`${s.url}/hang`), Date.now() + 1000))
      ))
      yield* Deferred.await(arrived)
      vi.advanceTimersByTime(999)
      expect(fiber.unsafePoll()).toBeNull()
      vi.advanceTimersByTime(1)
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("RequestError")
      expect(error.reason).toBe("Transport")
      expect(AttemptDeadline.isExceeded(error.cause)).toBe(true)
      yield* Effect.promise(() => s.firstClose)
      expect(s.closed.count).toBe(1)
    }))

  it.scopedLive("the body stops coming: reading it fails with Exceeded as the cause and the connection is closed", () =>
    Effect.gen(function*() {
      const { response, s } = yield* stalledBody
      expect(response.status).toBe(200)
      const reading = yield* Effect.fork(Effect.flip(response.text))
      vi.advanceTimersByTime(1000)
      const error = yield* Fiber.join(reading)
      expect(error._tag).toBe("ResponseError")
      expect(AttemptDeadline.isExceeded(error.cause)).toBe(true)
      yield* Effect.promise(() => s.firstClose)
      expect(s.closed.count).toBe(1)
    }))

  it.scopedLive("a body nobody reads is destroyed when the deadline passes: its connection is released", () =>
    Effect.gen(function*() {
      const { response, s } = yield* stalledBody
      expect(response.status).toBe(200)
      expect(s.closed.count).toBe(0)
      vi.advanceTimersByTime(1000)
      yield* Effect.promise(() => s.firstClose)
      expect(s.closed.count).toBe(1)
    }))

  it.scopedLive("an exchange over in time leaves no timer behind", () =>
    Effect.gen(function*() {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] })
      const s = yield* server(json(200, { ok: true }))
      const http = yield* client
      const response = yield* http.execute(
        AttemptDeadline.withDeadline(HttpClientRequest.get(`${s.url}/x`), Date.now() + 30_000)
      )
      expect(vi.getTimerCount()).toBe(1)
      expect(yield* response.json).toEqual({ ok: true })
      expect(vi.getTimerCount()).toBe(0)
    }))

  it.scopedLive("a Sinch call whose server never answers times out on the caller's fiber: TransportError(timeout)", () =>
    Effect.gen(function*() {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] })
      const arrived = yield* Deferred.make<void>()
      const s = yield* server(() => Deferred.unsafeDone(arrived, Effect.void))
      const sinch = yield* SinchClient.make({
        api: "Numbers",
        baseUrl: `${s.url}/v1`,
        strategy: noAuth,
        timeout: Duration.seconds(2),
        retry: { maxAttempts: 1 }
      }).pipe(Effect.provideServiceEffect(HttpClient.HttpClient, client))
      const fiber = yield* Effect.fork(Effect.flip(sinch.requestVoid("GET", "/hang")))
      yield* Deferred.await(arrived)
      vi.advanceTimersByTime(2000)
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TransportError" && error.reason).toBe("timeout")
      expect(error.message).toContain("no answer within 2s")
      yield* Effect.promise(() => s.firstClose)
      expect(s.closed.count).toBe(1)
    }))
})

describe("the Sinch clients over UndiciHttpClient", () => {
  it.scoped("Numbers against the emulator: one token request for three calls, answers decoded", () =>
    Effect.gen(function*() {
      const emulator = yield* Layer.build(EmulatorServer.layerEmulator())
      const { baseUrl } = Context.get(emulator, EmulatorServer.EmulatorServer)
      const demo = Emulator.demoCredentials
      const layer = Sinch.layer({
        credentials: { projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret },
        region: "eu",
        endpoints: SinchEndpoints.emulator(baseUrl)
      }).pipe(Layer.provide(UndiciHttpClient.layer))
      const [regions, available, active] = yield* Effect.provide(
        Effect.flatMap(Numbers.Numbers, (numbers) =>
          Effect.all([
            numbers.listAvailableRegions(),
            numbers.listAvailableNumbers({ regionCode: "US", type: "LOCAL" }),
            Stream.runCollect(numbers.listActiveNumbers())
          ])),
        layer
      )
      expect(regions.map((region) => region.regionCode)).toContain("US")
      expect(available.length).toBeGreaterThan(0)
      expect(Chunk.isChunk(active)).toBe(true)
      const counters = yield* Context.get(emulator, EmulatorControl.EmulatorControl).counters
      expect(counters.tokenRequests.total).toBe(1)
      expect(counters.requestsByApi["numbers"]).toBe(3)
    }))

  it.scoped("a chunked response over maxResponseBytes is cut: MalformedResponse naming the limit", () =>
    Effect.gen(function*() {
      const s = yield* server((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.write(`{"a":"${"x".repeat(4096)}`)
        response.end("\"}")
      })
      const sinch = yield* SinchClient.make({
        api: "Numbers",
        baseUrl: `${s.url}/v1`,
        strategy: noAuth,
        maxResponseBytes: 1024
      }).pipe(Effect.provideServiceEffect(HttpClient.HttpClient, client))
      const error = yield* Effect.flip(sinch.request("GET", "/x", Schema.Unknown))
      expect(error._tag).toBe("MalformedResponse")
      expect(error.message).toContain("1 KB")
    }))
})
