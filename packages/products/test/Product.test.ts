import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Context, Effect, Layer, Schema } from "effect"
import { Product } from "../src/index.js"

const demo = Emulator.demoCredentials

const Base = Layer.mergeAll(
  ProjectCredentials.layer({ projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret }),
  ApplicationCredentials.layer({ applicationKey: demo.applicationKey, applicationSecret: demo.applicationSecret }),
  SinchEndpoints.layer()
).pipe(Layer.orDie, Layer.provideMerge(EmulatorClient.layerEmulator()))

// A project-scoped service of one operation, built only from its Tag, its API's key and `fromClient`.
class Regions extends Context.Tag("test/Regions")<Regions, { readonly count: Effect.Effect<number, unknown> }>() {}
const regions = Product.project({
  tag: Regions,
  api: "numbers",
  fromClient: (client) => ({
    count: client.request("GET", "/availableRegions", Schema.Struct({ availableRegions: Schema.Array(Schema.Unknown) }))
      .pipe(Effect.map((response) => response.availableRegions.length))
  })
})

// An application-scoped one: Verification signs each request with the application key.
const Started = Schema.Struct({ id: Schema.String, method: Schema.String })
const Start = Schema.Struct({
  identity: Schema.Struct({ type: Schema.Literal("number"), endpoint: Schema.String }),
  method: Schema.Literal("sms")
})
class Verify extends Context.Tag("test/Verify")<Verify, {
  readonly start: (endpoint: string) => Effect.Effect<typeof Started.Type, unknown>
  readonly client: SinchClient.SinchClient
}>() {}
const verify = Product.application({
  tag: Verify,
  api: "verification",
  baseUrl: (endpoints) => endpoints.verification,
  fromClient: (client) => ({
    client,
    start: (endpoint) =>
      Product.send(
        client,
        "POST",
        "/verification/v1/verifications",
        Start,
        { identity: { type: "number", endpoint }, method: "sms" },
        Started
      )
  })
})

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

describe("Product constructors", () => {
  it.effect("project: layer uses the shared OAuth2 token, layerWith the strategy given, both under /v1/projects/{projectId}", () =>
    Effect.gen(function*() {
      const viaOAuth2 = yield* Effect.flatMap(Regions, (service) => service.count).pipe(
        Effect.provide(regions.layer.pipe(Layer.provide(TokenProvider.layer())))
      )
      const viaBasic = yield* Effect.flatMap(Regions, (service) => service.count).pipe(
        Effect.provide(regions.layerWith({ strategy: AuthStrategy.projectBasic }))
      )
      expect(viaOAuth2).toBeGreaterThan(0)
      expect(viaBasic).toBe(viaOAuth2)
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(1)
      expect(seen.requestsByRoute[`GET /v1/projects/${demo.projectId}/availableRegions`]).toBe(2)
    }).pipe(Effect.provide(Base)))

  it.effect("application: layer signs with the application key, the body encoded from its Schema, named by its API", () =>
    Effect.gen(function*() {
      const service = yield* Verify
      const started = yield* service.start("+46700000000")
      expect(started.method).toBe("sms")
      expect(service.client.api).toBe("Verification")
      expect(service.client.baseUrl).toBe("https://verification.api.sinch.com")
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(0)
      expect(seen.requestsByRoute["POST /verification/v1/verifications"]).toBe(1)
    }).pipe(Effect.provide(verify.layer().pipe(Layer.provideMerge(Base)))))

  it.effect("application: a wrong application secret is refused (the signature is checked)", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatMap(Verify, (service) => service.start("+46700000000")))
      expect(error).toMatchObject({ _tag: "SinchApiError", status: 401 })
    }).pipe(
      Effect.provide(
        verify.layerWith({ strategy: AuthStrategy.applicationSigned() }).pipe(
          Layer.provide(
            ApplicationCredentials.layer({ applicationKey: demo.applicationKey, applicationSecret: "d3Jvbmc=" }).pipe(
              Layer.orDie
            )
          ),
          Layer.provideMerge(Base)
        )
      )
    ))
})
