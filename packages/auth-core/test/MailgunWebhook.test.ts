import { HttpServerRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { NonceStore, SinchCallback, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Schema, TestClock } from "effect"
import { inspect } from "node:util"

// Token and timestamp of the sample in Mailgun's "Securing Webhooks"; its sample signature is a
// placeholder, so the signature here was computed independently:
// printf '%s' "1770920772e0b5477167110d68991efc6b9f89f0a11066af27834600e123" \
//   | openssl dgst -sha256 -hmac "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
const signingKey = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
const vector = {
  token: "e0b5477167110d68991efc6b9f89f0a11066af27834600e123",
  timestamp: "1770920772",
  signature: "3f9f9869e390626cfa401e164e5cd201b24d153eafc2004a69d41c945dc93c1e"
}
const at = Number(vector.timestamp) * 1000

const body = (signature: Record<string, unknown> = vector) =>
  JSON.stringify({
    signature,
    "event-data": { event: "delivered", id: "CPgfbmQMTCKtHW6uIWtuVe", recipient: "alice@example.com" }
  })

const store = NonceStore.layerMemory({ maxEntries: 100 })

const verify = WebhookVerifier.mailgun({ signingKey })

const reasonOf = <A, R>(
  effect: Effect.Effect<A, { readonly reason: string; readonly header?: string | undefined }, R>
) => Effect.map(Effect.flip(effect), (error) => [error.reason, error.header])

describe("WebhookVerifier.mailgun", () => {
  it.effect("accepts the vector, its timestamp as a string or a number, its signature in either case", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(at)
      const ok = yield* verify({ headers: {}, body: body() })
      expect(ok.text).toBe(body())
      const numeric = body({ ...vector, timestamp: Number(vector.timestamp) })
      expect((yield* verify({ headers: {}, body: new TextEncoder().encode(numeric) }).pipe(Effect.provide(store))).text)
        .toBe(numeric)
      const upper = body({ ...vector, signature: vector.signature.toUpperCase() })
      expect((yield* verify({ headers: {}, body: upper }).pipe(Effect.provide(store))).text).toBe(upper)
    }).pipe(Effect.provide(store)))

  it.effect("rejects another key, a changed token or timestamp, and names what is missing or malformed", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(at)
      const other = WebhookVerifier.mailgun({ signingKey: "key-other" })
      expect(yield* reasonOf(other({ headers: {}, body: body() }))).toEqual(["mismatch", "signature.signature"])
      expect(yield* reasonOf(verify({ headers: {}, body: body({ ...vector, token: `${vector.token}x` }) }))).toEqual([
        "mismatch",
        "signature.signature"
      ])
      expect(yield* reasonOf(verify({ headers: {}, body: body({ ...vector, timestamp: "1770920773" }) }))).toEqual([
        "mismatch",
        "signature.signature"
      ])
      for (const field of ["timestamp", "token", "signature"] as const) {
        const { [field]: _, ...rest } = vector
        expect(yield* reasonOf(verify({ headers: {}, body: body(rest) }))).toEqual([
          "missing-header",
          `signature.${field}`
        ])
      }
      expect(yield* reasonOf(verify({ headers: {}, body: JSON.stringify({ "event-data": {} }) }))).toEqual([
        "missing-header",
        "signature"
      ])
      expect(yield* reasonOf(verify({ headers: {}, body: "token=x" }))).toEqual(["malformed", undefined])
      expect(yield* reasonOf(verify({ headers: {}, body: body({ ...vector, signature: "abc" }) }))).toEqual([
        "malformed",
        "signature.signature"
      ])
      expect(yield* reasonOf(verify({ headers: {}, body: body({ ...vector, timestamp: "17709.20772" }) }))).toEqual([
        "malformed",
        "signature.timestamp"
      ])
    }).pipe(Effect.provide(store)))

  it.effect("accepts up to the window on either side, rejects past it, and a token only once", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(at + 5 * 60_000 + 1000)
      expect(yield* reasonOf(verify({ headers: {}, body: body() }))).toEqual(["stale", "signature.timestamp"])
      yield* TestClock.setTime(at - 5 * 60_000 - 1000)
      expect(yield* reasonOf(verify({ headers: {}, body: body() }))).toEqual(["stale", "signature.timestamp"])
      yield* TestClock.setTime(at + 5 * 60_000)
      yield* verify({ headers: {}, body: body() })
      expect(yield* reasonOf(verify({ headers: {}, body: body() }))).toEqual(["replayed", "signature.token"])
      const wide = WebhookVerifier.mailgun({ signingKey, window: "1 hour" })
      yield* TestClock.setTime(at + 30 * 60_000)
      expect(yield* reasonOf(verify({ headers: {}, body: body() }))).toEqual(["stale", "signature.timestamp"])
      // Within its own window, and remembered for as long as that window can accept it.
      yield* wide({ headers: {}, body: body() })
      yield* TestClock.setTime(at + 60 * 60_000)
      expect(yield* reasonOf(wide({ headers: {}, body: body() }))).toEqual(["replayed", "signature.token"])
    }).pipe(Effect.provide(store)))

  it.effect("never shows the signing key or a signature in the error", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(at)
      const wrong = WebhookVerifier.mailgun({ signingKey: "key-planted-secret-value" })
      const error = yield* Effect.flip(wrong({ headers: {}, body: body() }))
      expect(error.message).toBe(
        "Rejected a Mailgun webhook: the signature does not match (signature.signature). Check that the configured key is the account's HTTP webhook signing key (not the API key) and that the raw body reaches verification unmodified."
      )
      for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain("key-planted-secret-value")
        expect(text).not.toContain(vector.signature)
      }
    }).pipe(Effect.provide(store)))
})

describe("SinchCallback.mailgun", () => {
  const Delivered = Schema.Struct({
    signature: Schema.Struct({ token: Schema.String }),
    "event-data": Schema.Struct({ event: Schema.String, id: Schema.String })
  })
  const handled: Array<string> = []
  let fail = false
  const app = SinchCallback.mailgun({
    signingKey,
    schema: Delivered,
    handler: (event) =>
      fail ? Effect.fail("handler failed" as const) : Effect.sync(() => void handled.push(event["event-data"].id))
  })
  const post = (text: string) =>
    Effect.map(
      Effect.either(app.pipe(
        Effect.provideService(
          HttpServerRequest.HttpServerRequest,
          HttpServerRequest.fromWeb(
            new Request("http://127.0.0.1/mailgun", {
              method: "POST",
              body: text,
              headers: { "content-type": "application/json" }
            })
          )
        )
      )),
      (result) => (result._tag === "Right" ? result.right.status : result.left)
    )

  it.effect("runs the handler once per verified event; a failed handler lets Mailgun's retry in", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(at)
      expect(yield* post(body({ ...vector, signature: "0".repeat(64) }))).toBe(401)
      fail = true
      expect(yield* post(body())).toBe("handler failed")
      fail = false
      expect(yield* post(body())).toBe(200)
      expect(yield* post(body())).toBe(401)
      expect(handled).toEqual(["CPgfbmQMTCKtHW6uIWtuVe"])
    }).pipe(Effect.provide(store)))
})
