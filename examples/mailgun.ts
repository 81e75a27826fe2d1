/**
 * Send a message with an attachment through Mailgun, read its events and the account's domains, and
 * serve Mailgun's webhooks.
 *
 *   MAILGUN_API_KEY=… MAILGUN_REGION=eu MAILGUN_DOMAIN=mg.example.com npx tsx examples/mailgun.ts
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> to run it against the local emulator instead (its demo
 * key and domain are `Emulator.demoCredentials.mailgunApiKey` and `mailgunDomain`).
 */
import { FetchHttpClient, HttpRouter } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { SinchCallback } from "@sinch-effect/auth-core"
import { Mailgun } from "@sinch-effect/products"
import type { Redacted } from "effect"
import { Config, Console, Effect, Schema, Stream } from "effect"

const program = Effect.gen(function*() {
  const mailgun = yield* Mailgun.Mailgun
  const domain = yield* Config.string("MAILGUN_DOMAIN")

  // A form; with attachments it is sent as multipart/form-data. Options become o:, h: and v: fields.
  const sent = yield* mailgun.sendMessage(domain, {
    from: `Reports <reports@${domain}>`,
    to: ["alice@example.com", "Bob <bob@example.com>"],
    subject: "Monthly report",
    text: "The report is attached.",
    tags: ["reports"],
    variables: { "report-id": "2026-11" },
    attachments: [{ filename: "report.csv", data: new TextEncoder().encode("month,total\n11,42\n") }]
  })
  yield* Console.log(`queued ${sent.id}: ${sent.message}`)

  // Pages are fetched over paging.next as the stream is pulled, until Mailgun answers an empty page.
  yield* mailgun.listEvents(domain, { event: "delivered", limit: 100 }).pipe(
    Stream.take(20),
    Stream.runForEach((event) => Console.log(`${event.event} ${event.recipient ?? ""} ${event.timestamp}`))
  )

  const domains = yield* Stream.runCollect(mailgun.listDomains({ state: "active" }))
  yield* Console.log(`active domains: ${[...domains].map((d) => d.name).join(", ")}`)
  const details = yield* mailgun.getDomain(domain)
  yield* Console.log(`${details.domain.name} needs ${details.sending_dns_records?.length ?? 0} sending records`)
}).pipe(
  // A 4xx carries Mailgun's message; a wrong key is a 401.
  Effect.catchTag("SinchApiError", (error) => Console.error(`${error.status} ${error.detail ?? error.message}`))
)

// A webhook endpoint: the signature in the body is checked with the webhook signing key, the token
// remembered for replays, and only then is the event decoded and handled.
const Delivered = Schema.Struct({
  "event-data": Schema.Struct({ event: Schema.String, recipient: Schema.String })
})

// Serve it with a NonceStore provided: NonceStore.layerMemory(), or the Redis one for a fleet.
export const webhooks = (signingKey: Redacted.Redacted<string>) =>
  HttpRouter.empty.pipe(
    HttpRouter.post(
      "/mailgun/events",
      SinchCallback.mailgun({
        signingKey,
        schema: Delivered,
        handler: (event) => Console.log(`${event["event-data"].event} for ${event["event-data"].recipient}`)
      })
    )
  )

program.pipe(Effect.provide(Mailgun.layerConfig()), Effect.provide(FetchHttpClient.layer), NodeRuntime.runMain)
