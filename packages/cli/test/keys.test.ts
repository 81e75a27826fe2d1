/**
 * `sinch keys …` as a subprocess, against an emulator served by this test on 127.0.0.1.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Effect, Redacted } from "effect"
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { sinch } from "./utils/subprocess.js"

const demo = Emulator.demoCredentials
const demoSecret = Redacted.value(demo.keySecret)
const keysPath = `/account/v1/projects/${demo.projectId}/accessKeys`

const environment = Effect.map(EmulatorServer.EmulatorServer, (emulator) => ({
  env: {
    SINCH_EMULATOR_URL: emulator.baseUrl,
    SINCH_PROJECT_ID: demo.projectId,
    SINCH_KEY_ID: demo.keyId,
    SINCH_KEY_SECRET: demoSecret
  },
  baseUrl: emulator.baseUrl
}))

/** The token endpoint's answer to a key: its HTTP status. */
const tokenStatus = (baseUrl: string, keyId: string, secret: string) =>
  Effect.promise(() =>
    fetch(`${baseUrl}/auth/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${keyId}:${secret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded"
      },
      body: "grant_type=client_credentials"
    }).then((response) => response.status)
  )

const routeCount = (route: string) =>
  Effect.map(
    Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters),
    (c) => c.requestsByRoute[route] ?? 0
  )

const temporaryDirectory = Effect.acquireRelease(
  Effect.promise(() => fs.mkdtemp(path.join(os.tmpdir(), "sinch-keys-"))),
  (dir) => Effect.promise(() => fs.rm(dir, { recursive: true, force: true }))
)

const readEnv = (file: string) =>
  Effect.promise(async () => {
    const text = await fs.readFile(file, "utf8")
    const mode = (await fs.stat(file)).mode & 0o777
    const values = Object.fromEntries(
      text.split("\n").filter((line) => line.includes("=")).map((
        line
      ) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)])
    )
    return { text, mode, values }
  })

const reset = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.reset)

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "sinch keys (subprocess, emulator on 127.0.0.1)",
  (it) => {
    it.scoped("list: the project's keys, as a table and as JSON", () =>
      Effect.gen(function*() {
        const { env } = yield* environment
        const table = yield* sinch(["keys", "list"], env)
        expect(table.stderr).toBe("")
        expect(table.code).toBe(0)
        expect(table.stdout).toContain(demo.keyId)
        expect(table.stdout).toContain("demo")
        const listed = yield* sinch(["keys", "list", "--json"], env)
        expect(listed.code).toBe(0)
        const keys = JSON.parse(listed.stdout)
        expect(keys).toHaveLength(1)
        expect(keys[0]).toMatchObject({ accessKeyId: demo.keyId, displayName: "demo", projectId: demo.projectId })
        expect(table.stdout + listed.stdout).not.toContain(demoSecret)
      }).pipe(Effect.ensuring(reset)))

    it.scoped("create: refused before any request without --write-env or --show-secret", () =>
      Effect.gen(function*() {
        const { env } = yield* environment
        const run = yield* sinch(["keys", "create", "--name", "lost"], env)
        expect(run.code).toBe(2)
        expect(run.stderr).toContain("pass --write-env FILE to save it, or --show-secret to print it")
        expect(yield* routeCount(`POST ${keysPath}`)).toBe(0)
      }).pipe(Effect.ensuring(reset)))

    it.scoped("create --write-env: a 0600 file holds the working key; the secret is not printed; delete refuses it", () =>
      Effect.gen(function*() {
        const { baseUrl, env } = yield* environment
        const dir = yield* temporaryDirectory
        const file = path.join(dir, ".env.sinch")
        const run = yield* sinch(["keys", "create", "--name", "worker", "--write-env", file], env)
        expect(run.stderr).toBe("")
        expect(run.code).toBe(0)
        const saved = yield* readEnv(file)
        expect(saved.mode).toBe(0o600)
        expect(Object.keys(saved.values)).toEqual(["SINCH_KEY_ID", "SINCH_KEY_SECRET"])
        const keyId = saved.values["SINCH_KEY_ID"]!
        const secret = saved.values["SINCH_KEY_SECRET"]!
        expect(secret.length).toBeGreaterThanOrEqual(32)
        expect(run.stdout).toContain(keyId)
        expect(run.stdout).toContain("hidden (pass --show-secret to print it)")
        expect(run.stdout).not.toContain(secret)
        expect(yield* tokenStatus(baseUrl, keyId, secret)).toBe(200)

        const deleted = yield* sinch(["keys", "delete", keyId], env)
        expect(deleted.code).toBe(0)
        expect(deleted.stdout).toContain(`Deleted access key ${keyId}.`)
        expect(yield* tokenStatus(baseUrl, keyId, secret)).toBe(401)
      }).pipe(Effect.ensuring(reset)))

    it.scoped("create --show-secret --json prints the secret, which works", () =>
      Effect.gen(function*() {
        const { baseUrl, env } = yield* environment
        const run = yield* sinch(["keys", "create", "--name", "shown", "--show-secret", "--json"], env)
        expect(run.code).toBe(0)
        const created = JSON.parse(run.stdout)
        expect(created.displayName).toBe("shown")
        expect(yield* tokenStatus(baseUrl, created.accessKeyId, created.secret)).toBe(200)
      }).pipe(Effect.ensuring(reset)))

    it.scoped("delete: the key in use only with --force", () =>
      Effect.gen(function*() {
        const { env } = yield* environment
        const refused = yield* sinch(["keys", "delete", demo.keyId], env)
        expect(refused.code).toBe(2)
        expect(refused.stderr).toContain("is the key in use (SINCH_KEY_ID)")
        expect(yield* routeCount(`DELETE ${keysPath}/${demo.keyId}`)).toBe(0)
        const unknown = yield* sinch(["keys", "delete", "no-such-key"], env)
        expect(unknown.code).toBe(1)
        expect(unknown.stderr).toContain("SinchApiError")
        expect(unknown.stderr).toContain("404")
      }).pipe(Effect.ensuring(reset)))

    it.scoped("rotate --write-env: new key saved 0600 beside the other lines, old key deleted once and refused", () =>
      Effect.gen(function*() {
        const { baseUrl, env } = yield* environment
        const dir = yield* temporaryDirectory
        const file = path.join(dir, ".env")
        yield* Effect.promise(() =>
          fs.writeFile(
            file,
            `SINCH_PROJECT_ID=${demo.projectId}\nSINCH_KEY_ID=${demo.keyId}\nSINCH_KEY_SECRET=${demoSecret}\nOTHER=kept\n`,
            { mode: 0o644 }
          )
        )
        const run = yield* sinch(["keys", "rotate", "--write-env", file, "--grace-period", "0", "--name", "next"], env)
        expect(run.stderr).toBe("")
        expect(run.code).toBe(0)
        const saved = yield* readEnv(file)
        expect(saved.mode).toBe(0o600)
        expect(Object.keys(saved.values)).toEqual(["SINCH_PROJECT_ID", "OTHER", "SINCH_KEY_ID", "SINCH_KEY_SECRET"])
        expect(saved.values["OTHER"]).toBe("kept")
        const keyId = saved.values["SINCH_KEY_ID"]!
        const secret = saved.values["SINCH_KEY_SECRET"]!
        expect(keyId).not.toBe(demo.keyId)
        expect(run.stdout).toContain(`now on access key ${keyId}; the old key ${demo.keyId} was deleted`)
        expect(run.stdout + run.stderr).not.toContain(secret)
        expect(yield* routeCount(`DELETE ${keysPath}/${demo.keyId}`)).toBe(1)
        expect(yield* routeCount(`POST ${keysPath}`)).toBe(1)
        expect(yield* tokenStatus(baseUrl, demo.keyId, demoSecret)).toBe(401)
        expect(yield* tokenStatus(baseUrl, keyId, secret)).toBe(200)
        // The saved configuration works for the next start.
        const listed = yield* sinch(["keys", "list", "--json"], {
          ...env,
          SINCH_KEY_ID: keyId,
          SINCH_KEY_SECRET: secret
        })
        expect(listed.code).toBe(0)
        expect(JSON.parse(listed.stdout).map((key: { displayName: string }) => key.displayName)).toEqual(["next"])
      }).pipe(Effect.ensuring(reset)))
  }
)
