/**
 * Send a choice message over WhatsApp with SMS as fallback, read the latest messages, and tell a wrong
 * region apart from a missing app.
 *
 *   SINCH_PROJECT_ID=… SINCH_KEY_ID=… SINCH_KEY_SECRET=… SINCH_CONVERSATION_APP_ID=… npx tsx examples/conversation.ts
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> to run it against the local emulator instead.
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Conversation } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Config, Console, Effect, Layer, Stream } from "effect"

const program = Effect.gen(function*() {
  const conversation = yield* Conversation.Conversation
  const appId = yield* Config.string("SINCH_CONVERSATION_APP_ID")

  // The recipient by channel identities: Sinch creates the contact if none has them. WhatsApp is tried
  // first, then SMS; channel properties tune one channel (here the SMS sender).
  const sent = yield* conversation.sendMessage({
    app_id: appId,
    recipient: {
      identified_by: {
        channel_identities: [
          { channel: "WHATSAPP", identity: "+46700000101" },
          { channel: "SMS", identity: "+46700000101" }
        ]
      }
    },
    message: {
      choice_message: {
        text_message: { text: "Your table for two is booked for 19:30. Keep it?" },
        choices: [
          { text_message: { text: "Keep it" }, postback_data: "booking-42:keep" },
          { text_message: { text: "Cancel" }, postback_data: "booking-42:cancel" }
        ]
      }
    },
    channel_priority_order: ["WHATSAPP", "SMS"],
    channel_properties: { SMS_SENDER: "Bistro" },
    message_metadata: "booking-42"
  })
  yield* Console.log(`accepted ${sent.message_id} at ${sent.accepted_time}`)

  // Newest first; pages of 20 are fetched only as the stream is pulled, so this reads one page.
  yield* conversation.listMessages({ app_id: appId, page_size: 20 }).pipe(
    Stream.take(5),
    Stream.runForEach((message) =>
      Console.log(
        `${message.accept_time} ${message.direction} ${message.channel_identity?.channel ?? "?"}: ${
          message.app_message?.text_message?.text ??
            message.contact_message?.text_message?.text ??
            "(not text)"
        }`
      )
    )
  )
}).pipe(
  // The app lives in another region: the error names the base URL (and region) that has it.
  Effect.catchTag("WrongRegion", (error) => Console.error(error.message)),
  // A 400 carries the API's field violations; a 404 for an app no region has stays a SinchApiError.
  Effect.catchTag(
    "SinchApiError",
    (error) =>
      Console.error(`${error.status} ${error.message}`, error.violations.map((v) => `${v.field}: ${v.description}`))
  ),
  Effect.catchTag("InvalidClient", (error) => Console.error(error.message))
)

// One token provider for every product built on these layers, from the token endpoint the endpoints
// configuration names (SINCH_AUTH_URL or the emulator).
const Tokens = Layer.unwrapEffect(
  Effect.map(SinchEndpoints.SinchEndpoints, (endpoints) => TokenProvider.layer({ tokenUrl: endpoints.auth }))
)

// Conversation is regional: the region is required, and every call of this service goes there.
const MainLayer = Conversation.layer({ region: "eu" }).pipe(
  Layer.provideMerge(Tokens),
  Layer.provide(Layer.mergeAll(ProjectCredentials.layerConfig(), SinchEndpoints.layerConfig(), FetchHttpClient.layer))
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
