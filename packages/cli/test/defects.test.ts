/**
 * Exit codes, signals, colour, help layout and messages of `sinch`: in-process where the terminal
 * does not matter, as a subprocess (real signals, real pipes, a pseudo-terminal) where it does.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import { AuthError, ProjectCredentials, TokenProvider, WebhookError } from "@sinch-effect/auth-core"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { ConfigProvider, Effect, Layer, Redacted, Schedule } from "effect"
import * as Cli from "../src/Cli.js"
import * as CliError from "../src/CliError.js"
import * as Terminal from "../src/internal/terminal.js"
import { capture } from "./utils/console.js"
import { interactive } from "./utils/subprocess.js"

const platform = Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)
const demo = Emulator.demoCredentials
const escape = "\u001b["

/** `sinch ...args` in-process, with exactly `env` as configuration. */
const sinch = (args: ReadonlyArray<string>, env: Record<string, string> = {}, options: Cli.RunOptions = {}) =>
  capture(Cli.run(["node", "sinch", ...args], options)).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
    Effect.map(([code, output]) => ({ code, stdout: output.stdout(), stderr: output.stderr() }))
  )

const projectEnv = (baseUrl: string) => ({
  SINCH_EMULATOR_URL: baseUrl,
  SINCH_PROJECT_ID: demo.projectId,
  SINCH_KEY_ID: demo.keyId,
  SINCH_KEY_SECRET: Redacted.value(demo.keySecret)
})

describe("Ctrl-C exits 130 (subprocess, real SIGINT)", () => {
  it.live("sinch emulator: stops on SIGINT with 130", () =>
    Effect.gen(function*() {
      const run = yield* interactive(["emulator"], {}, (child) =>
        Effect.zipRight(child.printed("Press Ctrl-C to stop."), child.kill("SIGINT")))
      expect(run.stdout).toContain("Sinch emulator listening on http://127.0.0.1:")
      expect(run.code).toBe(130)
    }), 90_000)

  layer(Layer.merge(EmulatorServer.layerEmulator(), platform), { excludeTestServices: true })((it) => {
    it.effect("a hung `numbers active` stops on SIGINT with 130", () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.EmulatorServer
        const control = yield* EmulatorControl.EmulatorControl
        yield* control.inject("numbers", EmulatorControl.hang)
        const numbersCalls = Effect.map(control.counters, (c) => c.requestsByApi["numbers"] ?? 0)
        const before = yield* numbersCalls
        const run = yield* interactive(["numbers", "active"], projectEnv(server.baseUrl), (child) =>
          // Signal once the request hangs in the emulator (polled, at most 60 s).
          numbersCalls.pipe(
            Effect.repeat({ schedule: Schedule.spaced("100 millis"), until: (n) => n > before, times: 600 }),
            Effect.zipRight(child.kill("SIGINT"))
          ))
        expect(run.code).toBe(130)
        expect(run.stdout).toBe("")
      }), 90_000)
  })
})

describe("colour only on a terminal", () => {
  it("colourEnabled: TTY only, never with NO_COLOR or --no-color", () => {
    expect(Terminal.colourEnabled({ isTTY: true, env: {}, noColorFlag: false })).toBe(true)
    expect(Terminal.colourEnabled({ isTTY: undefined, env: {}, noColorFlag: false })).toBe(false)
    expect(Terminal.colourEnabled({ isTTY: true, env: { NO_COLOR: "1" }, noColorFlag: false })).toBe(false)
    expect(Terminal.colourEnabled({ isTTY: true, env: { NO_COLOR: "" }, noColorFlag: false })).toBe(true)
    expect(Terminal.colourEnabled({ isTTY: true, env: {}, noColorFlag: true })).toBe(false)
  })

  it.effect("help has escapes only when colour is on", () =>
    Effect.gen(function*() {
      const plain = yield* sinch(["numbers", "--help"])
      expect(plain.code).toBe(0)
      expect(plain.stdout).toContain("USAGE")
      expect(plain.stdout).not.toContain(escape)
      const coloured = yield* sinch(["numbers", "--help"], {}, { colour: true })
      expect(coloured.stdout).toContain(escape)
    }).pipe(Effect.provide(platform)))

  it.live(
    "piped: no escapes; on a pseudo-terminal: colour, but none with NO_COLOR=1 or --no-color",
    () =>
      Effect.gen(function*() {
        const none = () => Effect.void
        const piped = yield* interactive(["trunks", "--help"], {}, none)
        expect(piped.code).toBe(0)
        expect(piped.stdout).toContain("USAGE")
        expect(piped.stdout).not.toContain(escape)
        const tty = yield* interactive(["trunks", "--help"], {}, none, { tty: true })
        expect(tty.stdout).toContain(escape)
        const noColor = yield* interactive(["trunks", "--help"], { NO_COLOR: "1" }, none, { tty: true })
        expect(noColor.stdout).toContain("USAGE")
        expect(noColor.stdout).not.toContain(escape)
        const flag = yield* interactive(["trunks", "--no-color", "--help"], {}, none, { tty: true })
        expect(flag.stdout).toContain("USAGE")
        expect(flag.stdout).not.toContain(escape)
      }),
    180_000
  )
})

