import { HttpApp } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { NonceStore } from "@sinch-effect/auth-core"
import { Effect, Redacted, Ref, TestClock } from "effect"
import { createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import { ConversationSchema, ConversationWebhook } from "../src/index.js"

const vector = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/conversation-webhook.json", import.meta.url), "utf8")
) as {
  readonly secret: string
  readonly timestamp: string
  readonly headers: Record<string, string>
  readonly rawBody: string
}

const verify = ConversationWebhook.verify({ secret: Redacted.make(vector.secret) })

const atVectorTime = TestClock.setTime(Number(vector.timestamp) * 1000)

describe("Conversation webhooks", () => {
  it.effect("verifies the golden vector and decodes its contact_create_notification", () =>
    Effect.gen(function*() {
      yield* atVectorTime
      const event = yield* verify({ headers: vector.headers, body: vector.rawBody })
      expect(event.trigger).toBe("CONTACT_CREATE")
      if (event.trigger !== "CONTACT_CREATE") return
      expect(event.project_id).toBe("e2df3a34-a71b-4448-9db5-a8d2baad28e4")
      expect(event.contact_create_notification.contact).toMatchObject({
        id: "01FJA8B466Y0R2GNXD78MD9SM1",
        display_name: "New Test Contact",
        channel_identities: [{ channel: "SMS", identity: "48123456789", app_id: "" }],
        language: "EN_US"
      })
    }).pipe(Effect.provide(NonceStore.layerMemory())))

  it.effect("rejects a replay, a changed body and a stale timestamp before decoding anything", () =>
    Effect.gen(function*() {
      yield* atVectorTime
      yield* verify({ headers: vector.headers, body: vector.rawBody })
      const replay = yield* Effect.flip(verify({ headers: vector.headers, body: vector.rawBody }))
      expect(replay).toMatchObject({ _tag: "InvalidSignature", reason: "replayed" })

      const changed = yield* Effect.flip(
        verify({
          headers: { ...vector.headers, "x-sinch-webhook-signature-nonce": "01FJA8B4A7BM43YGWSG9GBV068" },
          body: vector.rawBody.replace("New Test Contact", "Evil Contact")
        })
      )
      expect(changed).toMatchObject({ _tag: "InvalidSignature", reason: "mismatch" })
      expect(String(changed.message)).not.toContain(vector.secret)

      yield* TestClock.adjust("6 minutes")
      const stale = yield* Effect.flip(verify({ headers: vector.headers, body: vector.rawBody }))
      expect(stale).toMatchObject({ _tag: "InvalidSignature", reason: "stale" })
    }).pipe(Effect.provide(NonceStore.layerMemory())))

  it.effect("decodes inbound messages, delivery reports and events by their trigger", () =>
    Effect.gen(function*() {
      const inbound = yield* ConversationWebhook.decode(JSON.stringify({
        app_id: "01E3S8B6YCMRNR0GGM94H80ACX",
        accepted_time: "2022-02-07T20:01:04.598Z",
        event_time: "2022-02-07T20:01:04.409Z",
        project_id: "c36f3d3d-1513-4edd-ae42-11995557ff61",
        message: {
          id: "01FVAWD1JP5PPB3KEZCBKGN0ES",
          direction: "TO_APP",
          contact_message: { text_message: { text: "Where is my parcel?" } },
          channel_identity: { channel: "WHATSAPP", identity: "46702571492", app_id: "" },
          conversation_id: "01FNV9VKCVZ6S6FVGKF62QBZ75",
          contact_id: "01FNV9VK7RG5JRB38DHR6TZFTC",
          metadata: "",
          accept_time: "2022-02-07T20:01:04.409Z",
          sender_id: "",
          processing_mode: "CONVERSATION",
          injected: false
        },
        message_metadata: "",
        correlation_id: ""
      }))
      expect(inbound.trigger).toBe("MESSAGE_INBOUND")
      if (inbound.trigger === "MESSAGE_INBOUND") {
        expect(inbound.message.contact_message?.text_message?.text).toBe("Where is my parcel?")
      }

      const delivery = yield* ConversationWebhook.decode(new TextEncoder().encode(JSON.stringify({
        app_id: "01E3S8B6YCMRNR0GGM94H80ACX",
        accepted_time: "2022-02-07T20:01:04.598Z",
        event_time: "2022-02-07T20:01:09.892757478Z",
        project_id: "c36f3d3d-1513-4edd-ae42-11995557ff61",
        message_delivery_report: {
          message_id: "01FVAWD1JP5PPB3KEZCBKGN0ES",
          conversation_id: "01FNV9VKCVZ6S6FVGKF62QBZ75",
          status: "FAILED",
          channel_identity: { channel: "SMS", identity: "46702571492", app_id: "" },
          contact_id: "01FNV9VK7RG5JRB38DHR6TZFTC",
          reason: { code: "RECIPIENT_NOT_REACHABLE", description: "", sub_code: "UNSPECIFIED_SUB_CODE" },
          metadata: "",
          processing_mode: "CONVERSATION"
        },
        message_metadata: ""
      })))
      expect(delivery.trigger).toBe("MESSAGE_DELIVERY")
      if (delivery.trigger === "MESSAGE_DELIVERY") {
        expect(delivery.message_delivery_report).toMatchObject({
          status: "FAILED",
          reason: { code: "RECIPIENT_NOT_REACHABLE" }
        })
      }

      const typing = yield* ConversationWebhook.decode(JSON.stringify({
        app_id: "01E3S8B6YCMRNR0GGM94H80ACX",
        project_id: "c36f3d3d-1513-4edd-ae42-11995557ff61",
        event: {
          direction: "TO_APP",
          contact_event: { composing_event: {} },
          channel_identity: { channel: "WHATSAPP", identity: "46702571492" },
          contact_id: "01FNV9VK7RG5JRB38DHR6TZFTC",
          accept_time: "2022-02-07T20:01:04.409Z"
        }
      }))
      expect(typing.trigger).toBe("EVENT_INBOUND")
    }))

  it.effect("a body that is not a known event is a typed InvalidWebhookEvent", () =>
    Effect.gen(function*() {
      const notJson = yield* Effect.flip(ConversationWebhook.decode("{nope"))
      expect(notJson).toBeInstanceOf(ConversationWebhook.InvalidWebhookEvent)
      expect(notJson.detail).toBe("the body is not JSON")
      const unknown = yield* Effect.flip(ConversationWebhook.decode(JSON.stringify({ app_id: "x", something: {} })))
      expect(unknown._tag).toBe("InvalidWebhookEvent")
      // An unknown status is a new value (open enum) and decodes; a status of the wrong type does not.
      const newStatus = yield* ConversationWebhook.decode(JSON.stringify({
        message_delivery_report: { message_id: "m", status: "LOST" }
      }))
      expect(newStatus.trigger === "MESSAGE_DELIVERY" && newStatus.message_delivery_report.status).toBe("LOST")
      const badStatus = yield* Effect.flip(ConversationWebhook.decode(JSON.stringify({
        message_delivery_report: { message_id: "m", status: 7 }
      })))
      expect(badStatus.message).toContain("status")
    }))

  it.scoped("the webhook endpoint answers 401 before decoding, 400 for an unknown body, and runs the handler once", () =>
    Effect.gen(function*() {
      const seen = yield* Ref.make<ReadonlyArray<ConversationSchema.WebhookEvent["trigger"]>>([])
      const app = ConversationWebhook.httpApp({
        secret: vector.secret,
        handler: (event) => Ref.update(seen, (all) => [...all, event.trigger])
      })
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => HttpApp.toWebHandlerLayer(app, NonceStore.layerMemory())),
        (web) => Effect.promise(() => web.dispose())
      )
      // The web handler runs on the live clock, so the request is signed now (the vector's own time is stale).
      const post = (body: string, nonce: string, sign: (payload: string) => string) => {
        const timestamp = String(Math.floor(Date.now() / 1000))
        return Effect.promise(() =>
          web.handler(
            new Request("http://localhost/webhooks/conversation", {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-sinch-webhook-signature": sign(`${body}.${nonce}.${timestamp}`),
                "x-sinch-webhook-signature-nonce": nonce,
                "x-sinch-webhook-signature-timestamp": timestamp,
                "x-sinch-webhook-signature-algorithm": "HmacSHA256"
              },
              body
            })
          )
        )
      }
      const hmac = (secret: string) => (payload: string) =>
        createHmac("sha256", secret).update(payload, "utf8").digest("base64")

      expect((yield* post(vector.rawBody, "nonce-1", hmac("not-the-secret"))).status).toBe(401)
      expect((yield* post(JSON.stringify({ app_id: "x" }), "nonce-2", hmac(vector.secret))).status).toBe(400)
      expect((yield* post(vector.rawBody, "nonce-3", hmac(vector.secret))).status).toBe(200)
      expect((yield* post(vector.rawBody, "nonce-3", hmac(vector.secret))).status).toBe(401)
      expect(yield* Ref.get(seen)).toEqual(["CONTACT_CREATE"])
    }))
})
