import { HttpApp } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Logger, Ref, TestClock } from "effect"
import { VoiceCallback, VoiceSchema, VoiceSvaml } from "../src/index.js"
import { callbackContext, callbackSignature } from "./utils/application.js"

const key = "669E367E-6BBA-48AB-AF15-266871C28135"
const secret = "BeIukql3pTKJ8RGL5zo0DA=="
const path = "/webhooks/voice"

// The events of sinch-sdk-node packages/voice/tests/rest/v1/callbacks (the mock server's events and the
// payloads of callbacks-webhook.test.ts).
const app = "f00dcafe-abba-c0de-1dea-dabb1ed4caf3"
const ice = JSON.stringify({
  event: "ice",
  callid: "1ce0ffee-ca11-ca11-ca11-abcdef000053",
  callResourceUrl: "https://calling-use1.api.sinch.com/calling/v1/calls/id/1ce0ffee-ca11-ca11-ca11-abcdef000053",
  timestamp: "2024-06-06T17:20:14Z",
  version: 1,
  userRate: { currencyId: "USD", amount: 0.0 },
  cli: "12015555555",
  to: { type: "did", endpoint: "+12017777777" },
  domain: "pstn",
  applicationKey: app,
  originationType: "PSTN",
  rdnis: ""
})
const ace = JSON.stringify({
  event: "ace",
  callid: "1ce0ffee-ca11-ca11-ca11-abcdef000043",
  timestamp: "2024-06-06T17:10:34Z",
  version: 1,
  custom: "Custom text",
  applicationKey: app
})
const dice = JSON.stringify({
  event: "dice",
  callid: "1ce0ffee-ca11-ca11-ca11-abcdef000033",
  timestamp: "2024-06-06T17:30:00Z",
  reason: "MANAGERHANGUP",
  result: "ANSWERED",
  version: 1,
  custom: "Custom text",
  debit: { currencyId: "EUR", amount: 0.0095 },
  userRate: { currencyId: "EUR", amount: 0.0095 },
  to: { type: "number", endpoint: "12017777777" },
  applicationKey: app,
  duration: 12,
  from: "12015555555"
})
const pie = JSON.stringify({
  event: "pie",
  callid: "1ce0ffee-ca11-ca11-ca11-abcdef000023",
  timestamp: "2023-12-29T15:07:22Z",
  menuResult: { addToContext: [], type: "sequence", value: "1234", menuId: "confirm", inputMethod: "dtmf" },
  version: 1,
  custom: "Custom text",
  applicationKey: app
})
const notify = JSON.stringify({
  event: "notify",
  callid: "33dd8e62-0ac6-4e0c-a89f-36d121f861f9",
  version: 1,
  type: "recording_available",
  destination: "azure://sinchsdk/voice-recordings/my-recording.mp3"
})

/** The documented application signing, computed independently of auth-core. */
const sign = (body: string, timestamp: string, signedPath = path) =>
  callbackSignature(secret, body, timestamp, signedPath)

const Context = callbackContext(key, secret)

