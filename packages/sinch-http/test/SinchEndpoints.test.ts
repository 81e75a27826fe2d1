import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import * as SinchEndpoints from "../src/SinchEndpoints.js"

const fromEnv = (env: Record<string, string>) =>
  SinchEndpoints.SinchEndpoints.pipe(
    Effect.provide(
      SinchEndpoints.layerConfig().pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

describe("SinchEndpoints", () => {
  it.effect("defaults to the production hosts", () =>
    Effect.gen(function*() {
      const e = yield* fromEnv({})
      expect(e.auth).toBe("https://auth.sinch.com/oauth2/token")
      expect(e.numbers).toBe("https://numbers.api.sinch.com")
      expect(e.est).toBe("https://elastic-trunking.api.sinch.com")
      expect(e.conversation("eu")).toBe("https://eu.conversation.api.sinch.com")
      expect(e.conversation("br")).toBe("https://br.conversation.api.sinch.com")
      expect(e.templates("us")).toBe("https://us.template.api.sinch.com")
      expect(e.voice()).toBe("https://calling.api.sinch.com")
      expect(e.voice("euc1")).toBe("https://calling-euc1.api.sinch.com")
      expect(e.voice("apse2")).toBe("https://calling-apse2.api.sinch.com")
      expect(e.urls.voiceApplications).toBe("https://callingapi.sinch.com")
      expect(e.verification).toBe("https://verification.api.sinch.com")
      expect(e.mailgun("us")).toBe("https://api.mailgun.net")
      expect(e.mailgun("eu")).toBe("https://api.eu.mailgun.net")
      expect(e.account).toBe("https://account.api.sinch.com")
    }))

  it.effect("SINCH_EMULATOR_URL points every API at the emulator", () =>
    Effect.gen(function*() {
      const e = yield* fromEnv({ SINCH_EMULATOR_URL: "http://127.0.0.1:8080/" })
      expect(e.auth).toBe("http://127.0.0.1:8080/auth/oauth2/token")
      expect(e.numbers).toBe("http://127.0.0.1:8080/numbers")
      expect(e.est).toBe("http://127.0.0.1:8080/est")
      expect(e.conversation("eu")).toBe("http://127.0.0.1:8080/conversation/eu")
      expect(e.templates("br")).toBe("http://127.0.0.1:8080/templates/br")
      expect(e.voice()).toBe("http://127.0.0.1:8080/voice")
      expect(e.voice("use1")).toBe("http://127.0.0.1:8080/voice")
      expect(e.urls.voiceApplications).toBe("http://127.0.0.1:8080/voice")
      expect(e.verification).toBe("http://127.0.0.1:8080/verification")
      expect(e.mailgun("eu")).toBe("http://127.0.0.1:8080/mailgun")
    }))

  it.effect("per-API variables win over SINCH_EMULATOR_URL", () =>
    Effect.gen(function*() {
      const e = yield* fromEnv({
        SINCH_EMULATOR_URL: "http://127.0.0.1:8080",
        SINCH_AUTH_URL: "https://eu.auth.sinch.com/oauth2/token",
        SINCH_NUMBERS_URL: "http://localhost:9000/numbers/",
        SINCH_EST_URL: "http://est.local",
        SINCH_ALLOW_INSECURE_HTTP: "true",
        SINCH_CONVERSATION_URL: "https://{region}.conv.example",
        SINCH_TEMPLATES_URL: "https://templates.example",
        SINCH_VOICE_URL: "https://voice.example",
        SINCH_VERIFICATION_URL: "https://verification.example",
        SINCH_MAILGUN_URL: "https://mailgun.example",
        SINCH_ACCOUNT_URL: "https://account.example"
      })
      expect(e.auth).toBe("https://eu.auth.sinch.com/oauth2/token")
      expect(e.numbers).toBe("http://localhost:9000/numbers")
      expect(e.est).toBe("http://est.local")
      expect(e.conversation("br")).toBe("https://br.conv.example")
      expect(e.templates("eu")).toBe("https://templates.example")
      expect(e.voice("sae1")).toBe("https://voice.example")
      expect(e.urls.voiceApplications).toBe("https://voice.example")
      expect(e.verification).toBe("https://verification.example")
      expect(e.mailgun("us")).toBe("https://mailgun.example")
      expect(e.account).toBe("https://account.example")
    }))

  it.effect("a bad URL is a ConfigError naming the variable", () =>
    Effect.gen(function*() {
      const bad = yield* Effect.flip(fromEnv({ SINCH_NUMBERS_URL: "numbers.api.sinch.com" }))
      expect(String(bad)).toContain("SINCH_NUMBERS_URL")
      expect(String(bad)).toContain("not a valid URL")
      const ftp = yield* Effect.flip(fromEnv({ SINCH_EST_URL: "ftp://x.example" }))
      expect(String(ftp)).toContain("SINCH_EST_URL must be an http or https URL")
      const region = yield* Effect.flip(fromEnv({ SINCH_NUMBERS_URL: "https://{region}.x.example" }))
      expect(String(region)).toContain("SINCH_NUMBERS_URL cannot contain {region}")
      const emulator = yield* Effect.flip(fromEnv({ SINCH_EMULATOR_URL: "localhost:8080" }))
      expect(String(emulator)).toContain("SINCH_EMULATOR_URL")
    }))

  it("layer(overrides) checks overrides given in code", () => {
    const result = SinchEndpoints.make({ conversation: "http://127.0.0.1:1/c/{region}" })
    expect(Either.isRight(result) && result.right.conversation("us")).toBe("http://127.0.0.1:1/c/us")
    const bad = SinchEndpoints.make({ auth: "not a url" })
    expect(Either.isLeft(bad) && String(bad.left)).toContain("SINCH_AUTH_URL")
  })

  it.effect("layer() provides the production hosts", () =>
    Effect.gen(function*() {
      const e = yield* Effect.provide(SinchEndpoints.SinchEndpoints, SinchEndpoints.layer())
      expect(e.urls).toEqual(SinchEndpoints.production)
    }))
})
