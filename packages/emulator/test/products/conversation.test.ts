import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { EmulatedRegion, ProductApi, ProductRequest, ProductResponse } from "../../src/ProductApi.js"
import * as Conversation from "../../src/products/conversation.js"

const project = "c36f3d3d-1513-4edd-ae42-11995557ff61"
const demo = Conversation.demoData

interface Call {
  readonly body?: unknown
  readonly region?: EmulatedRegion
  readonly projectId?: string
}

const request = (method: ProductRequest["method"], path: string, call: Call = {}): ProductRequest => {
  const url = new URL(`/v1/projects/${project}${path}`, "http://emulator")
  return {
    method,
    path: url.pathname,
    segments: url.pathname.split("/").filter((s) => s !== "").map(decodeURIComponent),
    query: url.searchParams,
    headers: { "content-type": "application/json" },
    body: call.body,
    rawBody: call.body === undefined ? "" : JSON.stringify(call.body),
    region: call.region ?? "eu",
    projectId: call.projectId ?? project
  }
}

const send = (api: ProductApi, method: ProductRequest["method"], path: string, call?: Call) =>
  api.handle(request(method, path, call)).pipe(
    Effect.map((response): ProductResponse => {
      if (response === undefined) throw new Error(`no route for ${method} ${path}`)
      return response
    })
  )

const body = (response: ProductResponse): any => response.body

const violations = (response: ProductResponse): Array<string> =>
  body(response).error.details.flatMap((d: any) => d.fieldViolations.map((v: any) => v.field))

