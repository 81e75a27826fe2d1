/**
 * Hostile load on the WrongRegion locator: a stream of unknown app ids. Before the bound, 50 000 calls
 * made 150 001 requests (every 404 probed both other regions) and kept every id forever.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { AuthStrategy, ProjectCredentials } from "@sinch-effect/auth-core"
import { SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import { Duration, Effect, Layer, TestClock } from "effect"
import { Conversation } from "../../src/index.js"
import * as Regions from "../../src/internal/conversationRegions.js"

// 50 000 in the original report; 10 000 keeps the run short and shows the same budget.
const calls = 10_000

/** Answers every request 404 (no app anywhere), counting them. */
const notFound = () => {
  const counter = { requests: 0 }
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => {
        counter.requests++
        return HttpClientResponse.fromWeb(
          request,
          new Response(JSON.stringify({ error: { code: 404, message: "app not found", status: "NOT_FOUND" } }), {
            status: 404,
            headers: { "content-type": "application/json" }
          })
        )
      })
    )
  )
  return { counter, layer }
}

const core = (http: Layer.Layer<HttpClient.HttpClient>) =>
  Layer.mergeAll(
    ProjectCredentials.layer({
      projectId: "37b62a7b-0177-4b6c-9f6e-e10f848de123",
      keyId: "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
      keySecret: "s1"
    }).pipe(Layer.orDie),
    SinchEndpoints.layer({ conversation: "https://{region}.conversation.test" }).pipe(Layer.orDie),
    http
  )

describe("WrongRegion locator under unknown ids", () => {
  it.effect(`getApp x${calls} unknown ids: the probes stay within their budget`, () =>
    Effect.gen(function*() {
      const { counter, layer } = notFound()
      const probes = yield* Effect.gen(function*() {
        const conversation = yield* Conversation.makeWith({ region: "us", strategy: AuthStrategy.projectBasic })
        for (let i = 0; i < calls; i++) {
          const error = yield* Effect.flip(conversation.getApp(`unknown-${i}`))
          if (error._tag !== "SinchApiError") return yield* Effect.dieMessage(`call ${i}: ${error._tag}`)
        }
        return yield* conversation.regionProbes
      }).pipe(Effect.provide(core(layer)))
      // A burst of 10 probe rounds (2 regions each); no simulated time passed, so no refill.
      expect(probes).toBe(20)
      expect(counter.requests).toBe(calls + 20)
    }), { timeout: 180_000 })

  it.effect(
    "remembered ids are bounded (LRU of 1000); answers expire; the budget refills with time",
    () =>
      Effect.gen(function*() {
        const { layer } = notFound()
        yield* Effect.gen(function*() {
          const client = (region: string) =>
            Effect.flatMap(
              AuthStrategy.projectBasic,
              (strategy) =>
                SinchClient.make({ api: "Conversation", baseUrl: `https://${region}.conversation.test`, strategy })
            )
          const locator = yield* Regions.make({
            api: "Conversation",
            configured: "us",
            others: [["eu", yield* client("eu")], ["br", yield* client("br")]],
            suggestedUrl: (region) => `https://${region}.conversation.test`
          })
          const notFoundError = yield* Effect.flip(
            Effect.flatMap(client("us"), (c) => c.requestVoid("GET", "/apps/x"))
          )
          for (let i = 0; i < 1_500; i++) {
            // One simulated minute per id: the bucket refills, every id is probed and remembered.
            yield* TestClock.adjust(Duration.seconds(6))
            yield* Effect.flip(locator.explain(`id-${i}`, notFoundError))
          }
          expect(yield* locator.probes).toBe(2 * 1_500)
          expect(yield* locator.entries).toBe(1_000)
          // A negative answer lasts a minute: asked again within it, no probe; after it, one more round.
          yield* Effect.flip(locator.explain("id-1499", notFoundError))
          expect(yield* locator.probes).toBe(3_000)
          yield* TestClock.adjust(Duration.minutes(2))
          yield* Effect.flip(locator.explain("id-1499", notFoundError))
          expect(yield* locator.probes).toBe(3_002)
        }).pipe(Effect.provide(core(layer)))
      }),
    { timeout: 180_000 }
  )
})
