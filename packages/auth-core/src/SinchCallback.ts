/**
 * Server-side handlers for requests Sinch (and Mailgun) send to you, as `@effect/platform` `HttpApp`s to mount on an
 * `HttpRouter` or serve directly. A request without the signature headers gets 401 and a body larger
 * than `maxBodyBytes` (default 1 MiB) gets 413, both before the body is buffered. Each handler then
 * reads the raw body once, verifies it (`WebhookVerifier`),
 * decodes the event with a `Schema` and only then runs the handler. A request that fails verification
 * gets 401 and never reaches the handler; a verified body that does not decode gets 400. The nonce of a
 * verified request is reserved while its handler runs: concurrent copies are rejected as replays, and
 * when the handler fails, is interrupted or answers 5xx the nonce is forgotten, so that Sinch's
 * redelivery is accepted. Once a handler succeeded, every copy is a replay.
 *
 * @since 0.1.0
 */
import type { HttpApp } from "@effect/platform"
import { HttpServerRequest, HttpServerResponse } from "@effect/platform"
import type { Schema as S } from "effect"
import { Effect, Either, Exit, Schema, Stream } from "effect"
import type { ApplicationCredentials } from "./ApplicationCredentials.js"
import { NonceStore } from "./NonceStore.js"
import { InvalidSignature } from "./WebhookError.js"
import * as WebhookVerifier from "./WebhookVerifier.js"

/**
 * What every callback handler is given.
 *
 * @since 0.1.0
 * @category models
 */
export interface Handling<A, I, RS, E, R> {
  /** Decodes the verified JSON body into the event. */
  readonly schema: S.Schema<A, I, RS>
  /**
   * Runs once per verified, decoded event. Answer with a response, or with nothing for an empty 200.
   * Make it idempotent where Sinch may deliver an event twice.
   */
  readonly handler: (
    event: A,
    body: WebhookVerifier.Verified
  ) => Effect.Effect<HttpServerResponse.HttpServerResponse | void, E, R>
  /**
   * The largest request body accepted, in bytes; a larger one is answered 413 without being buffered
   * (a declared `Content-Length` is refused before any byte is read). Default `defaultMaxBodyBytes`.
   */
  readonly maxBodyBytes?: number | undefined
}

/**
 * The default limit on a callback's body: 1 MiB. Sinch's events are a few kilobytes; the limit bounds
 * what an unauthenticated sender can make the server buffer.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultMaxBodyBytes = 1024 * 1024

const unauthorized = (error: InvalidSignature) =>
  Effect.as(
    Effect.logWarning(error.message).pipe(
      Effect.annotateLogs({ reason: error.reason, source: error.source })
    ),
    HttpServerResponse.empty({ status: 401 })
  )

const badRequest = (message: string) => HttpServerResponse.text(message, { status: 400 })

// `connection: close`: the rest of an oversized body is not worth reading to keep the connection.
const tooLarge = (limit: number) =>
  HttpServerResponse.text(`The request body is larger than ${limit} bytes.`, {
    status: 413,
    headers: { connection: "close" }
  })

class BodyTooLarge {
  readonly _tag = "BodyTooLarge"
}

/**
 * How much of an oversized body is read and discarded so that the sender gets its 413; past this the
 * connection is dropped instead. Discarded bytes are never buffered.
 */
const maxDiscardBytes = 8 * 1024 * 1024

/**
 * The body, counted as it streams. Past `limit` nothing more is kept; a body that ends within the
 * discard allowance fails with `BodyTooLarge` (answered 413), a longer one is abandoned mid-stream.
 */
const readBounded = (
  request: HttpServerRequest.HttpServerRequest,
  limit: number
): Effect.Effect<Uint8Array, BodyTooLarge | unknown> =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return request.stream.pipe(
      Stream.runForEach((chunk) => {
        size += chunk.length
        if (size <= limit) chunks.push(chunk)
        return size > limit + maxDiscardBytes ? Effect.fail(new BodyTooLarge()) : Effect.void
      }),
      Effect.flatMap(() => {
        if (size > limit) return Effect.fail(new BodyTooLarge())
        if (chunks.length === 1) return Effect.succeed(chunks[0])
        const body = new Uint8Array(size)
        let at = 0
        for (const chunk of chunks) {
          body.set(chunk, at)
          at += chunk.length
        }
        return Effect.succeed(body)
      })
    )
  })

const validLimit = (limit: number | undefined): number => {
  if (limit === undefined) return defaultMaxBodyBytes
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`maxBodyBytes must be a positive integer, got ${limit}`)
  }
  return limit
}

