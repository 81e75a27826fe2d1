/**
 * An in-process `HttpClient` that answers from an `Emulator` without sockets. It routes by URL: the
 * emulator's own prefixes on any host, and the production hosts (auth.sinch.com,
 * numbers.api.sinch.com, {region}.conversation.api.sinch.com, …), so that clients with default
 * endpoints work unchanged. A dropped connection is a `RequestError` with reason `Transport`; a hang
 * is an interruptible Effect that never completes.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Chunk, Effect, Layer, Stream } from "effect"
import * as Emulator from "./Emulator.js"
import type { EmulatorControl } from "./EmulatorControl.js"

const encodeError = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "Encode", cause })

const bodyOf = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<
  { readonly bytes: Uint8Array; readonly contentType: string | undefined },
  HttpClientError.RequestError
> => {
  const body: HttpBody.HttpBody = request.body
  switch (body._tag) {
    case "Empty":
      return Effect.succeed({ bytes: new Uint8Array(0), contentType: undefined })
    case "Uint8Array":
      return Effect.succeed({ bytes: body.body, contentType: body.contentType })
    case "Raw": {
      const raw = body.body
      if (typeof raw === "string") {
        return Effect.succeed({ bytes: new TextEncoder().encode(raw), contentType: body.contentType })
      }
      if (raw instanceof Uint8Array) return Effect.succeed({ bytes: raw, contentType: body.contentType })
      if (raw instanceof ArrayBuffer) {
        return Effect.succeed({ bytes: new Uint8Array(raw), contentType: body.contentType })
      }
      return Effect.fail(encodeError(request, new TypeError("unsupported raw body")))
    }
    case "FormData":
      return Effect.tryPromise({
        try: async () => {
          const encoded = new Response(body.formData)
          return {
            bytes: new Uint8Array(await encoded.arrayBuffer()),
            contentType: encoded.headers.get("content-type") ?? undefined
          }
        },
        catch: (cause) => encodeError(request, cause)
      })
    case "Stream":
      return body.stream.pipe(
        Stream.runCollect,
        Effect.map((chunks) => {
          const parts = Chunk.toReadonlyArray(chunks)
          const bytes = new Uint8Array(parts.reduce((size, part) => size + part.length, 0))
          let offset = 0
          for (const part of parts) {
            bytes.set(part, offset)
            offset += part.length
          }
          return { bytes, contentType: body.contentType }
        }),
        Effect.mapError((cause) => encodeError(request, cause))
      )
  }
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<HttpClient.HttpClient, never, Emulator.Emulator> = Effect.map(
  Emulator.Emulator,
  (emulator) =>
    HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const { bytes, contentType } = yield* bodyOf(request)
        const headers: Record<string, string> = { ...request.headers }
        // A real transport sends the body's content type as a header; signatures and form parsing need it.
        if (headers["content-type"] === undefined && contentType !== undefined && bytes.length > 0) {
          headers["content-type"] = contentType
        }
        headers["host"] ??= url.host
        const response = yield* emulator.handle({ method: request.method, url, headers, body: bytes })
        if (response._tag === "Drop") {
          return yield* new HttpClientError.RequestError({
            request,
            reason: "Transport",
            description: "the emulator dropped the connection"
          })
        }
        const noBody = request.method === "HEAD" || [204, 205, 304].includes(response.status)
        return HttpClientResponse.fromWeb(
          request,
          new Response(noBody ? null : response.body, { status: response.status, headers: response.headers })
        )
      })
    )
)

/**
 * The in-process client of the `Emulator` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient, never, Emulator.Emulator> = Layer.effect(
  HttpClient.HttpClient,
  make
)

/**
 * A fresh emulator with its in-process client and control service, in one layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerEmulator = (
  options?: Emulator.Options
): Layer.Layer<HttpClient.HttpClient | Emulator.Emulator | EmulatorControl> =>
  Layer.provideMerge(layer, Emulator.layer(options))
