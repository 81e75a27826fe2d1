import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import { NumbersCallback, NumbersSchema } from "../src/index.js"

const vector: { secret: string; rawBody: string; expectedSignature: string } = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/numbers-callback.json", import.meta.url), "utf8")
)

const verify = NumbersCallback.verify({ secret: Redacted.make(vector.secret) })

const sign = (body: string) => createHmac("sha1", vector.secret).update(body).digest("hex")

describe("Numbers callbacks", () => {
  it.effect("verifies the golden vector and decodes its event", () =>
    Effect.gen(function*() {
      const event = yield* verify({
        headers: { "X-Sinch-Signature": vector.expectedSignature },
        body: vector.rawBody
      })
      expect(event).toBeInstanceOf(NumbersSchema.CallbackEvent)
      expect(event).toMatchObject({
        eventId: "01hpa0mww4m79q8j2dwn3ggbgz",
        resourceId: "+17818510001",
        resourceType: "ACTIVE_NUMBER",
        eventType: "DEPROVISIONING_FROM_VOICE_PLATFORM",
        status: "SUCCEEDED"
      })
      // `"failureCode": null` reads as absent.
      expect(event.failureCode).toBeUndefined()
    }))

  it.effect("verifies raw bytes exactly as received", () =>
    Effect.gen(function*() {
      const event = yield* verify({
        headers: { "x-sinch-signature": vector.expectedSignature },
        body: new TextEncoder().encode(vector.rawBody)
      })
      expect(event.eventId).toBe("01hpa0mww4m79q8j2dwn3ggbgz")
    }))

  it.effect("rejects a tampered body, a wrong or missing signature, before decoding", () =>
    Effect.gen(function*() {
      const tampered = yield* Effect.flip(verify({
        headers: { "x-sinch-signature": vector.expectedSignature },
        body: vector.rawBody.replace("SUCCEEDED", "FAILED")
      }))
      expect(tampered._tag).toBe("InvalidSignature")
      expect(tampered._tag === "InvalidSignature" && tampered.reason).toBe("mismatch")
      const missing = yield* Effect.flip(verify({ headers: {}, body: vector.rawBody }))
      expect(missing._tag === "InvalidSignature" && missing.reason).toBe("missing-header")
      expect(tampered.message).not.toContain(vector.secret)
      expect(tampered.message).not.toContain(vector.expectedSignature)
    }))

  it.effect("a verified body that is not an event is InvalidCallbackEvent", () =>
    Effect.gen(function*() {
      const notJson = yield* Effect.flip(verify({ headers: { "x-sinch-signature": sign("nope") }, body: "nope" }))
      expect(notJson._tag).toBe("InvalidCallbackEvent")
      // Every field is optional (reference and official SDK), but a present one must have its type.
      const body = JSON.stringify({ eventId: "e1", resourceId: 46700000000 })
      const incomplete = yield* Effect.flip(verify({ headers: { "x-sinch-signature": sign(body) }, body }))
      expect(incomplete._tag).toBe("InvalidCallbackEvent")
      expect(incomplete.message).toContain("resourceId")
    }))

  it.effect("a failed provisioning event carries its failure code; unknown event types still decode", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({
        eventId: "e2",
        timestamp: "2024-02-10T17:22:09.412722588",
        projectId: "p",
        resourceId: "+12025550100",
        resourceType: "ACTIVE_NUMBER",
        eventType: "SOME_FUTURE_EVENT",
        status: "FAILED",
        failureCode: "PROVISIONING_FAILED",
        extra: true
      })
      const event = yield* verify({ headers: { "x-sinch-signature": sign(body) }, body })
      expect(event.eventType).toBe("SOME_FUTURE_EVENT")
      expect(event.failureCode).toBe("PROVISIONING_FAILED")
    }))
})
