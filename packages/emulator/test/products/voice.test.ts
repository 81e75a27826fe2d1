import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted, TestClock } from "effect"
import { createHash, createHmac } from "node:crypto"
import * as Http from "node:http"
import { EmulatorControl, EmulatorServer } from "../../src/index.js"
import { demo, plainBasic } from "../utils/emulator.js"

// Every request goes over a real socket to the emulator on 127.0.0.1, signed here independently of the
// clients; the emulator's clock is the test's TestClock (it starts at 0).

interface Application {
  readonly key: string
  readonly secret: string
}

const demoApp: Application = { key: demo.applicationKey, secret: Redacted.value(demo.applicationSecret) }
// Another application of the demo project, and one of another project.
const sibling: Application = { key: "5151b1e9-0000-4000-8000-000000000001", secret: "c2libGluZy1zZWNyZXQ=" }
const stranger: Application = { key: "0dd0dd00-0000-4000-8000-000000000002", secret: "c3RyYW5nZXItc2VjcmV0" }

const Server = EmulatorServer.layerEmulator({
  applications: [
    { key: sibling.key, secret: sibling.secret, projectId: demo.projectId },
    { key: stranger.key, secret: stranger.secret, projectId: "0e0e0e0e-other-project" }
  ]
})

const sign = (app: Application, method: string, body: string, timestamp: string, path: string) =>
  createHmac("sha256", Buffer.from(app.secret, "base64"))
    .update(
      [
        method,
        body === "" ? "" : createHash("md5").update(body, "utf8").digest("base64"),
        body === "" ? "" : "application/json",
        `x-timestamp:${timestamp}`,
        path
      ].join("\n")
    )
    .digest("base64")

interface Answer {
  readonly status: number
  readonly text: string
  readonly json: any
}

interface Options {
  readonly app?: Application | undefined
  /** A production host sent as `Host` (the path then has no `/voice` prefix). */
  readonly host?: string | undefined
  /** At the emulator's root, without the `/voice` prefix. */
  readonly root?: boolean | undefined
  /** Application Basic auth instead of a signature. */
  readonly basic?: boolean | undefined
}

const request = (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown, options: Options = {}) =>
  Effect.flatMap(EmulatorServer.EmulatorServer, ({ port }) =>
    Effect.async<Answer>((resume) => {
      const app = options.app ?? demoApp
      const text = body === undefined ? "" : JSON.stringify(body)
      const sent = options.host === undefined && options.root !== true ? `/voice${path}` : path
      const timestamp = "2026-01-01T10:00:00Z"
      const headers: Record<string, string | number> = {
        host: options.host ?? `127.0.0.1:${port}`,
        "x-timestamp": timestamp,
        authorization: options.basic === true
          ? plainBasic(app.key, app.secret)
          : `Application ${app.key}:${sign(app, method, text, timestamp, sent)}`,
        "content-length": Buffer.byteLength(text)
      }
      if (text !== "") headers["content-type"] = "application/json"
      const req = Http.request({ host: "127.0.0.1", port, method, path: sent, headers }, (response) => {
        let received = ""
        response.setEncoding("utf8")
        response.on("data", (chunk: string) => (received += chunk))
        response.on("end", () => {
          let json: unknown = undefined
          try {
            json = received === "" ? undefined : JSON.parse(received)
          } catch {
            json = undefined
          }
          resume(Effect.succeed({ status: response.statusCode ?? 0, text: received, json }))
        })
      })
      req.on("error", (error) => resume(Effect.die(error)))
      req.end(text)
    }))

const invalid = (message: string) => ({ errorCode: 40001, message, reference: "emulator" })
const notFound = (what: string) => ({ errorCode: 40400, message: `${what} not found`, reference: "emulator" })

