/**
 * The official `@sinch/sdk-core` Conversation client against the emulator served on 127.0.0.1: one
 * representative call per resource must succeed, and what the emulator answers must decode with our
 * Schemas. Where the official client and the emulator disagree, the Conversation API reference decides;
 * each such case cites it.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorServer } from "@sinch-effect/emulator"
import * as EmulatedConversation from "@sinch-effect/emulator/products/conversation"
import { SinchClient } from "@sinch/sdk-core"
import { Effect, Redacted } from "effect"
import { ConversationSchema } from "../src/index.js"
import { routeCount } from "./utils/counters.js"
import { decodes, failure, officialClient, promise } from "./utils/officialSdk.js"

const demo = Emulator.demoCredentials
const seeded = EmulatedConversation.demoData

const sdk = Effect.map(
  officialClient((baseUrl) => ({
    // The SDK's region setting stops applying once a hostname is given, so the region is in the prefix.
    conversationHostname: `${baseUrl}/conversation/eu`
  })),
  (client) => client.conversation
)

const base = `/conversation/eu/v1/projects/${demo.projectId}`

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "official Conversation client against the emulator",
  (it) => {
    it.effect("messages: send (text and card), get, update metadata, every page of the list, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const sent = yield* promise(() =>
          conversation.messages.sendTextMessage({
            sendMessageRequestBody: {
              app_id: seeded.euApp,
              recipient: { contact_id: seeded.euContacts[0] },
              message: { text_message: { text: "From the official client" } },
              channel_priority_order: ["SMS"]
            }
          })
        )
        const { message_id } = decodes(ConversationSchema.SendMessageResponse, sent)
        const card = yield* promise(() =>
          conversation.messages.sendCardMessage({
            sendMessageRequestBody: {
              app_id: seeded.euApp,
              recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: "+46700000888" }] } },
              message: {
                card_message: {
                  title: "Order shipped",
                  description: "Arrives Tuesday",
                  choices: [{ url_message: { url: "https://example.com/track", title: "Track" } }]
                }
              }
            }
          })
        )
        expect(decodes(ConversationSchema.SendMessageResponse, card).message_id).toHaveLength(26)

        const got = yield* promise(() => conversation.messages.get({ message_id }))
        expect(decodes(ConversationSchema.ConversationMessage, got).app_message?.text_message?.text).toBe(
          "From the official client"
        )
        const updated = yield* promise(() =>
          conversation.messages.update({ message_id, updateMessageRequestBody: { metadata: "sdk" } })
        )
        expect(decodes(ConversationSchema.ConversationMessage, updated).metadata).toBe("sdk")

        const all = yield* promise(async () => {
          const collected: Array<unknown> = []
          for await (const message of conversation.messages.list({ app_id: seeded.euApp, page_size: 10 })) {
            collected.push(message)
            if (collected.length > 100) break
          }
          return collected
        })
        const ids = all.map((m) => decodes(ConversationSchema.ConversationMessage, m).id)
        expect(new Set(ids).size).toBe(seeded.euMessageCount + 2)
        expect(yield* routeCount(`GET ${base}/messages`)).toBe(Math.ceil(ids.length / 10))

        yield* promise(() => conversation.messages.delete({ message_id }))
        const gone = yield* failure(() => conversation.messages.get({ message_id }))
        expect(gone?.statusCode).toBe(404)
      }))

    it.effect("apps: list, get, create, update with a mask, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const listed = yield* promise(() => conversation.app.list({}))
        expect(decodes(ConversationSchema.AppsResponse, listed).apps?.map((a) => a.id)).toContain(seeded.euApp)
        const app = yield* promise(() => conversation.app.get({ app_id: seeded.euApp }))
        expect(decodes(ConversationSchema.App, app).display_name).toBe("Demo EU app")
        const created = yield* promise(() =>
          conversation.app.create({
            appCreateRequestBody: {
              display_name: "SDK app",
              channel_credentials: [{
                channel: "SMS",
                static_bearer: { claimed_identity: "plan", token: "sdk-token" }
              }]
            }
          })
        )
        const createdApp = decodes(ConversationSchema.App, created)
        // The official client sends `update_mask=display_name`, the spelling of the API reference
        // (https://developers.sinch.com/docs/conversation/api-reference/conversation/conversation/conversation_updateconversation.md,
        // "update_mask (array) The set of field mask paths"); the emulator also accepts `update_mask.paths`.
        const renamed = yield* promise(() =>
          conversation.app.update({
            app_id: createdApp.id,
            appUpdateRequestBody: { display_name: "SDK app 2" },
            update_mask: ["display_name"]
          })
        )
        expect(decodes(ConversationSchema.App, renamed).display_name).toBe("SDK app 2")
        yield* promise(() => conversation.app.delete({ app_id: createdApp.id }))
        // The demo app lives in "eu" only; the same id in "us" is 404, as Sinch answers for another region's app.
        const inUs = yield* Effect.flatMap(EmulatorServer.EmulatorServer, (server) =>
          failure(() =>
            new SinchClient({
              // null: the SDK's no-op logger; its default prints "[Sinch SDK][Debug]" blocks on every call.
              logger: null,
              projectId: demo.projectId,
              keyId: demo.keyId,
              keySecret: Redacted.value(demo.keySecret),
              authHostname: `${server.baseUrl}/auth`,
              conversationHostname: `${server.baseUrl}/conversation/us`
            }).conversation.app.get({ app_id: seeded.euApp })
          ))
        expect(inUs?.statusCode).toBe(404)
      }))

    it.effect("contacts: create, list (every page), get, update, channel profile, merge, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const created = yield* promise(() =>
          conversation.contact.create({
            contactCreateRequestBody: {
              channel_identities: [{ channel: "MESSENGER", identity: "7711", app_id: seeded.euApp }],
              language: "EN_US",
              display_name: "SDK Contact"
            }
          })
        )
        const contact = decodes(ConversationSchema.Contact, created)
        const all = yield* promise(async () => {
          const collected: Array<unknown> = []
          for await (const c of conversation.contact.list({ page_size: 2 })) {
            collected.push(c)
            if (collected.length > 50) break
          }
          return collected
        })
        expect(all.map((c) => decodes(ConversationSchema.Contact, c).id)).toContain(contact.id)
        const got = yield* promise(() => conversation.contact.get({ contact_id: contact.id }))
        expect(decodes(ConversationSchema.Contact, got).display_name).toBe("SDK Contact")
        const updated = yield* promise(() =>
          conversation.contact.update({
            contact_id: contact.id,
            updateContactRequestBody: { email: "sdk@example.com" },
            update_mask: ["email"]
          })
        )
        expect(decodes(ConversationSchema.Contact, updated).email).toBe("sdk@example.com")
        const profile = yield* promise(() =>
          conversation.contact.getChannelProfile({
            getChannelProfileRequestBody: {
              app_id: seeded.euApp,
              recipient: { contact_id: contact.id },
              channel: "MESSENGER"
            }
          })
        )
        expect(decodes(ConversationSchema.ChannelProfile, profile).profile_name).toBe("SDK Contact")
        const merged = yield* promise(() =>
          conversation.contact.mergeContact({
            destination_id: seeded.euContacts[1],
            mergeContactRequestBody: { source_id: contact.id, strategy: "MERGE" }
          })
        )
        expect(decodes(ConversationSchema.Contact, merged).channel_identities?.map((i) => i.channel)).toContain(
          "MESSENGER"
        )
        yield* promise(() => conversation.contact.delete({ contact_id: seeded.euContacts[1] }))
        expect((yield* failure(() => conversation.contact.get({ contact_id: seeded.euContacts[1] })))?.statusCode).toBe(
          404
        )
      }))

    it.effect("conversations: create, list, get, update, inject, stop, delete", () =>
      Effect.gen(function*() {
        const conversation = yield* sdk
        const created = decodes(
          ConversationSchema.Conversation,
          yield* promise(() =>
            conversation.conversation.create({
              createConversationRequestBody: {
                app_id: seeded.euApp,
                contact_id: seeded.euContacts[0],
                active_channel: "SMS"
              }
            })
          )
        )
        const listed = yield* promise(async () => {
          const collected: Array<unknown> = []
          for await (const c of conversation.conversation.list({ app_id: seeded.euApp })) {
            collected.push(c)
            if (collected.length > 50) break
          }
          return collected
        })
        expect(listed.map((c) => decodes(ConversationSchema.Conversation, c).id)).toContain(created.id)
        const got = yield* promise(() => conversation.conversation.get({ conversation_id: created.id }))
        expect(decodes(ConversationSchema.Conversation, got).active).toBe(true)
        const updated = yield* promise(() =>
          conversation.conversation.update({
            conversation_id: created.id,
            updateConversationRequestBody: { metadata: "from-sdk" },
            update_mask: ["metadata"]
          })
        )
        expect(decodes(ConversationSchema.Conversation, updated).metadata).toBe("from-sdk")
        yield* promise(() =>
          conversation.conversation.injectMessage({
            conversation_id: created.id,
            injectMessageRequestBody: {
              app_message: { text_message: { text: "Recorded by the shop" } },
              channel_identity: { channel: "SMS", identity: "+46700000101" },
              contact_id: seeded.euContacts[0],
              direction: "TO_CONTACT",
              accept_time: new Date("2026-01-02T03:04:05Z")
            }
          })
        )
        expect(yield* routeCount(`POST ${base}/conversations/${created.id}:inject-message`)).toBe(1)
        yield* promise(() => conversation.conversation.stopActive({ conversation_id: created.id }))
        const stopped = yield* promise(() => conversation.conversation.get({ conversation_id: created.id }))
        expect(decodes(ConversationSchema.Conversation, stopped).active).toBe(false)
        yield* promise(() => conversation.conversation.delete({ conversation_id: created.id }))
        expect((yield* failure(() => conversation.conversation.get({ conversation_id: created.id })))?.statusCode).toBe(
          404
        )
      }))
  }
)
