/**
 * Every operation of the Voice service against the emulator served on 127.0.0.1 (a fresh one per test),
 * signed and with application Basic auth; the regional and application-management hosts through the
 * in-process emulator at the production URLs; typed errors for the API's 404 and 400.
 */
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, AuthStrategy } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorServer } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Effect, Layer, Redacted } from "effect"
import { Voice, VoiceSchema, VoiceSvaml } from "../src/index.js"
import { recorder } from "./utils/application.js"
import { counters } from "./utils/counters.js"

const demo = Emulator.demoCredentials

// What left the client after authentication: method, URL, scheme of Authorization, x-timestamp present.
const { record, sent } = recorder()

const credentials = (secret: Redacted.Redacted<string> = demo.applicationSecret) =>
  ApplicationCredentials.layer({ applicationKey: demo.applicationKey, applicationSecret: secret }).pipe(Layer.orDie)

/** A fresh emulator on 127.0.0.1 and the Voice service at its URL, authenticated by `strategy`. */
const onLoopback = (strategy = AuthStrategy.applicationSigned(), secret?: Redacted.Redacted<string>) =>
  Voice.layerWith({ strategy, transformClient: record }).pipe(
    Layer.provideMerge(
      Layer.unwrapEffect(
        Effect.map(
          EmulatorServer.EmulatorServer,
          (server) => SinchEndpoints.layer(SinchEndpoints.emulator(server.baseUrl)).pipe(Layer.orDie)
        )
      )
    ),
    Layer.provideMerge(Layer.mergeAll(credentials(secret), FetchHttpClient.layer)),
    Layer.provideMerge(EmulatorServer.layerEmulator().pipe(Layer.orDie))
  )

const base = Effect.map(EmulatorServer.EmulatorServer, (server) => `${server.baseUrl}/voice`)

const number = (endpoint: string) => new VoiceSchema.Destination({ type: "number", endpoint })

