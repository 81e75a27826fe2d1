/**
 * `sinch verification` against the emulator served on 127.0.0.1, signed with the demo application key.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorServer } from "@sinch-effect/emulator"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import * as Cli from "../src/Cli.js"
import { capture } from "./utils/console.js"

const demo = Emulator.demoCredentials
const platform = Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)

const sinch = (args: ReadonlyArray<string>) =>
  Effect.flatMap(EmulatorServer.EmulatorServer, (server) =>
    capture(Cli.run(["node", "sinch", ...args])).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(
        new Map([
          ["SINCH_EMULATOR_URL", server.baseUrl],
          ["SINCH_APPLICATION_KEY", demo.applicationKey],
          ["SINCH_APPLICATION_SECRET", Redacted.value(demo.applicationSecret)]
        ])
      )),
      Effect.map(([code, output]) => ({ code, stdout: output.stdout(), stderr: output.stderr() }))
    ))

layer(Layer.merge(EmulatorServer.layerEmulator(), platform), { excludeTestServices: true })(
  "sinch verification",
  (it) => {
    it.effect("start, report by number, status by id and reference; no secret printed", () =>
      Effect.gen(function*() {
        const started = yield* sinch([
          "verification",
          "start",
          "--json",
          "--to",
          "+46700005555",
          "--reference",
          "cli-1"
        ])
        expect(started.code).toBe(0)
        const id = JSON.parse(started.stdout).id as string
        expect(JSON.parse(started.stdout)).toMatchObject({ method: "sms" })

        const reported = yield* sinch(["verification", "report", "--to", "+46700005555", "--code", "5555"])
        expect([reported.code, reported.stdout.trim()]).toEqual([0, `Verification ${id} (sms): SUCCESSFUL.`])

        const byId = yield* sinch(["verification", "status", "--id", id])
        const byReference = yield* sinch(["verification", "status", "--json", "--reference", "cli-1"])
        expect(byId.stdout.trim()).toBe(`Verification ${id} (sms): SUCCESSFUL.`)
        expect(JSON.parse(byReference.stdout)).toMatchObject({ id, status: "SUCCESSFUL", countryId: "SE" })
        for (const output of [started, reported, byId, byReference]) {
          expect(output.stdout + output.stderr).not.toContain(Redacted.value(demo.applicationSecret))
        }
      }))

    it.effect("a wrong flash call CLI is FAIL; a missing selector is a usage error (exit 2); unknown id exits 1", () =>
      Effect.gen(function*() {
        const started = yield* sinch([
          "verification",
          "start",
          "--json",
          "--method",
          "flashcall",
          "--to",
          "+33612340000"
        ])
        const id = JSON.parse(started.stdout).id as string
        const reported = yield* sinch(["verification", "report", "--id", id, "--method", "flashcall", "--code", "+1"])
        expect(reported.stdout.trim()).toBe(`Verification ${id} (flashcall): FAIL, Invalid CLI.`)
        const usage = yield* sinch(["verification", "status"])
        expect(usage.code).toBe(2)
        expect(usage.stderr).toContain("pass --id, --reference or --to")
        const missing = yield* sinch(["verification", "status", "--id", "nope"])
        expect(missing.code).toBe(1)
        expect(missing.stderr).toContain("404")
      }))
  }
)
