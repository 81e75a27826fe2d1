import { Headers } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, ApplicationSigning, NonceStore, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Layer, Redacted, TestClock } from "effect"
import { readFileSync } from "node:fs"

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), "utf8"))

const conv: {
  headers: Record<string, string>
  secret: string
  nonce: string
  timestamp: string
  rawBody: string
  expectedSignature: string
} = fixture("conversation-webhook.json")
const num: { secret: string; rawBody: string; expectedSignature: string } = fixture("numbers-callback.json")
const ace = (fixture("application-signed.json").vectors as ReadonlyArray<Record<string, string>>).find((v) =>
  v.name === "voice-callback-ace"
)!

const conversationAt = Number(conv.timestamp) * 1000
const aceAt = Date.parse(ace.timestamp!)

const freshStore = NonceStore.layerMemory({ maxEntries: 100 })
const aceCredentials = ApplicationCredentials.layer({
  applicationKey: ace.applicationKey!,
  applicationSecret: ace.applicationSecret!
})

const reasonOf = <A, R>(
  effect: Effect.Effect<A, { readonly reason: string; readonly header?: string | undefined }, R>
) => Effect.map(Effect.flip(effect), (error) => [error.reason, error.header])

describe("WebhookVerifier.conversation", () => {
  const verify = WebhookVerifier.conversation({ secret: conv.secret })
  const withHeaders = (patch: Record<string, string | undefined>, body: string | Uint8Array = conv.rawBody) => {
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries({ ...conv.headers, ...patch })) {
      if (value !== undefined) headers[name] = value
    }
    return verify({ headers, body })
  }

  it.effect("accepts the vector, from a string, from bytes, and with headers in any case or shape", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(conversationAt)
      const ok = yield* withHeaders({})
      expect(ok.text).toBe(conv.rawBody)
      expect(Buffer.from(ok.bytes).toString("utf8")).toBe(conv.rawBody)

      const upper = Object.fromEntries(Object.entries(conv.headers).map(([k, v]) => [k.toUpperCase(), v]))
      const nonce2 = { ...upper, "X-SINCH-WEBHOOK-SIGNATURE-NONCE": "other-nonce" }
      // A different nonce changes the signature: the vector's signature does not cover it.
      expect(yield* reasonOf(verify({ headers: nonce2, body: conv.rawBody }))).toEqual([
        "mismatch",
        "x-sinch-webhook-signature"
      ])
      const bytes = new TextEncoder().encode(conv.rawBody)
      const web = new globalThis.Headers(conv.headers)
      const platform = Headers.fromInput(conv.headers)
      // Each shape is a new delivery to a new store: same nonce again would be a replay.
      for (const headers of [upper, web, platform]) {
        const result = yield* verify({ headers, body: bytes }).pipe(Effect.provide(freshStore))
        expect(result.text).toBe(conv.rawBody)
      }
    }).pipe(Effect.provide(freshStore)))

  it.effect("names each missing, repeated or malformed header", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(conversationAt)
      for (const name of Object.keys(conv.headers).filter((n) => !n.endsWith("algorithm"))) {
        expect(yield* reasonOf(withHeaders({ [name]: undefined }))).toEqual(["missing-header", name])
        expect(yield* reasonOf(withHeaders({ [name]: "" }))).toEqual(["missing-header", name])
      }
      expect(yield* reasonOf(withHeaders({ "x-sinch-webhook-signature-timestamp": "16345793.53" }))).toEqual([
        "malformed",
        "x-sinch-webhook-signature-timestamp"
      ])
      expect(
        yield* reasonOf(
          verify({
            headers: { ...conv.headers, "x-sinch-webhook-signature": [conv.expectedSignature, conv.expectedSignature] },
            body: conv.rawBody
          })
        )
      ).toEqual(["malformed", "x-sinch-webhook-signature"])
    }).pipe(Effect.provide(freshStore)))

  it.effect("pins HmacSHA256 whatever the algorithm header says", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(conversationAt)
      for (const algorithm of ["HmacSHA1", "none", "HmacSHA512"]) {
        expect(yield* reasonOf(withHeaders({ "x-sinch-webhook-signature-algorithm": algorithm }))).toEqual([
          "bad-scheme",
          "x-sinch-webhook-signature-algorithm"
        ])
      }
      // Without the header the pinned algorithm still applies.
      const ok = yield* withHeaders({ "x-sinch-webhook-signature-algorithm": undefined })
      expect(ok.text).toBe(conv.rawBody)
    }).pipe(Effect.provide(freshStore)))

  it.effect("rejects a tampered body or signature, of any length", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(conversationAt)
      expect(yield* reasonOf(withHeaders({}, conv.rawBody + " "))).toEqual(["mismatch", "x-sinch-webhook-signature"])
      expect(yield* reasonOf(withHeaders({}, conv.rawBody.replace("New Test", "Old Test")))).toEqual([
        "mismatch",
        "x-sinch-webhook-signature"
      ])
      for (
        const signature of [
          "x",
          conv.expectedSignature.slice(1),
          conv.expectedSignature + "A",
          "6" + conv.expectedSignature.slice(1).toLowerCase()
        ]
      ) {
        expect(yield* reasonOf(withHeaders({ "x-sinch-webhook-signature": signature }))).toEqual([
          "mismatch",
          "x-sinch-webhook-signature"
        ])
      }
    }).pipe(Effect.provide(freshStore)))

  it.effect("accepts timestamps within 5 minutes either way and rejects them beyond", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(conversationAt + 5 * 60_000)
      expect((yield* withHeaders({}).pipe(Effect.provide(freshStore))).text).toBe(conv.rawBody)
      yield* TestClock.adjust("1 millis")
      expect(yield* reasonOf(withHeaders({}))).toEqual(["stale", "x-sinch-webhook-signature-timestamp"])
      yield* TestClock.setTime(conversationAt - 5 * 60_000 - 1)
      expect(yield* reasonOf(withHeaders({}))).toEqual(["stale", "x-sinch-webhook-signature-timestamp"])
      // A configurable window.
      yield* TestClock.setTime(conversationAt + 30_000)
      const strict = WebhookVerifier.conversation({ secret: Redacted.make(conv.secret), window: "10 seconds" })
      expect(yield* reasonOf(strict({ headers: conv.headers, body: conv.rawBody }))).toEqual([
        "stale",
        "x-sinch-webhook-signature-timestamp"
      ])
    }).pipe(Effect.provide(freshStore)))

  it.effect("rejects the same nonce twice within the window", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(conversationAt)
      yield* withHeaders({})
      expect(yield* reasonOf(withHeaders({}))).toEqual(["replayed", "x-sinch-webhook-signature-nonce"])
    }).pipe(Effect.provide(freshStore)))
})

