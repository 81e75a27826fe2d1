/**
 * The Conversation operations beyond messages, apps, contacts and conversations: last message per
 * channel identity, transcoding, identity conflicts, recent conversations, events (send, inject, get,
 * list, delete), capability queries, webhooks, consents, project settings and templates v1/v2, each
 * against the emulator.
 */
import { describe, expect, it } from "@effect/vitest"
import { AuthError, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient } from "@sinch-effect/emulator"
import * as EmulatedConversation from "@sinch-effect/emulator/products/conversation"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Effect, Inspectable, Layer, Redacted, Stream } from "effect"
import { Conversation } from "../src/index.js"
import { routeCount } from "./utils/counters.js"

const credentials = Emulator.demoCredentials
const seeded = EmulatedConversation.demoData
const projectPath = `/conversation/eu/v1/projects/${credentials.projectId}`
const templatesPath = (version: "v1" | "v2") => `/templates/eu/${version}/projects/${credentials.projectId}`

const Eu = Conversation.layer({ region: "eu" }).pipe(
  Layer.provideMerge(TokenProvider.layer()),
  Layer.provideMerge(
    Layer.mergeAll(
      ProjectCredentials.layer(credentials),
      SinchEndpoints.layer(SinchEndpoints.emulator("https://emulator.test"))
    ).pipe(Layer.orDie, Layer.provideMerge(EmulatorClient.layerEmulator()))
  )
)

const apiError = (error: AuthError.SinchError): AuthError.SinchApiError => {
  if (error._tag !== "SinchApiError") throw new Error(`expected SinchApiError, got ${error._tag}`)
  return error
}

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) => Effect.map(Stream.runCollect(stream), Chunk.toArray)

