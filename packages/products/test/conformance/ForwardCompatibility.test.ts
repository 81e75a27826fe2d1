/**
 * Forward compatibility (property-based): for every response Schema, wire payloads (values generated
 * from the Schema, where every open enum also gets strings outside its known set, then encoded) given
 * extra fields at every object level still decode, and unknown enum values survive decoding unchanged.
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck, Schema } from "effect"
import { ConversationSchema, ElasticSipTrunkingSchema, NumbersSchema } from "../../src/index.js"
import { responseSchemas } from "./schemas.js"

// Fields whose value is a record keyed by the user (a channel), where an "extra field" would be a new
// entry that must itself be a valid value: the added key is skipped there.
const recordFields = new Set(["channel_template", "explicit_channel_message", "parameters", "transcoded_message"])

const withExtraFields = (value: unknown, extra: unknown, parentKey = ""): unknown => {
  if (Array.isArray(value)) return value.map((item) => withExtraFields(item, extra, parentKey))
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, withExtraFields(v, extra, k)] as const)
    return recordFields.has(parentKey)
      ? Object.fromEntries(entries)
      : Object.fromEntries([...entries, ["x_future_field", extra]])
  }
  return value
}

describe("forward compatibility", () => {
  for (const [name, schema] of Object.entries(responseSchemas)) {
    it(`${name}: generated payloads with unknown enum values and extra fields decode`, () => {
      const wire = Arbitrary.make(schema).map((value) => Schema.encodeSync(schema)(value))
      const extra = FastCheck.oneof(FastCheck.string(), FastCheck.integer(), FastCheck.constant({ nested: [1, "a"] }))
      FastCheck.assert(
        FastCheck.property(wire, extra, (payload, value) => {
          const decoded = Schema.decodeUnknownEither(schema)(withExtraFields(payload, value))
          if (decoded._tag === "Left") throw new Error(String(decoded.left))
        }),
        { numRuns: 25, seed: 4242 }
      )
    })
  }

  it("unknown enum values decode as themselves (one per product)", () => {
    expect(Schema.decodeUnknownSync(NumbersSchema.ActiveNumber)({ type: "SHORT_CODE", capability: ["MMS"] }))
      .toMatchObject({ type: "SHORT_CODE", capability: ["MMS"] })
    expect(
      Schema.decodeUnknownSync(ElasticSipTrunkingSchema.SipEndpoint)({
        id: "e",
        name: "n",
        priority: 1,
        transport: "WSS"
      }).transport
    ).toBe("WSS")
    expect(
      Schema.decodeUnknownSync(ConversationSchema.ConversationMessage)({
        channel_identity: { channel: "VIBER", identity: "x" },
        message_status: { status: "QUEUED" }
      })
    ).toMatchObject({ channel_identity: { channel: "VIBER" }, message_status: { status: "QUEUED" } })
    expect(Schema.decodeUnknownSync(NumbersSchema.ProvisioningStatus)("SUCCEEDED")).toBe("SUCCEEDED")
    expect(Schema.decodeUnknownSync(ConversationSchema.App)({ id: "a", retention_policy: { ttl_days: 3 } }))
      .toMatchObject({ retention_policy: { ttl_days: 3 } })
  })

  it("request enums stay closed", () => {
    expect(Schema.decodeUnknownEither(NumbersSchema.NumberType)("SHORT_CODE")._tag).toBe("Left")
    expect(Schema.decodeUnknownEither(ConversationSchema.Channel)("FAX")._tag).toBe("Left")
  })
})
