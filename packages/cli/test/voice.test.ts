/**
 * `sinch voice` against the emulator served on 127.0.0.1, signed with the demo application key.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { expect, it, layer } from "@effect/vitest"
import { Emulator, EmulatorClient, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import * as Cli from "../src/Cli.js"
import { capture } from "./utils/console.js"

const demo = Emulator.demoCredentials
const demoSecret = Redacted.value(demo.applicationSecret)
const platform = Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)

/** Strict base64, so the credentials are well formed, but not the application's secret. */
const plantedSecret = "cGxhbnRlZC12b2ljZS1zZWNyZXQtOTNmMQ=="

const sinch = (args: ReadonlyArray<string>, secret: string = demoSecret) =>
  Effect.flatMap(EmulatorServer.EmulatorServer, (server) =>
    capture(Cli.run(["node", "sinch", ...args])).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(
        new Map([
          ["SINCH_EMULATOR_URL", server.baseUrl],
          ["SINCH_APPLICATION_KEY", demo.applicationKey],
          ["SINCH_APPLICATION_SECRET", secret]
        ])
      )),
      Effect.map(([code, output]) => {
        const run = { code, stdout: output.stdout(), stderr: output.stderr() }
        // Whatever the command and its outcome, no secret and no signature is printed.
        for (const text of [run.stdout, run.stderr]) {
          expect(text).not.toContain(demoSecret)
          expect(text).not.toContain(plantedSecret)
          expect(text).not.toMatch(/Application [\w-]+:[A-Za-z0-9+/]{20,}={0,2}/)
        }
        return run
      })
    ))

const voiceRequests = Effect.map(
  Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters),
  (counters) => counters.requestsByApi["voice"] ?? 0
)

layer(Layer.merge(EmulatorServer.layerEmulator(), platform), { excludeTestServices: true })("sinch voice", (it) => {
  it.effect("callout tts --json answers the call id; call get reads it back, as JSON and as fields", () =>
    Effect.gen(function*() {
      const placed = yield* sinch([
        "voice",
        "callout",
        "tts",
        "--json",
        "--to",
        "+46700000101",
        "--text",
        "Hello",
        "--locale",
        "en-US"
      ])
      expect(placed.stderr).toBe("")
      expect(placed.code).toBe(0)
      const answer = JSON.parse(placed.stdout)
      expect(Object.keys(answer)).toEqual(["callId"])
      const callId = answer.callId as string
      expect(callId).not.toBe("")

      const human = yield* sinch([
        "voice",
        "callout",
        "tts",
        "--to",
        "+46700000102",
        "--text",
        "Hi",
        "--region",
        "use1"
      ])
      expect(human.code).toBe(0)
      expect(human.stdout.trim()).toMatch(/^Placed text-to-speech callout \S+ to \+46700000102\.$/)

      const json = yield* sinch(["voice", "call", "get", "--json", callId])
      expect(json.code).toBe(0)
      expect(JSON.parse(json.stdout)).toMatchObject({ callId, to: { endpoint: "+46700000101" } })
      const fields = yield* sinch(["voice", "call", "get", callId])
      expect(fields.code).toBe(0)
      expect(fields.stdout).toContain(`call id:  ${callId}`)
      expect(fields.stdout).toMatch(/^to: +\+46700000101/m)
    }))

  it.effect("callout conference, conference get, kick one participant then every participant", () =>
    Effect.gen(function*() {
      const first = yield* sinch([
        "voice",
        "callout",
        "conference",
        "--json",
        "--to",
        "+46700000201",
        "--conference",
        "cli-room"
      ])
      const second = yield* sinch([
        "voice",
        "callout",
        "conference",
        "--json",
        "--to",
        "+46700000202",
        "--conference",
        "cli-room"
      ])
      expect([first.code, second.code]).toEqual([0, 0])
      const firstId = JSON.parse(first.stdout).callId as string
      const secondId = JSON.parse(second.stdout).callId as string

      const listed = yield* sinch(["voice", "conference", "get", "--json", "cli-room"])
      expect(listed.code).toBe(0)
      const ids = (JSON.parse(listed.stdout).participants as Array<{ id: string }>).map((p) => p.id)
      expect(ids.sort()).toEqual([firstId, secondId].sort())

      const kicked = yield* sinch(["voice", "conference", "kick", "cli-room", firstId])
      expect([kicked.code, kicked.stdout.trim()]).toEqual([0, `Removed call ${firstId} from conference cli-room.`])
      const remaining = yield* sinch(["voice", "conference", "get", "--json", "cli-room"])
      expect((JSON.parse(remaining.stdout).participants as Array<{ id: string }>).map((p) => p.id)).toEqual([
        secondId
      ])

      const all = yield* sinch(["voice", "conference", "kick", "--json", "cli-room"])
      expect(all.code).toBe(0)
      expect(JSON.parse(all.stdout)).toEqual({ conferenceId: "cli-room", kicked: "all" })
    }))

  it.effect("numbers list, callbacks set then get (default: the signing application), query", () =>
    Effect.gen(function*() {
      const numbers = yield* sinch(["voice", "numbers", "list", "--json"])
      expect(numbers.code).toBe(0)
      const listed = JSON.parse(numbers.stdout).numbers as Array<{ applicationkey?: string }>
      expect(listed.length).toBeGreaterThan(0)
      const table = yield* sinch(["voice", "numbers", "list"])
      expect(table.stdout.split("\n")[0]).toMatch(/^number +application key +capability$/)

      const set = yield* sinch([
        "voice",
        "callbacks",
        "set",
        "--primary",
        "https://example.com/voice",
        "--fallback",
        "https://example.net/voice"
      ])
      expect([set.code, set.stdout.trim()]).toEqual([
        0,
        `Updated the callback URLs of application ${demo.applicationKey}.`
      ])
      const got = yield* sinch(["voice", "callbacks", "get", "--json"])
      expect(got.code).toBe(0)
      expect(JSON.parse(got.stdout)).toEqual({
        url: { primary: "https://example.com/voice", fallback: "https://example.net/voice" }
      })

      const query = yield* sinch(["voice", "query", "--json", "+46700000101"])
      expect(query.code).toBe(0)
      expect(JSON.parse(query.stdout)).toMatchObject({ number: { countryId: "SE" } })
    }))

  it.effect("bad arguments exit 2 before any request; no key exits 3; an unknown call exits 1; a wrong secret exits 1 with 401", () =>
    Effect.gen(function*() {
      const before = yield* voiceRequests
      const badTo = yield* sinch(["voice", "callout", "tts", "--to", "0701234567", "--text", "Hi"])
      expect(badTo.code).toBe(2)
      expect(badTo.stderr).toContain("--to must be an E.164 phone number")
      const badCli = yield* sinch(["voice", "callout", "tts", "--to", "+46700000101", "--text", "Hi", "--cli", "x"])
      expect(badCli.code).toBe(2)
      expect(badCli.stderr).toContain("--cli must be an E.164 phone number")
      const badUrl = yield* sinch(["voice", "callbacks", "set", "--primary", "ftp://example.com"])
      expect(badUrl.code).toBe(2)
      expect(badUrl.stderr).toContain("--primary must be an http(s) URL")
      const badRegion = yield* sinch(["voice", "call", "get", "--region", "mars", "x"])
      expect(badRegion.code).toBe(2)
      expect(yield* voiceRequests).toBe(before)

      const unknown = yield* sinch(["voice", "call", "get", "no-such-call"])
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toContain("404")

      const [missing, output] = yield* capture(Cli.run(["node", "sinch", "voice", "numbers", "list"])).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["SINCH_APPLICATION_SECRET", demoSecret]])))
      )
      expect(missing).toBe(3)
      expect(output.stderr()).toContain("SINCH_APPLICATION_KEY")
      expect(output.stderr()).not.toContain(demoSecret)

      const refused = yield* sinch(["voice", "numbers", "list"], plantedSecret)
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/^error: .*401/)
    }))
})