describe("Voice against the emulator (127.0.0.1)", () => {
  it.scoped("callouts (signed): TTS, conference and custom place calls; getCall; updateCall hangs up", () =>
    Effect.gen(function*() {
      sent.length = 0
      const voice = yield* Voice.Voice
      const url = yield* base
      const tts = yield* voice.ttsCallout({
        cli: "+12015555555",
        destination: number("+12017777777"),
        locale: "en-US",
        text: "Hello, this is a call from Sinch.",
        enableDice: true
      })
      expect(tts).toBeInstanceOf(VoiceSchema.Callout)
      const ongoing = yield* voice.getCall(tts.callId)
      expect(ongoing).toEqual(
        new VoiceSchema.CallInformation({
          callId: tts.callId,
          from: new VoiceSchema.Participant({ type: "number", endpoint: "+12015555555" }),
          to: new VoiceSchema.Participant({ type: "number", endpoint: "+12017777777" }),
          domain: "pstn",
          duration: 0,
          status: "ONGOING",
          result: "ANSWERED",
          reason: "N/A",
          timestamp: "1970-01-01T00:00:00",
          userRate: new VoiceSchema.Price({ currencyId: "USD", amount: 0.01 }),
          debit: new VoiceSchema.Price({ currencyId: "USD", amount: 0 })
        })
      )
      yield* voice.updateCall(
        tts.callId,
        VoiceSvaml.response({
          instructions: [VoiceSvaml.say("Sorry, the call will end now.", { locale: "en-US" })],
          action: VoiceSvaml.hangup
        })
      )
      const ended = yield* voice.getCall(tts.callId)
      expect([ended.status, ended.reason]).toEqual(["FINAL", "MANAGERHANGUP"])

      const conference = yield* voice.conferenceCallout({
        cli: "+12015555555",
        destination: number("+46700000000"),
        conferenceId: "myConferenceId-E2E",
        greeting: "Welcome to this conference call.",
        mohClass: "music1",
        conferenceDtmfOptions: { mode: "detect", maxDigits: 2 }
      })
      // The official SDK's custom callout: inline ICE and ACE SVAML, a PIE URL.
      const custom = yield* voice.customCallout({
        cli: "+12015555555",
        destination: number("+12017777777"),
        custom: "Custom text",
        ice: VoiceSvaml.inline(VoiceSvaml.response({
          action: VoiceSvaml.connectPstn("+12017777777", { cli: "+12015555555" }),
          instructions: [VoiceSvaml.say("Welcome to Sinch.", { locale: "en-US/male" })]
        })),
        ace: VoiceSvaml.inline(VoiceSvaml.response({
          action: VoiceSvaml.runMenu({
            locale: "Kimberly",
            menus: [{ id: "main", mainPrompt: "#tts[Press 1]", options: [{ dtmf: "1", action: "return(ok)" }] }]
          })
        })),
        pie: "https://callback-server.com/voice"
      })
      expect(new Set([tts.callId, conference.callId, custom.callId]).size).toBe(3)
      expect((yield* voice.getCall(custom.callId)).custom).toBe("Custom text")
      expect(sent).toEqual([
        `POST ${url}/calling/v1/callouts Application ts`,
        `GET ${url}/calling/v1/calls/id/${tts.callId} Application ts`,
        `PATCH ${url}/calling/v1/calls/id/${tts.callId} Application ts`,
        `GET ${url}/calling/v1/calls/id/${tts.callId} Application ts`,
        `POST ${url}/calling/v1/callouts Application ts`,
        `POST ${url}/calling/v1/callouts Application ts`,
        `GET ${url}/calling/v1/calls/id/${custom.callId} Application ts`
      ])
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(0)
      expect(seen.requestsByApi["voice"]).toBe(7)
    }).pipe(Effect.provide(onLoopback())))

  it.scoped("manageCallLeg; conferences: participants, mute, unmute, hold, resume, kick one, kick all", () =>
    Effect.gen(function*() {
      const voice = yield* Voice.Voice
      const join = (endpoint: string) =>
        voice.conferenceCallout({ destination: number(endpoint), conferenceId: "standup", cli: "+46700000001" })
      const first = yield* join("+46701111111")
      const second = yield* join("+33612345678")
      const third = yield* join("+12025550100")
      yield* voice.manageCallLeg(
        first.callId,
        "callee",
        VoiceSvaml.response({
          instructions: [VoiceSvaml.playFiles(["https://example.com/sample.mp3"])],
          action: VoiceSvaml.continueCall
        })
      )
      const room = yield* voice.getConference("standup")
      expect(room).toBeInstanceOf(VoiceSchema.Conference)
      expect(room.participants?.map((p) => [p.id, p.cli, p.muted, p.onhold])).toEqual([
        [first.callId, "+46701111111", false, false],
        [second.callId, "+33612345678", false, false],
        [third.callId, "+12025550100", false, false]
      ])
      yield* voice.muteParticipant("standup", first.callId)
      yield* voice.holdParticipant("standup", second.callId, "music2")
      yield* voice.manageParticipant("standup", third.callId, { command: "mute" })
      const changed = yield* voice.getConference("standup")
      expect(changed.participants?.map((p) => [p.muted, p.onhold])).toEqual([[true, false], [false, true], [
        true,
        false
      ]])
      yield* voice.unmuteParticipant("standup", first.callId)
      yield* voice.resumeParticipant("standup", second.callId)
      const restored = yield* voice.getConference("standup")
      expect(restored.participants?.slice(0, 2).map((p) => [p.muted, p.onhold])).toEqual([[false, false], [
        false,
        false
      ]])
      yield* voice.kickParticipant("standup", third.callId)
      expect((yield* voice.getConference("standup")).participants?.map((p) => p.id)).toEqual([
        first.callId,
        second.callId
      ])
      expect((yield* voice.getCall(third.callId)).status).toBe("FINAL")
      yield* voice.kickAll("standup")
      // An empty conference is gone.
      const gone = yield* Effect.flip(voice.getConference("standup"))
      expect(gone).toMatchObject({ _tag: "SinchApiError", status: 404, code: "40400" })
      expect((yield* counters).requestsByRoute[`PATCH /voice/calling/v1/conferences/id/standup/${first.callId}`]).toBe(
        2
      )
    }).pipe(Effect.provide(onLoopback())))

  it.scoped("applications: numbers listed, assigned, unassigned; callback URLs read and set; a number queried", () =>
    Effect.gen(function*() {
      sent.length = 0
      const voice = yield* Voice.Voice
      const url = yield* base
      const numbers = yield* voice.listNumbers
      expect(numbers.numbers).toEqual([
        new VoiceSchema.NumberAssignment({
          number: "+46700000001",
          applicationkey: demo.applicationKey,
          capability: "voice"
        }),
        new VoiceSchema.NumberAssignment({ number: "+46700000002", capability: "voice" }),
        new VoiceSchema.NumberAssignment({ number: "+12025550147", capability: "sms" })
      ])
      yield* voice.assignNumbers({ numbers: ["+46700000002"], capability: "voice" })
      expect((yield* voice.listNumbers).numbers?.[1]?.applicationkey).toBe(demo.applicationKey)
      yield* voice.unassignNumber({ number: "+46700000002" })
      expect((yield* voice.listNumbers).numbers?.[1]?.applicationkey).toBeUndefined()

      expect(yield* voice.getCallbackUrls(demo.applicationKey)).toEqual(new VoiceSchema.CallbackUrls({ url: {} }))
      yield* voice.updateCallbackUrls(demo.applicationKey, {
        url: { primary: "https://example.com/voice", fallback: "https://fallback.example.com/voice" }
      })
      expect((yield* voice.getCallbackUrls(demo.applicationKey)).url).toEqual({
        primary: "https://example.com/voice",
        fallback: "https://fallback.example.com/voice"
      })

      const info = yield* voice.queryNumber("+46701234567")
      expect(info.number).toEqual({
        countryId: "SE",
        numberType: "Mobile",
        normalizedNumber: "+46701234567",
        restricted: false,
        rate: new VoiceSchema.Price({ currencyId: "USD", amount: 0.025 })
      })
      // The + of the number is percent-encoded, and what is sent is what is signed.
      expect(sent.slice(-1)).toEqual([`GET ${url}/v1/calling/query/number/%2B46701234567 Application ts`])
      expect(sent.map((line) => line.split(" ").slice(0, 2).join(" ").replace(url, ""))).toEqual([
        "GET /v1/configuration/numbers",
        "POST /v1/configuration/numbers",
        "GET /v1/configuration/numbers",
        "DELETE /v1/configuration/numbers",
        "GET /v1/configuration/numbers",
        `GET /v1/configuration/callbacks/applications/${demo.applicationKey}`,
        `POST /v1/configuration/callbacks/applications/${demo.applicationKey}`,
        `GET /v1/configuration/callbacks/applications/${demo.applicationKey}`,
        "GET /v1/calling/query/number/%2B46701234567"
      ])
    }).pipe(Effect.provide(onLoopback())))

  it.scoped("application Basic auth: callouts, calls, conferences and applications, without x-timestamp", () =>
    Effect.gen(function*() {
      sent.length = 0
      const voice = yield* Voice.Voice
      const call = yield* voice.conferenceCallout({ destination: number("+46701111111"), conferenceId: "basic" })
      expect((yield* voice.getCall(call.callId)).status).toBe("ONGOING")
      expect((yield* voice.getConference("basic")).participants).toHaveLength(1)
      yield* voice.updateCall(call.callId, VoiceSvaml.response({ action: VoiceSvaml.hangup }))
      expect((yield* voice.listNumbers).numbers).toHaveLength(3)
      expect((yield* voice.queryNumber("+33612345678")).number?.countryId).toBe("FR")
      expect(sent.map((line) => line.split(" ").slice(2).join(" "))).toEqual(Array(6).fill("Basic -"))
    }).pipe(Effect.provide(onLoopback(AuthStrategy.applicationBasic))))

  it.scoped("errors are typed SinchApiError in the application shape: 404 unknown ids, 400 refused requests", () =>
    Effect.gen(function*() {
      const voice = yield* Voice.Voice
      const missing = yield* Effect.flip(voice.getCall("1ce0ffee-0000-0000-0000-000000000000"))
      expect(missing).toMatchObject({ _tag: "SinchApiError", status: 404, code: "40400", message: expect.any(String) })
      expect(String(missing.message)).toContain("Call not found")
      const noRoom = yield* Effect.flip(voice.kickAll("nobody-here"))
      expect(noRoom).toMatchObject({ _tag: "SinchApiError", status: 404, code: "40400" })
      const notOwned = yield* Effect.flip(voice.assignNumbers({ numbers: ["+15551234567"] }))
      expect(notOwned).toMatchObject({ _tag: "SinchApiError", status: 404 })
      // A leg takes only playFiles and say (the reference's Manage Call with callLeg).
      const call = yield* voice.ttsCallout({ destination: number("+46701111111"), text: "Hi" })
      const refused = yield* Effect.flip(
        voice.manageCallLeg(call.callId, "caller", VoiceSvaml.response({ action: VoiceSvaml.connectConf("x") }))
      )
      expect(refused).toMatchObject({ _tag: "SinchApiError", status: 400, code: "40001" })
      const badUrl = yield* Effect.flip(
        voice.updateCallbackUrls(demo.applicationKey, { url: { primary: "not a url" } })
      )
      expect(badUrl).toMatchObject({ _tag: "SinchApiError", status: 400 })
      const notANumber = yield* Effect.flip(voice.queryNumber("hello"))
      expect(notANumber).toMatchObject({ _tag: "SinchApiError", status: 400 })
    }).pipe(Effect.provide(onLoopback())))

  it.scoped("a wrong application secret is refused before the product: 401, no secret in the error", () =>
    Effect.gen(function*() {
      const voice = yield* Voice.Voice
      const error = yield* Effect.flip(voice.ttsCallout({ destination: number("+46700000000"), text: "Hi" }))
      expect(error).toMatchObject({ _tag: "SinchApiError", status: 401 })
      for (const text of [error.message, JSON.stringify(error), String(error)]) {
        expect(text).not.toContain("d3Jvbmc=")
        expect(text).not.toContain(Redacted.value(demo.applicationSecret))
      }
      // Sent twice: the server's Date (the wall clock) is far from the test clock, so the signed request is
      // resent once with the corrected timestamp before the 401 is final.
      expect((yield* counters).requestsByRoute["POST /voice/calling/v1/callouts"]).toBe(2)
    }).pipe(Effect.provide(onLoopback(AuthStrategy.applicationSigned(), Redacted.make("d3Jvbmc=")))))
})

