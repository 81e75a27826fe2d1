/**
 * Conversation webhook events (message inbound, delivery reports, events, contact and conversation
 * notifications), verified with the webhook secret before they are decoded: a body is never parsed
 * before its signature, timestamp and nonce are checked.
 *
 * @since 0.1.0
 */
import type { HttpApp, HttpServerResponse } from "@effect/platform"
import type { NonceStore, WebhookError } from "@sinch-effect/auth-core"
import { SinchCallback, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Either, ParseResult, Schema } from "effect"
import { WebhookEvent } from "./ConversationSchema.js"

/**
 * A verified body that is not a Conversation event this library knows.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidWebhookEvent
  extends Schema.TaggedError<InvalidWebhookEvent>("@sinch-effect/products/ConversationWebhook/InvalidWebhookEvent")(
    "InvalidWebhookEvent",
    { detail: Schema.String }
  )
{
  /** @since 0.1.0 */
  override get message(): string {
    return `The webhook body is not a known Conversation event: ${this.detail}. Check the triggers configured on the webhook.`
  }
}

const decodeEvent = Schema.decodeUnknownEither(WebhookEvent)

/**
 * Decodes a webhook body (already verified) into its event; `trigger` says which event it is.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (body: string | Uint8Array): Effect.Effect<WebhookEvent, InvalidWebhookEvent> => {
  const text = typeof body === "string" ? body : new TextDecoder().decode(body)
  const json = Either.try(() => JSON.parse(text) as unknown)
  if (Either.isLeft(json)) return Effect.fail(new InvalidWebhookEvent({ detail: "the body is not JSON" }))
  return Either.match(decodeEvent(json.right), {
    onLeft: (error) =>
      Effect.fail(new InvalidWebhookEvent({ detail: ParseResult.TreeFormatter.formatErrorSync(error) })),
    onRight: Effect.succeed
  })
}

/**
 * Verifies a webhook request (signature over the raw body, nonce and timestamp; timestamp window;
 * replay through `NonceStore`) and decodes it.
 *
 * @since 0.1.0
 * @category decoding
 */
export const verify = (options: WebhookVerifier.ConversationOptions) => {
  const check = WebhookVerifier.conversation(options)
  return (
    incoming: WebhookVerifier.Incoming
  ): Effect.Effect<WebhookEvent, WebhookError.InvalidSignature | InvalidWebhookEvent, NonceStore.NonceStore> =>
    Effect.flatMap(check(incoming), (verified) => decode(verified.text))
}

/**
 * A webhook endpoint to mount on an `HttpRouter`: 401 for a request that fails verification, 400 for a
 * verified body that is not a known event, else `handler` runs (an empty 200 unless it answers).
 *
 * @since 0.1.0
 * @category constructors
 */
export const httpApp = <E, R>(
  options: WebhookVerifier.ConversationOptions & {
    readonly handler: (event: WebhookEvent) => Effect.Effect<HttpServerResponse.HttpServerResponse | void, E, R>
  }
): HttpApp.Default<E, R | NonceStore.NonceStore> =>
  SinchCallback.conversation({
    ...options,
    schema: WebhookEvent,
    handler: (event) => options.handler(event)
  })
