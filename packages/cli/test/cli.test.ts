/**
 * The `sinch` commands and `npm start` in-process (`Cli.run`, `Start.start`), with the console captured.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FileSystem from "@effect/platform/FileSystem"
import { describe, expect, it, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { ConfigProvider, Effect, Layer, Redacted, TestClock } from "effect"
import { readFileSync } from "node:fs"
import * as Cli from "../src/Cli.js"
import * as Doctor from "../src/Doctor.js"
import * as Start from "../src/Start.js"
import { capture } from "./utils/console.js"

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), "utf8"))

const conversationVector = fixture("conversation-webhook.json")
const numbersVector = fixture("numbers-callback.json")

const platform = Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)

/** `sinch ...args` with exactly `env` as configuration. */
const sinch = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  capture(Cli.run(["node", "sinch", ...args])).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
    Effect.map(([code, output]) => ({ code, stdout: output.stdout(), stderr: output.stderr() }))
  )

const writeFiles = (files: Record<string, string>) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped({ prefix: "sinch-cli-" })
    for (const [name, text] of Object.entries(files)) yield* fs.writeFileString(`${dir}/${name}`, text)
    return (name: string) => `${dir}/${name}`
  })

describe("sinch verify-webhook", () => {
  it.scoped("accepts the Conversation golden vector and rejects a tampered body, without printing secrets", () =>
    Effect.gen(function*() {
      // The vector's timestamp, seen 30 s later: inside the default 5 minute window.
      yield* TestClock.setTime(Number(conversationVector.timestamp) * 1000 + 30_000)
      const file = yield* writeFiles({
        "body.json": conversationVector.rawBody,
        "tampered.json": conversationVector.rawBody.replace("New Test Contact", "New Test Contacts"),
        "headers.json": JSON.stringify(conversationVector.headers)
      })
      const args = (body: string) => [
        "verify-webhook",
        "--kind",
        "conversation",
        "--body",
        file(body),
        "--headers",
        file("headers.json"),
        "--secret",
        conversationVector.secret
      ]
      const valid = yield* sinch(args("body.json"))
      expect(valid.code).toBe(0)
      expect(valid.stdout).toContain("Valid: the conversation signature matches")

      const tampered = yield* sinch(args("tampered.json"))
      expect(tampered.code).toBe(1)
      expect(tampered.stderr).toContain("the signature does not match")
      for (const output of [valid.stdout, valid.stderr, tampered.stdout, tampered.stderr]) {
        expect(output).not.toContain(conversationVector.secret)
        expect(output).not.toContain(conversationVector.expectedSignature)
      }
    }).pipe(Effect.provide(platform)))

  it.scoped("stale timestamps are rejected unless --window covers them", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Number(conversationVector.timestamp) * 1000 + 3_600_000)
      const file = yield* writeFiles({
        "body.json": conversationVector.rawBody,
        "headers.json": JSON.stringify(conversationVector.headers)
      })
      const args = [
        "verify-webhook",
        "--kind",
        "conversation",
        "--body",
        file("body.json"),
        "--headers",
        file("headers.json")
      ]
      const env = { SINCH_WEBHOOK_SECRET: conversationVector.secret }
      const stale = yield* sinch(args, env)
      expect(stale.code).toBe(1)
      expect(stale.stderr).toContain("the timestamp is outside the accepted window")
      const widened = yield* sinch([...args, "--window", "7200"], env)
      expect(widened.code).toBe(0)
    }).pipe(Effect.provide(platform)))

  it.scoped("Numbers callbacks, headers as `Name: value` lines, secret from SINCH_WEBHOOK_SECRET; --json", () =>
    Effect.gen(function*() {
      const file = yield* writeFiles({
        "body.json": numbersVector.rawBody,
        "headers.txt":
          `POST /numbers/callback HTTP/1.1\nContent-Type: application/json\nX-Sinch-Signature: ${numbersVector.expectedSignature}\n`,
        "wrong.txt": `X-Sinch-Signature: ${"0".repeat(40)}\n`
      })
      const env = { SINCH_WEBHOOK_SECRET: numbersVector.secret }
      const base = ["verify-webhook", "--json", "--kind", "numbers", "--body", file("body.json"), "--headers"]
      const valid = yield* sinch([...base, file("headers.txt")], env)
      expect(valid.code).toBe(0)
      expect(JSON.parse(valid.stdout)).toEqual({ valid: true, kind: "numbers", bytes: numbersVector.rawBody.length })

      const wrong = yield* sinch([...base, file("wrong.txt")], env)
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toBe("")
      expect(JSON.parse(wrong.stdout)).toMatchObject({ valid: false, reason: "mismatch", header: "x-sinch-signature" })
      expect(wrong.stdout + valid.stdout).not.toContain(numbersVector.secret)
    }).pipe(Effect.provide(platform)))

  it.scoped("without a secret, or with an unreadable headers file, it is a usage error (exit 2)", () =>
    Effect.gen(function*() {
      const file = yield* writeFiles({ "body.json": "{}", "headers.txt": "not a header line\n" })
      const badHeaders = yield* sinch(
        ["verify-webhook", "--kind", "numbers", "--body", file("body.json"), "--headers", file("headers.txt")],
        { SINCH_WEBHOOK_SECRET: numbersVector.secret }
      )
      expect(badHeaders.code).toBe(2)
      expect(badHeaders.stderr).toContain("line 1: expected \"Name: value\"")
      // `{}` is a valid (empty) JSON header file: what is missing is the secret.
      const noSecret = yield* sinch(
        ["verify-webhook", "--kind", "numbers", "--body", file("body.json"), "--headers", file("body.json")]
      )
      expect(noSecret.code).toBe(2)
      expect(noSecret.stderr).toContain("pass --secret or set SINCH_WEBHOOK_SECRET")
    }).pipe(Effect.provide(platform)))
})