/** An in-process emulator answering the production hosts, and every URL sent to it. */
const recorded = () => {
  const urls: Array<string> = []
  const layer = Layer.effect(
    HttpClient.HttpClient,
    Effect.map(
      EmulatorClient.make,
      (client) => HttpClient.tapRequest(client, (request) => Effect.sync(() => void urls.push(request.url)))
    )
  ).pipe(Layer.provide(Emulator.layer()), Layer.merge(NodeContext.layer))
  return { urls, layer }
}

it.effect("--region picks the regional calling host; numbers go to the application-management host", () => {
  const { layer, urls } = recorded()
  const run = (args: ReadonlyArray<string>) =>
    capture(Cli.run(["node", "sinch", ...args])).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(
        new Map([
          ["SINCH_APPLICATION_KEY", demo.applicationKey],
          ["SINCH_APPLICATION_SECRET", demoSecret]
        ])
      )),
      Effect.map(([code, output]) => ({ code, stdout: output.stdout() }))
    )
  return Effect.gen(function*() {
    const placed = yield* run([
      "voice",
      "callout",
      "tts",
      "--json",
      "--region",
      "use1",
      "--to",
      "+46700000101",
      "--text",
      "Hi"
    ])
    expect(placed.code).toBe(0)
    const callId = JSON.parse(placed.stdout).callId as string
    expect((yield* run(["voice", "call", "get", "--region", "use1", callId])).code).toBe(0)
    expect((yield* run(["voice", "call", "get", callId])).code).toBe(0)
    expect((yield* run(["voice", "numbers", "list"])).code).toBe(0)
    expect(urls).toEqual([
      "https://calling-use1.api.sinch.com/calling/v1/callouts",
      `https://calling-use1.api.sinch.com/calling/v1/calls/id/${callId}`,
      `https://calling.api.sinch.com/calling/v1/calls/id/${callId}`,
      "https://callingapi.sinch.com/v1/configuration/numbers"
    ])
  }).pipe(Effect.provide(layer))
})