describe("help layout", () => {
  it("terminalWidth: COLUMNS, else the terminal's columns, else 80", () => {
    expect(Terminal.terminalWidth({ env: { COLUMNS: "100" }, columns: 60 })).toBe(100)
    expect(Terminal.terminalWidth({ env: { COLUMNS: "wide" }, columns: 60 })).toBe(60)
    expect(Terminal.terminalWidth({ env: {}, columns: undefined })).toBe(80)
  })

  it("wrap keeps words whole and indents continuations", () => {
    expect(Terminal.wrap("  one two three four", 20)).toBe("  one two three four")
    expect(Terminal.wrap("  alpha beta gamma delta epsilon", 20)).toBe("  alpha beta gamma\n  delta epsilon")
    expect(Terminal.wrap("$ cmd --aaaa --bbbb --cccc", 20)).toBe("$ cmd --aaaa --bbbb\n    --cccc")
  })

  it.effect("rows fit the width (the channel list of `conversation send` included)", () =>
    Effect.gen(function*() {
      for (const width of [80, 120]) {
        for (const args of [["conversation", "send", "--help"], ["numbers", "--help"], ["--help"]]) {
          const help = yield* sinch(args, {}, { width })
          expect(help.code).toBe(0)
          const lines = help.stdout.split("\n")
          expect(lines.length).toBeGreaterThan(10)
          expect(lines.filter((line) => line.length > width)).toEqual([])
        }
      }
      const send = yield* sinch(["conversation", "send", "--help"])
      // Nothing lost: the last channel is still listed.
      expect(send.stdout).toContain("CHANNEL_UNSPECIFIED")
    }).pipe(Effect.provide(platform)))

  it.effect("repeatable options are shown as optional, and may be left out", () =>
    Effect.gen(function*() {
      const help = yield* sinch(["numbers", "available", "--help"], {}, { width: 200 })
      expect(help.stdout).toContain("[--capability SMS | VOICE...]")
      expect(help.stdout).not.toMatch(/ --capability SMS \| VOICE\.\.\. /)
      const regions = yield* sinch(["numbers", "regions", "--help"], {}, { width: 200 })
      expect(regions.stdout).toContain("[--type MOBILE | LOCAL | TOLL_FREE...]")
    }).pipe(Effect.provide(platform)))
})

describe("parser and configuration errors", () => {
  it.effect("parser errors start with `error:`; a missing region names --region and SINCH_CONVERSATION_REGION", () =>
    Effect.gen(function*() {
      const badFlag = yield* sinch(["numbers", "active", "--limit", "many"])
      expect(badFlag.code).toBe(2)
      expect(badFlag.stderr).toMatch(/^error: /)
      expect(badFlag.stderr).toContain("many")
      const unknown = yield* sinch(["numbrs"])
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toMatch(/^error: Invalid subcommand/)
      const noRegion = yield* sinch(["conversation", "apps"], projectEnv("http://127.0.0.1:9"))
      expect(noRegion.code).toBe(2)
      expect(noRegion.stderr).toMatch(/^error: /)
      expect(noRegion.stderr).toContain("--region")
      expect(noRegion.stderr).toContain("SINCH_CONVERSATION_REGION")
      const badRegionFlag = yield* sinch(["conversation", "apps", "--region", "mars"])
      expect(badRegionFlag.code).toBe(2)
      expect(badRegionFlag.stderr).toMatch(/^error: /)
    }).pipe(Effect.provide(platform)))

  it.effect("a bad SINCH_CONVERSATION_REGION is a configuration error: exit 3, naming the variable", () =>
    Effect.gen(function*() {
      const run = yield* sinch(["conversation", "apps"], {
        ...projectEnv("http://127.0.0.1:9"),
        SINCH_CONVERSATION_REGION: "mars"
      })
      expect(run.code).toBe(CliError.ExitCode.Config)
      expect(run.stderr).toMatch(/^error: SINCH_CONVERSATION_REGION/)
    }).pipe(Effect.provide(platform)))
})

describe("doctor with checks skipped", () => {
  it.effect("says how many were skipped, never 'All checks passed', and exits 1 unless --allow-skipped", () =>
    Effect.gen(function*() {
      const strict = yield* sinch(["doctor"])
      expect(strict.code).toBe(1)
      expect(strict.stdout).not.toContain("All checks passed")
      expect(strict.stdout).toContain("10 of 11 checks were skipped")
      const allowed = yield* sinch(["doctor", "--allow-skipped"])
      expect(allowed.code).toBe(0)
      expect(allowed.stdout).toContain("10 of 11 checks were skipped")
      const json = yield* sinch(["doctor", "--json"])
      expect(json.code).toBe(1)
      expect(JSON.parse(json.stdout).checks).toHaveLength(11)
    }).pipe(Effect.provide(platform)))
})

