/**
 * The `sinch` command as a subprocess, against an emulator served by this test on 127.0.0.1.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { demoData } from "@sinch-effect/emulator/products/conversation"
import { Effect, Redacted } from "effect"
import { sinch } from "./utils/subprocess.js"

const demo = Emulator.demoCredentials

/** Values that must never be printed, whatever the command and its outcome. */
const planted = {
  wrongSecret: "planted-wrong-secret-6c1e:%+ x",
  noAccessSecret: "planted-no-access-secret-91d2",
  malformedApplicationSecret: "planted!application!secret",
  // Strict base64 (so the credentials check passes), but not the application's secret.
  wrongApplicationSecret: "cGxhbnRlZC13cm9uZy1hcHAtc2VjcmV0"
}
const noAccessKey = "5e0d2c7a-9b1f-4e3d-8c6a-2f7b1d9e0a44"
const otherProject = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

const demoSecrets = [
  Redacted.value(demo.keySecret),
  Redacted.value(demo.applicationSecret),
  Redacted.value(demo.mailgunApiKey)
]

const expectNoSecrets = (output: string) => {
  for (const secret of [...Object.values(planted), ...demoSecrets]) expect(output).not.toContain(secret)
  // No bearer token (the emulator issues JWT-shaped tokens) and no Basic header.
  expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/)
  expect(output).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/)
}

const server = EmulatorServer.layerEmulator({
  accessKeys: [{ keyId: noAccessKey, keySecret: planted.noAccessSecret, projectIds: [otherProject] }]
})

const environment = Effect.map(EmulatorServer.EmulatorServer, (emulator) => ({
  project: {
    SINCH_EMULATOR_URL: emulator.baseUrl,
    SINCH_PROJECT_ID: demo.projectId,
    SINCH_KEY_ID: demo.keyId,
    SINCH_KEY_SECRET: Redacted.value(demo.keySecret)
  },
  all: {
    SINCH_EMULATOR_URL: emulator.baseUrl,
    SINCH_PROJECT_ID: demo.projectId,
    SINCH_KEY_ID: demo.keyId,
    SINCH_KEY_SECRET: Redacted.value(demo.keySecret),
    SINCH_APPLICATION_KEY: demo.applicationKey,
    SINCH_APPLICATION_SECRET: Redacted.value(demo.applicationSecret),
    MAILGUN_API_KEY: Redacted.value(demo.mailgunApiKey)
  },
  baseUrl: emulator.baseUrl
}))

