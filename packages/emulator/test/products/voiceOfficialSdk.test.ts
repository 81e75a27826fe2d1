/**
 * The official `@sinch/sdk-core` Voice client against the emulator on 127.0.0.1: every operation it has
 * must succeed, and the emulator must have understood it. The SDK signs the API's own path
 * (`/calling/v1/...`, `/v1/configuration/...`), so it is pointed at the emulator's root, where Voice
 * answers at its own paths.
 */
import { expect, layer } from "@effect/vitest"
import { SinchClient } from "@sinch/sdk-core"
import { Effect, Redacted } from "effect"
import { EmulatorControl, EmulatorServer } from "../../src/index.js"
import { demo } from "../utils/emulator.js"

const voice = Effect.map(EmulatorServer.EmulatorServer, (server) =>
  new SinchClient({
    // null: the SDK's no-op logger.
    logger: null,
    applicationKey: demo.applicationKey,
    applicationSecret: Redacted.value(demo.applicationSecret),
    voiceHostname: server.baseUrl,
    voiceApplicationManagementHostname: server.baseUrl
  }).voice)

const promise = <A>(run: () => Promise<A>) => Effect.promise(run)

const failure = (run: () => Promise<unknown>) =>
  Effect.promise(() =>
    run().then(() => undefined, (error: unknown) => error as { readonly statusCode?: number; readonly data?: unknown })
  )

