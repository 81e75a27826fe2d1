import {
  FetchHttpClient,
  HttpApp,
  HttpClient,
  HttpClientRequest,
  HttpRouter,
  HttpServer,
  HttpServerResponse
} from "@effect/platform"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, AuthStrategy, NonceStore, SinchCallback } from "@sinch-effect/auth-core"
import { Duration, Effect, Layer, Schema, TestClock, TestServices } from "effect"
import { createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), "utf8"))

const conv = fixture("conversation-webhook.json") as {
  headers: Record<string, string>
  secret: string
  timestamp: string
  rawBody: string
}
const num = fixture("numbers-callback.json") as { secret: string; rawBody: string; expectedSignature: string }
const ace = (fixture("application-signed.json").vectors as ReadonlyArray<Record<string, string>>).find((v) =>
  v.name === "voice-callback-ace"
)!

const ContactCreated = Schema.Struct({
  project_id: Schema.String,
  contact_create_notification: Schema.Struct({ contact: Schema.Struct({ id: Schema.String }) })
})
const NumberEvent = Schema.Struct({ eventId: Schema.String, eventType: Schema.String })
const AceEvent = Schema.Struct({ event: Schema.Literal("ace"), callid: Schema.String })

const seen: Array<string> = []

const router = HttpRouter.empty.pipe(
  HttpRouter.post(
    "/conversation",
    SinchCallback.conversation({
      secret: conv.secret,
      schema: ContactCreated,
      handler: (event) =>
        Effect.sync(() => void seen.push(`conversation ${event.contact_create_notification.contact.id}`))
    })
  ),
  HttpRouter.post(
    "/numbers",
    SinchCallback.numbers({
      secret: num.secret,
      schema: NumberEvent,
      handler: (event) => Effect.sync(() => void seen.push(`numbers ${event.eventId}`))
    })
  ),
  HttpRouter.post(
    "/sinch/callback/ace",
    SinchCallback.application({
      schema: AceEvent,
      handler: (event) =>
        Effect.sync(() => {
          seen.push(`ace ${event.callid}`)
          return HttpServerResponse.unsafeJson({ action: { name: "continue" } })
        })
    })
  )
)

const credentials = ApplicationCredentials.layer({
  applicationKey: ace.applicationKey!,
  applicationSecret: ace.applicationSecret!
})

const ServerLive = HttpServer.serve(router).pipe(
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
  Layer.provide(NonceStore.layerMemory()),
  Layer.provideMerge(credentials),
  Layer.provideMerge(FetchHttpClient.layer)
)