describe("emulated Conversation API", () => {
  it.effect("an app answers only in its own region; elsewhere 404 NOT_FOUND in Sinch's error shape", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const eu = yield* send(api, "GET", `/apps/${demo.euApp}`)
      expect(eu.status).toBe(200)
      expect(body(eu)).toMatchObject({ id: demo.euApp, display_name: "Demo EU app", processing_mode: "CONVERSATION" })
      for (const region of ["us", "br"] as const) {
        const other = yield* send(api, "GET", `/apps/${demo.euApp}`, { region })
        expect(other.status).toBe(404)
        expect(body(other)).toEqual({
          error: { code: 404, message: `App ${demo.euApp} not found`, status: "NOT_FOUND", details: [] }
        })
      }
      const us = yield* send(api, "GET", "/apps", { region: "us" })
      expect(body(us).apps.map((a: any) => a.id)).toEqual([demo.usApp])
    }))

  it.effect("messages:send stores the message on the channel the priority order picks", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const sent = yield* send(api, "POST", "/messages:send", {
        body: {
          app_id: demo.euApp,
          recipient: { contact_id: demo.euContacts[0] },
          message: { text_message: { text: "Hello" } },
          channel_priority_order: ["WHATSAPP", "SMS"],
          channel_properties: { WHATSAPP_FALLBACK: "SMS" },
          message_metadata: "order=7"
        }
      })
      expect(sent.status).toBe(200)
      const { accepted_time, message_id } = body(sent)
      expect(message_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
      expect(accepted_time).toBe(new Date(0).toISOString())
      const got = yield* send(api, "GET", `/messages/${message_id}`)
      expect(body(got)).toMatchObject({
        id: message_id,
        direction: "TO_CONTACT",
        app_message: { text_message: { text: "Hello" } },
        channel_identity: { channel: "WHATSAPP", identity: "+46700000101" },
        conversation_id: demo.euConversations[0],
        contact_id: demo.euContacts[0],
        metadata: "order=7"
      })
    }))

  it.effect("messages:send to unknown channel identities creates the contact and a conversation", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const sent = yield* send(api, "POST", "/messages:send", {
        region: "us",
        body: {
          app_id: demo.usApp,
          recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: "+12025550999" }] } },
          message: { media_message: { url: "https://example.com/cat.jpg" } }
        }
      })
      expect(sent.status).toBe(200)
      const contacts = body(yield* send(api, "GET", "/contacts?identity=%2B12025550999", { region: "us" }))
      expect(contacts.contacts).toHaveLength(1)
      const created = yield* send(api, "GET", `/conversations?contact_id=${contacts.contacts[0].id}`, { region: "us" })
      expect(body(created).conversations).toMatchObject([{ app_id: demo.usApp, active: true, active_channel: "SMS" }])
    }))

  it.effect("every documented message kind is accepted", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const text = { text_message: { text: "Pick one" } }
      const card = { title: "Shoes", description: "Size 42", media_message: { url: "https://example.com/s.jpg" } }
      const messages = [
        { text_message: { text: "Hi" } },
        { media_message: { url: "https://example.com/a.png", thumbnail_url: "https://example.com/t.png" } },
        { template_message: { omni_template: { template_id: "01T", version: "1", language_code: "en-US" } } },
        { choice_message: { ...text, choices: [{ text_message: { text: "Yes" }, postback_data: "yes" }] } },
        { card_message: { ...card, choices: [{ url_message: { url: "https://example.com", title: "Open" } }] } },
        { carousel_message: { cards: [card, { ...card, title: "Boots" }] } },
        {
          list_message: {
            title: "Menu",
            sections: [{ title: "Drinks", items: [{ choice: { title: "Tea", postback_data: "tea" } }] }]
          }
        },
        { location_message: { coordinates: { latitude: 59.33, longitude: 18.06 }, title: "Office" } },
        {
          contact_info_message: {
            name: { full_name: "Astrid Lindqvist" },
            phone_numbers: [{ phone_number: "+46700000101", type: "MOBILE" }]
          }
        }
      ]
      for (const message of messages) {
        const sent = yield* send(api, "POST", "/messages:send", {
          body: { app_id: demo.euApp, recipient: { contact_id: demo.euContacts[1] }, message }
        })
        expect(sent.status, JSON.stringify(message)).toBe(200)
      }
      const listed = body(yield* send(api, "GET", `/messages?contact_id=${demo.euContacts[1]}&page_size=20`))
      expect(listed.messages).toHaveLength(messages.length)
    }))

  it.effect("400 INVALID_ARGUMENT names every failing field", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const missing = yield* send(api, "POST", "/messages:send", { body: { message: { text_message: { text: "" } } } })
      expect(missing.status).toBe(400)
      expect(body(missing).error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" })
      expect(body(missing).error.details[0].type).toBe("BadRequest")
      expect(violations(missing).sort()).toEqual(["app_id", "message.text_message.text", "recipient"])

      const badChannel = yield* send(api, "POST", "/messages:send", {
        body: {
          app_id: demo.euApp,
          recipient: { contact_id: demo.euContacts[0] },
          message: { text_message: { text: "x" } },
          channel_priority_order: ["SMS", "PIGEON"]
        }
      })
      expect(violations(badChannel)).toEqual(["channel_priority_order[1]"])

      const twoKinds = yield* send(api, "POST", "/messages:send", {
        body: {
          app_id: demo.euApp,
          recipient: { contact_id: demo.euContacts[0] },
          message: { text_message: { text: "x" }, media_message: { url: "https://example.com/a.png" } }
        }
      })
      expect(violations(twoKinds)).toEqual(["message"])

      const bothRecipients = yield* send(api, "POST", "/messages:send", {
        body: {
          app_id: demo.euApp,
          recipient: {
            contact_id: demo.euContacts[0],
            identified_by: { channel_identities: [{ channel: "SMS", identity: "+1" }] }
          },
          message: { text_message: { text: "x" } }
        }
      })
      expect(violations(bothRecipients)).toEqual(["recipient"])

      const pageSize = yield* send(api, "GET", "/messages?page_size=1001")
      expect(violations(pageSize)).toEqual(["page_size"])
    }))

  it.effect("messages list newest first, page by page, with next_page_token empty on the last page", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const sizes: Array<number> = []
      const ids: Array<string> = []
      let token = ""
      for (let page = 0; page < 5; page++) {
        const query = `app_id=${demo.euApp}&page_size=10${token ? `&page_token=${encodeURIComponent(token)}` : ""}`
        const answer = body(yield* send(api, "GET", `/messages?${query}`))
        expect(answer.total_size).toBe(demo.euMessageCount)
        sizes.push(answer.messages.length)
        ids.push(...answer.messages.map((m: any) => m.id))
        token = answer.next_page_token
        if (token === "") break
      }
      expect(sizes).toEqual([10, 10, 4])
      expect(new Set(ids).size).toBe(24)
      const bad = yield* send(api, "GET", "/messages?page_token=garbage")
      expect(violations(bad)).toEqual(["page_token"])
    }))

  it.effect("message metadata updates, and a deleted message is gone", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const first = body(yield* send(api, "GET", "/messages?page_size=1")).messages[0]
      const updated = yield* send(api, "PATCH", `/messages/${first.id}`, { body: { metadata: "checked" } })
      expect(body(updated)).toMatchObject({ id: first.id, metadata: "checked" })
      expect(body(yield* send(api, "GET", `/messages/${first.id}`)).metadata).toBe("checked")
      expect((yield* send(api, "DELETE", `/messages/${first.id}`)).status).toBe(200)
      const gone = yield* send(api, "GET", `/messages/${first.id}`)
      expect(gone.status).toBe(404)
      expect(body(gone).error.status).toBe("NOT_FOUND")
    }))

  it.effect("apps: create in a region, update with a mask, delete", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const created = yield* send(api, "POST", "/apps", {
        region: "br",
        body: {
          display_name: "Loja",
          channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "s", token: "t" } }]
        }
      })
      expect(created.status).toBe(200)
      const app = body(created)
      expect(app).toMatchObject({ display_name: "Loja", processing_mode: "CONVERSATION" })
      expect(app.channel_credentials[0].state).toEqual({ status: "ACTIVE", description: "" })
      expect((yield* send(api, "GET", `/apps/${app.id}`, { region: "eu" })).status).toBe(404)
      const renamed = yield* send(api, "PATCH", `/apps/${app.id}?update_mask.paths=display_name`, {
        region: "br",
        body: { display_name: "Loja 2", processing_mode: "DISPATCH" }
      })
      expect(body(renamed)).toMatchObject({ display_name: "Loja 2", processing_mode: "CONVERSATION" })
      expect((yield* send(api, "DELETE", `/apps/${app.id}`, { region: "br" })).status).toBe(200)
      expect((yield* send(api, "GET", `/apps/${app.id}`, { region: "br" })).status).toBe(404)
      const invalid = yield* send(api, "POST", "/apps", { region: "br", body: { channel_credentials: [] } })
      expect(violations(invalid)).toEqual(["display_name"])
    }))

  it.effect("contacts: create, list with filters and pages, update, merge, channel profile, delete", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const created = body(
        yield* send(api, "POST", "/contacts", {
          body: {
            channel_identities: [{ channel: "SMS", identity: "+46700000555" }, {
              channel: "MESSENGER",
              identity: "99",
              app_id: demo.euApp
            }],
            language: "EN_US",
            display_name: "Nils"
          }
        })
      )
      expect(created).toMatchObject({ display_name: "Nils", email: "", language: "EN_US" })
      const all = body(yield* send(api, "GET", "/contacts?page_size=2"))
      expect(all.contacts).toHaveLength(2)
      expect(all.total_size).toBe(4)
      expect(all.next_page_token).not.toBe("")
      const bySms = body(yield* send(api, "GET", "/contacts?channel=SMS"))
      expect(bySms.total_size).toBe(3)

      const updated = body(
        yield* send(api, "PATCH", `/contacts/${created.id}`, { body: { email: "nils@example.com" } })
      )
      expect(updated).toMatchObject({ email: "nils@example.com", display_name: "Nils" })

      const profile = yield* send(api, "POST", "/contacts:getChannelProfile", {
        body: { app_id: demo.euApp, recipient: { contact_id: created.id }, channel: "MESSENGER" }
      })
      expect(body(profile)).toEqual({ profile_name: "Nils" })

      // Jonas has SMS only: he gains Nils's MESSENGER identity; his own SMS identity stays.
      const merged = body(
        yield* send(api, "POST", `/contacts/${demo.euContacts[1]}:merge`, {
          body: { source_id: created.id, strategy: "MERGE" }
        })
      )
      expect(merged.channel_identities.map((i: any) => `${i.channel}:${i.identity}`)).toEqual([
        "SMS:+4915100000102",
        "MESSENGER:99"
      ])
      expect(merged.email).toBe("nils@example.com")
      expect((yield* send(api, "GET", `/contacts/${created.id}`)).status).toBe(404)

      expect((yield* send(api, "DELETE", `/contacts/${demo.euContacts[2]}`)).status).toBe(200)
      expect((yield* send(api, "DELETE", `/contacts/${demo.euContacts[2]}`)).status).toBe(404)
      const invalid = yield* send(api, "POST", "/contacts", { body: { channel_identities: [] } })
      expect(violations(invalid).sort()).toEqual(["channel_identities", "language"])
    }))

  it.effect("conversations: create, list, update, stop, inject, delete", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const required = yield* send(api, "GET", "/conversations")
      expect(violations(required)).toEqual(["app_id"])
      const created = body(
        yield* send(api, "POST", "/conversations", {
          body: { app_id: demo.euApp, contact_id: demo.euContacts[2], active_channel: "MESSENGER", metadata: "m" }
        })
      )
      expect(created).toMatchObject({ app_id: demo.euApp, contact_id: demo.euContacts[2], active: true })
      const active = body(yield* send(api, "GET", `/conversations?app_id=${demo.euApp}&only_active=true`))
      expect(active.conversations.map((c: any) => c.id).sort()).toEqual([demo.euConversations[0], created.id].sort())

      // `update_mask` is the documented spelling; only the masked field changes.
      const patched = body(
        yield* send(api, "PATCH", `/conversations/${created.id}?update_mask=metadata`, {
          body: { metadata: "n", active: false }
        })
      )
      expect(patched).toMatchObject({ metadata: "n", active: true })
      expect((yield* send(api, "POST", `/conversations/${created.id}:stop`)).status).toBe(200)
      expect(body(yield* send(api, "GET", `/conversations/${created.id}`)).active).toBe(false)

      const injected = yield* send(api, "POST", `/conversations/${created.id}:inject-message`, {
        body: {
          contact_message: { text_message: { text: "Earlier reply" } },
          channel_identity: { channel: "MESSENGER", identity: "6443914672301188", app_id: demo.euApp },
          contact_id: demo.euContacts[2],
          direction: "TO_APP",
          accept_time: "1969-12-31T23:00:00Z"
        }
      })
      expect(injected.status).toBe(200)
      const inConversation = body(yield* send(api, "GET", `/messages?conversation_id=${created.id}`))
      expect(inConversation.messages).toMatchObject([{ injected: true, direction: "TO_APP" }])

      expect((yield* send(api, "DELETE", `/conversations/${created.id}`)).status).toBe(200)
      expect((yield* send(api, "GET", `/conversations/${created.id}`)).status).toBe(404)
      expect(body(yield* send(api, "GET", `/messages?conversation_id=${created.id}`)).messages).toEqual([])
    }))

  it.effect("another project in the path is 403; unknown routes are left to the core", () =>
    Effect.gen(function*() {
      const api = yield* Conversation.make
      const denied = yield* send(api, "GET", "/apps", { projectId: "someone-else" })
      expect(denied.status).toBe(403)
      expect(body(denied).error.status).toBe("PERMISSION_DENIED")
      expect(yield* api.handle(request("POST", "/messages"))).toBeUndefined()
      expect(yield* api.handle(request("GET", "/templates"))).toBeUndefined()
    }))
})
