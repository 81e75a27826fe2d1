import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { inspect } from "node:util"
import * as SinchClient from "../../src/SinchClient.js"
import { basic, fakeClient } from "../support.js"

/** Every way an error is printed. */
const printed = (error: unknown): string =>
  [String(error), (error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 })].join("\n")

/** The error of a POST sent with `authorization` and answered `status` with `body`. */
const errorFor = (authorization: string, status: number, body: unknown) =>
  Effect.gen(function*() {
    const fake = fakeClient(() => ({ status, body }))
    const client = yield* SinchClient.make({
      api: "Numbers",
      baseUrl: "https://numbers.test",
      strategy: basic(authorization)
    })
      .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
    const error = yield* Effect.flip(client.requestVoid("POST", "/x", { body: {} }))
    expect(fake.seen.length).toBe(1)
    expect(fake.seen[0]!.headers["authorization"]).toBe(authorization)
    return error
  })

const opaque = "opaque-T0ken_value-42"
const keySecret = "S3cret/Key+Value="
const basicHeader = `Basic ${Buffer.from(`key-id:${keySecret}`).toString("base64")}`
const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXkifQ.c2lnbmF0dXJlLXZhbHVl"
const signature = "qAqkTyw6yEe1KbYJHsYr7Xkrnc0SzyHySSaLMgvJ0/A="

describe("hostile: API error bodies that echo credentials", () => {
  it.effect("a bearer token echoed in the message of a known shape", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(`Bearer ${opaque}`, 400, {
        error: { code: 400, message: `Bad header Authorization: Bearer ${opaque}`, status: "INVALID_ARGUMENT" }
      })
      expect(error._tag).toBe("SinchApiError")
      expect(printed(error)).not.toContain(opaque)
      expect(error.message).toContain("Bearer <redacted>")
    }))

  it.effect("the exact token, without its scheme, in a detail and a field violation", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(`Bearer ${opaque}`, 400, {
        error: {
          message: `token ${opaque} is not valid`,
          details: [{ fieldViolations: [{ field: opaque, description: `got ${opaque}` }] }]
        }
      })
      expect(printed(error)).not.toContain(opaque)
      expect(error.message).toContain("token <redacted> is not valid")
    }))

  it.effect("a token in a body of no known shape (the preview)", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(`Bearer ${opaque}`, 400, `<html>denied for ${opaque}</html>`)
      expect(error._tag).toBe("MalformedResponse")
      expect(printed(error)).not.toContain(opaque)
      const json = yield* errorFor(`Bearer ${opaque}`, 500, { echo: { authorization: `Bearer ${opaque}` } })
      expect(json._tag).toBe("MalformedResponse")
      expect(printed(json)).not.toContain(opaque)
    }))

  it.effect("a Basic header, its decoded form and its secret (JSON-escaped too)", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(basicHeader, 400, {
        error: { message: `sent ${basicHeader}; decoded key-id:${keySecret}; secret ${keySecret.replace("/", "\\/")}` }
      })
      const out = printed(error)
      expect(out).not.toContain(basicHeader.slice(6))
      expect(out).not.toContain(keySecret)
      expect(out).not.toContain(keySecret.replace("/", "\\/"))
    }))

  it.effect("JWT-shaped strings and Application signatures that were not sent are scrubbed by shape", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(`Bearer ${opaque}`, 400, {
        error: { message: `old token ${jwt}; header Application app-key:${signature}` }
      })
      const out = printed(error)
      expect(out).not.toContain(jwt)
      expect(out).not.toContain(signature)
      expect(error.message).toContain("old token <redacted>; header Application <redacted>")
    }))

  it.effect("an ordinary error message is unchanged", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(`Bearer ${opaque}`, 400, {
        error: { message: "Number +12025550123 is not available in region us-1.2.3", status: "INVALID_ARGUMENT" }
      })
      expect(error.message).toBe(
        "Numbers answered 400 INVALID_ARGUMENT: Number +12025550123 is not available in region us-1.2.3"
      )
    }))
})

/** A 2xx body that does not decode: the formatter quotes the failing value, which may be a credential. */
const decodeErrorFor = <A, I>(schema: Schema.Schema<A, I>, body: unknown) =>
  Effect.gen(function*() {
    const fake = fakeClient(() => ({ status: 200, body }))
    const client = yield* SinchClient.make({ api: "Conversation", baseUrl: "https://conv.test", strategy: basic("x") })
      .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
    return yield* Effect.flip(client.request("GET", "/apps/1", schema))
  })

const Credential = Schema.Struct({
  channel: Schema.String,
  static_bearer: Schema.optional(
    Schema.Struct({ claimed_identity: Schema.String, token: Schema.Redacted(Schema.String) })
  )
})
const App = Schema.Struct({ id: Schema.String, channel_credentials: Schema.Array(Credential) })

describe("hostile: 2xx bodies that do not decode never quote a credential", () => {
  it.effect("a wrongly shaped static_bearer: its token is not in the message, the path is", () =>
    Effect.gen(function*() {
      const error = yield* decodeErrorFor(App, {
        id: "app",
        channel_credentials: [{
          channel: "WHATSAPP",
          static_bearer: { claimed_identity: 7, token: "Pl4ntedBearerT0ken" }
        }]
      })
      expect(error._tag).toBe("MalformedResponse")
      expect(printed(error)).not.toContain("Pl4ntedBearerT0ken")
      expect(error.message).toContain("channel_credentials[0].static_bearer.claimed_identity")
    }))

  it.effect("a token where a structure was expected: the whole quoted value is withheld", () =>
    Effect.gen(function*() {
      const error = yield* decodeErrorFor(App, {
        id: "app",
        channel_credentials: [{ channel: "WHATSAPP", static_bearer: "Pl4ntedBearerT0ken" }]
      })
      expect(printed(error)).not.toContain("Pl4ntedBearerT0ken")
      expect(error.message).toContain("actual <redacted>")
    }))

  it.effect("a secret echoed elsewhere in the body is masked in the formatter's quote of a sibling", () =>
    Effect.gen(function*() {
      const error = yield* decodeErrorFor(Schema.Struct({ id: Schema.String, meta: Schema.String }), {
        id: "app",
        api_token: "Pl4ntedOtherT0ken",
        meta: { note: "Pl4ntedOtherT0ken" }
      })
      expect(printed(error)).not.toContain("Pl4ntedOtherT0ken")
      expect(error.message).toContain("at meta")
    }))
})
