import { describe, expect, it } from "@effect/vitest"
import { AuthError, AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import * as EmulatedConversation from "@sinch-effect/emulator/products/conversation"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Effect, Either, Inspectable, Layer, Redacted, Stream } from "effect"
import { Conversation, ConversationSchema } from "../src/index.js"

const credentials = Emulator.demoCredentials
const seeded = EmulatedConversation.demoData
const emulatorUrl = "https://emulator.test"
const projectPath = (region: string) => `/conversation/${region}/v1/projects/${credentials.projectId}`

// The emulator's own prefixes (`/conversation/{region}`), so that the counters tell the regions apart.
const Base = Layer.mergeAll(
  ProjectCredentials.layer(credentials),
  SinchEndpoints.layer(SinchEndpoints.emulator(emulatorUrl))
).pipe(Layer.orDie, Layer.provideMerge(EmulatorClient.layerEmulator()))

const inRegion = (region: "us" | "eu" | "br") =>
  Conversation.layer({ region }).pipe(Layer.provideMerge(TokenProvider.layer()), Layer.provideMerge(Base))

const Eu = inRegion("eu")
const Us = inRegion("us")

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
const routeCount = (route: string) => Effect.map(counters, (c) => c.requestsByRoute[route] ?? 0)
const tokenRequests = Effect.map(counters, (c) => c.tokenRequests.total)
const conversationRequests = Effect.map(counters, (c) => c.requestsByApi["conversation"] ?? 0)

const apiError = (error: AuthError.SinchError): AuthError.SinchApiError => {
  if (error._tag !== "SinchApiError") throw new Error(`expected SinchApiError, got ${error._tag}`)
  return error
}