describe("WebhookVerifier.numbers", () => {
  const verify = WebhookVerifier.numbers({ secret: num.secret })

  it.effect("accepts the vector (hex in either case) and rejects tampering", () =>
    Effect.gen(function*() {
      expect((yield* verify({ headers: { "X-Sinch-Signature": num.expectedSignature }, body: num.rawBody })).text).toBe(
        num.rawBody
      )
      const upper = num.expectedSignature.toUpperCase()
      const bytes = new TextEncoder().encode(num.rawBody)
      expect((yield* verify({ headers: { "x-sinch-signature": upper }, body: bytes })).bytes).toEqual(bytes)
      expect(yield* reasonOf(verify({ headers: {}, body: num.rawBody }))).toEqual([
        "missing-header",
        "x-sinch-signature"
      ])
      expect(yield* reasonOf(verify({ headers: { "x-sinch-signature": "zz" }, body: num.rawBody }))).toEqual([
        "malformed",
        "x-sinch-signature"
      ])
      expect(
        yield* reasonOf(verify({ headers: { "x-sinch-signature": num.expectedSignature }, body: num.rawBody + "\n" }))
      ).toEqual(["mismatch", "x-sinch-signature"])
      const flipped = (num.expectedSignature[0] === "a" ? "b" : "a") + num.expectedSignature.slice(1)
      expect(yield* reasonOf(verify({ headers: { "x-sinch-signature": flipped }, body: num.rawBody }))).toEqual([
        "mismatch",
        "x-sinch-signature"
      ])
    }))
})