describe("usage and configuration errors", () => {
  it.scoped("bad flags and arguments exit 2, missing or malformed credentials exit 3, naming the variable", () =>
    Effect.gen(function*() {
      const badFlag = yield* sinch(["numbers", "active", "--limit", "many"])
      expect(badFlag.code).toBe(2)
      expect(badFlag.stderr).toContain("many")

      const unknown = yield* sinch(["numbrs"])
      expect(unknown.code).toBe(2)

      const badNumber = yield* sinch(["numbers", "get", "12345"])
      expect(badNumber.code).toBe(2)
      expect(badNumber.stderr).toContain("phone-number must be an E.164 phone number")

      const missing = yield* sinch(["token"], { SINCH_PROJECT_ID: Emulator.demoCredentials.projectId })
      expect(missing.code).toBe(3)
      expect(missing.stderr).toMatch(/SINCH_KEY_ID is not set/)

      const malformed = yield* sinch(["numbers", "regions"], {
        SINCH_PROJECT_ID: Emulator.demoCredentials.projectId,
        SINCH_KEY_ID: Emulator.demoCredentials.keyId,
        SINCH_KEY_SECRET: " planted-secret-with-space"
      })
      expect(malformed.code).toBe(3)
      expect(malformed.stderr).toContain("SINCH_KEY_SECRET has leading or trailing whitespace")
      expect(malformed.stderr).not.toContain("planted-secret-with-space")
    }).pipe(Effect.provide(platform)))
})

