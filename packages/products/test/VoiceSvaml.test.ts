/**
 * The SVAML builders against the official SDK's helpers (`Voice.svamlInstructionHelper`,
 * `svamlActionHelper`, the ICE/ACE/PIE builders and `customCalloutHelper`): the same inputs give the same
 * JSON, and every SVAML object the SDK builds decodes with our Schemas.
 */
import { describe, expect, it } from "@effect/vitest"
import { Voice as Sdk } from "@sinch/sdk-core"
import { Schema } from "effect"
import { VoiceSvaml } from "../src/index.js"

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown
const encode = Schema.encodeSync(VoiceSvaml.Svaml)

const recording = {
  destinationUrl: "azure://my-account/test-container/my-recording.mp3",
  credentials: "dummyAzureCredentials",
  format: "mp3",
  notificationEvents: true,
  transcriptionOptions: { enabled: true, locale: "en-US" }
} as const

const headers = [{ key: "foo", value: "bar" }, { key: "baz", value: "qux" }]

const menu = {
  barge: true,
  locale: "en-US",
  enableVoice: true,
  mainMenu: "main",
  menus: [
    {
      id: "main",
      mainPrompt: "#tts[Press 1 for support or 2 to continue.]",
      repeatPrompt: "#tts[Sorry, please try again.]",
      repeats: 2,
      maxDigits: 1,
      timeoutMills: 5000,
      maxTimeoutMills: 20000,
      options: [{ dtmf: "1", action: "return(support)" }, { dtmf: "2", action: "menu(sub)" }]
    },
    { id: "sub", mainPrompt: "#tts[Enter your PIN.]", options: [{ dtmf: "1", action: "menu(main)" }] }
  ]
}

