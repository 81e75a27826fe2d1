/**
 * The emulator as a real HTTP server on 127.0.0.1 (port 0 picks a free port). A dropped connection
 * destroys the socket; a hang keeps it open until the client gives up or the layer closes.
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Context, Effect, Layer } from "effect"
import * as Http from "node:http"
import * as Emulator from "./Emulator.js"
import type { EmulatorControl } from "./EmulatorControl.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** e.g. `http://127.0.0.1:51234`, without a trailing slash. */
  readonly baseUrl: string
  readonly port: number
}

/**
 * @since 0.1.0
 * @category tags
 */
export class EmulatorServer extends Context.Tag("@sinch-effect/emulator/EmulatorServer")<EmulatorServer, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Default 0: an ephemeral port. */
  readonly port?: number | undefined
  /**
   * The largest request body, in bytes, on every route. A larger one is answered 413 as soon as its
   * `Content-Length` (or, without one, its first bytes past the limit) arrive. Default 1 MB.
   *
   * @since 0.2.0
   */
  readonly maxBodySize?: number | undefined
}

/**
 * The default of `Options.maxBodySize`: 1 MB.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultMaxBodySize = 1024 * 1024

const tooLarge = (max: number) =>
  HttpServerResponse.text(
    JSON.stringify({
      error: { code: 413, message: `The request body exceeds ${max} bytes`, status: "PAYLOAD_TOO_LARGE" }
    }),
    // The rest of the body is never read: closing the connection is the only way to stay in sync.
    { status: 413, headers: { connection: "close" }, contentType: "application/json" }
  )

/** Reads at most `max` bytes; stops listening at the first byte past it, without buffering the rest. */
const readBody = (incoming: Http.IncomingMessage, max: number) =>
  Effect.async<Uint8Array | "too-large">((resume) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        cleanup()
        incoming.pause()
        resume(Effect.succeed("too-large"))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resume(Effect.succeed(new Uint8Array(Buffer.concat(chunks))))
    }
    const onError = () => {
      cleanup()
      resume(Effect.succeed(new Uint8Array(0)))
    }
    const cleanup = () => {
      incoming.off("data", onData)
      incoming.off("end", onEnd)
      incoming.off("error", onError)
    }
    incoming.on("data", onData)
    incoming.on("end", onEnd)
    incoming.on("error", onError)
    return Effect.sync(cleanup)
  })

const app = (emulator: Emulator.Service, maxBodySize: number) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const declared = Number(request.headers["content-length"] ?? "0")
    if (declared > maxBodySize) return tooLarge(maxBodySize)
    const body = yield* readBody(NodeHttpServerRequest.toIncomingMessage(request), maxBodySize)
    if (body === "too-large") return tooLarge(maxBodySize)
    let url: URL
    try {
      url = new URL(request.url, `http://${request.headers["host"] ?? "127.0.0.1"}`)
    } catch {
      url = new URL(request.url, "http://127.0.0.1")
    }
    const response = yield* emulator.handle({
      method: request.method,
      url,
      headers: request.headers,
      body
    })
    if (response._tag === "Drop") {
      NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
      // The closed socket interrupts this fiber.
      return yield* Effect.never
    }
    const { "content-type": contentType, ...headers } = response.headers
    return response.body === "" && contentType === undefined
      ? HttpServerResponse.empty({ status: response.status, headers })
      : HttpServerResponse.text(response.body, {
        status: response.status,
        headers,
        contentType: contentType ?? "application/json"
      })
  })

/**
 * Serves the `Emulator` in context until the layer closes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options?: Options
): Layer.Layer<EmulatorServer, HttpServerError.ServeError, Emulator.Emulator> =>
  Layer.scoped(
    EmulatorServer,
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const node = Http.createServer()
      const server = yield* NodeHttpServer.make(() => node, { port: options?.port ?? 0, host: "127.0.0.1" })
      // Runs before the server's own close, which would otherwise wait forever for hanging requests.
      yield* Effect.addFinalizer(() => Effect.sync(() => node.closeAllConnections()))
      // The handler's fibers inherit the runtime flags of this (uninterruptible) layer construction:
      // without `interruptible`, a client that gives up could never interrupt a hang.
      yield* server.serve(Effect.interruptible(app(emulator, options?.maxBodySize ?? defaultMaxBodySize)))
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0
      return { baseUrl: `http://127.0.0.1:${port}`, port }
    })
  )

/**
 * A fresh emulator served on 127.0.0.1, with its control service.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerEmulator = (
  options?: Options & Emulator.Options
): Layer.Layer<EmulatorServer | Emulator.Emulator | EmulatorControl, HttpServerError.ServeError> =>
  Layer.provideMerge(layer(options), Emulator.layer(options))
