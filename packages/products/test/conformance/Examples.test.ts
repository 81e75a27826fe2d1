/**
 * Conformance: every payload example collected from Sinch's own published material (the official
 * Node, Java and Python SDKs' tests and test resources, the keys their lists read, the API reference;
 * each fixture names its source file or page) decodes with our Schema, and every list payload yields
 * exactly its item count. Every response Schema has an example, or is listed with the reason it has none.
 */
import { describe, expect, it } from "@effect/vitest"
import { Redacted, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { ElasticSipTrunkingSchema as Est, NumbersSchema as Numbers } from "../../src/index.js"
import { itemCount, responseSchemas } from "./schemas.js"

interface Fixture {
  readonly source: string
  readonly schema: string
  readonly payload: unknown
  readonly itemsKey?: string
  readonly itemCount?: number
}

/** A file of an official SDK repository, or a page of Sinch's developer documentation. */
const source = /^(github\.com\/sinch\/sinch-sdk-(node|java|python): \S+|developers\.sinch\.com\/\S+)/

/**
 * The item Schema of each list Schema: every item of a list example is an example of its item, so a
 * Schema that no endpoint answers on its own (a region, a call) is covered through its list.
 */
const itemSchemaOf: Record<string, string> = {
  "Numbers.AvailableNumbersResponse": "Numbers.AvailableNumber",
  "Numbers.ActiveNumbersPage": "Numbers.ActiveNumber",
  "Numbers.AvailableRegionsResponse": "Numbers.AvailableRegion",
  "Est.SipTrunksPage": "Est.SipTrunk",
  "Est.TrunksPage": "Est.SipTrunk",
  "Est.SipEndpointsPage": "Est.SipEndpoint",
  "Est.IpRangesPage": "Est.IpRange",
  "Est.AccessControlListsPage": "Est.AccessControlList",
  "Est.CredentialListsPage": "Est.CredentialList",
  "Est.TrunkCredentialListsPage": "Est.CredentialList",
  "Est.CountryPermissionsResponse": "Est.CountryPermission",
  "Est.PhoneNumbersPage": "Est.PhoneNumber",
  "Est.CallsPage": "Est.Call",
  "Est.CallBlockingRules": "Est.CallBlockingRule",
  "Conversation.MessagesPage": "Conversation.ConversationMessage",
  "Conversation.AppsResponse": "Conversation.App",
  "Conversation.ContactsPage": "Conversation.Contact",
  "Conversation.ConversationsPage": "Conversation.Conversation",
  "Conversation.IdentityConflictsPage": "Conversation.IdentityConflict",
  "Conversation.RecentConversationsPage": "Conversation.ConversationRecentMessage",
  "Conversation.EventsPage": "Conversation.ConversationEvent",
  "Conversation.WebhooksResponse": "Conversation.Webhook",
  "Templates.TemplatesV1Response": "Templates.TemplateV1",
  "Templates.TemplatesV2Response": "Templates.TemplateV2",
  "Voice.Conference": "Voice.ConferenceParticipant",
  "Voice.Numbers": "Voice.NumberAssignment"
}

/**
 * Response Schemas for which no example was found in Sinch's published material, each with the reason;
 * empty while every response Schema has one. A Schema added without an example must be listed here.
 */
const withoutPublishedExample: Record<string, string> = {}

const dir = join(import.meta.dirname, "fixtures")
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture] as const)

