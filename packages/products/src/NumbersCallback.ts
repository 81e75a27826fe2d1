/**
 * Numbers callback events (a provisioning job of a number finished), verified with the project's
 * callback HMAC secret before they are decoded: a body is never parsed before its `X-Sinch-Signature`
 * (hex HMAC-SHA1 of the raw body) is checked. The signature carries no timestamp or nonce, so handlers
 * should be idempotent on `eventId`.
 *
 * @since 0.1.0
 */
import type { HttpApp, HttpServerResponse } from "@effect/platform"
import type { WebhookError } from "@sinch-effect/auth-core"
import { SinchCallback, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Schema } from "effect"
import * as CallbackBody from "./internal/callbackBody.js"
import { CallbackEvent } from "./NumbersSchema.js"

/**
 * A verified body that is not a Numbers callback event.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidCallbackEvent
  extends Schema.TaggedError<InvalidCallbackEvent>("@sinch-effect/products/NumbersCallback/InvalidCallbackEvent")(
    "InvalidCallbackEvent",
    { detail: Schema.String }
  )
{
  /** @since 0.1.0 */
  override get message(): string {
    return `The callback body is not a Numbers event: ${this.detail}. Check that this URL is only configured as a Numbers callbackUrl.`
  }
}

/**
 * Decodes a callback body that was already verified.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode: (body: string | Uint8Array) => Effect.Effect<CallbackEvent, InvalidCallbackEvent> = CallbackBody
  .decoder(CallbackEvent, (detail) => new InvalidCallbackEvent({ detail }))

/**
 * Verifies a callback request against the callback secret (`hmacSecret` of the callback
 * configuration), then decodes it.
 *
 * @since 0.1.0
 * @category decoding
 */
export const verify = (options: WebhookVerifier.NumbersOptions) => {
  const check = WebhookVerifier.numbers(options)
  return (
    incoming: WebhookVerifier.Incoming
  ): Effect.Effect<CallbackEvent, WebhookError.InvalidSignature | InvalidCallbackEvent> =>
    Effect.flatMap(check(incoming), (verified) => decode(verified.text))
}

/**
 * A callback endpoint to mount on an `HttpRouter`: 401 for a request that fails verification, 400 for
 * a verified body that is not a Numbers event, else `handler` runs (an empty 200 unless it answers).
 *
 * @since 0.1.0
 * @category constructors
 */
export const httpApp = <E, R>(
  options: WebhookVerifier.NumbersOptions & {
    readonly handler: (event: CallbackEvent) => Effect.Effect<HttpServerResponse.HttpServerResponse | void, E, R>
  }
): HttpApp.Default<E, R> =>
  SinchCallback.numbers({
    secret: options.secret,
    schema: CallbackEvent,
    handler: (event) => options.handler(event)
  })
