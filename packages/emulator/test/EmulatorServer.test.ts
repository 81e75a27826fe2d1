import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Layer, Schedule } from "effect"
import { createHash, createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import * as Http from "node:http"
import { EmulatorClient, EmulatorControl, EmulatorServer } from "../src/index.js"
import { clientBasic, demo, demoSecret, echoAll, plainBasic, read } from "./utils/emulator.js"

const server = EmulatorServer.layerEmulator({ products: echoAll })
const live = Layer.merge(server, FetchHttpClient.layer)

/** Polls in real time, bounded (100 x 10 ms), until the counters satisfy `predicate`. */
const waitFor = (
  control: EmulatorControl.Service,
  predicate: (counters: EmulatorControl.Counters) => boolean
) =>
  control.counters.pipe(
    Effect.filterOrFail(predicate),
    Effect.retry(Schedule.spaced("10 millis").pipe(Schedule.intersect(Schedule.recurs(100)))),
    Effect.orElse(() => control.counters)
  )

const baseUrl = Effect.map(EmulatorServer.EmulatorServer, (s) => s.baseUrl)

const over = (client: HttpClient.HttpClient, request: HttpClientRequest.HttpClientRequest) =>
  client.execute(request).pipe(Effect.flatMap(read), Effect.scoped)

/** The documented application signing, written here independently and checked against the vectors. */
const sign = (secret: string, method: string, body: string, contentType: string, timestamp: string, path: string) =>
  createHmac("sha256", Buffer.from(secret, "base64"))
    .update(
      [
        method,
        body === "" ? "" : createHash("md5").update(body, "utf8").digest("base64"),
        contentType,
        `x-timestamp:${timestamp}`,
        path
      ].join("\n")
    )
    .digest("base64")

describe("EmulatorServer (127.0.0.1)", () => {
  it("the test signer reproduces every documented vector", () => {
    const vectors = JSON.parse(
      readFileSync(new URL("../../../test/fixtures/application-signed.json", import.meta.url), "utf8")
    ).vectors
    expect(vectors).toHaveLength(5)
    for (const v of vectors) {
      expect(sign(v.applicationSecret, v.method, v.body, v.contentType, v.timestamp, v.path)).toBe(v.expectedSignature)
    }
  })

  it.live("listens on an ephemeral 127.0.0.1 port and answers the same as in-process", () =>
    Effect.gen(function*() {
      const base = yield* baseUrl
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(base).not.toMatch(/:0$/)
      const real = yield* HttpClient.HttpClient
      // An in-process client on the SAME emulator, to compare the two transports.
      const inProc = yield* EmulatorClient.make

      const tokenFor = (authorization: string, body = "grant_type=client_credentials") =>
        HttpClientRequest.post(`${base}/auth/oauth2/token`).pipe(
          HttpClientRequest.setHeader("authorization", authorization),
          HttpClientRequest.bodyText(body, "application/x-www-form-urlencoded")
        )
      const issued = yield* over(real, tokenFor(clientBasic(demo.keyId, demoSecret)))
      expect(issued.status).toBe(200)
      const bearer = `Bearer ${issued.json.access_token}`
      const appSecret = "ZGVtby1hcHBsaWNhdGlvbi1zZWNyZXQ="
      const verificationBody = `{"identity":{"type":"number","endpoint":"+46700000000"},"method":"sms"}`
      const timestamp = new Date().toISOString()
      const verificationPath = "/verification/verification/v1/verifications"

      const requests: ReadonlyArray<readonly [string, HttpClientRequest.HttpClientRequest]> = [
        ["token: wrong secret", tokenFor(clientBasic(demo.keyId, "nope"))],
        ["token: wrong grant", tokenFor(clientBasic(demo.keyId, demoSecret), "grant_type=password")],
        [
          "numbers with the token",
          HttpClientRequest.get(`${base}/numbers/v1/projects/${demo.projectId}/activeNumbers/%2B1202?pageSize=2`).pipe(
            HttpClientRequest.setHeader("authorization", bearer)
          )
        ],
        [
          "conversation eu, JSON body",
          HttpClientRequest.post(`${base}/conversation/eu/v1/projects/${demo.projectId}/messages:send`).pipe(
            HttpClientRequest.setHeader("authorization", bearer),
            HttpClientRequest.bodyText(`{"app_id":"a"}`, "application/json")
          )
        ],
        [
          "invalid JSON",
          HttpClientRequest.post(`${base}/est/v1/projects/${demo.projectId}/trunks`).pipe(
            HttpClientRequest.setHeader("authorization", bearer),
            HttpClientRequest.bodyText(`{"name":`, "application/json")
          )
        ],
        [
          "403 other project",
          HttpClientRequest.get(`${base}/numbers/v1/projects/not-mine/activeNumbers`).pipe(
            HttpClientRequest.setHeader("authorization", bearer)
          )
        ],
        [
          "unknown token",
          HttpClientRequest.get(`${base}/numbers/v1/projects/${demo.projectId}/activeNumbers`).pipe(
            HttpClientRequest.setHeader("authorization", "Bearer unknown")
          )
        ],
        ["unknown route", HttpClientRequest.get(`${base}/nowhere`)],
        [
          "mailgun",
          HttpClientRequest.get(`${base}/mailgun/v3/domains`).pipe(
            HttpClientRequest.setHeader("authorization", plainBasic("api", "key-demo-0123456789abcdef0123456789ab"))
          )
        ],
        [
          "verification, application-signed over the full path sent",
          HttpClientRequest.post(`${base}${verificationPath}`).pipe(
            HttpClientRequest.setHeaders({
              "x-timestamp": timestamp,
              authorization: `Application ${demo.applicationKey}:${
                sign(appSecret, "POST", verificationBody, "application/json", timestamp, verificationPath)
              }`
            }),
            HttpClientRequest.bodyText(verificationBody, "application/json")
          )
        ]
      ]
      for (const [name, request] of requests) {
        const viaSocket = yield* over(real, request)
        const viaProcess = yield* over(inProc, request)
        expect(viaSocket.status, name).toBe(viaProcess.status)
        expect(viaSocket.json, name).toEqual(viaProcess.json)
        expect(viaSocket.headers["content-type"], name).toBe(viaProcess.headers["content-type"])
        expect(viaSocket.headers["www-authenticate"], name).toBe(viaProcess.headers["www-authenticate"])
      }
      const statuses = []
      for (const [, request] of requests) statuses.push((yield* over(real, request)).status)
      expect(statuses).toEqual([401, 400, 200, 200, 400, 403, 401, 404, 200, 200])
    }).pipe(Effect.provide(live)))

  it.live("a request with a production Host header is routed by host, as in-process", () =>
    Effect.gen(function*() {
      const { port } = yield* EmulatorServer.EmulatorServer
      const body = "grant_type=client_credentials"
      const answer = yield* Effect.async<{ readonly status: number; readonly text: string }>((resume) => {
        const request = Http.request({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/oauth2/token",
          headers: {
            host: "eu.auth.sinch.com",
            authorization: clientBasic(demo.keyId, demoSecret),
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body)
          }
        }, (response) => {
          let text = ""
          response.setEncoding("utf8")
          response.on("data", (chunk: string) => (text += chunk))
          response.on("end", () => resume(Effect.succeed({ status: response.statusCode ?? 0, text })))
        })
        request.on("error", (error) => resume(Effect.die(error)))
        request.end(body)
      }).pipe(Effect.timeout("5 seconds"))
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.text)).toMatchObject({ token_type: "bearer", expires_in: 3600 })
    }).pipe(Effect.provide(live)))

  it.live("a dropped connection is a transport error for a real client", () =>
    Effect.gen(function*() {
      const base = yield* baseUrl
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("auth", EmulatorControl.drop)
      const client = yield* HttpClient.HttpClient
      const error = yield* Effect.flip(client.post(`${base}/auth/oauth2/token`))
      expect(error._tag).toBe("RequestError")
      expect(error._tag === "RequestError" && error.reason).toBe("Transport")
      const counters = yield* control.counters
      expect(counters.tokenRequests.byOutcome).toEqual({ fault: 1 })
    }).pipe(Effect.provide(Layer.merge(server, FetchHttpClient.layer))))

  it.live("a hang keeps the request open until the client gives up; the server still closes", () =>
    Effect.gen(function*() {
      const base = yield* baseUrl
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("auth", EmulatorControl.hang)
      const client = yield* HttpClient.HttpClient
      const outcome = yield* client.post(`${base}/auth/oauth2/token`).pipe(
        Effect.timeoutOption("300 millis")
      )
      expect(outcome._tag).toBe("None")
      // The abort closes the socket, which interrupts the server's fiber (bounded wait, real time).
      const settled = yield* waitFor(control, (c) => c.tokenRequestsInFlight === 0)
      expect(settled.tokenRequestsInFlight).toBe(0)
      expect(settled.recentRequests.at(-1)).toMatchObject({ api: "auth", outcome: "interrupted" })
    }).pipe(Effect.provide(Layer.merge(server, FetchHttpClient.layer))))

  it.live("a hang still open when the layer closes does not keep the server from closing", () =>
    Effect.gen(function*() {
      const started = yield* Clock.currentTimeMillis
      yield* Effect.scoped(
        Effect.gen(function*() {
          const scope = yield* Layer.build(Layer.merge(server, FetchHttpClient.layer))
          const base = scope.unsafeMap.get(EmulatorServer.EmulatorServer.key) as EmulatorServer.Service
          const control = scope.unsafeMap.get(EmulatorControl.EmulatorControl.key) as EmulatorControl.Service
          yield* control.inject("auth", EmulatorControl.hang)
          // Fire and forget: the request is left hanging when the scope closes.
          yield* Effect.forkDaemon(
            Effect.promise(() => fetch(`${base.baseUrl}/auth/oauth2/token`, { method: "POST" }).catch(() => undefined))
          )
          expect((yield* waitFor(control, (c) => c.tokenRequestsInFlight === 1)).tokenRequestsInFlight).toBe(1)
        })
      )
      expect((yield* Clock.currentTimeMillis) - started).toBeLessThan(3_000)
    }))

  it.live("concurrent token requests over real sockets: in flight and max in flight", () =>
    Effect.gen(function*() {
      const base = yield* baseUrl
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("auth", EmulatorControl.delay("300 millis"), { times: 4 })
      const client = yield* HttpClient.HttpClient
      const request = HttpClientRequest.post(`${base}/auth/oauth2/token`).pipe(
        HttpClientRequest.setHeader("authorization", clientBasic(demo.keyId, demoSecret)),
        HttpClientRequest.bodyText("grant_type=client_credentials", "application/x-www-form-urlencoded")
      )
      const fiber = yield* Effect.fork(
        Effect.forEach([1, 2, 3, 4], () => over(client, request), { concurrency: "unbounded" })
      )
      const during = yield* waitFor(control, (c) => c.tokenRequestsInFlight === 4)
      expect(during.tokenRequestsInFlight).toBe(4)
      const answers = yield* Fiber.join(fiber)
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200])
      const after = yield* control.counters
      expect(after.tokenRequestsInFlight).toBe(0)
      expect(after.tokenRequestsMaxInFlight).toBe(4)
      expect(after.tokenRequests).toEqual({ total: 4, byOutcome: { issued: 4 } })
    }).pipe(Effect.provide(live)))

  it.live("the control API over HTTP drives the real server from another client", () =>
    Effect.gen(function*() {
      const base = yield* baseUrl
      const remote = yield* Effect.provide(
        EmulatorControl.EmulatorControl,
        EmulatorControl.layerHttp(base).pipe(Layer.provide(FetchHttpClient.layer))
      )
      yield* remote.inject("auth", EmulatorControl.status(503, { retryAfter: 3 }))
      const client = yield* HttpClient.HttpClient
      const answer = yield* client.post(`${base}/auth/oauth2/token`).pipe(Effect.flatMap(read), Effect.scoped)
      expect(answer.status).toBe(503)
      expect(answer.headers["retry-after"]).toBe("3")
      const counters = yield* remote.counters
      expect(counters.tokenRequests).toEqual({ total: 1, byOutcome: { fault: 1 } })
      expect(counters.recentRequests).toEqual([
        {
          api: "auth",
          method: "POST",
          path: "/auth/oauth2/token",
          status: 503,
          outcome: "response",
          at: expect.any(Number)
        }
      ])
    }).pipe(Effect.provide(Layer.merge(server, FetchHttpClient.layer))))
})