describe("npm start", () => {
  it.live("without credentials: embedded emulator, doctor all passing, every product toured, one token, exit 0", () =>
    capture(Start.start({ write: false })).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
      Effect.map(([code, output]) => {
        const demo = Emulator.demoCredentials
        expect(output.stderr()).toBe("")
        expect(code).toBe(0)
        const stdout = output.stdout()
        expect(stdout).toContain("11 passed, 0 failed, 0 skipped")
        expect(stdout).toMatch(/Conversation region: app \S+ is in region eu/)
        const steps = stdout.split("\n").filter((line) => /^ {2}\d+\. /.test(line))
        expect(steps.map((line) => line.slice(0, line.indexOf(":")).trim())).toEqual([
          "1. Numbers",
          "2. Elastic SIP Trunking",
          "3. Conversation",
          "4. Access Keys",
          "5. Verification",
          "6. Mailgun",
          "7. Voice"
        ])
        expect(steps[0]).toMatch(/^ {2}1\. Numbers: rented \+\d+ \(US LOCAL\)$/)
        expect(steps[1]).toMatch(
          /^ {2}2\. Elastic SIP Trunking: created trunk \S+ \(tour-\S+\) with endpoint \S+ at 203\.0\.113\.10:5060$/
        )
        expect(steps[2]).toMatch(
          /^ {2}3\. Conversation: sent message \S+ to \+46700000101 through app \S+ \(region eu\)$/
        )
        expect(steps[3]).toBe(`  4. Access Keys: 1 key(s) in the project: ${demo.keyId} (demo)`)
        expect(steps[4]).toMatch(
          /^ {2}5\. Verification: started SMS verification \S+ of \+46700000101, reported code 0101 \(the emulator's code is the number's last four digits\): SUCCESSFUL$/
        )
        expect(steps[5]).toMatch(
          /^ {2}6\. Mailgun: sent <\S+@sandbox-demo\.mailgun\.org> from sandbox-demo\.mailgun\.org to tour@example\.com; 2 event\(s\): accepted, delivered$/
        )
        expect(stdout).toContain(
          "1 token request(s) from the tour's TokenProvider; the emulator issued 1 token(s) while serving 2 Numbers, " +
            "2 Elastic SIP Trunking, 1 Conversation and 1 Access Keys request(s)."
        )
        expect(steps[6]).toMatch(
          /^ {2}7\. Voice: text-to-speech callout \S+ to \+46700000101; the call is ONGOING, result ANSWERED$/
        )
        expect(stdout).toContain(
          "The 2 Verification and 2 Voice request(s) were signed with the application key and the 3 Mailgun request(s) " +
            "sent the Mailgun key: they need no token."
        )
        expect(stdout).toContain(
          "Exactly ONE token served all four project-scoped products (Numbers, Elastic SIP Trunking, Conversation, Access Keys)."
        )
        for (const secret of [demo.keySecret, demo.applicationSecret, demo.mailgunApiKey]) {
          expect(stdout).not.toContain(Redacted.value(secret))
        }
      }),
      Effect.provide(platform)
    ))

  layer(Layer.merge(EmulatorServer.layerEmulator(), platform), { excludeTestServices: true })((it) => {
    it.effect("with credentials: the read-only tour sends no write request; --write without its flags exits 2", () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.EmulatorServer
        const control = yield* EmulatorControl.EmulatorControl
        const demo = Emulator.demoCredentials
        const env = ConfigProvider.fromMap(
          new Map([
            ["SINCH_EMULATOR_URL", server.baseUrl],
            ["SINCH_PROJECT_ID", demo.projectId],
            ["SINCH_KEY_ID", demo.keyId],
            ["SINCH_KEY_SECRET", Redacted.value(demo.keySecret)],
            ["SINCH_APPLICATION_KEY", demo.applicationKey],
            ["SINCH_APPLICATION_SECRET", Redacted.value(demo.applicationSecret)],
            ["MAILGUN_API_KEY", Redacted.value(demo.mailgunApiKey)]
          ])
        )
        const [code, output] = yield* capture(Start.start({ write: false })).pipe(Effect.withConfigProvider(env))
        expect(output.stderr()).toBe("")
        expect(code).toBe(0)
        const stdout = output.stdout()
        expect(stdout).toContain(`  5. Access Keys: 1 key(s) in the project: ${demo.keyId} (demo)`)
        expect(stdout).toContain("     1 token request(s) served the project-scoped steps.")
        expect(stdout).toContain(
          "  6. Mailgun: 2 domain(s): mg.example.com (unverified), sandbox-demo.mailgun.org (active)"
        )
        expect(stdout).toContain(
          `  7. Voice: 3 number(s): +46700000001 (${demo.applicationKey}), +46700000002 (no application), +12025550147 (no application)`
        )
        expect(stdout).toContain(
          "  8. Verification: nothing to read without a verification in progress (the doctor checked the key)"
        )
        expect(stdout).toContain("Nothing was rented, created, sent or called; pass --write to run the write tour.")
        const routes = Object.keys((yield* control.counters).requestsByRoute)
        const writes = routes.filter((route) => !route.startsWith("GET ") && !route.includes("/auth/"))
        expect(writes).toEqual([])
        expect(routes.filter((route) => route.includes("/auth/"))).toHaveLength(1)

        const refused = yield* Effect.either(Start.start({ write: true }).pipe(Effect.withConfigProvider(env)))
        expect(refused._tag).toBe("Left")
        expect(String((refused as { left: { message: string } }).left.message)).toContain(
          "--write against real Sinch needs"
        )
      }))
  })
})

describe("Doctor.run", () => {
  it.effect("without any credentials every check but the endpoints is skipped, and the report is ok", () =>
    Doctor.run().pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
      Effect.provide(platform),
      Effect.map((report) => {
        expect(report.ok).toBe(true)
        expect(report.tokenRequests).toBe(0)
        expect(report.checks.map((check) => check.status)).toEqual(["pass", ...Array(10).fill("skip")])
        expect(report.checks[0]!.detail).toBe("production Sinch hosts")
      })
    ))

  layer(Layer.merge(EmulatorServer.layerEmulator(), platform))((it) => {
    it.effect("a local clock far from the server's Date header fails the clock check with the fix", () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.EmulatorServer
        const demo = Emulator.demoCredentials
        // The TestClock starts at 1970, decades behind the server's real Date header.
        const report = yield* Doctor.run().pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(
            new Map([
              ["SINCH_EMULATOR_URL", server.baseUrl],
              ["SINCH_PROJECT_ID", demo.projectId],
              ["SINCH_KEY_ID", demo.keyId],
              ["SINCH_KEY_SECRET", Redacted.value(demo.keySecret)]
            ])
          ))
        )
        const clock = report.checks.find((check) => check.id === "token-lifetime")!
        expect(clock.status).toBe("fail")
        expect(clock.detail).toMatch(/local clock \d+ s behind the server's Date header/)
        expect(clock.fix).toContain("Synchronise the local clock (NTP)")
        expect(report.checks.find((check) => check.id === "token-exchange")!.status).toBe("pass")
        expect(report.tokenRequests).toBe(1)
        expect(report.ok).toBe(false)
      }))
  })
})
