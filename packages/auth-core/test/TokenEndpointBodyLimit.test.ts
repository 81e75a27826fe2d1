import { HttpClient, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Redacted } from "effect"
import * as Endpoint from "../src/internal/tokenEndpoint.js"

const answering = (body: string, headers: Record<string, string> = {}) =>
  HttpClient.make((request) =>
    Effect.succeed(HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers })))
  )

const request = (client: HttpClient.HttpClient, maxBodyBytes?: number) =>
  Endpoint.requestToken({
    client,
    request: Endpoint.makeRequest("https://auth.test/oauth2/token", {
      _tag: "ProjectCredentials",
      projectId: "p",
      keyId: "k",
      keySecret: Redacted.make("s")
    } as never),
    keyId: "k",
    timeout: Duration.seconds(10),
    now: Effect.succeed(0),
    maxBodyBytes
  })

const grant = JSON.stringify({ access_token: "t", token_type: "bearer", expires_in: 3600 })

describe("token endpoint body limit", () => {
  it.effect("a streamed body over 64 KB (the default) is MalformedResponse, not buffered whole", () =>
    Effect.gen(function*() {
      const rejection = yield* Effect.flip(request(answering(`${grant}${" ".repeat(70 * 1024)}`)))
      expect(rejection.error._tag).toBe("MalformedResponse")
      expect(rejection.error.message).toContain("larger than the limit of 65536 bytes")
    }))

  it.effect("a declared Content-Length over the limit fails before reading", () =>
    Effect.gen(function*() {
      const rejection = yield* Effect.flip(request(answering(grant, { "content-length": "100000" }), 1024))
      expect(rejection.error._tag).toBe("MalformedResponse")
    }))

  it.effect("a normal grant still decodes", () =>
    Effect.gen(function*() {
      const result = yield* request(answering(grant))
      expect(result.expiresInMillis).toBe(3_600_000)
    }))
})