describe("payload examples published by Sinch", () => {
  it("the collection is complete: 136 examples, each citing its source", () => {
    expect(fixtures).toHaveLength(136)
    for (const [, fixture] of fixtures) {
      expect(fixture.source).toMatch(source)
    }
  })

  it("every response Schema has an example, or is listed with the reason it has none", () => {
    const covered = new Set<string>()
    for (const [, fixture] of fixtures) {
      covered.add(fixture.schema)
      const item = itemSchemaOf[fixture.schema]
      if (item !== undefined && fixture.itemsKey !== undefined) covered.add(item)
    }
    const missing = Object.keys(responseSchemas).filter((name) => !covered.has(name))
    expect(missing.sort()).toEqual(Object.keys(withoutPublishedExample).sort())
    for (const name of Object.keys(itemSchemaOf)) expect(responseSchemas[name], name).toBeDefined()
    for (const name of Object.values(itemSchemaOf)) expect(responseSchemas[name], name).toBeDefined()
  })

  for (const [file, fixture] of fixtures) {
    it(`${file} decodes as ${fixture.schema}`, () => {
      const schema = responseSchemas[fixture.schema]
      expect(schema, `no schema named ${fixture.schema}`).toBeDefined()
      const decoded = Schema.decodeUnknownSync(schema!)(fixture.payload, { onExcessProperty: "ignore" })
      if (fixture.itemsKey !== undefined) {
        const count = itemCount(fixture.schema, decoded) ?? (decoded as any)[fixture.itemsKey].length
        expect(count).toBe(fixture.itemCount)
        expect(count).toBeGreaterThan(0)
        const item = itemSchemaOf[fixture.schema]
        if (item !== undefined) {
          const items = (fixture.payload as any)[fixture.itemsKey] as ReadonlyArray<unknown>
          expect(items).toHaveLength(count)
          for (const each of items) {
            Schema.decodeUnknownSync(responseSchemas[item]!)(each, { onExcessProperty: "ignore" })
          }
        }
      }
    })
  }
})