describe("Conversation operations against the emulator", () => {
  it.effect("fetch-last-message: the newest message of each identity, pages through the body token", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const [newest] = yield* collect(
        conversation.listMessages({ channel_identity: "+46700000101", page_size: 1 }).pipe(Stream.take(1))
      )
      const sent = yield* conversation.sendMessage({
        app_id: seeded.euApp,
        recipient: { contact_id: seeded.euContacts[1] },
        message: { text_message: { text: "Your table is ready" } }
      })
      const last = yield* collect(conversation.listLastMessagesByChannelIdentity({
        channel_identities: ["+46700000101", "+4915100000102", "+46799999999"],
        page_size: 1
      }))
      expect(last.map((m) => m.id)).toEqual([newest!.id, sent.message_id])
      // Two messages in pages of one: the second page is asked for with the token in the body.
      expect(yield* routeCount(`POST ${projectPath}/messages:fetch-last-message`)).toBe(2)
      const byContact = yield* collect(conversation.listLastMessagesByChannelIdentity({
        contact_ids: [seeded.euContacts[1]],
        direction: "TO_CONTACT"
      }))
      expect(byContact.map((m) => m.app_message?.text_message?.text)).toEqual(["Your table is ready"])
      const both = apiError(
        yield* Effect.flip(collect(conversation.listLastMessagesByChannelIdentity({
          channel_identities: ["+46700000101"],
          contact_ids: [seeded.euContacts[0]]
        })))
      )
      expect(both.violations.map((v) => v.field)).toEqual(["channel_identities"])
    }).pipe(Effect.provide(Eu)))

  it.effect("transcodes one message for each channel asked, as JSON strings", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const result = yield* conversation.transcodeMessage({
        app_id: seeded.euApp,
        app_message: { text_message: { text: "Hello" } },
        channels: ["WHATSAPP", "SMS"]
      })
      expect(Object.keys(result.transcoded_message ?? {}).sort()).toEqual(["SMS", "WHATSAPP"])
      expect(JSON.parse(result.transcoded_message!["WHATSAPP"]!)).toMatchObject({ text: { body: "Hello" } })
      expect(JSON.parse(result.transcoded_message!["SMS"]!)).toEqual({ body: "Hello" })
    }).pipe(Effect.provide(Eu)))

  it.effect("identity conflicts: a second contact with the same identity is reported once", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      expect(yield* collect(conversation.listIdentityConflicts())).toEqual([])
      const twin = yield* conversation.createContact({
        channel_identities: [{ channel: "SMS", identity: "+46700000101" }],
        language: "SV"
      })
      const conflicts = yield* collect(conversation.listIdentityConflicts({ page_size: 5 }))
      expect(conflicts).toEqual([{
        identity: "+46700000101",
        channels: ["SMS", "WHATSAPP"],
        contact_ids: [seeded.euContacts[0], twin.id]
      }])
    }).pipe(Effect.provide(Eu)))

  it.effect("recent conversations: by last message time, both orders, only active, paged", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const sent = yield* conversation.sendMessage({
        app_id: seeded.euApp,
        recipient: { contact_id: seeded.euContacts[1] },
        message: { text_message: { text: "Back in stock" } }
      })
      const recent = yield* collect(conversation.listRecentConversations({ app_id: seeded.euApp, page_size: 2 }))
      expect(recent).toHaveLength(3)
      expect(recent[0]!.last_message?.id).toBe(sent.message_id)
      expect(recent.slice(1).map((r) => r.conversation?.id)).toEqual([...seeded.euConversations])
      expect(recent[2]!.last_message).toBeUndefined()
      expect(yield* routeCount(`GET ${projectPath}/conversations:recent`)).toBe(2)
      const ascending = yield* collect(conversation.listRecentConversations({ app_id: seeded.euApp, order: "ASC" }))
      expect(ascending.map((r) => r.conversation?.id)).toEqual(recent.map((r) => r.conversation?.id).reverse())
      const active = yield* collect(conversation.listRecentConversations({ app_id: seeded.euApp, only_active: true }))
      expect(active.map((r) => r.conversation?.id)).toEqual([recent[0]!.conversation?.id, seeded.euConversations[0]])
    }).pipe(Effect.provide(Eu)))

  it.effect("events: send, inject, get, list by conversation, delete", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const sent = yield* conversation.sendEvent({
        app_id: seeded.euApp,
        recipient: { contact_id: seeded.euContacts[0] },
        event: { agent_joined_event: { agent: { display_name: "Ada", type: "HUMAN" } } },
        channel_priority_order: ["WHATSAPP"]
      })
      const event = yield* conversation.getEvent(sent.event_id!)
      expect(event).toMatchObject({
        id: sent.event_id,
        direction: "TO_CONTACT",
        app_event: { agent_joined_event: { agent: { display_name: "Ada", type: "HUMAN" } } },
        channel_identity: { channel: "WHATSAPP", identity: "+46700000101" },
        contact_id: seeded.euContacts[0],
        conversation_id: seeded.euConversations[0],
        processing_mode: "CONVERSATION"
      })
      const injected = yield* conversation.injectEvent(seeded.euConversations[0], {
        app_event: { composing_end_event: {} },
        accept_time: "2020-01-02T03:04:05Z"
      })
      expect(injected.accepted_time).toBe("2020-01-02T03:04:05Z")
      const inConversation = yield* collect(
        conversation.listEvents({ conversation_id: seeded.euConversations[0], page_size: 2 })
      )
      // Newest first by accept time. Under TestClock "now" is 1970-01-01, so the event injected with a
      // 2020 accept time is the newest, then the sent one, then the seeded one (30 s before "now").
      expect(inConversation.map((e) => e.id)).toEqual([injected.event_id, sent.event_id, seeded.euEvent])
      expect(yield* routeCount(`GET ${projectPath}/events`)).toBe(2)
      yield* conversation.deleteEvent(sent.event_id!)
      const gone = apiError(yield* Effect.flip(conversation.getEvent(sent.event_id!)))
      expect(gone.status).toBe(404)
      expect(yield* collect(conversation.listEvents({ contact_id: seeded.euContacts[0] }))).toHaveLength(2)
    }).pipe(Effect.provide(Eu)))

  it.effect("deleting a conversation deletes its events; deleting an app, its webhooks and consent lists", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      expect(yield* collect(conversation.listEvents({ conversation_id: seeded.euConversations[0] }))).toHaveLength(1)
      yield* conversation.deleteConversation(seeded.euConversations[0])
      expect(yield* collect(conversation.listEvents({ conversation_id: seeded.euConversations[0] }))).toEqual([])
      expect(apiError(yield* Effect.flip(conversation.getEvent(seeded.euEvent))).status).toBe(404)
      yield* conversation.deleteApp(seeded.euApp)
      expect(apiError(yield* Effect.flip(conversation.getWebhook(seeded.euWebhook))).status).toBe(404)
    }).pipe(Effect.provide(Eu)))

  it.effect("capability query: accepted, echoing the recipient and the request id", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const answer = yield* conversation.queryCapability({
        app_id: seeded.euApp,
        recipient: { identified_by: { channel_identities: [{ channel: "WHATSAPP", identity: "+46700000101" }] } },
        request_id: "lookup-1"
      })
      expect(answer).toEqual({
        app_id: seeded.euApp,
        recipient: { identified_by: { channel_identities: [{ channel: "WHATSAPP", identity: "+46700000101" }] } },
        request_id: "lookup-1"
      })
    }).pipe(Effect.provide(Eu)))

  it.effect("webhooks: list per app, create (secrets Redacted), update with a mask, get, delete, at most 5", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      expect((yield* conversation.listWebhooks(seeded.euApp)).map((w) => w.id)).toEqual([seeded.euWebhook])
      const created = yield* conversation.createWebhook({
        app_id: seeded.euApp,
        target: "https://example.com/hooks/a",
        triggers: ["MESSAGE_DELIVERY", "OPT_OUT"],
        secret: Redacted.make("whsec-created-1"),
        client_credentials: {
          client_id: "client",
          client_secret: Redacted.make("oauth-secret-1"),
          endpoint: "https://example.com/token"
        }
      })
      expect(created).toMatchObject({
        app_id: seeded.euApp,
        target_type: "HTTP",
        triggers: ["MESSAGE_DELIVERY", "OPT_OUT"]
      })
      expect(Redacted.value(created.secret!)).toBe("whsec-created-1")
      expect(Redacted.value(created.client_credentials!.client_secret!)).toBe("oauth-secret-1")
      expect(Inspectable.format(created)).not.toContain("whsec-created-1")
      expect(Inspectable.format(created)).not.toContain("oauth-secret-1")
      const updated = yield* conversation.updateWebhook(created.id, {
        target: "https://example.com/ignored",
        triggers: ["CAPABILITY"]
      }, { updateMask: ["triggers"] })
      expect(updated).toMatchObject({ target: "https://example.com/hooks/a", triggers: ["CAPABILITY"] })
      expect((yield* conversation.getWebhook(created.id)).triggers).toEqual(["CAPABILITY"])
      for (let i = 0; i < 3; i++) {
        yield* conversation.createWebhook({ app_id: seeded.euApp, target: `https://example.com/hooks/${i}` })
      }
      const sixth = apiError(
        yield* Effect.flip(conversation.createWebhook({ app_id: seeded.euApp, target: "https://example.com/6" }))
      )
      expect(sixth.status).toBe(400)
      expect(yield* conversation.listWebhooks(seeded.euApp)).toHaveLength(5)
      yield* conversation.deleteWebhook(created.id)
      expect(apiError(yield* Effect.flip(conversation.getWebhook(created.id))).status).toBe(404)
      expect(yield* conversation.listWebhooks(seeded.euApp)).toHaveLength(4)
    }).pipe(Effect.provide(Eu)))

  it.effect("consents: the identities of a list, paged; audit records of an identity with a + in the path", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const optedOut = yield* collect(conversation.listConsentIdentities(seeded.euApp, "OPT_OUT_ALL", { page_size: 2 }))
      expect(optedOut.map((i) => i.identity)).toEqual([...seeded.euOptedOut])
      expect(yield* routeCount(`GET ${projectPath}/apps/${seeded.euApp}/consents/OPT_OUT_ALL`)).toBe(2)
      expect(yield* collect(conversation.listConsentIdentities(seeded.euApp, "OPT_OUT_MARKETING"))).toEqual([])
      const audit = yield* conversation.listConsentAuditRecords(seeded.euApp, "+46700000399")
      expect(audit.identity).toEqual({ identity: "+46700000399" })
      expect(audit.audit_records?.map((r) => [r.operation, r.list_type, r.origin, r.project_id])).toEqual([
        ["OPERATION_INSERT", "OPT_OUT_ALL", "ORIGIN_MO", credentials.projectId],
        ["OPERATION_DELETE", "OPT_OUT_ALL", "ORIGIN_MO", credentials.projectId]
      ])
    }).pipe(Effect.provide(Eu)))

  it.effect("project settings: 404 before creation, create, update, get, delete", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      expect(apiError(yield* Effect.flip(conversation.getProjectSettings)).status).toBe(404)
      const created = yield* conversation.createProjectSettings({
        contact_settings: { unified_contact_id_enabled: true }
      })
      expect(created).toEqual({
        project_id: credentials.projectId,
        settings: { contact_settings: { unified_contact_id_enabled: true } }
      })
      yield* conversation.updateProjectSettings({ contact_settings: { unified_contact_id_enabled: false } })
      expect((yield* conversation.getProjectSettings).settings?.contact_settings?.unified_contact_id_enabled).toBe(
        false
      )
      yield* conversation.deleteProjectSettings
      expect(apiError(yield* Effect.flip(conversation.getProjectSettings)).status).toBe(404)
    }).pipe(Effect.provide(Eu)))

  it.effect("templates v1 on the regional templates host: create, list, get, update with a mask, delete", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const created = yield* conversation.createTemplateV1({
        description: "Greeting",
        default_translation: "en-US",
        translations: [{
          language_code: "en-US",
          content: "Hello ${name}",
          version: "1",
          variables: [{ key: "name", preview_value: "John" }]
        }]
      })
      expect(created).toMatchObject({
        description: "Greeting",
        channel: "UNSPECIFIED",
        translations: [{ language_code: "en-US", content: "Hello ${name}", version: "1" }]
      })
      expect(yield* routeCount(`POST ${templatesPath("v1")}/templates`)).toBe(1)
      expect((yield* conversation.listTemplatesV1).map((t) => t.id)).toEqual([created.id])
      const updated = yield* conversation.updateTemplateV1(created.id, {
        description: "ignored by the mask",
        default_translation: "fr-FR",
        translations: [{ language_code: "fr-FR", content: "Bonjour ${name}" }]
      }, { updateMask: ["default_translation", "translations"] })
      expect(updated).toMatchObject({
        description: "Greeting",
        default_translation: "fr-FR",
        translations: [{ language_code: "fr-FR", content: "Bonjour ${name}", version: "" }]
      })
      expect((yield* conversation.getTemplateV1(created.id)).default_translation).toBe("fr-FR")
      yield* conversation.deleteTemplateV1(created.id)
      expect(apiError(yield* Effect.flip(conversation.getTemplateV1(created.id)))).toMatchObject({
        status: 404,
        api: "Templates"
      })
    }).pipe(Effect.provide(Eu)))

  it.effect("templates v2: create, get, replace with the current version (a stale one is 409), translations, delete", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const created = yield* conversation.createTemplateV2({
        id: "order-ready",
        description: "Order ready",
        default_translation: "en-US",
        translations: [{
          language_code: "en-US",
          version: "1",
          location_message: { title: "Pick-up", coordinates: { latitude: 59.33, longitude: 18.06 }, label: "Store" }
        }]
      })
      expect(created).toMatchObject({ id: "order-ready", version: 1, default_translation: "en-US" })
      expect(created.translations?.[0]?.location_message?.title).toBe("Pick-up")
      const replaced = yield* conversation.updateTemplateV2("order-ready", {
        version: 1,
        default_translation: "sv-SE",
        translations: [
          { language_code: "sv-SE", version: "2", text_message: { text: "Din order är klar" } },
          { language_code: "en-US", version: "2", text_message: { text: "Your order is ready" } }
        ]
      })
      expect(replaced.version).toBe(2)
      const stale = apiError(
        yield* Effect.flip(conversation.updateTemplateV2("order-ready", {
          version: 1,
          default_translation: "en-US",
          translations: [{ language_code: "en-US", text_message: { text: "x" } }]
        }))
      )
      expect(stale.status).toBe(409)
      expect((yield* conversation.getTemplateV2("order-ready")).version).toBe(2)
      const swedish = yield* conversation.listTemplateTranslationsV2("order-ready", {
        language_code: "sv-SE",
        translation_version: "latest"
      })
      expect(swedish.map((t) => t.text_message?.text)).toEqual(["Din order är klar"])
      expect(yield* conversation.listTemplateTranslationsV2("order-ready")).toHaveLength(2)
      expect((yield* conversation.listTemplatesV2).map((t) => t.id)).toEqual(["order-ready"])
      expect(yield* routeCount(`PUT ${templatesPath("v2")}/templates/order-ready`)).toBe(2)
      yield* conversation.deleteTemplateV2("order-ready")
      expect(yield* conversation.listTemplatesV2).toEqual([])
    }).pipe(Effect.provide(Eu)))
})
