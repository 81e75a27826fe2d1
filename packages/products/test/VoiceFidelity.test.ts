/**
 * The official `@sinch/sdk-core` Voice client against the emulator served on 127.0.0.1, signing every
 * request with the application key: each operation must succeed, and what the emulator answers must
 * decode with our Schemas. The SDK signs the API's own path (`/calling/v1/...`) rather than the path it
 * sends, so both of its Voice hostnames point at the emulator's root, where the Voice API answers at its
 * own paths.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Voice as Sdk } from "@sinch/sdk-core"
import { Effect, Redacted } from "effect"
import { VoiceSchema } from "../src/index.js"
import { decodes, failure, officialClient, promise } from "./utils/officialSdk.js"

const demo = Emulator.demoCredentials

const sdk = Effect.map(
  officialClient((baseUrl) => ({
    applicationKey: demo.applicationKey,
    applicationSecret: Redacted.value(demo.applicationSecret),
    voiceHostname: baseUrl,
    voiceApplicationManagementHostname: baseUrl
  })),
  (client) => client.voice
)

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

const destination = (endpoint: string) => ({ type: "number", endpoint }) as const

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "official Voice client against the emulator",
  (it) => {
    it.effect("callouts: tts, conference, custom (with the SDK's inline SVAML); calls: get, update, manageWithCallLeg", () =>
      Effect.gen(function*() {
        const voice = yield* sdk
        const tts = yield* promise(() =>
          voice.callouts.tts({
            ttsCalloutRequestBody: {
              method: "ttsCallout",
              ttsCallout: {
                cli: "+12015555555",
                destination: destination("+12017777777"),
                locale: "en-US",
                text: "Hello, this is a call from Sinch."
              }
            }
          })
        )
        const callId = decodes(VoiceSchema.Callout, tts).callId
        const conference = yield* promise(() =>
          voice.callouts.conference({
            conferenceCalloutRequestBody: {
              method: "conferenceCallout",
              conferenceCallout: {
                cli: "+12015555555",
                destination: destination("+12017777778"),
                conferenceId: "sdk-room",
                greeting: "Welcome to this conference call.",
                mohClass: "music1"
              }
            }
          })
        )
        expect(decodes(VoiceSchema.Callout, conference).callId).not.toBe(callId)
        const custom = yield* promise(() =>
          voice.callouts.custom({
            customCalloutRequestBody: {
              method: "customCallout",
              customCallout: {
                cli: "+12015555555",
                destination: destination("+12017777777"),
                custom: "Custom text",
                ice: Sdk.customCalloutHelper.formatIceResponse(
                  Sdk.iceActionHelper.connectPstn({ number: "+12017777777", cli: "+12015555555" }),
                  Sdk.iceInstructionHelper.say("Welcome to Sinch.", "en-US/male")
                ),
                ace: Sdk.customCalloutHelper.formatAceResponse(Sdk.aceActionHelper.continue()),
                pie: "https://callback-server.com/voice"
              }
            }
          })
        )
        decodes(VoiceSchema.Callout, custom)

        const information = yield* promise(() => voice.calls.get({ callId }))
        expect(decodes(VoiceSchema.CallInformation, information)).toMatchObject({
          callId,
          status: "ONGOING",
          to: { type: "number", endpoint: "+12017777777" },
          userRate: { currencyId: "USD", amount: 0.01 }
        })
        yield* promise(() =>
          voice.calls.manageWithCallLeg({
            callId,
            callLeg: "callee",
            manageWithCallLegRequestBody: {
              instructions: [Sdk.svamlInstructionHelper.buildPlayFiles(["https://example.com/sample.mp3"])],
              action: Sdk.svamlActionHelper.buildContinue()
            }
          })
        )
        yield* promise(() =>
          voice.calls.update({
            callId,
            updateCallRequestBody: {
              instructions: [Sdk.svamlInstructionHelper.buildSay("The call will end now.", "en-US")],
              action: Sdk.svamlActionHelper.buildHangup()
            }
          })
        )
        const ended = yield* promise(() => voice.calls.get({ callId }))
        expect(decodes(VoiceSchema.CallInformation, ended)).toMatchObject({ status: "FINAL", reason: "MANAGERHANGUP" })
      }))

    it.effect("conferences: get, manageParticipant (mute, onhold with moh, resume), kickParticipant, kickAll", () =>
      Effect.gen(function*() {
        const voice = yield* sdk
        const join = (endpoint: string) =>
          promise(() =>
            voice.conferences.call({
              conferenceCalloutRequestBody: {
                method: "conferenceCallout",
                conferenceCallout: { destination: destination(endpoint), conferenceId: "sdk-conf" }
              }
            })
          ).pipe(Effect.map((answer) => decodes(VoiceSchema.Callout, answer).callId))
        const first = yield* join("+46701111111")
        const second = yield* join("+46702222222")
        const manage = (callId: string, command: "mute" | "onhold" | "resume", moh?: "music2") =>
          promise(() =>
            voice.conferences.manageParticipant({
              conferenceId: "sdk-conf",
              callId,
              manageParticipantRequestBody: moh === undefined ? { command } : { command, moh }
            })
          )
        yield* manage(first, "mute")
        yield* manage(second, "onhold", "music2")
        const room = yield* promise(() => voice.conferences.get({ conferenceId: "sdk-conf" }))
        expect(decodes(VoiceSchema.Conference, room).participants?.map((p) => [p.id, p.muted, p.onhold])).toEqual([
          [first, true, false],
          [second, false, true]
        ])
        yield* manage(second, "resume")
        yield* promise(() => voice.conferences.kickParticipant({ conferenceId: "sdk-conf", callId: first }))
        const left = yield* promise(() => voice.conferences.get({ conferenceId: "sdk-conf" }))
        expect(decodes(VoiceSchema.Conference, left).participants?.map((p) => [p.id, p.onhold])).toEqual([
          [second, false]
        ])
        yield* promise(() => voice.conferences.kickAll({ conferenceId: "sdk-conf" }))
        const gone = yield* failure(() => voice.conferences.get({ conferenceId: "sdk-conf" }))
        expect(gone?.statusCode).toBe(404)
        expect(JSON.parse(String(gone?.data))).toEqual({
          errorCode: 40400,
          message: "Conference not found",
          reference: "emulator"
        })
      }))

    it.effect("applications: listNumbers, assignNumbers, unassignNumber, callback URLs, queryNumber", () =>
      Effect.gen(function*() {
        const voice = yield* sdk
        const numbers = decodes(VoiceSchema.Numbers, yield* promise(() => voice.applications.listNumbers()))
        expect(numbers.numbers?.map((n) => n.number)).toEqual(["+46700000001", "+46700000002", "+12025550147"])
        yield* promise(() =>
          voice.applications.assignNumbers({
            assignNumbersRequestBody: {
              numbers: ["+46700000002"],
              applicationkey: demo.applicationKey,
              capability: "voice"
            }
          })
        )
        const assigned = decodes(VoiceSchema.Numbers, yield* promise(() => voice.applications.listNumbers()))
        expect(assigned.numbers?.[1]?.applicationkey).toBe(demo.applicationKey)
        yield* promise(() =>
          voice.applications.unassignNumber({ unassignNumbersRequestBody: { number: "+46700000002" } })
        )
        yield* promise(() =>
          voice.applications.updateCallbackURLs({
            applicationkey: demo.applicationKey,
            updateCallbacksRequestBody: { url: { primary: "https://example.com/voice" } }
          })
        )
        const callbacks = yield* promise(() =>
          voice.applications.getCallbackURLs({ applicationkey: demo.applicationKey })
        )
        expect(decodes(VoiceSchema.CallbackUrls, callbacks).url).toEqual({ primary: "https://example.com/voice" })
        // The SDK drops spaces before it signs; the number is sent with its + unencoded.
        const info = yield* promise(() => voice.applications.queryNumber({ number: "+33 6 12 34 56 78" }))
        expect(decodes(VoiceSchema.NumberInformation, info).number).toMatchObject({
          countryId: "FR",
          numberType: "Mobile",
          normalizedNumber: "+33612345678"
        })
      }))

    it.effect("every SDK request was signed and accepted (none answered 401)", () =>
      Effect.gen(function*() {
        const seen = yield* counters
        const voice = seen.recentRequests.filter((r) => r.api === "voice")
        expect(voice.length).toBe(24)
        expect(voice.filter((r) => r.status === 401)).toEqual([])
      }))
  }
)