const serve = <A, I, RS, E, R, RV>(
  source: InvalidSignature["source"],
  signatureHeaders: ReadonlyArray<string>,
  verify: (
    request: HttpServerRequest.HttpServerRequest,
    body: Uint8Array
  ) => Effect.Effect<WebhookVerifier.Verified, InvalidSignature, RV>,
  options: Handling<A, I, RS, E, R>
): HttpApp.Default<E, R | RS | RV> => {
  const decode = Schema.decodeUnknown(options.schema)
  const limit = validLimit(options.maxBodyBytes)
  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    // Cheap refusals first: nothing unsigned or oversized is ever buffered.
    for (const header of signatureHeaders) {
      if (request.headers[header] === undefined) {
        return yield* unauthorized(new InvalidSignature({ source, reason: "missing-header", header }))
      }
    }
    const declared = request.headers["content-length"]
    if (declared !== undefined && Number(declared) > limit) return tooLarge(limit)
    const raw = yield* Effect.either(readBounded(request, limit))
    if (Either.isLeft(raw)) {
      return raw.left instanceof BodyTooLarge ? tooLarge(limit) : badRequest("The request body could not be read.")
    }
    // The verifier reserves the nonce; the keys it reserved are released again if the handler does not
    // succeed, so that Sinch's redelivery of the same event (after a 5xx) is accepted.
    const reserved: Array<string> = []
    const checked = yield* Effect.either(reserving(verify(request, raw.right), reserved))
    if (Either.isLeft(checked)) return yield* unauthorized(checked.left)
    const json = Either.try(() => JSON.parse(checked.right.text) as unknown)
    if (Either.isLeft(json)) return badRequest("The body is not JSON.")
    const event = yield* Effect.either(decode(json.right))
    if (Either.isLeft(event)) return badRequest(`The body is not a known event: ${event.left.message}`)
    return yield* options.handler(event.right, checked.right).pipe(
      Effect.map((response) =>
        HttpServerResponse.isServerResponse(response) ? response : HttpServerResponse.empty({ status: 200 })
      ),
      Effect.onExit((exit) => Exit.isSuccess(exit) && exit.value.status < 500 ? Effect.void : release(reserved))
    )
  })
}

/**
 * Runs `verify` with a `NonceStore` that records the keys it newly remembered in `reserved`. A verifier
 * without replay protection never asks for the store, and then no store is needed.
 */
const reserving = <A, E, R>(verify: Effect.Effect<A, E, R>, reserved: Array<string>): Effect.Effect<A, E, R> =>
  Effect.flatMap(Effect.serviceOption(NonceStore), (found) => {
    if (found._tag === "None") return verify
    const store = found.value
    return Effect.provideService(
      verify,
      NonceStore,
      NonceStore.of({
        remember: (key, expiresAt) =>
          Effect.tap(
            store.remember(key, expiresAt),
            (isNew) => isNew ? Effect.sync(() => void reserved.push(key)) : Effect.void
          ),
        forget: store.forget
      })
    ) as Effect.Effect<A, E, R>
  })

const release = (reserved: ReadonlyArray<string>) =>
  Effect.flatMap(
    Effect.serviceOption(NonceStore),
    (found) =>
      found._tag === "None"
        ? Effect.void
        : Effect.forEach(reserved, (key) => found.value.forget(key), { discard: true })
  )

/**
 * A Conversation webhook endpoint. Needs a `NonceStore` (e.g. `NonceStore.layerMemory()`) for replays.
 *
 * @since 0.1.0
 * @category constructors
 */
export const conversation = <A, I, RS, E, R>(
  options: WebhookVerifier.ConversationOptions & Handling<A, I, RS, E, R>
): HttpApp.Default<E, R | RS | NonceStore> => {
  const verify = WebhookVerifier.conversation(options)
  return serve(
    "conversation",
    ["x-sinch-webhook-signature", "x-sinch-webhook-signature-nonce", "x-sinch-webhook-signature-timestamp"],
    (request, body) => verify({ headers: request.headers, body }),
    options
  )
}

/**
 * A Numbers callback endpoint.
 *
 * @since 0.1.0
 * @category constructors
 */
export const numbers = <A, I, RS, E, R>(
  options: WebhookVerifier.NumbersOptions & Handling<A, I, RS, E, R>
): HttpApp.Default<E, R | RS> => {
  const verify = WebhookVerifier.numbers(options)
  return serve("numbers", ["x-sinch-signature"], (request, body) => verify({ headers: request.headers, body }), options)
}

/**
 * A Voice or Verification callback endpoint, verified with the `ApplicationCredentials` in context.
 * The signed path is the one the server received (`originalUrl`, without its query string), so the
 * handler may be mounted under any router prefix.
 *
 * @since 0.1.0
 * @category constructors
 */
export const application = <A, I, RS, E, R>(
  options: WebhookVerifier.ApplicationOptions & Handling<A, I, RS, E, R>
): HttpApp.Default<E, R | RS | ApplicationCredentials | NonceStore> => {
  const verify = WebhookVerifier.application(options)
  return serve(
    "application",
    ["authorization"],
    (request, body) =>
      verify({ method: request.method, path: pathOf(request.originalUrl), headers: request.headers, body }),
    options
  )
}

// A web handler (`HttpApp.toWebHandler`: serverless, Deno, Bun) sees the absolute URL as `originalUrl`;
// Sinch signs the path only.
const pathOf = (url: string): string => {
  if (url.startsWith("/")) return url
  const scheme = url.indexOf("//")
  const start = scheme < 0 ? -1 : url.indexOf("/", scheme + 2)
  return start < 0 ? "/" : url.slice(start)
}

/**
 * A Mailgun webhook endpoint: the signature in the JSON body is verified with the webhook signing key
 * (`WebhookVerifier.mailgun`), then the whole body (`signature` and `event-data`) is decoded with
 * `schema`. Needs a `NonceStore` for replays. Mailgun retries a delivery answered with anything but 2xx
 * (406 excepted), so a failed handler releases the token for the retry.
 *
 * @since 0.3.0
 * @category constructors
 */
export const mailgun = <A, I, RS, E, R>(
  options: WebhookVerifier.MailgunOptions & Handling<A, I, RS, E, R>
): HttpApp.Default<E, R | RS | NonceStore> => {
  const verify = WebhookVerifier.mailgun(options)
  // No header to refuse early: the signature travels in the body.
  return serve("mailgun", [], (request, body) => verify({ headers: request.headers, body }), options)
}
