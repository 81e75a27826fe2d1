/**
 * Sinch redelivers an event whose webhook answered 5xx. The nonce of a delivery whose handler failed
 * must be released, or the redelivery is rejected as a replay and the event is lost.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpRouter, HttpServer } from "@effect/platform"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { describe, expect, it } from "@effect/vitest"
import { NonceStore, SinchCallback } from "@sinch-effect/auth-core"
import { Deferred, Effect, Fiber, Layer, Schema, TestClock, TestServices } from "effect"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"

const conv = JSON.parse(
  readFileSync(new URL("../../../../test/fixtures/conversation-webhook.json", import.meta.url), "utf8")
) as { headers: Record<string, string>; timestamp: string; secret: string; rawBody: string }

const Event = Schema.Struct({ project_id: Schema.String })

class HandlerFailed extends Schema.TaggedError<HandlerFailed>()("HandlerFailed", {}) {}

/** One server whose handler fails on its first call once `gate` is opened, and succeeds afterwards. */
const setup = Effect.gen(function*() {
  const started = yield* Deferred.make<void>()
  const gate = yield* Deferred.make<void>()
  const state = { calls: 0, handled: 0 }
  const app = SinchCallback.conversation({
    secret: conv.secret,
    schema: Event,
    handler: () =>
      Effect.suspend(() => {
        state.calls++
        if (state.calls === 1) {
          return Deferred.succeed(started, undefined).pipe(
            Effect.zipRight(Deferred.await(gate)),
            Effect.zipRight(Effect.fail(new HandlerFailed()))
          )
        }
        return Effect.sync(() => void state.handled++)
      })
  })
  yield* HttpServer.serveEffect(HttpRouter.empty.pipe(HttpRouter.post("/conversation", app)))
  const address = yield* HttpServer.HttpServer
  const port = address.address._tag === "TcpAddress" ? address.address.port : 0
  const client = yield* HttpClient.HttpClient
  const deliver = client.execute(
    HttpClientRequest.post(`http://127.0.0.1:${port}/conversation`).pipe(
      HttpClientRequest.setHeaders(conv.headers),
      HttpClientRequest.bodyText(conv.rawBody, "application/json")
    )
  ).pipe(Effect.map((response) => response.status), Effect.timeout("5 seconds"), TestServices.provideLive)
  return { started, gate, state, deliver }
})

const Live = Layer.mergeAll(
  NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }),
  NonceStore.layerMemory({ maxEntries: 100 }),
  FetchHttpClient.layer
)

describe("hostile webhooks: a failed handler does not burn the nonce", () => {
  it.scoped("concurrent identical deliveries, the first handler fails: exactly one later delivery handles it", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Number(conv.timestamp) * 1000)
      const { deliver, gate, started, state } = yield* setup
      const first = yield* Effect.fork(deliver)
      yield* Deferred.await(started).pipe(Effect.timeout("5 seconds"), TestServices.provideLive)
      // While the first copy is being handled, its nonce is reserved.
      expect(yield* deliver).toBe(401)
      yield* Deferred.succeed(gate, undefined)
      expect(yield* Fiber.join(first)).toBe(500)
      // Sinch's redelivery is accepted and handled once; copies after that success are replays.
      expect(yield* deliver).toBe(200)
      expect(yield* deliver).toBe(401)
      expect(yield* deliver).toBe(401)
      expect(state).toEqual({ calls: 2, handled: 1 })
    }).pipe(Effect.provide(Live)))

  it.scoped("a successful delivery still rejects every replay", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Number(conv.timestamp) * 1000)
      const { deliver, state } = yield* setup
      state.calls = 1 // skip the failing first call
      expect(yield* deliver).toBe(200)
      expect(yield* deliver).toBe(401)
      expect(state).toEqual({ calls: 2, handled: 1 })
    }).pipe(Effect.provide(Live)))
})