const tts = (endpoint = "+12017777777", extra: Record<string, unknown> = {}) => ({
  method: "ttsCallout",
  ttsCallout: {
    cli: "+12015555555",
    destination: { type: "number", endpoint },
    locale: "en-US",
    text: "Hello, this is a call from Sinch.",
    ...extra
  }
})

const conferenceCallout = (conferenceId: string, endpoint: string) => ({
  method: "conferenceCallout",
  conferenceCallout: {
    cli: "+12015555555",
    destination: { type: "number", endpoint },
    conferenceId,
    greeting: "Welcome to this conference call.",
    mohClass: "music1"
  }
})

const id = (n: number) => `1ce0ffee-ca11-ca11-ca11-${n.toString(16).padStart(12, "0")}`

describe("emulated Voice API (127.0.0.1)", () => {
  it.scoped("a TTS callout is a call: ONGOING with its price, hung up by SVAML, then FINAL and frozen", () =>
    Effect.gen(function*() {
      const placed = yield* request("POST", "/calling/v1/callouts", tts("+12017777777", { custom: "order-7" }))
      expect(placed.status).toBe(200)
      expect(placed.json).toEqual({ callId: id(1) })
      yield* TestClock.adjust("90 seconds")
      const ongoing = yield* request("GET", `/calling/v1/calls/id/${id(1)}`)
      expect(ongoing.status).toBe(200)
      expect(ongoing.json).toEqual({
        from: { type: "number", endpoint: "+12015555555" },
        to: { type: "number", endpoint: "+12017777777" },
        domain: "pstn",
        callId: id(1),
        duration: 90,
        status: "ONGOING",
        result: "ANSWERED",
        reason: "N/A",
        timestamp: "1970-01-01T00:00:00",
        custom: "order-7",
        userRate: { currencyId: "USD", amount: 0.01 },
        debit: { currencyId: "USD", amount: 0.02 }
      })
      const hangup = yield* request("PATCH", `/calling/v1/calls/id/${id(1)}`, {
        instructions: [{ name: "say", text: "Goodbye.", locale: "en-US" }],
        action: { name: "hangup" }
      })
      expect(hangup.status).toBe(204)
      expect(hangup.text).toBe("")
      yield* TestClock.adjust("10 minutes")
      const final = yield* request("GET", `/calling/v1/calls/id/${id(1)}`)
      expect(final.json).toMatchObject({
        duration: 90,
        status: "FINAL",
        reason: "MANAGERHANGUP",
        debit: { amount: 0.02 }
      })
      // An ended call cannot be managed any more.
      const again = yield* request("PATCH", `/calling/v1/calls/id/${id(1)}`, { action: { name: "hangup" } })
      expect(again.status).toBe(409)
      expect(again.json).toEqual({ errorCode: 40900, message: "The call has ended", reference: "emulator" })
    }).pipe(Effect.provide(Server)))

  it.scoped("callouts: each method's required fields are checked, 400 in the application error shape", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [unknown, string]> = [
        [{}, "method must be one of ttsCallout, conferenceCallout, customCallout"],
        [{ method: "smsCallout" }, "method must be one of ttsCallout, conferenceCallout, customCallout"],
        [{ method: "ttsCallout" }, "ttsCallout is required for method ttsCallout"],
        [{ method: "ttsCallout", conferenceCallout: {} }, "ttsCallout is required for method ttsCallout"],
        [{ method: "ttsCallout", ttsCallout: { text: "hi" } }, "ttsCallout.destination is required"],
        [
          { method: "ttsCallout", ttsCallout: { destination: { type: "phone", endpoint: "+12017777777" } } },
          "ttsCallout.destination.type must be one of number, username, sip"
        ],
        [
          { method: "ttsCallout", ttsCallout: { destination: { type: "number", endpoint: "12017777777" } } },
          "ttsCallout.destination.endpoint must be an E.164 number"
        ],
        [
          { ...tts(), ttsCallout: { ...tts().ttsCallout, cli: "12015555555" } },
          "ttsCallout.cli must be an E.164 number"
        ],
        [{ ...tts(), ttsCallout: { ...tts().ttsCallout, dtmf: "12a" } }, "ttsCallout.dtmf may only hold 0-9, # and w"],
        [{ ...tts(), ttsCallout: { ...tts().ttsCallout, enableAce: "yes" } }, "ttsCallout.enableAce must be a boolean"],
        [{ ...tts(), ttsCallout: { ...tts().ttsCallout, text: 7 } }, "ttsCallout.text must be a string"],
        [
          {
            method: "conferenceCallout",
            conferenceCallout: { destination: { type: "number", endpoint: "+12017777777" } }
          },
          "conferenceCallout.conferenceId is required (at most 64 characters)"
        ],
        [
          conferenceCallout("x".repeat(65), "+12017777777"),
          "conferenceCallout.conferenceId is required (at most 64 characters)"
        ],
        [
          { method: "conferenceCallout", conferenceCallout: { ...conferenceCallout("c", "+1201").conferenceCallout } },
          "conferenceCallout.destination.endpoint must be an E.164 number"
        ],
        [
          {
            method: "conferenceCallout",
            conferenceCallout: { ...conferenceCallout("c", "+12017777777").conferenceCallout, mohClass: "jazz" }
          },
          "conferenceCallout.mohClass must be one of ring, music1, music2, music3"
        ],
        [
          {
            method: "conferenceCallout",
            conferenceCallout: { ...conferenceCallout("c", "+12017777777").conferenceCallout, maxDuration: 20_000 }
          },
          "conferenceCallout.maxDuration must be an integer of seconds, at most 14400"
        ],
        [
          { method: "customCallout", customCallout: { cli: "+12015555555" } },
          "customCallout.destination is required unless ice connects the call"
        ],
        [
          // The SVAML must be a JSON string, as the reference and the official SDK's helpers send it.
          { method: "customCallout", customCallout: { ice: { action: { name: "hangup" } } } },
          "customCallout.ice must be a string (SVAML as JSON, or a URL)"
        ],
        [{ method: "customCallout", customCallout: { ice: "{not json" } }, "customCallout.ice is not valid JSON"],
        [
          { method: "customCallout", customCallout: { ice: JSON.stringify({ action: { name: "dance" } }) } },
          "customCallout.ice: action.name must be one of hangup, continue, connectPstn, connectMxp, connectConf, connectSip, connectStream, runMenu, park"
        ],
        [
          { method: "customCallout", customCallout: { pie: "not a url", destination: tts().ttsCallout.destination } },
          "customCallout.pie must be SVAML (JSON) or an http(s) URL"
        ]
      ]
      for (const [body, message] of cases) {
        const answer = yield* request("POST", "/calling/v1/callouts", body)
        expect(answer.status, message).toBe(400)
        expect(answer.json, message).toEqual(invalid(message))
      }
      // Nothing was placed: the next call gets the first id.
      expect((yield* request("POST", "/calling/v1/callouts", tts())).json).toEqual({ callId: id(1) })
    }).pipe(Effect.provide(Server)))

  it.scoped("a custom callout: the destination from its ICE, into a conference by connectConf; maxDuration ends it", () =>
    Effect.gen(function*() {
      const ice = JSON.stringify({
        instructions: [{ name: "say", text: "Welcome to Sinch.", locale: "en-US/male" }],
        action: { name: "connectPstn", number: "+46701234567", cli: "+12015555555" }
      })
      const custom = yield* request("POST", "/calling/v1/callouts", {
        method: "customCallout",
        customCallout: { cli: "+12015555555", ice, pie: "https://callback-server.com/voice", maxDuration: 60 }
      })
      expect(custom.json).toEqual({ callId: id(1) })
      const conf = yield* request("POST", "/calling/v1/callouts", {
        method: "customCallout",
        customCallout: {
          destination: { type: "username", endpoint: "alice" },
          cli: "+12015555555",
          ice: JSON.stringify({ action: { name: "connectConf", conferenceId: "by-ice" } })
        }
      })
      expect(conf.json).toEqual({ callId: id(2) })
      const first = yield* request("GET", `/calling/v1/calls/id/${id(1)}`)
      expect(first.json).toMatchObject({
        to: { type: "number", endpoint: "+46701234567" },
        domain: "pstn",
        status: "ONGOING",
        userRate: { currencyId: "USD", amount: 0.025 }
      })
      const room = yield* request("GET", "/calling/v1/conferences/id/by-ice")
      expect(room.json).toEqual({
        participants: [{ cli: "+12015555555", id: id(2), duration: 0, muted: false, onhold: false }]
      })
      expect((yield* request("GET", `/calling/v1/calls/id/${id(2)}`)).json).toMatchObject({
        domain: "mxp",
        userRate: { currencyId: "USD", amount: 0 }
      })
      yield* TestClock.adjust("61 seconds")
      expect((yield* request("GET", `/calling/v1/calls/id/${id(1)}`)).json).toMatchObject({
        duration: 60,
        status: "FINAL",
        reason: "TIMEOUT",
        debit: { currencyId: "USD", amount: 0.025 }
      })
    }).pipe(Effect.provide(Server)))

  it.scoped("calls: SVAML is checked; the leg takes only playFiles and say; unknown or foreign ids are 404", () =>
    Effect.gen(function*() {
      yield* request("POST", "/calling/v1/callouts", tts())
      const call = `/calling/v1/calls/id/${id(1)}`
      const updates: ReadonlyArray<readonly [unknown, string]> = [
        [{}, "instructions or action is required"],
        [[{ name: "hangup" }], "The request body must be an SVAML object"],
        [{ instructions: { name: "say" } }, "instructions must be an array"],
        [
          { instructions: [{ text: "hi" }] },
          "instructions[0].name must be one of playFiles, say, sendDtmf, setCookie, answer, startRecording, stopRecording"
        ],
        [
          { instructions: [{ name: "playFiles", ids: [] }] },
          "instructions[0].ids must be a non-empty array of strings"
        ],
        [{ instructions: [{ name: "sendDtmf", value: "12x" }] }, "instructions[0].value must be DTMF (0-9, #, w)"],
        [
          { action: { type: "hangup" } },
          "action.name must be one of hangup, continue, connectPstn, connectMxp, connectConf, connectSip, connectStream, runMenu, park"
        ],
        [{ action: { name: "connectConf" } }, "action.conferenceId is required (at most 64 characters)"]
      ]
      for (const [body, message] of updates) {
        const answer = yield* request("PATCH", call, body)
        expect(answer.status, message).toBe(400)
        expect(answer.json, message).toEqual(invalid(message))
      }
      const legs: ReadonlyArray<readonly [string, unknown, string]> = [
        ["side", { action: { name: "continue" } }, "callLeg must be one of caller, callee, both"],
        [
          "callee",
          { instructions: [{ name: "sendDtmf", value: "1" }] },
          "instructions[0].name must be one of playFiles, say"
        ],
        ["both", { action: { name: "connectPstn", number: "+1" } }, "action.name must be one of hangup, continue, park"]
      ]
      for (const [leg, body, message] of legs) {
        const answer = yield* request("PATCH", `${call}/leg/${leg}`, body)
        expect(answer.status, message).toBe(400)
        expect(answer.json, message).toEqual(invalid(message))
      }
      // The official SDK's sample: a file on the callee's leg, then continue; 200 as the reference says.
      const played = yield* request("PATCH", `${call}/leg/callee`, {
        instructions: [{ name: "playFiles", ids: ["https://samples-files.com/samples/Audio/mp3/sample-file-4.mp3"] }],
        action: { name: "continue" }
      })
      expect(played.status).toBe(200)
      expect(played.text).toBe("")
      expect((yield* request("GET", call)).json.status).toBe("ONGOING")
      const hangup = { action: { name: "hangup" } }
      for (
        const [method, path, body] of [
          ["GET", "/calling/v1/calls/id/not-existing-callId", undefined],
          ["PATCH", "/calling/v1/calls/id/not-existing-callId", hangup],
          ["PATCH", "/calling/v1/calls/id/not-existing-callId/leg/caller", hangup],
          ["GET", call, undefined],
          ["PATCH", call, hangup],
          ["PATCH", `${call}/leg/both`, hangup]
        ] as const
      ) {
        // The last three as another application of the same project: a call is its application's.
        const app = path === call || path.startsWith(`${call}/`) ? sibling : demoApp
        const answer = yield* request(method, path, body, { app })
        expect(answer.status, `${method} ${path}`).toBe(404)
        expect(answer.json, `${method} ${path}`).toEqual(notFound("Call"))
      }
      // The leg's hangup ends the call for its own application.
      expect((yield* request("PATCH", `${call}/leg/caller`, hangup)).status).toBe(200)
      expect((yield* request("GET", call)).json).toMatchObject({ status: "FINAL", reason: "MANAGERHANGUP" })
    }).pipe(Effect.provide(Server)))

  it.scoped("conferences: participants, mute and hold, kick one, kick all; foreign or unknown ids are 404", () =>
    Effect.gen(function*() {
      yield* request("POST", "/calling/v1/callouts", conferenceCallout("myConferenceId-E2E", "+12017777777"))
      yield* TestClock.adjust("29 seconds")
      yield* request("POST", "/calling/v1/callouts", conferenceCallout("myConferenceId-E2E", "+46701234567"))
      yield* TestClock.adjust("6 seconds")
      const room = "/calling/v1/conferences/id/myConferenceId-E2E"
      expect((yield* request("PATCH", `${room}/${id(1)}`, { command: "mute" })).status).toBe(204)
      const held = yield* request("PATCH", `${room}/${id(1)}`, { command: "onhold", moh: "music2" })
      expect(held.status).toBe(204)
      expect(held.text).toBe("")
      const info = yield* request("GET", room)
      expect(info.status).toBe(200)
      expect(info.json).toEqual({
        participants: [
          { cli: "+12017777777", id: id(1), duration: 35, muted: true, onhold: true },
          { cli: "+46701234567", id: id(2), duration: 6, muted: false, onhold: false }
        ]
      })
      yield* request("PATCH", `${room}/${id(1)}`, { command: "unmute" })
      yield* request("PATCH", `${room}/${id(1)}`, { command: "resume" })
      expect((yield* request("GET", room)).json.participants[0]).toMatchObject({ muted: false, onhold: false })
      const commands: ReadonlyArray<readonly [unknown, string]> = [
        [{}, "command must be one of mute, unmute, onhold, resume"],
        [{ command: "deafen" }, "command must be one of mute, unmute, onhold, resume"],
        [{ command: "mute", moh: "ring" }, "moh is only allowed with the onhold command"],
        [{ command: "onhold", moh: "jazz" }, "moh must be one of ring, music1, music2, music3"]
      ]
      for (const [body, message] of commands) {
        const answer = yield* request("PATCH", `${room}/${id(1)}`, body)
        expect(answer.status, message).toBe(400)
        expect(answer.json, message).toEqual(invalid(message))
      }
      const missing: ReadonlyArray<readonly [Answer, string]> = [
        [yield* request("GET", "/calling/v1/conferences/id/nobody-here"), "Conference"],
        [yield* request("DELETE", "/calling/v1/conferences/id/nobody-here"), "Conference"],
        [yield* request("PATCH", `${room}/${id(9)}`, { command: "mute" }), "Participant"],
        [yield* request("DELETE", `${room}/${id(9)}`), "Participant"],
        // Another application does not see this application's conference.
        [yield* request("GET", room, undefined, { app: sibling }), "Conference"],
        [yield* request("DELETE", `${room}/${id(1)}`, undefined, { app: stranger }), "Conference"]
      ]
      for (const [answer, what] of missing) {
        expect(answer.status).toBe(404)
        expect(answer.json).toEqual(notFound(what))
      }
      const kicked = yield* request("DELETE", `${room}/${id(1)}`)
      expect(kicked.status).toBe(204)
      expect((yield* request("GET", room)).json.participants.map((p: { id: string }) => p.id)).toEqual([id(2)])
      expect((yield* request("GET", `/calling/v1/calls/id/${id(1)}`)).json).toMatchObject({
        status: "FINAL",
        reason: "MANAGERHANGUP",
        duration: 35
      })
      expect((yield* request("DELETE", room)).status).toBe(204)
      expect((yield* request("GET", room)).json).toEqual(notFound("Conference"))
      expect((yield* request("GET", `/calling/v1/calls/id/${id(2)}`)).json.status).toBe("FINAL")
    }).pipe(Effect.provide(Server)))

  it.scoped("numbers: listed per project, assigned and unassigned within it, checked; another project's are apart", () =>
    Effect.gen(function*() {
      const seeded = yield* request("GET", "/v1/configuration/numbers")
      expect(seeded.status).toBe(200)
      expect(seeded.json).toEqual({
        numbers: [
          { number: "+46700000001", applicationkey: demoApp.key, capability: "voice" },
          { number: "+46700000002", capability: "voice" },
          { number: "+12025550147", capability: "sms" }
        ]
      })
      const assigned = yield* request("POST", "/v1/configuration/numbers", {
        numbers: ["+46700000002"],
        applicationkey: sibling.key,
        capability: "voice"
      })
      expect(assigned.status).toBe(204)
      // Without applicationkey: the application that signed the request.
      expect((yield* request("POST", "/v1/configuration/numbers", { numbers: ["+12025550147"] })).status).toBe(204)
      const unassigned = yield* request("DELETE", "/v1/configuration/numbers", { number: "+46700000001" })
      expect(unassigned.status).toBe(204)
      // The sibling sees the project's numbers, as the reference lists every number with its application.
      expect((yield* request("GET", "/v1/configuration/numbers", undefined, { app: sibling })).json).toEqual({
        numbers: [
          { number: "+46700000001", capability: "voice" },
          { number: "+46700000002", applicationkey: sibling.key, capability: "voice" },
          { number: "+12025550147", applicationkey: demoApp.key, capability: "sms" }
        ]
      })
      // Another project sees only its own.
      expect((yield* request("GET", "/v1/configuration/numbers", undefined, { app: stranger })).json).toEqual({
        numbers: [
          { number: "+46700000001", applicationkey: stranger.key, capability: "voice" },
          { number: "+46700000002", capability: "voice" },
          { number: "+12025550147", capability: "sms" }
        ]
      })
      const rejected: ReadonlyArray<readonly [Answer, number, string]> = [
        [
          yield* request("POST", "/v1/configuration/numbers", { numbers: "+46700000002" }),
          400,
          "numbers must be an array of 1 to 100 E.164 numbers"
        ],
        [
          yield* request("POST", "/v1/configuration/numbers", { numbers: [] }),
          400,
          "numbers must be an array of 1 to 100 E.164 numbers"
        ],
        [
          yield* request("POST", "/v1/configuration/numbers", { numbers: ["46700000002"] }),
          400,
          "numbers: \"46700000002\" is not an E.164 number"
        ],
        [
          yield* request("POST", "/v1/configuration/numbers", { numbers: ["+46700000002"], capability: "fax" }),
          400,
          "capability must be voice or sms"
        ],
        [
          yield* request("POST", "/v1/configuration/numbers", {
            numbers: ["+46700000002"],
            applicationkey: stranger.key
          }),
          400,
          `applicationkey ${stranger.key} is not an application of this project`
        ],
        [
          yield* request("POST", "/v1/configuration/numbers", { numbers: ["+46700009999"] }),
          404,
          "Number +46700009999 not found in this project"
        ],
        [yield* request("DELETE", "/v1/configuration/numbers", {}), 400, "number must be an E.164 number"],
        [
          yield* request("DELETE", "/v1/configuration/numbers", { number: "+46700000002" }),
          400,
          `Number +46700000002 is not assigned to application ${demoApp.key}`
        ],
        [
          yield* request("DELETE", "/v1/configuration/numbers", { number: "+12025550147", capability: "voice" }),
          400,
          `Number +12025550147 is not assigned to application ${demoApp.key} for voice`
        ]
      ]
      for (const [answer, status, message] of rejected) {
        expect(answer.status, message).toBe(status)
        expect(answer.json, message).toEqual({
          errorCode: status * 100 + (status === 400 ? 1 : 0),
          message,
          reference: "emulator"
        })
      }
    }).pipe(Effect.provide(Server)))

  it.scoped("callbacks: read and replaced by the project's applications; another project's application is 404", () =>
    Effect.gen(function*() {
      const path = `/v1/configuration/callbacks/applications/${demoApp.key}`
      expect((yield* request("GET", path)).json).toEqual({ url: {} })
      const set = yield* request("POST", path, {
        url: { primary: "https://my.callback-server.com/voice", fallback: "https://my.fallback-server.com/voice" }
      })
      expect(set.status).toBe(204)
      const both = {
        url: { primary: "https://my.callback-server.com/voice", fallback: "https://my.fallback-server.com/voice" }
      }
      expect((yield* request("GET", path)).json).toEqual(both)
      expect((yield* request("GET", path, undefined, { app: sibling })).json).toEqual(both)
      // Replaced as a whole: no fallback any more.
      yield* request("POST", path, { url: { primary: "https://my-new.callback-server.com/voice" } }, { app: sibling })
      expect((yield* request("GET", path)).json).toEqual({
        url: { primary: "https://my-new.callback-server.com/voice" }
      })
      for (
        const answer of [
          yield* request("GET", path, undefined, { app: stranger }),
          yield* request("POST", path, { url: { primary: "https://evil.example/voice" } }, { app: stranger }),
          yield* request("GET", `/v1/configuration/callbacks/applications/${stranger.key}`)
        ]
      ) {
        expect(answer.status).toBe(404)
        expect(answer.json).toEqual(notFound("Application"))
      }
      expect((yield* request("GET", path)).json.url.primary).toBe("https://my-new.callback-server.com/voice")
      const bodies: ReadonlyArray<readonly [unknown, string]> = [
        [{}, "url is required: {primary, fallback}"],
        [{ url: {} }, "url.primary or url.fallback is required"],
        [{ url: { primary: "ftp://x" } }, "url.primary must be an http(s) URL"],
        [{ url: { primary: "https://ok.example", fallback: 7 } }, "url.fallback must be an http(s) URL"]
      ]
      for (const [body, message] of bodies) {
        const answer = yield* request("POST", path, body)
        expect(answer.status, message).toBe(400)
        expect(answer.json, message).toEqual(invalid(message))
      }
    }).pipe(Effect.provide(Server)))

  it.scoped("number information: country, type, normalized number and rate; not a number is 400", () =>
    Effect.gen(function*() {
      expect((yield* request("GET", "/v1/calling/query/number/%2B12015555555")).json).toEqual({
        number: {
          countryId: "US",
          numberType: "Fixed",
          normalizedNumber: "+12015555555",
          restricted: false,
          rate: { currencyId: "USD", amount: 0.01 }
        }
      })
      expect((yield* request("GET", "/v1/calling/query/number/46%2070%20123%2045%2067")).json).toEqual({
        number: {
          countryId: "SE",
          numberType: "Mobile",
          normalizedNumber: "+46701234567",
          restricted: false,
          rate: { currencyId: "USD", amount: 0.025 }
        }
      })
      expect((yield* request("GET", "/v1/calling/query/number/+81312345678")).json).toEqual({
        number: {
          numberType: "Unknown",
          normalizedNumber: "+81312345678",
          restricted: false,
          rate: { currencyId: "USD", amount: 0.05 }
        }
      })
      const bad = yield* request("GET", "/v1/calling/query/number/hello")
      expect(bad.status).toBe(400)
      expect(bad.json).toEqual(invalid("hello is not a phone number"))
    }).pipe(Effect.provide(Server)))

  it.scoped("every Voice host and the emulator's root route to the same API and state; Basic works", () =>
    Effect.gen(function*() {
      const placed = yield* request("POST", "/calling/v1/callouts", tts(), { host: "calling-euc1.api.sinch.com" })
      expect(placed.json).toEqual({ callId: id(1) })
      for (
        const host of [
          "calling.api.sinch.com",
          "calling-euc1.api.sinch.com",
          "calling-use1.api.sinch.com",
          "calling-sae1.api.sinch.com",
          "calling-apse1.api.sinch.com",
          "calling-apse2.api.sinch.com",
          "callingapi.sinch.com"
        ]
      ) {
        const answer = yield* request("GET", `/calling/v1/calls/id/${id(1)}`, undefined, { host })
        expect(answer.status, host).toBe(200)
        expect(answer.json.callId, host).toBe(id(1))
        const numbers = yield* request("GET", "/v1/configuration/numbers", undefined, { host, basic: true })
        expect(numbers.status, host).toBe(200)
        expect(numbers.json.numbers, host).toHaveLength(3)
      }
      // At the emulator's root, where clients that sign only the API's own path reach it.
      const root = yield* request("GET", `/calling/v1/calls/id/${id(1)}`, undefined, { root: true })
      expect(root.json.callId).toBe(id(1))
      const rootNumbers = yield* request("GET", "/v1/configuration/numbers", undefined, { root: true })
      expect(rootNumbers.json.numbers).toHaveLength(3)
      // The path outside the API's routes: the API's own 404.
      const elsewhere = yield* request("GET", "/calling/v1/elsewhere")
      expect(elsewhere.status).toBe(404)
      expect(elsewhere.json).toEqual({
        errorCode: 40400,
        message: "No route for GET /calling/v1/elsewhere",
        reference: "emulator"
      })
      // A wrong signature never reaches the API.
      const forged = yield* request("GET", "/v1/configuration/numbers", undefined, {
        app: { key: demoApp.key, secret: stranger.secret }
      })
      expect(forged.status).toBe(401)
      expect(forged.json).toEqual({ errorCode: 40102, message: "Invalid signature", reference: "emulator" })
    }).pipe(Effect.provide(Server)))

  it.scoped("faults and counters: Voice is a target of its own", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.inject("voice", EmulatorControl.status(503), { times: 1 })
      const faulted = yield* request("POST", "/calling/v1/callouts", tts())
      expect(faulted.status).toBe(503)
      expect(faulted.json).toEqual({ errorCode: 50300, message: expect.any(String), reference: "emulator" })
      expect((yield* request("POST", "/calling/v1/callouts", tts())).json).toEqual({ callId: id(1) })
      const counters = yield* control.counters
      expect(counters.requestsByApi["voice"]).toBe(2)
      expect(counters.requestsByRoute["POST /voice/calling/v1/callouts"]).toBe(2)
      // A reset forgets every call.
      yield* control.reset
      expect((yield* request("GET", `/calling/v1/calls/id/${id(1)}`)).status).toBe(404)
    }).pipe(Effect.provide(Server)))
})
