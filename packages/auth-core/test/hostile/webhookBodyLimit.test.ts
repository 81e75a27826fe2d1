/**
 * Webhook ingress must not buffer what an unauthenticated sender streams at it: unsigned requests are
 * refused on their headers, and bodies above the limit are refused as they stream (413), before the
 * handler, the verifier or the JSON parser ever sees them.
 */
import { HttpRouter, HttpServer } from "@effect/platform"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { describe, expect, it } from "@effect/vitest"
import { NonceStore, SinchCallback } from "@sinch-effect/auth-core"
import { Effect, Layer, Schema, TestClock } from "effect"
import { readFileSync } from "node:fs"
import { createServer, request } from "node:http"

const conv = JSON.parse(
  readFileSync(new URL("../../../../test/fixtures/conversation-webhook.json", import.meta.url), "utf8")
) as { headers: Record<string, string>; timestamp: string; secret: string; rawBody: string }

const Event = Schema.Struct({ project_id: Schema.String })

const mib = 1024 * 1024

interface Outcome {
  readonly status: number | undefined
  /** Bytes the client had written when the answer (or the connection's end) arrived. */
  readonly sent: number
}

/**
 * Streams `total` bytes (chunked unless `length` declares them) and resolves with the first answer.
 * The pump stops at `total`, at the answer or at an error: it is bounded either way.
 */
const upload = (port: number, path: string, headers: Record<string, string>, total: number) =>
  Effect.async<Outcome>((resume) => {
    let sent = 0
    let done = false
    const finish = (status: number | undefined) => {
      if (done) return
      done = true
      resume(Effect.succeed({ status, sent }))
      req.destroy()
    }
    const req = request({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
      res.resume()
      finish(res.statusCode)
    })
    req.on("error", () => finish(undefined))
    const chunk = Buffer.alloc(64 * 1024, 0x7b)
    const pump = () => {
      while (!done && sent < total) {
        const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent)
        sent += piece.length
        if (!req.write(piece)) return void req.once("drain", pump)
      }
      if (!done) req.end()
    }
    pump()
    return Effect.sync(() => req.destroy())
  })

const eventBytes = Buffer.byteLength(conv.rawBody)

const setup = Effect.gen(function*() {
  const state = { handled: 0 }
  const conversation = (maxBodyBytes?: number) =>
    SinchCallback.conversation({
      secret: conv.secret,
      schema: Event,
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      handler: () => Effect.sync(() => void state.handled++)
    })
  const numbers = SinchCallback.numbers({
    secret: "numbers-callback-secret",
    schema: Schema.Unknown,
    handler: () => Effect.sync(() => void state.handled++)
  })
  yield* HttpServer.serveEffect(
    HttpRouter.empty.pipe(
      HttpRouter.post("/conversation", conversation()),
      HttpRouter.post("/tight", conversation(eventBytes - 1)),
      HttpRouter.post("/exact", conversation(eventBytes)),
      HttpRouter.post("/numbers", numbers)
    )
  )
  const address = yield* HttpServer.HttpServer
  const port = address.address._tag === "TcpAddress" ? address.address.port : 0
  return { port, state }
})

const Live = Layer.mergeAll(
  NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }),
  NonceStore.layerMemory({ maxEntries: 100 })
)

describe("hostile webhooks: request bodies are bounded", () => {
  it.scoped(
    "an unsigned 100 MiB body is refused with 401 on its headers, long before it is sent",
    () =>
      Effect.gen(function*() {
        const { port, state } = yield* setup
        const conversation = yield* upload(port, "/conversation", { "content-type": "application/json" }, 100 * mib)
        expect(conversation.status).toBe(401)
        expect(conversation.sent).toBeLessThan(20 * mib)
        const numbers = yield* upload(port, "/numbers", { "content-type": "application/json" }, 100 * mib)
        expect(numbers.status).toBe(401)
        expect(numbers.sent).toBeLessThan(20 * mib)
        expect(state.handled).toBe(0)
      }).pipe(Effect.provide(Live)),
    30_000
  )

  // Signed Conversation deliveries of `total` bytes: declared, or chunked.
  const signed = (framing: "declared" | "chunked") => (total: number) =>
    Effect.gen(function*() {
      const { port, state } = yield* setup
      const outcome = yield* upload(port, "/conversation", {
        ...conv.headers,
        "content-type": "application/json",
        ...(framing === "declared" ? { "content-length": String(total) } : { "transfer-encoding": "chunked" })
      }, total)
      return { ...outcome, handled: state.handled }
    })

  it.scoped(
    "a signed request declaring 5 MiB is refused with 413 before its body is read",
    () =>
      Effect.gen(function*() {
        expect(yield* signed("declared")(5 * mib)).toMatchObject({ status: 413, handled: 0 })
      }).pipe(Effect.provide(Live)),
    30_000
  )

  it.scoped(
    "a signed chunked 3 MiB body gets 413 at the 1 MiB default, and the handler never runs",
    () =>
      Effect.gen(function*() {
        expect(yield* signed("chunked")(3 * mib)).toMatchObject({ status: 413, handled: 0 })
      }).pipe(Effect.provide(Live)),
    30_000
  )

  it.scoped(
    "a signed chunked 100 MiB body is abandoned while it streams: the sender is cut off early",
    () =>
      Effect.gen(function*() {
        const outcome = yield* signed("chunked")(100 * mib)
        // Past the discard allowance the connection is dropped: no answer, and the sender is stopped.
        expect(outcome.status).toBeUndefined()
        expect(outcome.sent).toBeLessThan(20 * mib)
        expect(outcome.handled).toBe(0)
      }).pipe(Effect.provide(Live)),
    30_000
  )

  it.scoped(
    "the limit is configurable; a genuine event at the limit is handled once, one byte over is 413",
    () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(Number(conv.timestamp) * 1000)
        const { port, state } = yield* setup
        const deliver = (path: string) =>
          Effect.async<number | undefined>((resume) => {
            const req = request({
              host: "127.0.0.1",
              port,
              path,
              method: "POST",
              headers: { ...conv.headers, "content-type": "application/json" }
            }, (res) => {
              res.resume()
              resume(Effect.succeed(res.statusCode))
            })
            req.on("error", () => resume(Effect.succeed(undefined)))
            req.end(conv.rawBody)
          })
        expect(yield* deliver("/tight")).toBe(413)
        expect(state.handled).toBe(0)
        expect(yield* deliver("/exact")).toBe(200)
        expect(state.handled).toBe(1)
      }).pipe(Effect.provide(Live)),
    30_000
  )

  it("a limit that is not a positive integer is refused when the handler is built", () => {
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => SinchCallback.conversation({ secret: "s", schema: Event, maxBodyBytes, handler: () => Effect.void }))
        .toThrow(/maxBodyBytes must be a positive integer/)
    }
  })
})