const routes = Effect.map(
  Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters),
  (counters) => counters.requestsByRoute
)

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "official Voice client against the emulator",
  (it) => {
    it.effect("callouts, calls and conferences: every operation, at the paths the SDK sends", () =>
      Effect.gen(function*() {
        const sdk = yield* voice
        const tts = yield* promise(() =>
          sdk.callouts.tts({
            ttsCalloutRequestBody: {
              method: "ttsCallout",
              ttsCallout: {
                cli: "+12015555555",
                destination: { type: "number", endpoint: "+12017777777" },
                locale: "en-US",
                text: "Hello, this is a call from Sinch."
              }
            }
          })
        )
        expect(tts.callId).toMatch(/^1ce0ffee-ca11-ca11-ca11-[0-9a-f]{12}$/)
        const conference = yield* promise(() =>
          sdk.conferences.call({
            conferenceCalloutRequestBody: {
              method: "conferenceCallout",
              conferenceCallout: {
                cli: "+12015555555",
                destination: { type: "number", endpoint: "+12017777777" },
                conferenceId: "myConferenceId-E2E",
                locale: "en-US",
                greeting: "Welcome to this conference call.",
                mohClass: "music1"
              }
            }
          })
        )
        const custom = yield* promise(() =>
          sdk.callouts.custom({
            customCalloutRequestBody: {
              method: "customCallout",
              customCallout: {
                cli: "+12015555555",
                destination: { type: "number", endpoint: "+12017777777" },
                custom: "Custom text",
                ice: JSON.stringify({
                  instructions: [{ name: "say", text: "Welcome to Sinch.", locale: "en-US/male" }],
                  action: { name: "connectPstn", number: "+12017777777", cli: "+12015555555" }
                }),
                pie: "https://callback-server.com/voice"
              }
            }
          })
        )
        const information = yield* promise(() => sdk.calls.get({ callId: custom.callId! }))
        expect(information).toMatchObject({
          callId: custom.callId,
          to: { type: "number", endpoint: "+12017777777" },
          domain: "pstn",
          status: "ONGOING",
          result: "ANSWERED",
          custom: "Custom text",
          userRate: { currencyId: "USD", amount: 0.01 }
        })
        // The SDK reads the zone-less timestamp as a date.
        expect(information.timestamp).toBeInstanceOf(Date)
        yield* promise(() =>
          sdk.calls.manageWithCallLeg({
            callId: tts.callId!,
            callLeg: "callee",
            manageWithCallLegRequestBody: {
              instructions: [{
                name: "playFiles",
                ids: ["https://samples-files.com/samples/Audio/mp3/sample-file-4.mp3"]
              }],
              action: { name: "continue" }
            }
          })
        )
        yield* promise(() =>
          sdk.calls.update({
            callId: tts.callId!,
            updateCallRequestBody: {
              instructions: [{ name: "say", text: "The call will end now.", locale: "en-US" }],
              action: { name: "hangup" }
            }
          })
        )
        expect((yield* promise(() => sdk.calls.get({ callId: tts.callId! }))).status).toBe("FINAL")
        const missing = yield* failure(() => sdk.calls.get({ callId: "not-existing-callId" }))
        expect(missing?.statusCode).toBe(404)
        const room = yield* promise(() => sdk.conferences.get({ conferenceId: "myConferenceId-E2E" }))
        expect(room.participants?.map((p) => p.id)).toEqual([conference.callId])
        yield* promise(() =>
          sdk.conferences.manageParticipant({
            conferenceId: "myConferenceId-E2E",
            callId: conference.callId!,
            manageParticipantRequestBody: { command: "onhold", moh: "music2" }
          })
        )
        const held = yield* promise(() => sdk.conferences.get({ conferenceId: "myConferenceId-E2E" }))
        expect(held.participants?.[0]).toMatchObject({ onhold: true, muted: false })
        yield* promise(() =>
          sdk.conferences.kickParticipant({ conferenceId: "myConferenceId-E2E", callId: conference.callId! })
        )
        yield* promise(() =>
          sdk.callouts.conference({
            conferenceCalloutRequestBody: {
              method: "conferenceCallout",
              conferenceCallout: {
                destination: { type: "number", endpoint: "+46701234567" },
                conferenceId: "myConferenceId-E2E"
              }
            }
          })
        )
        yield* promise(() => sdk.conferences.kickAll({ conferenceId: "myConferenceId-E2E" }))
        expect((yield* failure(() => sdk.conferences.get({ conferenceId: "myConferenceId-E2E" })))?.statusCode).toBe(
          404
        )
        const seen = yield* routes
        expect(seen[`GET /calling/v1/calls/id/${tts.callId}`]).toBe(1)
        expect(seen[`PATCH /calling/v1/calls/id/${tts.callId}`]).toBe(1)
        expect(seen[`PATCH /calling/v1/calls/id/${tts.callId}/leg/callee`]).toBe(1)
        expect(seen["POST /calling/v1/callouts"]).toBe(4)
      }))

    it.effect("applications: numbers, callbacks and number information", () =>
      Effect.gen(function*() {
        const sdk = yield* voice
        const numbers = yield* promise(() => sdk.applications.listNumbers({}))
        expect(numbers.numbers?.[0]).toEqual({
          number: "+46700000001",
          applicationkey: demo.applicationKey,
          capability: "voice"
        })
        yield* promise(() =>
          sdk.applications.assignNumbers({
            assignNumbersRequestBody: {
              numbers: ["+46700000002"],
              applicationkey: demo.applicationKey,
              capability: "voice"
            }
          })
        )
        yield* promise(() =>
          sdk.applications.unassignNumber({ unassignNumbersRequestBody: { number: "+46700000001" } })
        )
        expect((yield* promise(() => sdk.applications.listNumbers({}))).numbers?.slice(0, 2)).toEqual([
          { number: "+46700000001", capability: "voice" },
          { number: "+46700000002", applicationkey: demo.applicationKey, capability: "voice" }
        ])
        yield* promise(() =>
          sdk.applications.updateCallbackURLs({
            applicationkey: demo.applicationKey,
            updateCallbacksRequestBody: {
              url: { primary: "https://my.callback-server.com/voice", fallback: "https://my.fallback-server.com/voice" }
            }
          })
        )
        expect(yield* promise(() => sdk.applications.getCallbackURLs({ applicationkey: demo.applicationKey }))).toEqual(
          {
            url: { primary: "https://my.callback-server.com/voice", fallback: "https://my.fallback-server.com/voice" }
          }
        )
        expect(yield* promise(() => sdk.applications.queryNumber({ number: "+1 201 555 5555" }))).toEqual({
          number: {
            countryId: "US",
            numberType: "Fixed",
            normalizedNumber: "+12015555555",
            restricted: false,
            rate: { currencyId: "USD", amount: 0.01 }
          }
        })
      }))
  }
)
