/**
 * What the client hands back for every response Schema is what Effect's own decoder gives for the same
 * body: the client decodes with a compiled fast path, and this is its property over the products' real
 * shapes (generated wire payloads, through an in-process transport), alongside the
 * node-by-node property in sinch-http.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import type { AuthStrategy } from "@sinch-effect/auth-core"
import { SinchClient } from "@sinch-effect/sinch-http"
import { Arbitrary, Effect, Either, FastCheck, Schema } from "effect"
import { responseSchemas } from "./schemas.js"

const strategy: AuthStrategy.ProjectStrategy = {
  _tag: "ProjectBasic",
  scope: "project",
  authenticate: (request) => Effect.succeed({ request }),
  onUnauthorized: () => Effect.succeed(false),
  observe: () => Effect.void
}

/** A client answering every request with `body.text`. */
const clientAnswering = (body: { text: string }) =>
  SinchClient.make({ api: "Numbers", baseUrl: "https://decode.test/v1", strategy }).pipe(
    Effect.provideService(
      HttpClient.HttpClient,
      HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
        (effect) =>
          Effect.map(effect, (request) =>
            HttpClientResponse.fromWeb(
              request,
              new Response(body.text, {
                status: 200,
                headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body.text)) }
              })
            )),
        Effect.succeed
      )
    )
  )

describe("the client's decoding equals Effect's", () => {
  for (const [name, schema] of Object.entries(responseSchemas)) {
    it(`${name}: generated bodies decode through the client exactly as Schema.decodeUnknownEither decodes them`, () =>
      Effect.runPromise(Effect.gen(function*() {
        const body = { text: "" }
        const client = yield* clientAnswering(body)
        const wire = Arbitrary.make(schema).map((value) => Schema.encodeSync(schema)(value))
        const samples = FastCheck.sample(wire, { numRuns: 12, seed: 99 })
        for (const sample of samples) {
          body.text = JSON.stringify(sample)
          const expected = Schema.decodeUnknownEither(schema)(JSON.parse(body.text))
          const got = yield* Effect.either(client.request("GET", "/x", schema))
          // A value JSON cannot carry (a NaN, say) is refused by both, as MalformedResponse by the client.
          if (Either.isLeft(expected)) expect(Either.isLeft(got) && got.left._tag).toBe("MalformedResponse")
          else expect(Either.getOrThrow(got)).toStrictEqual(expected.right)
        }
      })))
  }
})
