/**
 * Credential kinds the schema does not name must not print: an `App` decoded from the wire is inspected
 * and logged without them, and encodes back to the same wire shape.
 */
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { inspect } from "node:util"
import { ConversationSchema } from "../../src/index.js"

const wire = {
  id: "01APP",
  channel_credentials: [
    { channel: "TELEGRAM", telegram_credentials: { token: "Pl4ntedTELEGRAMtoken" } },
    { channel: "LINE", line_credentials: { token: "Pl4ntedLINEtoken", secret: "Pl4ntedLINEsecret" } },
    { channel: "WHATSAPP", static_bearer: { claimed_identity: "id", token: "Pl4ntedBEARER" } }
  ]
}

describe("hostile credentials in App values", () => {
  it("unnamed *_credentials are held as Redacted: inspect and JSON print none of them", () => {
    const app = Schema.decodeUnknownSync(ConversationSchema.App)(wire)
    for (const text of [inspect(app, { depth: 20 }), JSON.stringify(app), String(app.channel_credentials)]) {
      expect(text).not.toMatch(/Pl4nted/)
    }
    const encoded = Schema.encodeSync(ConversationSchema.App)(app)
    expect(encoded.channel_credentials).toEqual(wire.channel_credentials)
  })
})
