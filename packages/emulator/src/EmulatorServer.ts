/**
 * The emulator as a real HTTP server on 127.0.0.1 (port 0 picks a free port). A dropped connection
 * destroys the socket; a hang keeps it open until the client gives up or the layer closes.
 *
 * @since 0.1.0
 */
import * as Http from "node:http"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Context, Effect, Layer } from "effect"
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
}

const app = (emulator: Emulator.Service) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const body = yield* Effect.orElseSucceed(request.arrayBuffer, () => new ArrayBuffer(0))
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
      body: new Uint8Array(body)
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
      yield* server.serve(Effect.interruptible(app(emulator)))
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
