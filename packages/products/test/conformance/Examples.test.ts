/**
 * Conformance: every payload example collected from Sinch's own published material (the official
 * Node SDK's unit tests and the keys its lists read; each fixture names its source file) decodes with
 * our Schema, and every list payload yields exactly its item count.
 */
import { describe, expect, it } from "@effect/vitest"
import { Redacted, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { itemCount, responseSchemas } from "./schemas.js"

interface Fixture {
  readonly source: string
  readonly schema: string
  readonly payload: unknown
  readonly itemsKey?: string
  readonly itemCount?: number
}

const dir = join(import.meta.dirname, "fixtures")
const fixtures = readdirSync(dir)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture] as const)

describe("payload examples published by Sinch", () => {
  it("the collection is complete: 35 examples, each citing its source", () => {
    expect(fixtures).toHaveLength(35)
    for (const [, fixture] of fixtures) {
      expect(fixture.source).toMatch(/^github\.com\/sinch\/sinch-sdk-node: packages\//)
    }
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

  it("a POST /callBlockingRules answer with `inbound` reads as INBOUND", () => {
    expect((decode("est-call-blocking-rule-lowercase") as any).direction).toBe("INBOUND")
  })
})
