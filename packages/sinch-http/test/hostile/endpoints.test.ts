/**
 * Hostile configuration: endpoint URLs that would send secrets in clear text, print a password or turn
 * the route into a query. Each is a ConfigError naming the variable, before anything is sent.
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import * as SinchEndpoints from "../../src/SinchEndpoints.js"

const fromEnv = (env: Record<string, string>) =>
  SinchEndpoints.SinchEndpoints.pipe(
    Effect.provide(
      SinchEndpoints.layerConfig().pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

describe("hostile endpoint configuration", () => {
  it.effect("plain http to a remote host is refused for every variable, the token URL included", () =>
    Effect.gen(function*() {
      for (
        const name of [
          "SINCH_AUTH_URL",
          "SINCH_NUMBERS_URL",
          "SINCH_EST_URL",
          "SINCH_CONVERSATION_URL",
          "SINCH_VOICE_URL",
          "SINCH_MAILGUN_URL",
          "SINCH_EMULATOR_URL"
        ]
      ) {
        const error = yield* Effect.flip(fromEnv({ [name]: "http://192.0.2.2:8080/oauth2/token" }))
        expect(String(error)).toContain(`${name} uses plain http to 192.0.2.2`)
        expect(String(error)).toContain("SINCH_ALLOW_INSECURE_HTTP")
      }
      // In code too.
      const inCode = SinchEndpoints.make({ auth: "http://192.0.2.2/oauth2/token" })
      expect(Either.isLeft(inCode) && String(inCode.left)).toContain("SINCH_AUTH_URL uses plain http")
    }))

  it.effect("loopback stays allowed; the opt-in allows the rest and is reported", () =>
    Effect.gen(function*() {
      for (const url of ["http://127.0.0.1:1", "http://localhost:2", "http://[::1]:3", "http://127.8.9.10"]) {
        const e = yield* fromEnv({ SINCH_EMULATOR_URL: url })
        expect(SinchEndpoints.insecure(e.urls)).toEqual([])
      }
      const allowed = yield* fromEnv({
        SINCH_AUTH_URL: "http://192.0.2.2/oauth2/token",
        SINCH_ALLOW_INSECURE_HTTP: "true"
      })
      expect(allowed.auth).toBe("http://192.0.2.2/oauth2/token")
      expect(SinchEndpoints.insecure(allowed.urls)).toEqual(["SINCH_AUTH_URL"])
      const inCode = SinchEndpoints.make({ numbers: "http://numbers.internal" }, SinchEndpoints.production, {
        allowInsecureHttp: true
      })
      expect(Either.isRight(inCode)).toBe(true)
    }))

  it.effect("userinfo is rejected and never printed, even when the URL does not parse", () =>
    Effect.gen(function*() {
      for (
        const value of [
          "https://user:PASSW0RD@numbers.example",
          "http://user:PASSW0RD@127.0.0.1:8080",
          "https://user:PASSW0RD@bad host",
          "https://PASSW0RD@numbers.example"
        ]
      ) {
        const error = yield* Effect.flip(fromEnv({ SINCH_NUMBERS_URL: value }))
        expect(String(error)).toContain("SINCH_NUMBERS_URL")
        expect(String(error)).not.toContain("PASSW0RD")
      }
      const emulator = yield* Effect.flip(fromEnv({ SINCH_EMULATOR_URL: "http://user:PASSW0RD@127.0.0.1:9" }))
      expect(String(emulator)).toContain("SINCH_EMULATOR_URL must not contain a user name or password")
      expect(String(emulator)).not.toContain("PASSW0RD")
    }))

  it.effect("a base URL ending in a bare ? or # is rejected", () =>
    Effect.gen(function*() {
      for (
        const value of ["https://numbers.api.sinch.com/?", "https://numbers.api.sinch.com#", "https://n.example/x?#"]
      ) {
        const error = yield* Effect.flip(fromEnv({ SINCH_NUMBERS_URL: value }))
        expect(String(error)).toContain("SINCH_NUMBERS_URL must not have a query or a fragment")
      }
    }))
})