describe("values the examples carry", () => {
  const load = (name: string) => fixtures.find(([file]) => file === `${name}.json`)![1]
  const decode = (name: string) => Schema.decodeUnknownSync(responseSchemas[load(name).schema]!)(load(name).payload)

  it("EST calls: lower-case direction is INBOUND, a numeric amount is its decimal string", () => {
    const page = decode("est-calls-page") as any
    expect(page.calls[0].direction).toBe("INBOUND")
    expect(page.calls[0].price).toEqual({ currencyCode: "USD", amount: "0.004" })
  })

  it("Numbers callbacks keep their zoneless, nanosecond timestamps as sent", () => {
    expect((decode("numbers-callback-nanoseconds") as any).timestamp).toBe("2024-02-10T17:22:09.412722588")
    expect((decode("numbers-callback-failed-zoneless") as any).failureCode).toBe("CAMPAIGN_NOT_AVAILABLE")
  })

  it("Conversation: audit times keep their microseconds; secrets of a webhook decode to Redacted", () => {
    expect((decode("conversation-audit-records") as any).audit_records[0].datetime).toBe("2025-06-06T14:42:56.031323Z")
    const webhook = decode("conversation-webhook") as any
    expect(Redacted.isRedacted(webhook.secret)).toBe(true)
    expect(Redacted.value(webhook.client_credentials.client_secret)).toBe("client_secret")
  })

  it("templates: a v1 update answers version \"\"; a v2 translation keeps its message kind", () => {
    expect((decode("templates-v1-updated") as any).translations[0].version).toBe("")
    const v2 = decode("templates-v2-updated") as any
    expect(v2.version).toBe(2)
    expect(v2.translations[0].list_message.sections.map((s: any) => s.items.length)).toEqual([2, 2])
  })

  it("every Conversation webhook example decodes as the event its source names, one per trigger", () => {
    const triggers: Record<string, string> = {
      "conversation-webhook-capability": "CAPABILITY",
      "conversation-webhook-channel-event": "CHANNEL_EVENT",
      "conversation-webhook-contact-create": "CONTACT_CREATE",
      "conversation-webhook-contact-delete": "CONTACT_DELETE",
      "conversation-webhook-contact-merge": "CONTACT_MERGE",
      "conversation-webhook-contact-update": "CONTACT_UPDATE",
      "conversation-webhook-conversation-delete": "CONVERSATION_DELETE",
      "conversation-webhook-conversation-start": "CONVERSATION_START",
      "conversation-webhook-conversation-stop": "CONVERSATION_STOP",
      "conversation-webhook-event-delivery": "EVENT_DELIVERY",
      "conversation-webhook-event-inbound": "EVENT_INBOUND",
      "conversation-webhook-identities-duplication": "CONTACT_IDENTITIES_DUPLICATION",
      "conversation-webhook-message-delivery": "MESSAGE_DELIVERY",
      "conversation-webhook-message-inbound": "MESSAGE_INBOUND",
      "conversation-webhook-message-redaction": "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION",
      "conversation-webhook-message-submit": "MESSAGE_SUBMIT",
      "conversation-webhook-opt-in": "OPT_IN",
      "conversation-webhook-opt-out": "OPT_OUT",
      "conversation-webhook-record-notification": "RECORD_NOTIFICATION",
      "conversation-webhook-smart-conversations": "SMART_CONVERSATIONS",
      "conversation-webhook-unsupported": "UNSUPPORTED"
    }
    const webhookExamples = fixtures.filter(([, fixture]) => fixture.schema === "Conversation.WebhookEvent")
    expect(webhookExamples.map(([file]) => file.replace(/\.json$/, ""))).toEqual(Object.keys(triggers).sort())
    for (const [name, trigger] of Object.entries(triggers)) {
      expect((decode(name) as any).trigger, name).toBe(trigger)
    }
  })

  it("EST: zoneless, nanosecond times are kept as sent; the reference's trunk page reads its one trunk", () => {
    expect((decode("est-ip-range") as any).createTime).toBe("2023-09-14T08:11:56.324855024")
    expect((decode("est-access-control-list-updated") as any).updateTime).toBe("2023-09-14T08:10:10.187513334")
    const page = decode("est-reference-sip-trunks-page") as any
    expect(Est.sipTrunksOf(page).map((trunk) => trunk.domain)).toEqual(["acme-domain-1.elastic-sip.sinch.com"])
    expect(page.totalItems).toBe(10000)
  })

  it("Numbers: an event with only its id decodes; a number-order event keeps the values Sinch sent", () => {
    const bare = decode("numbers-callback-only-event-id") as any
    expect(bare.eventId).toBe("event-123")
    expect([bare.timestamp, bare.resourceType, bare.eventType, bare.status]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined
    ])
    const order = decode("numbers-callback-number-order") as any
    expect([order.resourceType, order.eventType, order.status]).toEqual([
      "NUMBER_ORDER",
      "NUMBER_ORDER_PROCESSING",
      "IN_REVIEW"
    ])
    expect(Numbers.CallbackEventType.isKnown(order.eventType)).toBe(false)
    const noMatch = decode("numbers-validate-address-no-match") as any
    expect(noMatch.validationResult).toBe("NO_MATCH")
    expect(noMatch.candidateAddresses.map((a: any) => a.streetInfo)).toEqual(["Lenox Rd NE"])
    expect((decode("numbers-validate-address-near-match") as any).candidateAddresses).toEqual([])
  })

  it("a POST /callBlockingRules answer with `inbound` reads as INBOUND", () => {
    expect((decode("est-call-blocking-rule-lowercase") as any).direction).toBe("INBOUND")
  })

  it("Voice: capitalised participant types and upper-case origination are kept; a zoneless call time as sent", () => {
    const call = decode("voice-call-information") as any
    expect([call.from.type, call.to.type, call.timestamp]).toEqual(["Username", "Number", "2024-01-08T09:48:12"])
    const ice = decode("voice-ice-event") as any
    expect([ice.domain, ice.originationType, ice.callHeaders]).toEqual(["mxp", "MXP", [{
      key: "the key",
      value: "the value"
    }]])
    expect((decode("voice-ace-event") as any).amd).toEqual({ status: "human", reason: "longgreeting", duration: 15 })
    expect((decode("voice-dice-event") as any).conferenceId).toBe("a conference id")
  })
})
