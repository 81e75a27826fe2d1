/**
 * The official `@sinch/sdk-core` Conversation client against the emulator served on 127.0.0.1, for
 * the operations beyond messages, apps, contacts and conversations: every one of them must succeed,
 * and what the emulator answers must decode with our Schemas. A client we did not write checks the
 * emulator's paths, pagination and shapes.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorServer } from "@sinch-effect/emulator"
import * as EmulatedConversation from "@sinch-effect/emulator/products/conversation"
import { Effect, Redacted } from "effect"
import { ConversationSchema, ConversationTemplatesSchema } from "../src/index.js"
import { routeCount } from "./utils/counters.js"
import { all, decodes, failure, officialClient, promise } from "./utils/officialSdk.js"

const demo = Emulator.demoCredentials
const seeded = EmulatedConversation.demoData

const sdk = Effect.map(
  officialClient((baseUrl) => ({
    // The SDK's region setting stops applying once a hostname is given, so the region is in the prefix.
    conversationHostname: `${baseUrl}/conversation/eu`,
    conversationTemplatesHostname: `${baseUrl}/templates/eu`
  })),
  (client) => client.conversation
)

const base = `/conversation/eu/v1/projects/${demo.projectId}`

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "official Conversation client against the emulator: the remaining operations",
  (it) => {
    it.effect("messages: last message by channel identity (every page, token in the body), transcode", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const last = yield* all(conversation.messages.listLastMessagesByChannelIdentity({
          listLastMessagesByChannelIdentityRequestBody: {
            channel_identities: ["+46700000101", "+12025550123", "+4915100000102"],
            page_size: 1
          }
        }))
        // The eu region holds messages of the first identity only (the second is a us contact).
        expect(last.map((m) => decodes(ConversationSchema.ConversationMessage, m).channel_identity?.identity)).toEqual([
          "+46700000101"
        ])
        const transcoded = yield* promise(() =>
          conversation.transcoding.transcodeMessage({
            transcodeMessageRequestBody: {
              app_id: seeded.euApp,
              app_message: { text_message: { text: "Hi" } },
              channels: ["WHATSAPP", "MESSENGER"]
            }
          })
        )
        expect(Object.keys(decodes(ConversationSchema.TranscodeMessageResponse, transcoded).transcoded_message!).sort())
          .toEqual(["MESSENGER", "WHATSAPP"])
      }))

    it.effect("contacts: identity conflicts (every page); conversations: recent (every page), inject event", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        for (const identity of ["+46700000101", "+4915100000102"]) {
          yield* promise(() =>
            conversation.contact.create({
              contactCreateRequestBody: { channel_identities: [{ channel: "SMS", identity }], language: "EN_US" }
            })
          )
        }
        const conflicts = yield* all(conversation.contact.listIdentityConflicts({ page_size: 1 }))
        expect(conflicts.map((c) => decodes(ConversationSchema.IdentityConflict, c).identity)).toEqual([
          "+46700000101",
          "+4915100000102"
        ])
        expect(yield* routeCount(`GET ${base}/contacts:identityConflicts`)).toBe(2)

        const recent = yield* all(conversation.conversation.listRecent({ app_id: seeded.euApp, page_size: 1 }))
        const decoded = recent.map((r) => decodes(ConversationSchema.ConversationRecentMessage, r))
        expect(decoded.map((r) => r.conversation?.id)).toEqual([...seeded.euConversations])
        expect(decoded[0]!.last_message?.conversation_id).toBe(seeded.euConversations[0])

        const injected = yield* promise(() =>
          conversation.conversation.injectEvent({
            conversation_id: seeded.euConversations[0],
            injectConversationEventRequestBody: {
              app_event: { composing_event: {} },
              accept_time: new Date("2024-06-06T15:15:15Z")
            }
          })
        )
        const response = decodes(ConversationSchema.InjectEventResponse, injected)
        expect(response.accepted_time).toBe("2024-06-06T15:15:15.000Z")
        expect(response.event_id).toHaveLength(26)
      }))

    it.effect("events: send, get, list (every page), delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const sent = decodes(
          ConversationSchema.SendEventResponse,
          yield* promise(() =>
            conversation.events.send({
              sendEventRequestBody: {
                app_id: seeded.euApp,
                recipient: { contact_id: seeded.euContacts[0] },
                event: { generic_event: { payload: { some: "data" } } }
              }
            })
          )
        )
        const got = decodes(
          ConversationSchema.ConversationEvent,
          yield* promise(() => conversation.events.get({ event_id: sent.event_id! }))
        )
        expect(got.app_event?.generic_event?.payload).toEqual({ some: "data" })
        const listed = yield* all(conversation.events.list({ contact_id: seeded.euContacts[0], page_size: 1 }))
        expect(listed.map((e) => decodes(ConversationSchema.ConversationEvent, e).id)).toContain(sent.event_id)
        yield* promise(() => conversation.events.delete({ event_id: sent.event_id! }))
        expect((yield* failure(() => conversation.events.get({ event_id: sent.event_id! })))?.statusCode).toBe(404)
      }))

    it.effect("capability lookup", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const answer = yield* promise(() =>
          conversation.capability.lookup({
            lookupCapabilityRequestBody: {
              app_id: seeded.euApp,
              recipient: { contact_id: seeded.euContacts[0] },
              request_id: "sdk-lookup"
            }
          })
        )
        expect(decodes(ConversationSchema.QueryCapabilityResponse, answer)).toEqual({
          app_id: seeded.euApp,
          recipient: { contact_id: seeded.euContacts[0] },
          request_id: "sdk-lookup"
        })
      }))

    it.effect("webhooks: list, create, get, update with update_mask, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const created = decodes(
          ConversationSchema.Webhook,
          yield* promise(() =>
            conversation.webhooks.create({
              webhookCreateRequestBody: {
                app_id: seeded.euApp,
                target: "https://example.com/sdk",
                triggers: ["MESSAGE_DELIVERY"],
                client_credentials: {
                  client_id: "client_id",
                  client_secret: "client_secret",
                  endpoint: "https://example.com/token",
                  token_request_type: "BASIC"
                }
              }
            })
          )
        )
        const listed = decodes(
          ConversationSchema.WebhooksResponse,
          yield* promise(() => conversation.webhooks.list({ app_id: seeded.euApp }))
        )
        expect(listed.webhooks?.map((w) => w.id)).toEqual([seeded.euWebhook, created.id])
        const updated = yield* promise(() =>
          conversation.webhooks.update({
            webhook_id: created.id,
            webhookUpdateRequestBody: { target: "https://example.com/sdk2", triggers: ["OPT_IN"] },
            update_mask: ["triggers"]
          })
        )
        expect(decodes(ConversationSchema.Webhook, updated)).toMatchObject({
          target: "https://example.com/sdk",
          triggers: ["OPT_IN"]
        })
        const got = decodes(
          ConversationSchema.Webhook,
          yield* promise(() => conversation.webhooks.get({ webhook_id: created.id }))
        )
        expect(Redacted.value(got.client_credentials!.client_secret!)).toBe("client_secret")
        yield* promise(() => conversation.webhooks.delete({ webhook_id: created.id }))
        expect((yield* failure(() => conversation.webhooks.get({ webhook_id: created.id })))?.statusCode).toBe(404)
      }))

    it.effect("consents: identities of a list (every page), audit records", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const identities = yield* all(
          conversation.consents.listIdentities({ app_id: seeded.euApp, list_type: "OPT_OUT_ALL", page_size: 2 })
        )
        expect(identities.map((i) => decodes(ConversationSchema.ConsentIdentity, i).identity)).toEqual([
          ...seeded.euOptedOut
        ])
        const audit = decodes(
          ConversationSchema.AuditRecordsList,
          yield* promise(() =>
            conversation.consents.listAuditRecords({ app_id: seeded.euApp, identity: seeded.euOptedOut[0] })
          )
        )
        expect(audit.audit_records?.map((r) => r.operation)).toEqual(["OPERATION_INSERT"])
      }))

    it.effect("project settings: create, get, update, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const created = yield* promise(() =>
          conversation.projectSettings.create({
            createProjectSettingsRequestBody: { contact_settings: { unified_contact_id_enabled: true } }
          })
        )
        expect(decodes(ConversationSchema.ProjectSettings, created)).toEqual({
          project_id: demo.projectId,
          settings: { contact_settings: { unified_contact_id_enabled: true } }
        })
        yield* promise(() =>
          conversation.projectSettings.update({
            updateProjectSettingsRequestBody: { contact_settings: { unified_contact_id_enabled: false } }
          })
        )
        const got = decodes(
          ConversationSchema.ProjectSettings,
          yield* promise(() => conversation.projectSettings.get({}))
        )
        expect(got.settings?.contact_settings?.unified_contact_id_enabled).toBe(false)
        yield* promise(() => conversation.projectSettings.delete({}))
        expect((yield* failure(() => conversation.projectSettings.get({})))?.statusCode).toBe(404)
      }))

    it.effect("templates v1: create, list, get, update with update_mask, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const created = decodes(
          ConversationTemplatesSchema.TemplateV1,
          yield* promise(() =>
            conversation.templatesV1.create({
              createTemplateRequestBody: {
                description: "Template description",
                default_translation: "en-US",
                translations: [{
                  language_code: "en-US",
                  version: "1",
                  content: "Hello ${name}",
                  variables: [{ key: "name", preview_value: "John" }]
                }]
              }
            })
          )
        )
        const listed = decodes(
          ConversationTemplatesSchema.TemplatesV1Response,
          yield* promise(() => conversation.templatesV1.list({}))
        )
        expect(listed.templates?.map((t) => t.id)).toEqual([created.id])
        const updated = decodes(
          ConversationTemplatesSchema.TemplateV1,
          yield* promise(() =>
            conversation.templatesV1.update({
              template_id: created.id,
              updateTemplateRequestBody: {
                description: "Updated description",
                default_translation: "fr-FR",
                translations: [{ language_code: "fr-FR", content: "Bonjour ${name}" }]
              },
              update_mask: ["description", "default_translation", "translations"]
            })
          )
        )
        expect(updated).toMatchObject({ description: "Updated description", default_translation: "fr-FR" })
        yield* promise(() => conversation.templatesV1.delete({ template_id: created.id }))
        expect((yield* failure(() => conversation.templatesV1.get({ template_id: created.id })))?.statusCode).toBe(404)
      }))

    it.effect("templates v2: create, get, list, update (PUT), list translations, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const created = decodes(
          ConversationTemplatesSchema.TemplateV2,
          yield* promise(() =>
            conversation.templatesV2.create({
              createTemplateRequestBody: {
                description: "Template v2 description",
                default_translation: "en-US",
                translations: [{
                  language_code: "en-US",
                  version: "1",
                  location_message: { title: "title", coordinates: { latitude: 0, longitude: 0 }, label: "label" }
                }]
              }
            })
          )
        )
        expect(created.version).toBe(1)
        const got = yield* promise(() => conversation.templatesV2.get({ template_id: created.id }))
        expect(decodes(ConversationTemplatesSchema.TemplateV2, got).translations?.[0]?.location_message?.title).toBe(
          "title"
        )
        const updated = decodes(
          ConversationTemplatesSchema.TemplateV2,
          yield* promise(() =>
            conversation.templatesV2.update({
              template_id: created.id,
              updateTemplateRequestBody: {
                version: 1,
                description: "Updated description v2",
                default_translation: "fr-FR",
                translations: [{ language_code: "fr-FR", version: "4", text_message: { text: "Bonjour" } }]
              }
            })
          )
        )
        expect(updated.version).toBe(2)
        const translations = decodes(
          ConversationTemplatesSchema.TranslationsResponse,
          yield* promise(() =>
            conversation.templatesV2.listTranslations({
              template_id: created.id,
              language_code: "fr-FR",
              translation_version: "latest"
            })
          )
        )
        expect(translations.translations?.map((t) => [t.version, t.text_message?.text])).toEqual([["4", "Bonjour"]])
        const listed = decodes(
          ConversationTemplatesSchema.TemplatesV2Response,
          yield* promise(() => conversation.templatesV2.list({}))
        )
        expect(listed.templates?.map((t) => t.id)).toEqual([created.id])
        yield* promise(() => conversation.templatesV2.delete({ template_id: created.id }))
        expect((yield* failure(() => conversation.templatesV2.get({ template_id: created.id })))?.statusCode).toBe(404)
      }))
  }
)