layer(server, { excludeTestServices: true })("sinch (subprocess, emulator on 127.0.0.1)", (it) => {
  it.effect("doctor: every check passes, each shown as it runs, one token, exit 0", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const run = yield* sinch(["doctor", "--app-id", demoData.euApp], env.all)
      expect(run.stderr).toBe("")
      expect(run.code).toBe(0)
      const lines = run.stdout.split("\n")
      // Eleven checks as they ran, then the same eleven in the summary table.
      expect(lines.filter((line) => line.startsWith("PASS  "))).toHaveLength(11)
      expect(run.stdout).not.toMatch(/FAIL|SKIP/)
      expect(run.stdout).toContain(`app ${demoData.euApp} is in region eu`)
      // The reference's read-only path, on the application-management host (the emulator's /voice).
      expect(run.stdout).toContain(
        `PASS  Application signing (Voice): Voice accepted a request signed by application ${demo.applicationKey}: 3 number(s) configured`
      )
      const routes = (yield* (yield* EmulatorControl.EmulatorControl).counters).requestsByRoute
      expect(routes["GET /voice/v1/configuration/numbers"]).toBeGreaterThanOrEqual(1)
      expect(routes["GET /voice/calling/v1/configuration/numbers"]).toBeUndefined()
      expect(run.stdout).toContain(
        `PASS  Application signing (Verification): Verification accepted a request signed by application ${demo.applicationKey} (404 for a verification id that does not exist)`
      )
      expect(run.stdout).toContain("11 passed, 0 failed, 0 skipped; 1 token request(s).")
      expectNoSecrets(run.stdout + run.stderr)
    }))

  it.effect("doctor --json: parses; an app in another region is WrongRegion naming the right region; exit 1", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const run = yield* sinch(["doctor", "--json", "--app-id", demoData.euApp, "--region", "us"], env.project)
      expect(run.code).toBe(1)
      expect(run.stderr).toBe("")
      const report = JSON.parse(run.stdout)
      expect(report.ok).toBe(false)
      const byId = Object.fromEntries(report.checks.map((check: { id: string }) => [check.id, check]))
      expect(byId["conversation-region"].status).toBe("fail")
      expect(byId["conversation-region"].detail).toContain("WrongRegion")
      expect(byId["conversation-region"].detail).toContain(`is in region eu, but the client is configured for us`)
      expect(byId["conversation-region"].detail).toContain(`${env.baseUrl}/conversation/eu`)
      expect(byId["token-exchange"].status).toBe("pass")
      // No application or Mailgun credentials: skipped, not failed.
      expect(byId["application-credentials"].status).toBe("skip")
      expect(byId["mailgun-auth"].status).toBe("skip")
      expect(report.checks.filter((check: { status: string }) => check.status === "fail")).toHaveLength(1)
      expectNoSecrets(run.stdout + run.stderr)
    }))

  it.effect("doctor: a wrong secret is InvalidClient with its fix, later checks skipped, exit 1", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const control = yield* EmulatorControl.EmulatorControl
      const before = (yield* control.counters).tokenRequests.byOutcome["invalid_client"] ?? 0
      const run = yield* sinch(["doctor"], { ...env.project, SINCH_KEY_SECRET: planted.wrongSecret })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/FAIL {2}Token exchange: InvalidClient: .*create a new access key/)
      expect(run.stdout).toMatch(/SKIP {2}Project access \(Numbers\): no token/)
      // invalid_client is never retried.
      expect(((yield* control.counters).tokenRequests.byOutcome["invalid_client"] ?? 0) - before).toBe(1)
      expectNoSecrets(run.stdout + run.stderr)
    }))

  it.effect("doctor: a key without access to the project is AccessDenied with its fix, exit 1", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const run = yield* sinch(["doctor"], {
        ...env.project,
        SINCH_KEY_ID: noAccessKey,
        SINCH_KEY_SECRET: planted.noAccessSecret
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain("PASS  Token exchange")
      expect(run.stdout).toMatch(/FAIL {2}Project access \(Numbers\): AccessDenied: .*Check the key's project scope/)
      expectNoSecrets(run.stdout + run.stderr)
    }))

  it.effect("doctor: a wrong application secret fails both signed checks with the fix; no verification is started", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const control = yield* EmulatorControl.EmulatorControl
      const before = (yield* control.counters).requestsByApi["verification"] ?? 0
      const run = yield* sinch(["doctor", "--json"], {
        SINCH_EMULATOR_URL: env.baseUrl,
        SINCH_APPLICATION_KEY: demo.applicationKey,
        SINCH_APPLICATION_SECRET: planted.wrongApplicationSecret
      })
      expect(run.code).toBe(1)
      const byId = Object.fromEntries(
        JSON.parse(run.stdout).checks.map((check: { id: string }) => [check.id, check])
      )
      expect(byId["application-credentials"].status).toBe("pass")
      for (const id of ["application-auth", "verification-auth"]) {
        expect(byId[id].status).toBe("fail")
        expect(byId[id].detail).toMatch(/^SinchApiError: .*401/)
        expect(byId[id].fix).toBe(
          "Check SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET (the secret exactly as shown in the dashboard), and the local clock."
        )
      }
      // One signed GET, never a start.
      const counters = yield* control.counters
      expect((counters.requestsByApi["verification"] ?? 0) - before).toBe(1)
      expect(Object.keys(counters.requestsByRoute).filter((route) => route.startsWith("POST /verification"))).toEqual(
        []
      )
      expectNoSecrets(run.stdout + run.stderr)
    }))

  it.effect("doctor: malformed credentials name the variable, never the value, exit 1", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const run = yield* sinch(["doctor"], {
        ...env.project,
        SINCH_KEY_ID: "not-a-key-id",
        SINCH_APPLICATION_KEY: demo.applicationKey,
        SINCH_APPLICATION_SECRET: planted.malformedApplicationSecret
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/FAIL {2}Project credentials: SINCH_KEY_ID is not a UUID-like id/)
      expect(run.stdout).toMatch(/FAIL {2}Application credentials: SINCH_APPLICATION_SECRET is not strict base64/)
      expect(run.stdout).toMatch(/SKIP {2}Token exchange: no usable project credentials/)
      expect(run.stdout).not.toContain("not-a-key-id\"")
      expectNoSecrets(run.stdout + run.stderr)
    }))

  it.effect("token: scope and expiry, the token itself hidden without --show", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const hidden = yield* sinch(["token"], env.project)
      expect(hidden.code).toBe(0)
      expect(hidden.stdout).toContain(`scope:       project:${demo.projectId}`)
      expect(hidden.stdout).toMatch(/expires in: +3[56]\d\d s/)
      expect(hidden.stdout).toContain("hidden (pass --show to print it)")
      expectNoSecrets(hidden.stdout + hidden.stderr)
    }))

  it.effect("token --show --json prints the very token the emulator issued", () =>
    Effect.gen(function*() {
      const env = yield* environment
      const control = yield* EmulatorControl.EmulatorControl
      const shown = yield* sinch(["token", "--json", "--show"], env.project)
      expect(shown.code).toBe(0)
      const token = JSON.parse(shown.stdout)
      expect(token.expiresInSeconds).toBeGreaterThan(3500)
      expect(token.accessToken).toMatch(/^eyJ/)
      // The printed value is a live token of this emulator: the emulator knows it.
      expect(yield* control.revokeToken(token.accessToken)).toBe(true)
      expect(shown.stdout.replace(token.accessToken, "")).not.toMatch(/eyJ/)
    }))
})
