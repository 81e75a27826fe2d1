/**
 * `sinch doctor` under hostile endpoint configuration: plain http to a remote host fails the endpoints
 * check naming the variable (or, when allowed, is reported as a warning), and a password in a URL is
 * never printed.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import * as Doctor from "../../src/Doctor.js"

/** No request may leave: every check that would send one is expected to be skipped. */
const noNetwork = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request) => Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{}", { status: 599 }))))
)

const doctor = (env: Record<string, string>) =>
  Doctor.run().pipe(
    Effect.provide(noNetwork),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )

const endpointsCheck = (report: Doctor.Report) => report.checks.find((check) => check.id === "endpoints")!

describe("doctor: hostile endpoints", () => {
  it.effect("plain http to a remote token URL fails the endpoints check, naming SINCH_AUTH_URL", () =>
    Effect.gen(function*() {
      const report = yield* doctor({ SINCH_AUTH_URL: "http://192.0.2.2:8080/oauth2/token" })
      const check = endpointsCheck(report)
      expect(check.status).toBe("fail")
      expect(check.detail).toContain("SINCH_AUTH_URL uses plain http to 192.0.2.2")
      expect(report.ok).toBe(false)
    }))

  it.effect("allowed with SINCH_ALLOW_INSECURE_HTTP: passes, with a warning naming the variable", () =>
    Effect.gen(function*() {
      const report = yield* doctor({
        SINCH_AUTH_URL: "http://192.0.2.2:8080/oauth2/token",
        SINCH_ALLOW_INSECURE_HTTP: "true"
      })
      const check = endpointsCheck(report)
      expect(check.status).toBe("pass")
      expect(check.detail).toContain("WARNING: SINCH_AUTH_URL uses plain http to a remote host")
    }))

  it.effect("a password in SINCH_EMULATOR_URL is rejected and never printed", () =>
    Effect.gen(function*() {
      const report = yield* doctor({ SINCH_EMULATOR_URL: "http://user:PASSW0RD@127.0.0.1:9" })
      expect(endpointsCheck(report).status).toBe("fail")
      expect(JSON.stringify(report)).not.toContain("PASSW0RD")
    }))
})