describe("VoiceSvaml", () => {
  it("instructions: the same JSON as svamlInstructionHelper for the same inputs", () => {
    const sdk = Sdk.svamlInstructionHelper
    const pairs: ReadonlyArray<readonly [VoiceSvaml.Instruction, unknown]> = [
      [VoiceSvaml.answer, sdk.buildAnswer()],
      [VoiceSvaml.playFiles(["[Welcome]"], { locale: "Enrique" }), sdk.buildPlayFiles(["[Welcome]"], "Enrique")],
      [VoiceSvaml.playFiles(["https://example.com/a.mp3"]), sdk.buildPlayFiles(["https://example.com/a.mp3"])],
      [VoiceSvaml.say("Hello, this is Sinch.", { locale: "Ivy" }), sdk.buildSay("Hello, this is Sinch.", "Ivy")],
      [VoiceSvaml.say("Hi"), sdk.buildSay("Hi")],
      [VoiceSvaml.sendDtmf("1234#"), sdk.buildSendDtmf("1234#")],
      [VoiceSvaml.setCookie("cookie-name", "cookie-value"), sdk.buildSetCookie("cookie-name", "cookie-value")],
      [VoiceSvaml.startRecording(recording), sdk.buildStartRecording({ ...recording })],
      [VoiceSvaml.stopRecording, sdk.buildStopRecording()]
    ]
    for (const [ours, theirs] of pairs) {
      expect(json(Schema.encodeSync(VoiceSvaml.Instruction)(ours))).toEqual(json(theirs))
    }
    expect(pairs).toHaveLength(9)
  })

  it("actions: the same JSON as svamlActionHelper for the same inputs", () => {
    const sdk = Sdk.svamlActionHelper
    const pstn = {
      locale: "en-US",
      maxDuration: 3000,
      dialTimeout: 10,
      cli: "+460987654321",
      suppressCallbacks: false,
      indications: "se",
      dtmf: "ww1234#w#",
      amd: { enabled: true }
    } as const
    const sip = {
      maxDuration: 3000,
      cli: "private",
      transport: "tls",
      suppressCallbacks: false,
      callHeaders: headers,
      moh: "music2"
    } as const
    const park = { locale: "en-US", introPrompt: "#tts[Welcome]", holdPrompt: "#tts[Please hold]", maxDuration: 180 }
    const pairs: ReadonlyArray<readonly [VoiceSvaml.Action, unknown]> = [
      [VoiceSvaml.hangup, sdk.buildHangup()],
      [VoiceSvaml.continueCall, sdk.buildContinue()],
      [VoiceSvaml.connectPstn("+461234567890", pstn), sdk.buildConnectPstn({ number: "+461234567890", ...pstn })],
      [VoiceSvaml.connectPstn(undefined), sdk.buildConnectPstn({})],
      [
        VoiceSvaml.connectMxp("johndoe", { callHeaders: headers }),
        sdk.buildConnectMxp({ destination: { type: "username", endpoint: "johndoe" }, callHeaders: headers })
      ],
      [
        VoiceSvaml.connectConf("conferenceId", {
          conferenceDtmfOptions: { mode: "detect", maxDigits: 1, timeoutMills: 5000 },
          moh: "music1"
        }),
        sdk.buildConnectConf({
          conferenceId: "conferenceId",
          conferenceDtmfOptions: { mode: "detect", maxDigits: 1, timeoutMills: 5000 },
          moh: "music1"
        })
      ],
      [
        VoiceSvaml.connectSip("46708000000@sip.foo.com", sip),
        sdk.buildConnectSip({ destination: { type: "sip", endpoint: "46708000000@sip.foo.com" }, ...sip })
      ],
      [
        VoiceSvaml.connectStream("wss://stream.example", { streamingOptions: { version: 1, sampleRate: 16000 } }),
        sdk.buildConnectStream({
          destination: { type: "websocket", endpoint: "wss://stream.example" },
          streamingOptions: { version: 1, sampleRate: 16000 }
        })
      ],
      [VoiceSvaml.runMenu(menu), sdk.buildRunMenu(menu)],
      [VoiceSvaml.park(park), sdk.buildPark(park)],
      [VoiceSvaml.park(), sdk.buildPark({})]
    ]
    for (const [ours, theirs] of pairs) {
      expect(json(Schema.encodeSync(VoiceSvaml.Action)(ours))).toEqual(json(theirs))
    }
    expect(pairs).toHaveLength(11)
  })

  it("responses: the same JSON as the SDK's ICE, ACE and PIE builders; their output decodes with the typed Schemas", () => {
    const ace = VoiceSvaml.response({
      action: VoiceSvaml.hangup,
      instructions: [
        VoiceSvaml.setCookie("cookie-name", "cookie-value"),
        VoiceSvaml.startRecording(recording),
        VoiceSvaml.say("Hello from Sinch.", { locale: "en-US" })
      ]
    })
    const sdkAce = new Sdk.AceSvamletBuilder()
      .setAction(Sdk.aceActionHelper.hangup())
      .addInstruction(Sdk.aceInstructionHelper.setCookie("cookie-name", "cookie-value"))
      .addInstruction(Sdk.aceInstructionHelper.startRecording({ ...recording }))
      .addInstruction(Sdk.aceInstructionHelper.say("Hello from Sinch.", "en-US"))
      .build()
    expect(json(encode(ace))).toEqual(json(sdkAce))
    expect(Schema.decodeUnknownSync(VoiceSvaml.AceResponse)(json(sdkAce))).toEqual(json(ace))

    const ice = VoiceSvaml.response({
      action: VoiceSvaml.park({ introPrompt: "#tts[Welcome]", maxDuration: 180 }),
      instructions: [VoiceSvaml.setCookie("sinch-app", "app-id-value")]
    })
    const sdkIce = new Sdk.IceSvamletBuilder()
      .setAction(Sdk.iceActionHelper.park({ introPrompt: "#tts[Welcome]", maxDuration: 180 }))
      .addInstruction(Sdk.iceInstructionHelper.setCookie("sinch-app", "app-id-value"))
      .build()
    expect(json(encode(ice))).toEqual(json(sdkIce))
    expect(Schema.decodeUnknownSync(VoiceSvaml.IceResponse)(json(sdkIce))).toEqual(json(ice))

    const pie = VoiceSvaml.response({ action: VoiceSvaml.continueCall })
    const sdkPie = new Sdk.PieSvamletBuilder().setAction(Sdk.pieActionHelper.continue()).build()
    expect(json(encode(pie))).toEqual(json(sdkPie))
    expect(json(pie)).toEqual({ action: { name: "continue" } })

    // The reference's tables: continue is no ICE action, stopRecording no ACE instruction; in types too.
    // @ts-expect-error continue is no ICE action
    const notIce: VoiceSvaml.IceResponse = VoiceSvaml.response({ action: VoiceSvaml.continueCall })
    // @ts-expect-error connectPstn is no ACE action
    const notAce: VoiceSvaml.AceResponse = VoiceSvaml.response({ action: VoiceSvaml.connectPstn("+46700000000") })
    expect([notIce.action.name, notAce.action.name]).toEqual(["continue", "connectPstn"])
    expect(() => Schema.decodeUnknownSync(VoiceSvaml.IceResponse)({ action: { name: "continue" } })).toThrow()
    expect(() =>
      Schema.decodeUnknownSync(VoiceSvaml.AceResponse)({
        action: { name: "continue" },
        instructions: [{ name: "stopRecording" }]
      })
    ).toThrow()
  })

  it("inline: the same string as customCalloutHelper (the custom callout's ice / ace / pie)", () => {
    expect(VoiceSvaml.inline(VoiceSvaml.response({ action: VoiceSvaml.park() }))).toBe(
      Sdk.customCalloutHelper.formatIceResponse(Sdk.iceActionHelper.park({}))
    )
    expect(
      VoiceSvaml.inline(VoiceSvaml.response({
        action: VoiceSvaml.park(),
        instructions: [
          VoiceSvaml.setCookie("cookie-name", "cookie-value"),
          VoiceSvaml.say("Hello.", { locale: "Gwyneth" })
        ]
      }))
    ).toBe(
      Sdk.customCalloutHelper.formatIceResponse(
        Sdk.iceActionHelper.park({}),
        Sdk.iceInstructionHelper.setCookie("cookie-name", "cookie-value"),
        Sdk.iceInstructionHelper.say("Hello.", "Gwyneth")
      )
    )
    expect(
      VoiceSvaml.inline(VoiceSvaml.response({
        action: VoiceSvaml.continueCall,
        instructions: [VoiceSvaml.say("Goodbye.", { locale: "Raveena" }), VoiceSvaml.stopRecording]
      }))
    ).toBe(
      Sdk.customCalloutHelper.formatPieResponse(
        Sdk.pieActionHelper.continue(),
        Sdk.pieInstructionHelper.say("Goodbye.", "Raveena"),
        Sdk.pieInstructionHelper.stopRecording()
      )
    )
  })

  it("the reference's published SVAML examples decode", () => {
    // From the SVAML pages of the Voice API reference (instructions and actions).
    const examples = [
      { instructions: [{ name: "playFiles", ids: ["[Welcome]"], locale: "en-US" }], action: { name: "hangup" } },
      {
        instructions: [{ name: "say", text: "Hello, this is a text-to-speech message.", locale: "en-US" }],
        action: { name: "hangup" }
      },
      {
        action: {
          name: "connectPstn",
          number: "+461234567890",
          locale: "en-US",
          maxDuration: 3000,
          dialTimeout: 10,
          cli: "private",
          suppressCallbacks: false,
          indications: "se",
          amd: { enabled: true }
        }
      },
      { action: { name: "connectConf", conferenceId: "myConference", moh: "ring" } }
    ]
    for (const example of examples) expect(Schema.decodeUnknownSync(VoiceSvaml.Svaml)(example)).toBeDefined()
    expect(() => Schema.decodeUnknownSync(VoiceSvaml.Svaml)({ action: { name: "teleport" } })).toThrow()
  })
})
