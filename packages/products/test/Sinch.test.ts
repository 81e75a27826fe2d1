import { describe, expect, it } from "@effect/vitest"
import { TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import * as EmulatedConversation from "@sinch-effect/emulator/products/conversation"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { ConfigProvider, Effect, Either, Layer, Redacted, Stream } from "effect"
import { Conversation, ElasticSipTrunking, Numbers, Sinch } from "../src/index.js"

const demo = Emulator.demoCredentials
const emulatorUrl = "https://emulator.test"

const env = (vars: Record<string, string>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(vars))))

const demoEnv = {
  SINCH_PROJECT_ID: demo.projectId,
  SINCH_KEY_ID: demo.keyId,
  SINCH_KEY_SECRET: Redacted.value(demo.keySecret),
  SINCH_EMULATOR_URL: emulatorUrl,
  SINCH_CONVERSATION_REGION: "eu"
}

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

// One call of each product, a few times over and concurrently: what a small service does at start-up.
const touchAllProducts = Effect.gen(function*() {
  const numbers = yield* Numbers.Numbers
  const trunks = yield* ElasticSipTrunking.ElasticSipTrunking
  const conversation = yield* Conversation.Conversation
  return yield* Effect.all(
    Array.from({ length: 5 }, () =>
      Effect.all([
        Stream.runCollect(Stream.take(numbers.listActiveNumbers(), 1)),
        Stream.runCollect(Stream.take(trunks.listSipTrunks(), 1)),
        conversation.getApp(EmulatedConversation.demoData.euApp)
      ])),
    { concurrency: "unbounded" }
  )
})

describe("Sinch.layerConfig", () => {
  it.effect("serves Numbers, Elastic SIP Trunking and Conversation with exactly 1 token request", () =>
    Effect.gen(function*() {
      const results = yield* touchAllProducts
      expect(results).toHaveLength(5)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(1)
      expect(seen.requestsByRoute["POST /auth/oauth2/token"]).toBe(1)
      expect(seen.requestsByApi["numbers"]).toBe(5)
      expect(seen.requestsByApi["est"]).toBe(5)
      expect(seen.requestsByApi["conversation"]).toBe(5)
      const snapshot = yield* Effect.flatMap(TokenProvider.TokenProvider, (provider) => provider.snapshot)
      expect(snapshot.requests).toBe(1)
    }).pipe(
      Effect.provide(
        Sinch.layerConfig().pipe(Layer.provideMerge(EmulatorClient.layerEmulator()), Layer.provide(env(demoEnv)))
      )
    ))

  it.effect("takes the region from the options before SINCH_CONVERSATION_REGION", () =>
    Effect.gen(function*() {
      const conversation = yield* Conversation.Conversation
      const app = yield* conversation.getApp(EmulatedConversation.demoData.usApp)
      expect(app.id).toBe(EmulatedConversation.demoData.usApp)
      expect((yield* counters).requestsByRoute[`GET /conversation/us/v1/projects/${demo.projectId}/apps/${app.id}`])
        .toBe(1)
    }).pipe(
      Effect.provide(
        Sinch.layerConfig({ region: "us" }).pipe(
          Layer.provideMerge(EmulatorClient.layerEmulator()),
          Layer.provide(env(demoEnv))
        )
      )
    ))

  it.effect("fails with a ConfigError naming SINCH_CONVERSATION_REGION when it is missing or wrong", () =>
    Effect.gen(function*() {
      for (const region of [undefined, "asia"]) {
        const vars: Record<string, string> = { ...demoEnv }
        if (region === undefined) delete vars.SINCH_CONVERSATION_REGION
        else vars.SINCH_CONVERSATION_REGION = region
        const result = yield* Layer.build(Sinch.layerConfig()).pipe(
          Effect.scoped,
          Effect.provide(EmulatorClient.layerEmulator()),
          Effect.provide(env(vars)),
          Effect.either
        )
        expect(Either.isLeft(result)).toBe(true)
        expect(String(Either.isLeft(result) ? result.left : "")).toContain("SINCH_CONVERSATION_REGION")
      }
    }))
})

describe("Sinch.layer", () => {
  it.effect("wires the same from values, with the token URL taken from the endpoints", () =>
    Effect.gen(function*() {
      yield* touchAllProducts
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(1)
      expect(seen.requestsByRoute["POST /auth/oauth2/token"]).toBe(1)
    }).pipe(
      Effect.provide(
        Sinch.layer({
          credentials: { projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret },
          region: "eu",
          endpoints: SinchEndpoints.emulator(emulatorUrl)
        }).pipe(Layer.provideMerge(EmulatorClient.layerEmulator()))
      )
    ))
})
