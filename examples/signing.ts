/**
 * Receive Sinch webhooks and callbacks with verified signatures, and sign an outgoing Verification
 * request.
 *
 *   CONVERSATION_WEBHOOK_SECRET=… NUMBERS_CALLBACK_SECRET=… \
 *   SINCH_APPLICATION_KEY=… SINCH_APPLICATION_SECRET=… npx tsx examples/signing.ts
 *
 * Then point the Conversation webhook at http://<host>:3000/sinch/conversation, the Numbers callback
 * URL at /sinch/numbers and the Verification callback URL at /sinch/verification.
 */
import { HttpClient, HttpClientRequest, HttpRouter, HttpServer, HttpServerResponse } from "@effect/platform"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import {
  ApplicationCredentials,
  AuthStrategy,
  NonceStore,
  SinchCallback,
  WebhookVerifier
} from "@sinch-effect/auth-core"
import { Config, Effect, Layer, Schema } from "effect"
import { createServer } from "node:http"

// Strategies: one per credential scope. The types keep them apart: a project API takes a
// ProjectStrategy, Voice and Verification an ApplicationStrategy, Mailgun a MailgunStrategy.
export const strategies = Effect.gen(function*() {
  const project: AuthStrategy.ProjectStrategy = yield* AuthStrategy.oauth2 // needs TokenProvider
  const projectForTests: AuthStrategy.ProjectStrategy = yield* AuthStrategy.projectBasic // heavily rate limited
  const voice: AuthStrategy.ApplicationStrategy = yield* AuthStrategy.applicationSigned()
  const voiceBasic: AuthStrategy.ApplicationStrategy = yield* AuthStrategy.applicationBasic
  const mail: AuthStrategy.MailgunStrategy = yield* AuthStrategy.mailgun
  return { project, projectForTests, voice, voiceBasic, mail }
})

// Outgoing: an application-signed request. Each attempt gets a fresh x-timestamp and signature;
// `observe` lets the strategy correct a local clock that is minutes off (from the Date header).
export const startVerification = (phoneNumber: string) =>
  Effect.gen(function*() {
    const strategy = yield* AuthStrategy.applicationSigned()
    const client = yield* HttpClient.HttpClient
    const request = HttpClientRequest.post("https://verification.api.sinch.com/verification/v1/verifications").pipe(
      HttpClientRequest.bodyUnsafeJson({ identity: { type: "number", endpoint: phoneNumber }, method: "sms" })
    )
    const { request: signed } = yield* strategy.authenticate(request)
    const response = yield* client.execute(signed)
    yield* strategy.observe(response)
    return yield* response.json
  })

// Incoming: schemas of the events this server handles. Unknown fields are ignored.
const ContactCreated = Schema.Struct({
  project_id: Schema.String,
  contact_create_notification: Schema.Struct({ contact: Schema.Struct({ id: Schema.String }) })
})
const NumberEvent = Schema.Struct({ eventId: Schema.String, eventType: Schema.String, status: Schema.String })
const VerificationResult = Schema.Struct({ id: Schema.String, event: Schema.String, status: Schema.String })

const routes = Effect.gen(function*() {
  const conversationSecret = yield* Config.redacted("CONVERSATION_WEBHOOK_SECRET")
  const numbersSecret = yield* Config.redacted("NUMBERS_CALLBACK_SECRET")
  return HttpRouter.empty.pipe(
    HttpRouter.post(
      "/sinch/conversation",
      SinchCallback.conversation({
        secret: conversationSecret,
        schema: ContactCreated,
        handler: (event) => Effect.log(`contact created: ${event.contact_create_notification.contact.id}`)
      })
    ),
    HttpRouter.post(
      "/sinch/numbers",
      SinchCallback.numbers({
        secret: numbersSecret,
        schema: NumberEvent,
        handler: (event) => Effect.log(`${event.eventType}: ${event.status} (${event.eventId})`)
      })
    ),
    HttpRouter.post(
      "/sinch/verification",
      SinchCallback.application({
        schema: VerificationResult,
        handler: (event) =>
          Effect.as(Effect.log(`verification ${event.id}: ${event.status}`), HttpServerResponse.unsafeJson({}))
      })
    )
  )
})

// Without a framework: verify a raw body and headers yourself.
export const verifyNumbersCallback = (headers: Record<string, string>, rawBody: Uint8Array) =>
  Effect.flatMap(
    Config.redacted("NUMBERS_CALLBACK_SECRET"),
    (secret) => WebhookVerifier.numbers({ secret })({ headers, body: rawBody })
  )

const ServerLive = Layer.unwrapEffect(Effect.map(routes, (router) => HttpServer.serve(router))).pipe(
  Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 })),
  Layer.provide(NonceStore.layerMemory({ maxEntries: 100_000, ttl: "10 minutes" })),
  Layer.provide(ApplicationCredentials.layerConfig())
)

if (import.meta.url === `file://${process.argv[1]}`) {
  NodeRuntime.runMain(Layer.launch(ServerLive))
}
