import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, ApplicationSigning } from "@sinch-effect/auth-core"
import { Effect, Either, Option, Redacted } from "effect"
import { readFileSync } from "node:fs"

interface Vector {
  readonly name: string
  readonly method: string
  readonly body: string
  readonly contentType: string
  readonly timestamp: string
  readonly path: string
  readonly applicationKey: string
  readonly applicationSecret: string
  readonly expectedContentMd5?: string
  readonly expectedSignature: string
}

const vectors: ReadonlyArray<Vector> = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/application-signed.json", import.meta.url), "utf8")
).vectors

describe("ApplicationSigning vectors", () => {
  it("has all five vectors", () => {
    expect(vectors.map((v) => v.name)).toEqual([
      "verification-docs",
      "verification-empty-body",
      "voice-callback-ace",
      "charset-content-type",
      "get-no-body"
    ])
  })

  it.each(vectors)("sign reproduces $name byte for byte", (vector) => {
    const signed = ApplicationSigning.sign({ ...vector, key: vector.applicationKey, secret: vector.applicationSecret })
    expect(Redacted.value(signed.signature)).toBe(vector.expectedSignature)
    expect(Redacted.value(signed.authorization)).toBe(
      `Application ${vector.applicationKey}:${vector.expectedSignature}`
    )
    // The same from bytes: a string body is its UTF-8 encoding.
    const fromBytes = ApplicationSigning.sign({
      ...vector,
      body: new TextEncoder().encode(vector.body),
      key: vector.applicationKey,
      secret: Redacted.make(vector.applicationSecret)
    })
    expect(Redacted.value(fromBytes.signature)).toBe(vector.expectedSignature)
    if (vector.expectedContentMd5 !== undefined) {
      expect(ApplicationSigning.contentMd5(vector.body)).toBe(vector.expectedContentMd5)
    }
  })

  it("the string to sign has five lines and an empty MD5 line for an empty body", () => {
    const empty = vectors[1]!
    expect(ApplicationSigning.stringToSign(empty)).toBe(
      "POST\n\napplication/json\nx-timestamp:2014-06-04T13:41:58Z\n/verification/v1/verifications"
    )
    expect(ApplicationSigning.contentMd5(new Uint8Array(0))).toBe("")
  })

  it.each(vectors)("signRequest signs $name from the request as it will be sent", (vector) =>
    Effect.gen(function*() {
      const credentials = Either.getOrThrow(ApplicationCredentials.make(vector))
      // A query string and fragment are not signed; the body and content type come from the request itself.
      const base = HttpClientRequest.make(vector.method as "GET" | "POST")(
        `https://api.example.test${vector.path}?ignored=1#frag`
      )
      const request = vector.body === ""
        ? HttpClientRequest.setHeader(base, "content-type", vector.contentType)
        : HttpClientRequest.bodyText(base, vector.body, vector.contentType)
      const signed = yield* ApplicationSigning.signRequest(request, { credentials, timestamp: vector.timestamp })
      expect(signed.headers.authorization).toBe(`Application ${vector.applicationKey}:${vector.expectedSignature}`)
      expect(signed.headers["x-timestamp"]).toBe(vector.timestamp)
    }).pipe(Effect.runPromise))

  it("signs the path as a client sends it: percent-encoded, without the query", () => {
    const request = HttpClientRequest.get("https://api.example.test/v1/numbers/+1 202?q=%2B1")
    expect(ApplicationSigning.pathOf(request)).toBe("/v1/numbers/+1%20202")
    expect(ApplicationSigning.pathOf(HttpClientRequest.get("/relative/p%2Fq?x"))).toBe("/relative/p%2Fq")
    expect(Option.getOrThrow(ApplicationSigning.bodyBytes(request)).length).toBe(0)
  })
})
