/**
 * Voice callback events, verified with the application key before they are decoded: the Incoming Call
 * Event (ICE), Answered Call Event (ACE) and Prompt Input Event (PIE), each answered with SVAML
 * (`VoiceSvaml`), and the Disconnected Call Event (DiCE) and Notify Event, answered with an empty 200.
 * A body is never parsed before its `Authorization: Application` signature (or application Basic
 * auth, when allowed) is checked.
 *
 * @since 0.3.0
 */
import type { HttpApp } from "@effect/platform"
import { HttpServerResponse } from "@effect/platform"
import type { ApplicationCredentials, NonceStore, WebhookError } from "@sinch-effect/auth-core"
import { SinchCallback, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Schema } from "effect"
import * as CallbackBody from "./internal/callbackBody.js"
import * as VoiceSchema from "./VoiceSchema.js"
import * as VoiceSvaml from "./VoiceSvaml.js"

/**
 * A verified body that is not a Voice callback event.
 *
 * @since 0.3.0
 * @category errors
 */
export class InvalidCallbackEvent extends Schema.TaggedError<InvalidCallbackEvent>(
  "@sinch-effect/products/VoiceCallback/InvalidCallbackEvent"
)("InvalidCallbackEvent", { detail: Schema.String }) {
  /** @since 0.3.0 */
  override get message(): string {
    return `The callback body is not a Voice event: ${this.detail}. Check that this URL is only configured as a Voice callback URL.`
  }
}

/**
 * Decodes a callback body that was already verified.
 *
 * @since 0.3.0
 * @category decoding
 */
export const decode: (body: string | Uint8Array) => Effect.Effect<VoiceSchema.CallbackEvent, InvalidCallbackEvent> =
  CallbackBody
    .decoder(VoiceSchema.CallbackEvent, (detail) => new InvalidCallbackEvent({ detail }))

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
    VoiceSchema.CallbackEvent,
    WebhookError.InvalidSignature | InvalidCallbackEvent,
    ApplicationCredentials.ApplicationCredentials | NonceStore.NonceStore
  > => Effect.flatMap(check(incoming), (verified) => decode(verified.text))
}

const encodeSvaml = Schema.encodeSync(VoiceSvaml.Svaml)

/**
 * The HTTP answer to an ICE, ACE or PIE: the SVAML object as JSON.
 *
 * @since 0.3.0
 * @category answers
 */
export const respond = (svaml: VoiceSvaml.Svaml): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(encodeSvaml(svaml))

/**
 * What an ACE or PIE is answered with when no handler is given: `continue`.
 *
 * @since 0.3.0
 * @category answers
 */
export const continueCall = VoiceSvaml.response({ action: VoiceSvaml.continueCall })

/**
 * What the callback endpoint does with each event: `onIce` decides how an incoming call is connected;
 * `onAce` and `onPie` answer an answered call and a menu's result (with `continue` when absent);
 * `onDice` and `onNotify` are told (an empty 200 follows). Sinch may send an event again: make the
 * handlers idempotent on `callid`.
 *
 * @since 0.3.0
 * @category models
 */
export interface Handlers<E, R> {
  readonly onIce: (event: VoiceSchema.IceEvent) => Effect.Effect<VoiceSvaml.IceResponse, E, R>
  readonly onAce?: ((event: VoiceSchema.AceEvent) => Effect.Effect<VoiceSvaml.AceResponse, E, R>) | undefined
  readonly onPie?: ((event: VoiceSchema.PieEvent) => Effect.Effect<VoiceSvaml.PieResponse, E, R>) | undefined
  readonly onDice?: ((event: VoiceSchema.DiceEvent) => Effect.Effect<void, E, R>) | undefined
  readonly onNotify?: ((event: VoiceSchema.NotifyEvent) => Effect.Effect<void, E, R>) | undefined
}

/**
 * A callback endpoint to mount on an `HttpRouter`: 401 for a request that fails verification, 400 for a
 * verified body that is not a Voice event; ICE, ACE and PIE are answered with the handlers' SVAML, DiCE
 * and notify with an empty 200. Needs `ApplicationCredentials` and a `NonceStore` (replays of signed
 * callbacks).
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
    schema: VoiceSchema.CallbackEvent,
    handler: (event): Effect.Effect<HttpServerResponse.HttpServerResponse | void, E, R> => {
      switch (event.event) {
        case "ice":
          return Effect.map(options.onIce(event), respond)
        case "ace":
          return options.onAce === undefined
            ? Effect.succeed(respond(continueCall))
            : Effect.map(options.onAce(event), respond)
        case "pie":
          return options.onPie === undefined
            ? Effect.succeed(respond(continueCall))
            : Effect.map(options.onPie(event), respond)
        case "dice":
          return options.onDice === undefined ? Effect.void : options.onDice(event)
        case "notify":
          return options.onNotify === undefined ? Effect.void : options.onNotify(event)
      }
    }
  })
