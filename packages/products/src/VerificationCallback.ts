/**
 * Verification callback events, verified with the application key before they are decoded: the
 * Verification Request Event (a verification is starting: answer it to allow or deny it), the
 * Verification Result Event (it ended) and the SMS Delivered Event. A body is never parsed before its
 * `Authorization: Application` signature (or application Basic auth, when allowed) is checked.
 *
 * @since 0.3.0
 */
import type { HttpApp } from "@effect/platform"
import { HttpServerResponse } from "@effect/platform"
import type { ApplicationCredentials, NonceStore, WebhookError } from "@sinch-effect/auth-core"
import { SinchCallback, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Schema } from "effect"
import * as CallbackBody from "./internal/callbackBody.js"
import * as VerificationSchema from "./VerificationSchema.js"

/**
 * A verified body that is not a Verification callback event.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidCallbackEvent extends Schema.TaggedError<InvalidCallbackEvent>(
  "@sinch-effect/products/VerificationCallback/InvalidCallbackEvent"
)("InvalidCallbackEvent", { detail: Schema.String }) {
  /** @since 0.3.0 */
  override get message(): string {
    return `The callback body is not a Verification event: ${this.detail}. Check that this URL is only configured as a Verification callback URL.`
  }
}

/**
 * Decodes a callback body that was already verified.
 *
 * @since 0.3.0
 * @category decoding
 */
export const decode: (
  body: string | Uint8Array
) => Effect.Effect<VerificationSchema.CallbackEvent, InvalidCallbackEvent> = CallbackBody
  .decoder(VerificationSchema.CallbackEvent, (detail) => new InvalidCallbackEvent({ detail }))

/**
 * Verifies a callback request with the `ApplicationCredentials` in context (signature, timestamp window,
 * replays through the `NonceStore`), then decodes it.
 *
 * @since 0.3.0
 * @category decoding
 */
export const verify = (options?: WebhookVerifier.ApplicationOptions) => {
  const check = WebhookVerifier.application(options)
  return (
    incoming: WebhookVerifier.IncomingSigned
  ): Effect.Effect<
    VerificationSchema.CallbackEvent,
    WebhookError.InvalidSignature | InvalidCallbackEvent,
    ApplicationCredentials.ApplicationCredentials | NonceStore.NonceStore
  > => Effect.flatMap(check(incoming), (verified) => decode(verified.text))
}

/**
 * Settings of an allowed SMS verification.
 *
 * @since 0.3.0
 * @category models
 */
export type SmsSettings = NonNullable<VerificationSchema.RequestEventResponse["sms"]>

/**
 * Settings of an allowed flash call verification.
 *
 * @since 0.3.0
 * @category models
 */
export type FlashCallSettings = NonNullable<VerificationSchema.RequestEventResponse["flashCall"]>

/**
 * Settings of an allowed phone call verification.
 *
 * @since 0.3.0
 * @category models
 */
export type PhoneCallSettings = NonNullable<VerificationSchema.RequestEventResponse["callout"]>

/**
 * Allow an SMS verification, optionally with your own code, code type, expiry (`HH:MM:SS`) or languages.
 *
 * @since 0.3.0
 * @category answers
 */
export const allowSms = (settings?: SmsSettings | undefined): VerificationSchema.RequestEventResponse =>
  settings === undefined ? { action: "allow" } : { action: "allow", sms: settings }

/**
 * Allow a flash call verification, optionally with the calling number and timeouts.
 *
 * @since 0.3.0
 * @category answers
 */
export const allowFlashCall = (settings?: FlashCallSettings | undefined): VerificationSchema.RequestEventResponse =>
  settings === undefined ? { action: "allow" } : { action: "allow", flashCall: settings }

/**
 * Allow a phone call verification, optionally with your own code and the speech locale.
 *
 * @since 0.3.0
 * @category answers
 */
export const allowPhoneCall = (settings?: PhoneCallSettings | undefined): VerificationSchema.RequestEventResponse =>
  settings === undefined ? { action: "allow" } : { action: "allow", callout: settings }

/**
 * Deny the verification: nothing is sent to the user, and it ends `DENIED`.
 *
 * @since 0.3.0
 * @category answers
 */
export const deny: VerificationSchema.RequestEventResponse = { action: "deny" }

const encodeAnswer = Schema.encodeSync(VerificationSchema.RequestEventResponse)

/**
 * The HTTP answer to a Verification Request Event: `answer` as JSON.
 *
 * @since 0.3.0
 * @category answers
 */
export const respond = (answer: VerificationSchema.RequestEventResponse): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(encodeAnswer(answer))

/**
 * What the callback endpoint does with each event: `onRequest` decides (allow or deny), the others are
 * told (an empty 200 follows). Handlers should be idempotent on the event's `id`.
 *
 * @since 0.3.0
 * @category models
 */
export interface Handlers<E, R> {
  readonly onRequest: (
    event: VerificationSchema.RequestEvent
  ) => Effect.Effect<VerificationSchema.RequestEventResponse, E, R>
  readonly onResult?: ((event: VerificationSchema.ResultEvent) => Effect.Effect<void, E, R>) | undefined
  readonly onSmsDelivered?: ((event: VerificationSchema.SmsDeliveredEvent) => Effect.Effect<void, E, R>) | undefined
}

/**
 * A callback endpoint to mount on an `HttpRouter`: 401 for a request that fails verification, 400 for a
 * verified body that is not a Verification event; a Request Event is answered with what `onRequest`
 * decides. Needs `ApplicationCredentials` and a `NonceStore` (replays of signed callbacks).
 *
 * @since 0.3.0
 * @category constructors
 */
export const httpApp = <E, R>(
  options: WebhookVerifier.ApplicationOptions & Handlers<E, R> & { readonly maxBodyBytes?: number | undefined }
): HttpApp.Default<E, R | ApplicationCredentials.ApplicationCredentials | NonceStore.NonceStore> =>
  SinchCallback.application({
    window: options.window,
    allowBasic: options.allowBasic,
    maxBodyBytes: options.maxBodyBytes,
    schema: VerificationSchema.CallbackEvent,
    handler: (event): Effect.Effect<HttpServerResponse.HttpServerResponse | void, E, R> => {
      switch (event.event) {
        case "VerificationRequestEvent":
          return Effect.map(options.onRequest(event), respond)
        case "VerificationResultEvent":
          return options.onResult === undefined ? Effect.void : options.onResult(event)
        case "VerificationSmsDeliveredEvent":
          return options.onSmsDelivered === undefined ? Effect.void : options.onSmsDelivered(event)
      }
    }
  })