layer(Layer.merge(EmulatorServer.layerEmulator(), platform), { excludeTestServices: true })(
  "trunks and endpoints",
  (it) => {
    it.effect("delete --force removes the endpoints first; endpoints list, add and remove", () =>
      Effect.gen(function*() {
        const server = yield* EmulatorServer.EmulatorServer
        const env = projectEnv(server.baseUrl)
        const created = yield* sinch([
          "trunks",
          "create",
          "--json",
          "--name",
          "PBX",
          "--host-name",
          "pbx-force",
          "--endpoint",
          "203.0.113.10:5060"
        ], env)
        expect(created.code).toBe(0)
        const trunk = JSON.parse(created.stdout)
        expect(trunk.endpoints).toHaveLength(1)

        const added = yield* sinch([
          "trunks",
          "endpoints",
          "add",
          "--json",
          "--priority",
          "2",
          trunk.id,
          "203.0.113.11:5080"
        ], env)
        expect(added.code).toBe(0)
        const second = JSON.parse(added.stdout)
        expect(second).toMatchObject({ address: "203.0.113.11", port: 5080, priority: 2 })

        const listed = yield* sinch(["trunks", "endpoints", "list", "--json", trunk.id], env)
        expect(JSON.parse(listed.stdout).map((e: { id: string }) => e.id).sort()).toEqual(
          [trunk.endpoints[0].id, second.id].sort()
        )

        const removed = yield* sinch(["trunks", "endpoints", "remove", trunk.id, second.id], env)
        expect(removed.code).toBe(0)
        expect(removed.stdout).toBe(`Removed endpoint ${second.id} from trunk ${trunk.id}.`)

        // Sinch refuses to delete a trunk with endpoints: without --force that is the answer.
        const refused = yield* sinch(["trunks", "delete", trunk.id], env)
        expect(refused.code).toBe(1)
        expect(refused.stderr).toMatch(/^error: SinchApiError/)

        const forced = yield* sinch(["trunks", "delete", "--json", "--force", trunk.id], env)
        expect(forced.code).toBe(0)
        expect(JSON.parse(forced.stdout)).toEqual({ deleted: trunk.id, removedEndpoints: [trunk.endpoints[0].id] })
        const gone = yield* sinch(["trunks", "get", trunk.id], env)
        expect(gone.code).toBe(1)
      }))
  }
)

describe("wording", () => {
  it("an application callback, with `an`", () => {
    const error = new WebhookError.InvalidSignature({ reason: "mismatch", source: "application" })
    expect(error.message).toMatch(/^Rejected an application callback: /)
    expect(new WebhookError.InvalidSignature({ reason: "mismatch", source: "numbers" }).message).toMatch(
      /^Rejected a Numbers callback: /
    )
  })

  it("SinchApiError names the status once", () => {
    const error = new AuthError.SinchApiError({
      api: "Numbers",
      status: 404,
      statusText: "NOT_FOUND",
      code: "404",
      detail: "Number not found"
    })
    expect(error.message).toBe("Numbers answered 404 NOT_FOUND: Number not found")
  })

  it.scoped("TokenUnavailable names the token URL that failed", () =>
    Effect.gen(function*() {
      // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
      const tokenUrl = "http://127.0.0.1:9/oauth2/token"
      const provider = yield* TokenProvider.make({ tokenUrl }).pipe(
        Effect.provide(
          ProjectCredentials.layer({ projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret })
        )
      )
      const error = yield* Effect.flip(provider.get)
      expect(error._tag).toBe("TokenUnavailable")
      expect(error.message).toContain(`Check connectivity to ${tokenUrl}`)
      expect(error.message).not.toContain("default https://auth.sinch.com")
    }).pipe(Effect.provide(platform)))

  it("toCliError keeps a library error's tag and message, exit 1", () => {
    const error = Cli.toCliError(new AuthError.AccessDenied({ api: "Numbers" }))
    expect(error.exitCode).toBe(1)
    expect(error.message).toMatch(/^AccessDenied: /)
  })
})

describe("the command tree loads no library", () => {
  it("its copies of the schemas' literals are the schemas' literals", async () => {
    const { NumbersSchema, ConversationSchema } = await import("@sinch-effect/products")
    const { Region } = await import("@sinch-effect/auth-core")
    const numbers = await import("../src/internal/commands/numbers.js")
    const conversation = await import("../src/internal/commands/conversation.js")
    const common = await import("../src/internal/commands/common.js")
    expect(numbers.numberTypes).toEqual(NumbersSchema.NumberType.literals)
    expect(numbers.capabilities).toEqual(NumbersSchema.Capability.literals)
    expect(numbers.searchPatterns).toEqual(NumbersSchema.SearchPattern.literals)
    expect(conversation.channels).toEqual(ConversationSchema.Channel.literals)
    expect(common.regions).toEqual(Region.all)
  })
})