describe("WebhookVerifier.application", () => {
  const verify = WebhookVerifier.application()
  const signedHeaders = (extra: Record<string, string> = {}) => ({
    "Content-Type": ace.contentType!,
    "X-Timestamp": ace.timestamp!,
    Authorization: `Application ${ace.applicationKey}:${ace.expectedSignature}`,
    ...extra
  })
  const callback = (headers: Record<string, string>, patch: Partial<WebhookVerifier.IncomingSigned> = {}) =>
    verify({ method: "POST", path: ace.path!, headers, body: ace.body!, ...patch })
  const basic = (text: string) => `Basic ${Buffer.from(text, "utf8").toString("base64")}`

  it.effect("accepts the voice-callback-ace vector, with any scheme case and a query string", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(aceAt)
      expect((yield* callback(signedHeaders())).text).toBe(ace.body)
      const lower = signedHeaders({ Authorization: `application ${ace.applicationKey}:${ace.expectedSignature}` })
      expect((yield* callback(lower, { path: `${ace.path}?from=sinch` }).pipe(Effect.provide(freshStore))).text).toBe(
        ace.body
      )
    }).pipe(Effect.provide(Layer.merge(aceCredentials, freshStore))))

  it.effect("rejects another key, tampered parts, a stale timestamp and a replay", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(aceAt)
      const sig = `${ace.applicationKey}:${ace.expectedSignature}`
      expect(
        yield* reasonOf(callback(signedHeaders({ Authorization: `Application other-key:${ace.expectedSignature}` })))
      )
        .toEqual(["mismatch", "authorization"])
      expect(yield* reasonOf(callback(signedHeaders(), { method: "PUT" }))).toEqual(["mismatch", "authorization"])
      expect(yield* reasonOf(callback(signedHeaders(), { path: "/sinch/callback/dice" }))).toEqual([
        "mismatch",
        "authorization"
      ])
      expect(yield* reasonOf(callback(signedHeaders(), { body: ace.body!.replace("ace", "ice") }))).toEqual([
        "mismatch",
        "authorization"
      ])
      expect(yield* reasonOf(callback(signedHeaders({ "Content-Type": "text/plain" })))).toEqual([
        "mismatch",
        "authorization"
      ])
      expect(yield* reasonOf(callback(signedHeaders({ "X-Timestamp": "2014-09-24T10:59:42Z" })))).toEqual([
        "mismatch",
        "authorization"
      ])
      expect(yield* reasonOf(callback(signedHeaders({ "X-Timestamp": "yesterday" })))).toEqual([
        "malformed",
        "x-timestamp"
      ])
      expect(yield* reasonOf(callback({ Authorization: `Application ${sig}` }))).toEqual([
        "missing-header",
        "x-timestamp"
      ])
      expect(yield* reasonOf(callback({}))).toEqual(["missing-header", "authorization"])
      expect(yield* reasonOf(callback(signedHeaders({ Authorization: "Application nocolon" })))).toEqual([
        "malformed",
        "authorization"
      ])
      expect(yield* reasonOf(callback(signedHeaders({ Authorization: `Bearer ${ace.expectedSignature}` })))).toEqual([
        "bad-scheme",
        "authorization"
      ])

      yield* TestClock.adjust("5 minutes")
      yield* TestClock.adjust("1 second")
      expect(yield* reasonOf(callback(signedHeaders()))).toEqual(["stale", "x-timestamp"])
      yield* TestClock.setTime(aceAt)
      yield* callback(signedHeaders())
      expect(yield* reasonOf(callback(signedHeaders()))).toEqual(["replayed", "authorization"])
    }).pipe(Effect.provide(Layer.merge(aceCredentials, freshStore))))

  it.effect("accepts Basic key:secret, correctly decoded, unless disabled", () =>
    Effect.gen(function*() {
      const good = basic(`${ace.applicationKey}:${ace.applicationSecret}`)
      expect((yield* callback({ Authorization: good })).text).toBe(ace.body)
      expect((yield* callback({ authorization: good.replace("Basic", "BASIC") })).text).toBe(ace.body)
      expect(yield* reasonOf(callback({ Authorization: basic(`${ace.applicationKey}:wrong`) }))).toEqual([
        "mismatch",
        "authorization"
      ])
      expect(yield* reasonOf(callback({ Authorization: basic(`other:${ace.applicationSecret}`) }))).toEqual([
        "mismatch",
        "authorization"
      ])
      expect(yield* reasonOf(callback({ Authorization: "Basic !!!not-base64" }))).toEqual([
        "malformed",
        "authorization"
      ])
      expect(yield* reasonOf(callback({ Authorization: basic("no-colon") }))).toEqual(["malformed", "authorization"])
      const signedOnly = WebhookVerifier.application({ allowBasic: false })
      expect(
        yield* reasonOf(
          signedOnly({ method: "POST", path: ace.path!, headers: { Authorization: good }, body: ace.body! })
        )
      ).toEqual(["bad-scheme", "authorization"])
    }).pipe(Effect.provide(Layer.merge(aceCredentials, freshStore))))

  it.effect("verifies what ApplicationSigning signs, for a GET with no body and no content type", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(aceAt)
      const timestamp = new Date(aceAt).toISOString()
      const signed = ApplicationSigning.sign({
        method: "GET",
        path: "/calls/abc%2Fdef",
        body: "",
        timestamp,
        key: ace.applicationKey!,
        secret: ace.applicationSecret!
      })
      const headers = { authorization: Redacted.value(signed.authorization), "x-timestamp": timestamp }
      const ok = yield* verify({ method: "GET", path: "/calls/abc%2Fdef", headers, body: new Uint8Array(0) })
      expect(ok.bytes.length).toBe(0)
    }).pipe(Effect.provide(Layer.merge(aceCredentials, freshStore))))
})