describe("Voice callbacks", () => {
  it.effect("decodes ICE, ACE, DiCE, PIE and notify, with open enums; an unknown event is InvalidCallbackEvent", () =>
    Effect.gen(function*() {
      const incoming = yield* VoiceCallback.decode(ice)
      expect(incoming).toBeInstanceOf(VoiceSchema.IceEvent)
      expect(incoming).toMatchObject({
        event: "ice",
        callid: "1ce0ffee-ca11-ca11-ca11-abcdef000053",
        cli: "12015555555",
        to: { type: "did", endpoint: "+12017777777" },
        domain: "pstn",
        originationType: "PSTN",
        rdnis: "",
        userRate: { currencyId: "USD", amount: 0 }
      })
      const answered = yield* VoiceCallback.decode(new TextEncoder().encode(ace))
      expect(answered).toBeInstanceOf(VoiceSchema.AceEvent)
      expect(answered.event === "ace" && [answered.timestamp, answered.custom]).toEqual([
        "2024-06-06T17:10:34Z",
        "Custom text"
      ])
      const ended = yield* VoiceCallback.decode(dice)
      expect(ended).toBeInstanceOf(VoiceSchema.DiceEvent)
      expect(ended.event === "dice" && [ended.reason, ended.result, ended.duration, ended.from]).toEqual([
        "MANAGERHANGUP",
        "ANSWERED",
        12,
        "12015555555"
      ])
      const input = yield* VoiceCallback.decode(pie)
      expect(input.event === "pie" && input.menuResult).toEqual({
        type: "sequence",
        value: "1234",
        menuId: "confirm",
        inputMethod: "dtmf"
      })
      const told = yield* VoiceCallback.decode(notify)
      expect(told).toBeInstanceOf(VoiceSchema.NotifyEvent)
      expect(told.event === "notify" && told.destination).toBe("azure://sinchsdk/voice-recordings/my-recording.mp3")
      const error = yield* VoiceCallback.decode(
        JSON.stringify({ event: "notify", version: 1, type: "callingerror", errorCode: 40003, errorMsg: "x" })
      )
      expect(error.event === "notify" && [error.type, error.errorCode]).toEqual(["callingerror", 40003])
      // Values Sinch may add tomorrow still decode.
      const future = yield* VoiceCallback.decode(dice.replace("MANAGERHANGUP", "SPACEHANGUP"))
      expect(future.event === "dice" && future.reason).toBe("SPACEHANGUP")
      const unknown = yield* Effect.flip(VoiceCallback.decode(JSON.stringify({ event: "xyz", callid: "c" })))
      expect(unknown._tag).toBe("InvalidCallbackEvent")
      const noCall = yield* Effect.flip(VoiceCallback.decode(JSON.stringify({ event: "ice" })))
      expect(noCall.detail).toContain("callid")
      const notJson = yield* Effect.flip(VoiceCallback.decode("nope"))
      expect(notJson.detail).toBe("the body is not JSON")
    }))

  it.effect("verify: the published ACE vector decodes; a changed body or path is InvalidSignature, never decoded", () =>
    Effect.gen(function*() {
      // The Voice callback vector of the application-signing reference (DESIGN's third vector).
      const body =
        `{"event":"ace","callid":"822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257","timestamp":"2014-09-24T10:59:41Z","version":1}`
      const timestamp = "2014-09-24T10:59:41Z"
      const signature = "Tg6fMyo8mj9pYfWQ9ssbx3Tc1BNC87IEygAfLbJqZb4="
      expect(sign(body, timestamp, "/sinch/callback/ace")).toBe(signature)
      yield* TestClock.setTime(Date.parse(timestamp))
      const verify = VoiceCallback.verify()
      const headers = {
        authorization: `Application ${key}:${signature}`,
        "x-timestamp": timestamp,
        "content-type": "application/json"
      }
      const event = yield* verify({ method: "POST", path: "/sinch/callback/ace", headers, body })
      expect(event).toBeInstanceOf(VoiceSchema.AceEvent)
      expect(event.callid).toBe("822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257")
      const tampered = yield* Effect.flip(
        verify({ method: "POST", path: "/sinch/callback/ace", headers, body: body.replace("257", "258") })
      )
      expect(tampered._tag).toBe("InvalidSignature")
      const moved = yield* Effect.flip(verify({ method: "POST", path: "/sinch/callback/dice", headers, body }))
      expect(moved._tag).toBe("InvalidSignature")
      for (const error of [tampered, moved]) {
        expect(error.message).not.toContain(secret)
        expect(error.message).not.toContain(signature)
        expect(JSON.stringify(error)).not.toContain(signature)
      }
      // The same request after the 5-minute window is refused.
      yield* TestClock.adjust("6 minutes")
      const late = yield* Effect.flip(verify({ method: "POST", path: "/sinch/callback/ace", headers, body }))
      expect(late._tag).toBe("InvalidSignature")
    }).pipe(Effect.provide(Context)))

  it.scoped("the endpoint answers ICE, ACE and PIE with SVAML, DiCE and notify with an empty 200; 401, 400; no secret logged", () =>
    Effect.gen(function*() {
      const told = yield* Ref.make<ReadonlyArray<string>>([])
      const logs: Array<string> = []
      const callbackApp = VoiceCallback.httpApp({
        onIce: (event) =>
          Effect.succeed(
            event.to?.endpoint === "+12017777777"
              ? VoiceSvaml.response({
                instructions: [VoiceSvaml.say("Connecting you.", { locale: "en-US" })],
                action: VoiceSvaml.connectPstn("+46700000000", { cli: event.cli, maxDuration: 600 })
              })
              : VoiceSvaml.response({ action: VoiceSvaml.hangup })
          ),
        onPie: (event) =>
          Effect.succeed(
            event.menuResult?.value === "1234"
              ? VoiceSvaml.response({ action: VoiceSvaml.connectConf("room-1", { moh: "music1" }) })
              : VoiceSvaml.response({ action: VoiceSvaml.hangup })
          ),
        onDice: (event) => Ref.update(told, (all) => [...all, `dice ${event.callid} ${event.result}`]),
        onNotify: (event) => Ref.update(told, (all) => [...all, `notify ${event.type}`])
      })
      const capture = Logger.replace(
        Logger.defaultLogger,
        Logger.make(({ annotations, message }) => {
          logs.push(`${JSON.stringify(message)} ${JSON.stringify([...annotations])}`)
        })
      )
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => HttpApp.toWebHandlerLayer(callbackApp, Layer.merge(Context, capture))),
        (web) => Effect.promise(() => web.dispose())
      )
      // The web handler runs on the live clock, so requests are signed now.
      const post = (body: string, authorization?: string, timestamp = new Date().toISOString()) =>
        Effect.promise(async () => {
          const response = await web.handler(
            new Request(`http://localhost${path}`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-timestamp": timestamp,
                authorization: authorization ?? `Application ${key}:${sign(body, timestamp)}`
              },
              body
            })
          )
          return { status: response.status, type: response.headers.get("content-type"), text: await response.text() }
        })
      const connected = yield* post(ice)
      expect([connected.status, connected.type]).toEqual([200, "application/json"])
      expect(JSON.parse(connected.text)).toEqual({
        action: { name: "connectPstn", number: "+46700000000", cli: "12015555555", maxDuration: 600 },
        instructions: [{ name: "say", text: "Connecting you.", locale: "en-US" }]
      })
      const other = yield* post(ice.replace("+12017777777", "+12017777778"))
      expect(JSON.parse(other.text)).toEqual({ action: { name: "hangup" } })
      // No onAce: the call continues.
      expect(JSON.parse((yield* post(ace)).text)).toEqual({ action: { name: "continue" } })
      expect(JSON.parse((yield* post(pie)).text)).toEqual({
        action: { name: "connectConf", conferenceId: "room-1", moh: "music1" }
      })
      const ended = yield* post(dice)
      expect([ended.status, ended.text]).toEqual([200, ""])
      const notified = yield* post(notify)
      expect([notified.status, notified.text]).toEqual([200, ""])
      expect(yield* Ref.get(told)).toEqual([
        "dice 1ce0ffee-ca11-ca11-ca11-abcdef000033 ANSWERED",
        "notify recording_available"
      ])

      // Refused before the handlers: a bad signature, a replay, another scheme; 400 for a verified non-event.
      const forged = `Application ${key}:${sign(dice, "2020-01-01T00:00:00Z")}`
      expect((yield* post(dice.replace("12", "13"), forged)).status).toBe(401)
      const at = new Date().toISOString()
      const once = `Application ${key}:${sign(notify.replace("available", "finished"), at)}`
      expect((yield* post(notify.replace("available", "finished"), once, at)).status).toBe(200)
      expect((yield* post(notify.replace("available", "finished"), once, at)).status).toBe(401)
      expect((yield* post(ice, "Bearer x")).status).toBe(401)
      expect((yield* post(JSON.stringify({ event: "other" }))).status).toBe(400)
      // Application Basic auth (allowed by default) reaches the handlers; a wrong secret does not.
      const basic = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`
      expect((yield* post(dice.replace("ANSWERED", "FAILED"), basic)).status).toBe(200)
      const wrongBasic = `Basic ${Buffer.from(`${key}:d3Jvbmc=`).toString("base64")}`
      expect((yield* post(dice, wrongBasic)).status).toBe(401)
      expect((yield* Ref.get(told)).length).toBe(4)

      // The refusals were logged, without the secret, a signature or a Basic header.
      expect(logs.length).toBeGreaterThanOrEqual(4)
      const logged = logs.join("\n")
      for (const planted of [secret, "d3Jvbmc=", forged.split(":")[1]!, once.split(":")[1]!, basic.slice(6)]) {
        expect(logged).not.toContain(planted)
      }
    }))
})
