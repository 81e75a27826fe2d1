/**
 * One bad item never empties a page silently: the call fails with `MalformedResponse`, whose detail
 * names the item's index and the field's full path (never cut), with a body preview that masks every
 * secret-looking value.
 */
import { HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import type { AuthStrategy } from "@sinch-effect/auth-core"
import { SinchClient } from "@sinch-effect/sinch-http"
import { Effect, Stream } from "effect"
import { Numbers } from "../../src/index.js"

/** Every request is answered 200 with `body`. */
const answering = (body: unknown) =>
  HttpClient.make((request) =>
    Effect.succeed(HttpClientResponse.fromWeb(request, new Response(JSON.stringify(body), { status: 200 })))
  )

const basic: AuthStrategy.ProjectStrategy = {
  _tag: "ProjectBasic",
  scope: "project",
  authenticate: (request) =>
    Effect.succeed({ request: HttpClientRequest.setHeader(request, "authorization", "Basic eA==") }),
  onUnauthorized: () => Effect.succeed(false),
  observe: () => Effect.void
}

const serviceAnswering = (body: unknown) => {
  return SinchClient.make({ api: "Numbers", baseUrl: "https://numbers.test/v1/projects/p", strategy: basic })
    .pipe(Effect.provideService(HttpClient.HttpClient, answering(body)), Effect.map(Numbers.fromClient))
}

describe("MalformedResponse", () => {
  it.effect("names the index and path of the first bad item of a page", () =>
    Effect.gen(function*() {
      const longKey = "a".repeat(600)
      const numbers = yield* serviceAnswering({
        activeNumbers: [{ phoneNumber: "+1" }, { phoneNumber: "+2" }, {
          phoneNumber: "+3",
          [longKey]: 1,
          money: { amount: 5 }
        }],
        nextPageToken: ""
      })
      const error = yield* Effect.flip(Stream.runCollect(numbers.listActiveNumbers()))
      expect(error._tag).toBe("MalformedResponse")
      const detail = error._tag === "MalformedResponse" ? error.detail : ""
      expect(detail.startsWith("at activeNumbers[2].money.amount: ")).toBe(true)
    }))

  it.effect("previews the body with every secret-looking value masked", () =>
    Effect.gen(function*() {
      const numbers = yield* serviceAnswering({ projectId: 42, hmacSecret: "s3cr3t-value", token: "tok-123" })
      const error = yield* Effect.flip(numbers.getCallbackConfiguration)
      const detail = error._tag === "MalformedResponse" ? error.detail : ""
      expect(detail).toContain("at projectId: ")
      expect(detail).toContain("\"hmacSecret\":\"<redacted>\"")
      expect(detail).not.toContain("s3cr3t-value")
      expect(detail).not.toContain("tok-123")
      expect(error.message).not.toContain("s3cr3t-value")
    }))
})