describe("Voice hosts (in-process emulator at the production URLs)", () => {
  const atProduction = (config: Voice.Config) =>
    Voice.layerWith({ ...config, strategy: AuthStrategy.applicationSigned(), transformClient: record }).pipe(
      Layer.provideMerge(Layer.mergeAll(credentials(), SinchEndpoints.layer().pipe(Layer.orDie))),
      Layer.provideMerge(EmulatorClient.layerEmulator())
    )

  const visit = Effect.gen(function*() {
    sent.length = 0
    const voice = yield* Voice.Voice
    const call = yield* voice.ttsCallout({ destination: number("+46700000000"), text: "Hej" })
    yield* voice.getCall(call.callId)
    yield* voice.listNumbers
    yield* voice.queryNumber("+46700000000")
    return sent.map((line) => line.split(" ").slice(0, 2).join(" ").replace(call.callId, "{callId}"))
  })

  it.effect("a region's calling host for calls; callingapi.sinch.com for application management", () =>
    Effect.gen(function*() {
      expect(yield* visit).toEqual([
        "POST https://calling-euc1.api.sinch.com/calling/v1/callouts",
        "GET https://calling-euc1.api.sinch.com/calling/v1/calls/id/{callId}",
        "GET https://callingapi.sinch.com/v1/configuration/numbers",
        "GET https://callingapi.sinch.com/v1/calling/query/number/%2B46700000000"
      ])
    }).pipe(Effect.provide(atProduction({ region: "euc1" }))))

  it.effect("without a region: calling.api.sinch.com", () =>
    Effect.gen(function*() {
      expect((yield* visit).slice(0, 2)).toEqual([
        "POST https://calling.api.sinch.com/calling/v1/callouts",
        "GET https://calling.api.sinch.com/calling/v1/calls/id/{callId}"
      ])
    }).pipe(Effect.provide(atProduction({}))))
})
