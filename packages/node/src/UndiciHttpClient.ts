/**
 * A lean `HttpClient` for Node on undici's `Dispatcher.request`: what the Sinch clients need of a
 * transport and nothing else, so that a call costs little more than undici itself. It sends the request
 * as built (URL, query parameters, headers, body of any kind), fails with `RequestError` on transport
 * errors, aborts the request when its fiber is interrupted, reads the body lazily (once; a later read of
 * the same kind answers the same) and releases the connection of a response whose body nobody reads.
 *
 * Unlike the platform's `NodeHttpClient.layerUndici` it makes no `http.client` span and sends no trace
 * headers: the Sinch clients make one span per call themselves (and send no trace headers to Sinch).
 * Use `NodeHttpClient` for other HTTP work that should be traced.
 *
 * @example
 * ```ts
 * import { UndiciHttpClient } from "@sinch-effect/node"
 * import { Numbers, Sinch } from "@sinch-effect/products"
 * import { Effect, Layer } from "effect"
 *
 * const live = Sinch.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer))
 * const program = Effect.flatMap(Numbers.Numbers, (numbers) => numbers.getActiveNumber("+12025550123"))
 * Effect.runPromise(Effect.provide(program, live))
 * ```
 *
 * @since 0.2.0
 */
import type { HttpClient } from "@effect/platform"
import { HttpClient as Client } from "@effect/platform"
import { Effect, Layer } from "effect"
import { Agent, type Dispatcher, getGlobalDispatcher } from "undici"
import * as internal from "./internal/undiciHttpClient.js"

/**
 * The client over a dispatcher (an undici `Agent`, `Pool`, `Client` or a `MockAgent`).
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: (dispatcher: Dispatcher) => HttpClient.HttpClient = internal.make

/**
 * The client over a dispatcher made for it and closed with the layer's scope.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerWith = (options?: Agent.Options | undefined): Layer.Layer<HttpClient.HttpClient> =>
  Layer.scoped(
    Client.HttpClient,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => new Agent(options)),
        (agent) => Effect.promise(() => agent.destroy())
      ),
      make
    )
  )

/**
 * The client over an undici `Agent` with its default options, closed with the layer's scope.
 *
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = layerWith()

/**
 * The client over undici's global dispatcher, which the layer does not close.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerGlobal: Layer.Layer<HttpClient.HttpClient> = Layer.sync(
  Client.HttpClient,
  () => make(getGlobalDispatcher())
)