const baseUrl = HttpServer.addressWith((address) =>
  Effect.succeed(address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}` : "")
)

/** Sends for real, bounded by a live timeout so a hang fails fast instead of waiting for the suite. */
const send = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const url = yield* baseUrl
    const response = yield* client.execute(
      request.url.startsWith("/") ? HttpClientRequest.prependUrl(request, url) : request
    )
    return { status: response.status, text: yield* response.text }
  }).pipe(Effect.timeout("5 seconds"), TestServices.provideLive)

const conversationRequest = (headers: Record<string, string>, body: string) =>
  HttpClientRequest.post("/conversation").pipe(
    HttpClientRequest.setHeaders(headers),
    HttpClientRequest.bodyText(body, "application/json")
  )

const signConversation = (body: string, nonce: string, timestamp: string) => ({
  "x-sinch-webhook-signature": createHmac("sha256", conv.secret).update(`${body}.${nonce}.${timestamp}`).digest(
    "base64"
  ),
  "x-sinch-webhook-signature-nonce": nonce,
  "x-sinch-webhook-signature-timestamp": timestamp,
  "x-sinch-webhook-signature-algorithm": "HmacSHA256"
})

describe("SinchCallback on a real server", () => {
  it.scoped("Conversation: runs the handler once for the one good request of signed, tampered, stale and replayed", () =>
    Effect.gen(function*() {
      seen.length = 0
      yield* TestClock.setTime(Number(conv.timestamp) * 1000)
      expect(yield* send(conversationRequest(conv.headers, conv.rawBody))).toEqual({ status: 200, text: "" })
      expect(yield* send(conversationRequest(conv.headers, conv.rawBody.replace("New", "Bad")))).toEqual({
        status: 401,
        text: ""
      })
      expect((yield* send(conversationRequest(conv.headers, conv.rawBody))).status).toBe(401)
      const old = String(Number(conv.timestamp) - 301)
      expect(
        (yield* send(conversationRequest(signConversation(conv.rawBody, "nonce-stale", old), conv.rawBody))).status
      )
        .toBe(401)
      const sha1 = { ...conv.headers, "x-sinch-webhook-signature-algorithm": "HmacSHA1" }
      expect((yield* send(conversationRequest(sha1, conv.rawBody))).status).toBe(401)
      // Verified but not the expected event: 400, no handler.
      const other = "{\"project_id\":\"p\"}"
      const notEvent = yield* send(conversationRequest(signConversation(other, "nonce-other", conv.timestamp), other))
      expect(notEvent.status).toBe(400)
      expect(notEvent.text).toContain("not a known event")
      expect(
        (yield* send(conversationRequest(signConversation("not json", "nonce-nj", conv.timestamp), "not json"))).status
      )
        .toBe(400)
      expect(seen).toEqual(["conversation 01FJA8B466Y0R2GNXD78MD9SM1"])
    }).pipe(Effect.provide(ServerLive)))

  it.scoped("Numbers: the vector passes, a tampered body or signature gets 401", () =>
    Effect.gen(function*() {
      seen.length = 0
      const request = (signature: string, body: string) =>
        HttpClientRequest.post("/numbers").pipe(
          HttpClientRequest.setHeader("X-Sinch-Signature", signature),
          HttpClientRequest.bodyText(body, "application/json")
        )
      expect((yield* send(request(num.expectedSignature, num.rawBody))).status).toBe(200)
      expect((yield* send(request(num.expectedSignature, num.rawBody.replace("SUCCEEDED", "FAILED")))).status).toBe(401)
      expect((yield* send(request("0".repeat(40), num.rawBody))).status).toBe(401)
      expect((yield* send(HttpClientRequest.post("/numbers").pipe(HttpClientRequest.bodyText(num.rawBody)))).status)
        .toBe(
          401
        )
      expect(seen).toEqual(["numbers 01hpa0mww4m79q8j2dwn3ggbgz"])
    }).pipe(Effect.provide(ServerLive)))

  it.scoped("application-signed: what applicationSigned sends, the callback verifies; tampered, stale, replayed fail", () =>
    Effect.gen(function*() {
      seen.length = 0
      yield* TestClock.setTime(Date.parse("2024-05-01T08:00:00Z"))
      const strategy = yield* AuthStrategy.applicationSigned()
      const unsigned = HttpClientRequest.post("/sinch/callback/ace?attempt=1").pipe(
        HttpClientRequest.bodyText(ace.body!, ace.contentType!)
      )
      // The strategy signs the final request, so the base URL goes on first.
      const sign = (request: HttpClientRequest.HttpClientRequest) =>
        Effect.flatMap(baseUrl, (url) => strategy.authenticate(HttpClientRequest.prependUrl(request, url)))

      const good = (yield* sign(unsigned)).request
      const first = yield* send(good)
      expect(first.status).toBe(200)
      expect(JSON.parse(first.text)).toEqual({ action: { name: "continue" } })

      expect((yield* send(good)).status).toBe(401) // replayed
      const tampered = HttpClientRequest.bodyText(good, ace.body!.replace("_257", "_258"), ace.contentType!)
      expect((yield* send(tampered)).status).toBe(401)

      // A second later, so that this request is not a replay of the first: only its age is wrong.
      yield* TestClock.adjust("1 second")
      const late = (yield* sign(unsigned)).request
      expect(late.headers.authorization).not.toBe(good.headers.authorization)
      yield* TestClock.adjust("5 minutes")
      yield* TestClock.adjust("1 second")
      expect((yield* send(late)).status).toBe(401) // stale

      // The fixture's own callback, at its own time.
      yield* TestClock.setTime(Date.parse(ace.timestamp!))
      const vector = HttpClientRequest.post("/sinch/callback/ace").pipe(
        HttpClientRequest.setHeaders({
          "x-timestamp": ace.timestamp!,
          authorization: `Application ${ace.applicationKey}:${ace.expectedSignature}`
        }),
        HttpClientRequest.bodyText(ace.body!, ace.contentType!)
      )
      expect((yield* send(vector)).status).toBe(200)
      expect(seen).toEqual([
        "ace 822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257",
        "ace 822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257"
      ])
    }).pipe(Effect.provide(ServerLive)))
})

describe("SinchCallback as a web handler", () => {
  it.scoped("application-signed: the path of the absolute URL a web handler sees is what is verified", () =>
    Effect.gen(function*() {
      const app = SinchCallback.application({
        // The vector is from 2014: a window that still covers it, since the web handler runs on the live clock.
        window: Duration.days(365 * 30),
        schema: AceEvent,
        handler: (event) => Effect.sync(() => void seen.push(`web ${event.callid}`))
      })
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => HttpApp.toWebHandlerLayer(app, Layer.merge(credentials, NonceStore.layerMemory()))),
        (web) => Effect.promise(() => web.dispose())
      )
      const post = (url: string) =>
        Effect.promise(() =>
          web.handler(
            new Request(url, {
              method: "POST",
              headers: {
                "content-type": ace.contentType!,
                "x-timestamp": ace.timestamp!,
                authorization: `Application ${ace.applicationKey}:${ace.expectedSignature}`
              },
              body: ace.body!
            })
          )
        ).pipe(Effect.map((response) => response.status))
      seen.length = 0
      // Signed for /sinch/callback/ace: another path is refused, the signed one accepted (its query ignored).
      expect(yield* post("https://callbacks.example.com/other/ace")).toBe(401)
      expect(yield* post("https://callbacks.example.com:8443/sinch/callback/ace?attempt=1")).toBe(200)
      expect(seen).toEqual(["web 822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257"])
    }))
})