describe("Conversation against the emulator", () => {
  it.effect("sends a text message on the channel the priority order picks, then reads it back", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const sent = yield* conversation.sendMessage({
        app_id: seeded.euApp,
        recipient: { contact_id: seeded.euContacts[0] },
        message: { text_message: { text: "Your parcel is out for delivery" } },
        channel_priority_order: ["WHATSAPP", "SMS"],
        channel_properties: { WHATSAPP_FALLBACK: "true" },
        message_metadata: "parcel=42"
      })
      expect(sent.message_id).toHaveLength(26)
      const message = yield* conversation.getMessage(sent.message_id)
      expect(message).toMatchObject({
        id: sent.message_id,
        direction: "TO_CONTACT",
        app_message: { text_message: { text: "Your parcel is out for delivery" } },
        channel_identity: { channel: "WHATSAPP", identity: "+46700000101" },
        contact_id: seeded.euContacts[0],
        metadata: "parcel=42"
      })
      expect(yield* routeCount(`POST ${projectPath("eu")}/messages:send`)).toBe(1)
    }).pipe(Effect.provide(Eu)))

  it.effect("sends every message kind, to a contact id or to channel identities", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const card: ConversationSchema.CardMessage = {
        title: "Trail shoes",
        description: "Size 42",
        media_message: { url: "https://example.com/shoe.jpg" },
        choices: [{ url_message: { url: "https://example.com/shoe", title: "Buy" } }]
      }
      const messages: ReadonlyArray<ConversationSchema.AppMessage> = [
        { text_message: { text: "Hello" } },
        { media_message: { url: "https://example.com/invoice.pdf", filename_override: "invoice.pdf" } },
        { template_message: { omni_template: { template_id: "01TPL", version: "2", language_code: "en-US" } } },
        {
          choice_message: {
            text_message: { text: "Confirm the appointment?" },
            choices: [{ text_message: { text: "Yes" }, postback_data: "yes" }, {
              call_message: { phone_number: "+46700000001", title: "Call us" }
            }]
          }
        },
        { card_message: card },
        { carousel_message: { cards: [card, { ...card, title: "Road shoes" }] } },
        {
          list_message: {
            title: "Opening hours",
            sections: [{ title: "Stores", items: [{ choice: { title: "Stockholm", postback_data: "sto" } }] }]
          }
        },
        { location_message: { coordinates: { latitude: 59.3293, longitude: 18.0686 }, title: "Store", label: "Main" } },
        {
          contact_info_message: {
            name: { full_name: "Support" },
            phone_numbers: [{ phone_number: "+46700000001", type: "WORK" }]
          }
        }
      ]
      for (const message of messages) {
        yield* conversation.sendMessage({
          app_id: seeded.euApp,
          recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: "+46700000777" }] } },
          message
        })
      }
      const created = yield* conversation.listContacts({ identity: "+46700000777" }).pipe(Stream.runCollect)
      expect(Chunk.size(created)).toBe(1)
      const contactId = Chunk.unsafeHead(created).id
      const sent = yield* conversation.listMessages({ contact_id: contactId, page_size: 100 }).pipe(Stream.runCollect)
      expect(Chunk.size(sent)).toBe(messages.length)
      // Newest first: the last one sent is the contact info card.
      expect(Chunk.unsafeHead(sent).app_message?.contact_info_message?.name.full_name).toBe("Support")
    }).pipe(Effect.provide(Eu)))

  it.effect("lists messages lazily: take(15) of pages of 10 fetches exactly 2 pages", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const pages = routeCount(`GET ${projectPath("eu")}/messages`)
      const first = yield* conversation.listMessages({ app_id: seeded.euApp, page_size: 10 }).pipe(
        Stream.take(15),
        Stream.runCollect
      )
      expect(Chunk.size(first)).toBe(15)
      expect(yield* pages).toBe(2)
      const all = yield* conversation.listMessages({ app_id: seeded.euApp, page_size: 10 }).pipe(Stream.runCollect)
      expect(Chunk.size(all)).toBe(seeded.euMessageCount)
      expect(new Set(Chunk.toReadonlyArray(all).map((m) => m.id)).size).toBe(seeded.euMessageCount)
      expect(yield* pages).toBe(2 + 3)
    }).pipe(Effect.provide(Eu)))

  it.effect("updates a message's metadata and deletes it; a deleted message is a typed 404", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const [latest] = yield* conversation.listMessages({ page_size: 1 }).pipe(Stream.take(1), Stream.runCollect)
      const updated = yield* conversation.updateMessageMetadata(latest!.id!, "reviewed")
      expect(updated.metadata).toBe("reviewed")
      yield* conversation.deleteMessage(latest!.id!)
      const error = apiError(yield* Effect.flip(conversation.getMessage(latest!.id!)))
      expect(error).toMatchObject({ status: 404, statusText: "NOT_FOUND", api: "Conversation" })
      expect(yield* conversation.regionProbes).toBe(0)
    }).pipe(Effect.provide(Eu)))

  it.effect("manages apps; channel tokens decode to Redacted and never show in inspect output", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const app = yield* conversation.createApp({
        display_name: "Support EU",
        channel_credentials: [{
          channel: "SMS",
          static_bearer: { claimed_identity: "service-plan-1", token: Redacted.make("sms-api-token-123") }
        }],
        retention_policy: { retention_type: "CONVERSATION_EXPIRE_POLICY", ttl_days: 30 }
      })
      expect(app.display_name).toBe("Support EU")
      const credential = app.channel_credentials![0]!
      expect(Redacted.value(credential.static_bearer!.token)).toBe("sms-api-token-123")
      expect(Inspectable.format(app)).not.toContain("sms-api-token-123")

      const apps = yield* conversation.listApps
      expect(apps.map((a) => a.id).sort()).toEqual([seeded.euApp, app.id].sort())
      // Only the masked field changes.
      const renamed = yield* conversation.updateApp(app.id, {
        display_name: "Support Europe",
        processing_mode: "DISPATCH"
      }, {
        updateMask: ["display_name"]
      })
      expect(renamed.display_name).toBe("Support Europe")
      expect(renamed.processing_mode).toBe("CONVERSATION")
      expect((yield* conversation.getApp(app.id)).retention_policy?.ttl_days).toBe(30)
      yield* conversation.deleteApp(app.id)
      expect((yield* conversation.listApps).map((a) => a.id)).toEqual([seeded.euApp])
    }).pipe(Effect.provide(Eu)))

  it.effect("manages contacts: create, page, update, merge, channel profile, delete", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const contact = yield* conversation.createContact({
        channel_identities: [{ channel: "MESSENGER", identity: "2231", app_id: seeded.euApp }],
        language: "EN_GB",
        display_name: "Olivia Hart",
        external_id: "crm-17"
      })
      expect(contact).toMatchObject({ display_name: "Olivia Hart", language: "EN_GB" })
      const pages = routeCount(`GET ${projectPath("eu")}/contacts`)
      const listed = yield* conversation.listContacts({ page_size: 2 }).pipe(Stream.runCollect)
      expect(Chunk.size(listed)).toBe(4)
      expect(yield* pages).toBe(2)
      const byExternal = yield* conversation.listContacts({ external_id: "crm-17" }).pipe(Stream.runCollect)
      expect(Chunk.toReadonlyArray(byExternal).map((c) => c.id)).toEqual([contact.id])

      const updated = yield* conversation.updateContact(contact.id, { email: "olivia@example.com" })
      expect(updated.email).toBe("olivia@example.com")
      expect((yield* conversation.getContact(contact.id)).email).toBe("olivia@example.com")

      const profile = yield* conversation.getChannelProfile({
        app_id: seeded.euApp,
        recipient: { contact_id: contact.id },
        channel: "MESSENGER"
      })
      expect(profile.profile_name).toBe("Olivia Hart")

      const merged = yield* conversation.mergeContacts(seeded.euContacts[1], contact.id)
      expect(merged.channel_identities?.map((i) => i.channel)).toEqual(["SMS", "MESSENGER"])
      expect(merged.external_id).toBe("crm-17")
      expect(apiError(yield* Effect.flip(conversation.getContact(contact.id))).status).toBe(404)

      yield* conversation.deleteContact(seeded.euContacts[2])
      expect(apiError(yield* Effect.flip(conversation.deleteContact(seeded.euContacts[2]))).status).toBe(404)
    }).pipe(Effect.provide(Eu)))

  it.effect("manages conversations: create, list, update, stop, inject, delete", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const created = yield* conversation.createConversation({
        app_id: seeded.euApp,
        contact_id: seeded.euContacts[2],
        active_channel: "MESSENGER",
        metadata: "ticket=9"
      })
      expect(created).toMatchObject({ app_id: seeded.euApp, active: true, metadata: "ticket=9" })
      const active = yield* conversation.listConversations({ app_id: seeded.euApp, only_active: true }).pipe(
        Stream.runCollect
      )
      expect(Chunk.toReadonlyArray(active).map((c) => c.id).sort()).toEqual(
        [seeded.euConversations[0], created.id].sort()
      )
      const updated = yield* conversation.updateConversation(created.id, { metadata: "ticket=10" }, {
        updateMask: ["metadata"]
      })
      expect(updated.metadata).toBe("ticket=10")
      yield* conversation.stopConversation(created.id)
      expect((yield* conversation.getConversation(created.id)).active).toBe(false)
      yield* conversation.injectMessage(created.id, {
        contact_message: { text_message: { text: "Sent from the shop's chat widget" } },
        channel_identity: { channel: "MESSENGER", identity: "6443914672301188", app_id: seeded.euApp },
        contact_id: seeded.euContacts[2],
        direction: "TO_APP",
        accept_time: "2026-01-02T03:04:05Z"
      })
      const injected = yield* conversation.listMessages({ conversation_id: created.id }).pipe(Stream.runCollect)
      expect(Chunk.toReadonlyArray(injected)).toMatchObject([{
        injected: true,
        contact_message: { text_message: { text: "Sent from the shop's chat widget" } }
      }])
      yield* conversation.deleteConversation(created.id)
      expect(apiError(yield* Effect.flip(conversation.getConversation(created.id))).status).toBe(404)
    }).pipe(Effect.provide(Eu)))

  it.effect("a 400 is a typed SinchApiError with the field violations", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const error = apiError(
        yield* Effect.flip(conversation.sendMessage({
          app_id: seeded.euApp,
          recipient: { contact_id: seeded.euContacts[0] },
          message: { text_message: { text: "" } }
        }))
      )
      expect(error.status).toBe(400)
      expect(error.statusText).toBe("INVALID_ARGUMENT")
      expect(error.violations.map((v) => v.field)).toEqual(["message.text_message.text"])
      expect(error.message).toContain("message.text_message.text: must not be empty")
      const listing = apiError(
        yield* Effect.flip(conversation.listConversations({}).pipe(Stream.runCollect))
      )
      expect(listing.violations.map((v) => v.field)).toEqual(["app_id"])
    }).pipe(Effect.provide(Eu)))

  it.effect("an app of another region: exactly 2 probes the first time, WrongRegion naming the URL; 0 the second", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const probes = Effect.map(
        Effect.all([
          routeCount(`GET ${projectPath("eu")}/apps/${seeded.euApp}`),
          routeCount(`GET ${projectPath("br")}/apps/${seeded.euApp}`)
        ]),
        ([eu, br]) => eu + br
      )
      const first = yield* Effect.flip(conversation.getApp(seeded.euApp))
      expect(first).toBeInstanceOf(AuthError.WrongRegion)
      expect(first).toMatchObject({
        api: "Conversation",
        configured: "us",
        actual: "eu",
        suggestedUrl: `${emulatorUrl}/conversation/eu`
      })
      expect(first.message).toContain(`Use ${emulatorUrl}/conversation/eu (region "eu")`)
      expect(yield* probes).toBe(2)
      expect(yield* conversation.regionProbes).toBe(2)

      const before = yield* conversationRequests
      const second = yield* Effect.flip(conversation.sendMessage({
        app_id: seeded.euApp,
        recipient: { contact_id: seeded.usContact },
        message: { text_message: { text: "Hi" } }
      }))
      expect(second).toMatchObject({ _tag: "WrongRegion", actual: "eu" })
      // The send itself, and no probe.
      expect((yield* conversationRequests) - before).toBe(1)
      expect(yield* probes).toBe(2)

      const listing = yield* Effect.flip(
        conversation.listConversations({ app_id: seeded.euApp }).pipe(Stream.runCollect)
      )
      expect(listing._tag).toBe("WrongRegion")
      expect(yield* conversation.regionProbes).toBe(2)
    }).pipe(Effect.provide(Us)))

  it.effect("concurrent 404s on the same app share one probe of each other region", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const errors = yield* Effect.all(
        Array.from({ length: 10 }, () => Effect.flip(conversation.getApp(seeded.euApp))),
        { concurrency: "unbounded" }
      )
      expect(errors.map((e) => e._tag)).toEqual(Array.from({ length: 10 }, () => "WrongRegion"))
      expect(yield* conversation.regionProbes).toBe(2)
    }).pipe(Effect.provide(Us)))

  it.effect("an app no region has: the original 404 after one probe of each other region, then no more probes", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const missing = "01JZZZZZZZZZZZZZZZZZZZZZZZ"
      const first = apiError(yield* Effect.flip(conversation.getApp(missing)))
      expect(first).toMatchObject({ status: 404, statusText: "NOT_FOUND" })
      expect(yield* conversation.regionProbes).toBe(2)
      const second = apiError(yield* Effect.flip(conversation.deleteApp(missing)))
      expect(second.status).toBe(404)
      expect(yield* conversation.regionProbes).toBe(2)
    }).pipe(Effect.provide(Us)))

  it.effect("a 404 of a region with probing turned off is the plain SinchApiError", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const error = apiError(yield* Effect.flip(conversation.getApp(seeded.usApp)))
      expect(error.status).toBe(404)
      expect(yield* conversation.regionProbes).toBe(0)
    }).pipe(
      Effect.provide(
        Conversation.layer({ region: "br", probeRegions: false }).pipe(
          Layer.provideMerge(TokenProvider.layer()),
          Layer.provideMerge(Base)
        )
      )
    ))

  it.effect("one token for many concurrent calls of every kind", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const results = yield* Effect.all(
        [
          ...Array.from({ length: 20 }, (_, i) =>
            conversation.sendMessage({
              app_id: seeded.euApp,
              recipient: { contact_id: seeded.euContacts[i % 2] },
              message: { text_message: { text: `Reminder ${i}` } }
            })),
          conversation.listApps,
          conversation.getContact(seeded.euContacts[0]),
          conversation.getConversation(seeded.euConversations[0]),
          conversation.listMessages({ page_size: 5 }).pipe(Stream.take(12), Stream.runCollect)
        ],
        { concurrency: "unbounded" }
      )
      expect(results).toHaveLength(24)
      expect(yield* tokenRequests).toBe(1)
    }).pipe(Effect.provide(Eu)))

  it.effect("project Basic auth works too, and sends no token request", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const apps = yield* conversation.listApps
      expect(apps.map((a) => a.display_name)).toEqual(["Demo US app"])
      expect(yield* tokenRequests).toBe(0)
    }).pipe(
      Effect.provide(
        Conversation.layerWith({ region: "us", strategy: AuthStrategy.projectBasic }).pipe(Layer.provideMerge(Base))
      )
    ))

  it.effect("the region is part of the configuration, not of every call", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      expect(conversation.region).toBe("eu")
      expect(conversation.client.baseUrl).toBe(`${emulatorUrl}${projectPath("eu")}`)
      expect(Either.isRight(yield* Effect.either(conversation.getApp(seeded.euApp)))).toBe(true)
    }).pipe(Effect.provide(Eu)))
})
