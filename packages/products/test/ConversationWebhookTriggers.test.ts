import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { ConversationWebhook } from "../src/index.js"

// Payloads copied from the official Sinch Java SDK's test resources; each entry names its source file.
const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/conversation-triggers.json", import.meta.url), "utf8")
) as { readonly payloads: Record<string, { readonly source: string; readonly body: Record<string, unknown> }> }

const decode = (trigger: string) => ConversationWebhook.decode(JSON.stringify(fixtures.payloads[trigger]!.body))

describe("Conversation webhook triggers (official SDK fixtures)", () => {
  it("holds exactly the nine triggers under test", () => {
    expect(Object.keys(fixtures.payloads).sort()).toEqual([
      "CAPABILITY",
      "CHANNEL_EVENT",
      "CONTACT_IDENTITIES_DUPLICATION",
      "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION",
      "MESSAGE_SUBMIT",
      "OPT_IN",
      "OPT_OUT",
      "RECORD_NOTIFICATION",
      "SMART_CONVERSATIONS"
    ])
  })

  it.effect("MESSAGE_SUBMIT keeps the submitted text and the fields it does not model", () =>
    Effect.gen(function*() {
      const event = yield* decode("MESSAGE_SUBMIT")
      if (event.trigger !== "MESSAGE_SUBMIT") return expect.fail(event.trigger)
      const n = event.message_submit_notification
      expect(n.message_id).toBe("message id")
      expect(n.channel_identity).toEqual({ app_id: "an app id", channel: "MESSENGER", identity: "an identity" })
      expect(n.submitted_message?.text_message?.text).toBe("This is a text message.")
      expect(n.submitted_message?.["agent"]).toMatchObject({ type: "BOT" })
      expect(n.processing_mode).toBe("DISPATCH")
      expect(event.correlation_id).toBe("correlation id value")
    }))

  it.effect("SMART_CONVERSATIONS decodes every analysis", () =>
    Effect.gen(function*() {
      const event = yield* decode("SMART_CONVERSATIONS")
      if (event.trigger !== "SMART_CONVERSATIONS") return expect.fail(event.trigger)
      const n = event.smart_conversation_notification
      expect(n.channel_identity).toBe("channel identity")
      const r = n.analysis_results!
      expect(r.ml_sentiment_result?.[0]).toMatchObject({ sentiment: "neutral", score: 0.6 })
      expect(r.ml_nlu_result?.[0]?.results?.[0]).toEqual({ intent: "chitchat.greeting", score: 0.3 })
      expect(r.ml_image_recognition_result?.[0]?.document_field_classification?.result?.[0]?.["Doe"]?.data)
        .toEqual(["another string"])
      expect(r.ml_pii_result?.[0]?.masked).toBe("masked analyzed message")
      expect(r.ml_offensive_analysis_result?.[0]).toMatchObject({ evaluation: "UNSAFE", score: 0.456 })
    }))

  it.effect("MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION carries the redacted message", () =>
    Effect.gen(function*() {
      const event = yield* decode("MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION")
      if (event.trigger !== "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION") return expect.fail(event.trigger)
      expect(event.message_redaction.id).toBe("id")
      expect(event.message_redaction.direction).toBe("TO_APP")
      expect(event.message_redaction.contact_message?.media_message?.url).toBe("an url value")
      expect(event.message_redaction.injected).toBe(true)
    }))

  it.effect("CONTACT_IDENTITIES_DUPLICATION keeps an unknown channel as itself", () =>
    Effect.gen(function*() {
      const event = yield* decode("CONTACT_IDENTITIES_DUPLICATION")
      if (event.trigger !== "CONTACT_IDENTITIES_DUPLICATION") return expect.fail(event.trigger)
      expect(event.duplicated_contact_identities_notification.duplicated_identities).toEqual([
        { channel: "channel", contact_ids: ["01EKA07N79THJ20ZSN6AS30TMW", "01EKA07N79THJ20ZSN6AS30TTT"] }
      ])
    }))

  it.effect("CAPABILITY reports a partial capability and its reason", () =>
    Effect.gen(function*() {
      const event = yield* decode("CAPABILITY")
      if (event.trigger !== "CAPABILITY") return expect.fail(event.trigger)
      expect(event.capability_notification).toMatchObject({
        capability_status: "CAPABILITY_PARTIAL",
        channel: "WHATSAPP",
        identity: "12345678910",
        channel_capabilities: ["capability value"],
        reason: { code: "RECIPIENT_NOT_OPTED_IN", sub_code: "UNSPECIFIED_SUB_CODE" }
      })
    }))

  it.effect("OPT_IN and OPT_OUT report a failed registration with its details", () =>
    Effect.gen(function*() {
      const optIn = yield* decode("OPT_IN")
      if (optIn.trigger !== "OPT_IN") return expect.fail(optIn.trigger)
      expect(optIn.opt_in_notification).toMatchObject({
        status: "OPT_IN_FAILED",
        error_details: { description: "Error description value" },
        processing_mode: "DISPATCH"
      })
      const optOut = yield* decode("OPT_OUT")
      if (optOut.trigger !== "OPT_OUT") return expect.fail(optOut.trigger)
      expect(optOut.opt_out_notification.status).toBe("OPT_OUT_FAILED")
      expect(optOut.opt_out_notification.request_id).toBe("request id")
    }))

  it.effect("CHANNEL_EVENT decodes the nested channel_event and the flat form", () =>
    Effect.gen(function*() {
      const nested = yield* decode("CHANNEL_EVENT")
      if (nested.trigger !== "CHANNEL_EVENT") return expect.fail(nested.trigger)
      expect(nested.channel_event_notification.channel_event).toEqual({
        channel: "WHATSAPP",
        event_type: "WHATS_APP_QUALITY_RATING_CHANGED",
        additional_data: { quality_rating: "quality rating value" }
      })
      const flat = yield* ConversationWebhook.decode(JSON.stringify({
        app_id: "app",
        channel_event_notification: { channel: "WHATSAPP", event_type: "WHATS_APP_QUALITY_RATING_CHANGED" }
      }))
      if (flat.trigger !== "CHANNEL_EVENT") return expect.fail(flat.trigger)
      expect(flat.channel_event_notification.event_type).toBe("WHATS_APP_QUALITY_RATING_CHANGED")
    }))

  it.effect("RECORD_NOTIFICATION reports the record status", () =>
    Effect.gen(function*() {
      const event = yield* decode("RECORD_NOTIFICATION")
      if (event.trigger !== "RECORD_NOTIFICATION") return expect.fail(event.trigger)
      expect(event.record_notification).toMatchObject({
        entity_id: "entity id",
        record_status: "EVENT_RECORD_STORED",
        channel_identity: { channel: "MESSENGER", identity: "an identity" },
        reason: { code: "RECIPIENT_NOT_OPTED_IN" }
      })
    }))

  it.effect("a body with a wrong field type under a new trigger is rejected", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ConversationWebhook.decode(JSON.stringify({
        capability_notification: { channel_capabilities: "not a list" }
      })))
      expect(error._tag).toBe("InvalidWebhookEvent")
    }))
})
