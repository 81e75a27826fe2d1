/**
 * SVAML, the Sinch Voice Application Markup Language, typed: a SVAML object is instructions (play,
 * say, send DTMF, set a cookie, answer, start or stop recording) followed by one action (hang up,
 * continue, connect to a number, a SIP server, a conference, an app user or a stream, run a menu,
 * park). It is the answer to the ICE, ACE and PIE callbacks (`VoiceCallback`) and the body of
 * `Voice.updateCall` / `manageCallLeg`. The builders write the same JSON as the official SDK's
 * `svamlInstructionHelper` / `svamlActionHelper` for the same inputs.
 *
 * Which action and instruction each event accepts follows the reference's SVAML quick reference:
 * `IceResponse`, `AceResponse` and `PieResponse` are typed accordingly.
 *
 * @example
 * ```ts
 * import { VoiceSvaml } from "@sinch-effect/products"
 *
 * const answer = VoiceSvaml.response({
 *   instructions: [VoiceSvaml.say("Connecting you now.", { locale: "en-US" })],
 *   action: VoiceSvaml.connectPstn("+46700000000", { cli: "+46700000001", maxDuration: 600 })
 * })
 * ```
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import * as VoiceSchema from "./VoiceSchema.js"

// ---------------------------------------------------------------------------------------------------
// Instructions

/**
 * Plays files, `#tts[...]` or `#ssml[...]` prompts to the caller.
 *
 * @since 0.3.0
 * @category instructions
 */
export const PlayFiles = Schema.Struct({
  name: Schema.Literal("playFiles"),
  ids: Schema.Array(Schema.String),
  /** Needed for TTS and SSML: a locale (`en-US`) or a voice. */
  locale: Schema.optional(Schema.String)
})

/**
 * Speaks `text`.
 *
 * @since 0.3.0
 * @category instructions
 */
export const Say = Schema.Struct({
  name: Schema.Literal("say"),
  /** At most 600 characters by default. */
  text: Schema.optional(Schema.String),
  locale: Schema.optional(Schema.String)
})

/**
 * Plays DTMF tones: `0`-`9`, `#`, and `w` for a 500 ms pause.
 *
 * @since 0.3.0
 * @category instructions
 */
export const SendDtmf = Schema.Struct({
  name: Schema.Literal("sendDtmf"),
  value: Schema.optional(Schema.String)
})

/**
 * Sets a cookie sent with the later events of the call (simple call state).
 *
 * @since 0.3.0
 * @category instructions
 */
export const SetCookie = Schema.Struct({
  name: Schema.Literal("setCookie"),
  key: Schema.optional(Schema.String),
  value: Schema.optional(Schema.String)
})

/**
 * Answers the call (before an action that plays to the caller).
 *
 * @since 0.3.0
 * @category instructions
 */
export const Answer = Schema.Struct({ name: Schema.Literal("answer") })

/**
 * Where and how a recording is stored.
 *
 * @since 0.3.0
 * @category instructions
 */
export const RecordingOptions = Schema.Struct({
  /** An Amazon S3 (`s3://`) or Azure Blob Storage (`azure://`) URL. */
  destinationUrl: Schema.String,
  /** What the destination service needs to store the file. */
  credentials: Schema.String,
  /** Default `mp3`. */
  format: Schema.optional(Schema.String),
  /** Notify events when the recording finished and is available (default true). */
  notificationEvents: Schema.optional(Schema.Boolean),
  transcriptionOptions: Schema.optional(Schema.Struct({
    enabled: Schema.optional(Schema.Boolean),
    /** e.g. `en-US`. */
    locale: Schema.optional(Schema.String)
  }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type RecordingOptions = typeof RecordingOptions.Type

/**
 * Starts recording the call.
 *
 * @since 0.3.0
 * @category instructions
 */
export const StartRecording = Schema.Struct({
  name: Schema.Literal("startRecording"),
  options: Schema.optional(RecordingOptions)
})

/**
 * Stops the recording.
 *
 * @since 0.3.0
 * @category instructions
 */
export const StopRecording = Schema.Struct({ name: Schema.Literal("stopRecording") })

/**
 * Any instruction.
 *
 * @since 0.3.0
 * @category instructions
 */
export const Instruction = Schema.Union(PlayFiles, Say, SendDtmf, SetCookie, Answer, StartRecording, StopRecording)

/**
 * @since 0.3.0
 * @category models
 */
export type Instruction = typeof Instruction.Type

// ---------------------------------------------------------------------------------------------------
// Actions

/**
 * Ends the call.
 *
 * @since 0.3.0
 * @category actions
 */
export const Hangup = Schema.Struct({ name: Schema.Literal("hangup") })

/**
 * Continues setting up the call (ACE, PIE).
 *
 * @since 0.3.0
 * @category actions
 */
export const Continue = Schema.Struct({ name: Schema.Literal("continue") })

/**
 * The tone played while ringing, by country (ISO 3166-1 alpha-2, lower case; `uk` for Great Britain).
 *
 * @since 0.3.0
 * @category actions
 */
export const Indications = Schema.Literal(
  "at",
  "au",
  "bg",
  "br",
  "be",
  "ch",
  "cl",
  "cn",
  "cz",
  "de",
  "dk",
  "ee",
  "es",
  "fi",
  "fr",
  "gr",
  "hu",
  "il",
  "in",
  "it",
  "lt",
  "jp",
  "mx",
  "my",
  "nl",
  "no",
  "nz",
  "ph",
  "pl",
  "pt",
  "ru",
  "se",
  "sg",
  "th",
  "uk",
  "us",
  "tw",
  "ve",
  "za"
)

/**
 * Connects the call to a phone number (by default the number dialled).
 *
 * @since 0.3.0
 * @category actions
 */
export const ConnectPstn = Schema.Struct({
  name: Schema.Literal("connectPstn"),
  /** E.164; overrides the number dialled. */
  number: Schema.optional(Schema.String),
  /** Default `en-US`. */
  locale: Schema.optional(Schema.String),
  /** Seconds, at most 14400. */
  maxDuration: Schema.optional(Schema.Int),
  /** Seconds of ringing before the call ends unanswered. */
  dialTimeout: Schema.optional(Schema.Int),
  /** The number shown to the callee; `private` hides it. */
  cli: Schema.optional(Schema.String),
  /** No ACE and DiCE for the call. */
  suppressCallbacks: Schema.optional(Schema.Boolean),
  dtmf: Schema.optional(Schema.String),
  indications: Schema.optional(Indications),
  /** Answering machine detection; `async` notifies the beep too. */
  amd: Schema.optional(Schema.Struct({
    enabled: Schema.optional(Schema.Boolean),
    async: Schema.optional(Schema.Boolean)
  }))
})

/**
 * An SDK user (app-to-app call) to connect to.
 *
 * @since 0.3.0
 * @category actions
 */
export const MxpDestination = Schema.Struct({ type: Schema.Literal("username"), endpoint: Schema.String })

/**
 * Connects an app-to-app call, optionally to another user, with call headers.
 *
 * @since 0.3.0
 * @category actions
 */
export const ConnectMxp = Schema.Struct({
  name: Schema.Literal("connectMxp"),
  destination: Schema.optional(MxpDestination),
  callHeaders: Schema.optional(Schema.Array(VoiceSchema.CallHeader))
})

/**
 * Connects the call to a conference (created by its first participant).
 *
 * @since 0.3.0
 * @category actions
 */
export const ConnectConf = Schema.Struct({
  name: Schema.Literal("connectConf"),
  /** At most 64 characters. */
  conferenceId: Schema.String,
  conferenceDtmfOptions: Schema.optional(VoiceSchema.ConferenceDtmfOptions),
  /** What the first participant hears while alone. */
  moh: Schema.optional(VoiceSchema.MusicOnHold)
})

/**
 * A SIP address to connect to.
 *
 * @since 0.3.0
 * @category actions
 */
export const SipDestination = Schema.Struct({ type: Schema.Literal("sip"), endpoint: Schema.String })

/**
 * Connects the call to a SIP server.
 *
 * @since 0.3.0
 * @category actions
 */
export const ConnectSip = Schema.Struct({
  name: Schema.Literal("connectSip"),
  destination: SipDestination,
  maxDuration: Schema.optional(Schema.Int),
  cli: Schema.optional(Schema.String),
  /** Default UDP. */
  transport: Schema.optional(Schema.Literal("udp", "tcp", "tls")),
  suppressCallbacks: Schema.optional(Schema.Boolean),
  /** Private SIP headers. */
  callHeaders: Schema.optional(Schema.Array(VoiceSchema.CallHeader)),
  /** Played when the SIP side puts the call on hold. */
  moh: Schema.optional(VoiceSchema.MusicOnHold)
})

/**
 * Connects the call's audio to a WebSocket server (closed beta in the reference).
 *
 * @since 0.3.0
 * @category actions
 */
export const ConnectStream = Schema.Struct({
  name: Schema.Literal("connectStream"),
  destination: Schema.Struct({ type: Schema.Literal("websocket"), endpoint: Schema.String }),
  streamingOptions: Schema.optional(Schema.Struct({
    version: Schema.optional(Schema.Int),
    /** Hz. */
    sampleRate: Schema.optional(Schema.Int)
  })),
  maxDuration: Schema.optional(Schema.Int),
  /** Sent to the server in the stream's first message. */
  callHeaders: Schema.optional(Schema.Array(VoiceSchema.CallHeader))
})

/**
 * A DTMF digit of a menu and what it does: `menu(id)` goes to another menu, `return(value)` ends the
 * menu with a PIE whose `menuResult.value` is `value`.
 *
 * @since 0.3.0
 * @category actions
 */
export const MenuOption = Schema.Struct({ dtmf: Schema.String, action: Schema.String })

/**
 * One menu of a `runMenu`.
 *
 * @since 0.3.0
 * @category actions
 */
export const Menu = Schema.Struct({
  /** One menu has the id `main`. */
  id: Schema.String,
  /** `#tts[...]`, `#ssml[...]`, `#href[...]` or URLs, separated by `;`. */
  mainPrompt: Schema.optional(Schema.String),
  /** Played after invalid or missing input. */
  repeatPrompt: Schema.optional(Schema.String),
  repeats: Schema.optional(Schema.Int),
  /** Digits collected before a PIE is sent. */
  maxDigits: Schema.optional(Schema.Int),
  timeoutMills: Schema.optional(Schema.Int),
  maxTimeoutMills: Schema.optional(Schema.Int),
  options: Schema.optional(Schema.Array(MenuOption))
})

/**
 * @since 0.3.0
 * @category models
 */
export type Menu = typeof Menu.Type

/**
 * Plays an IVR menu and reports the caller's choice in a PIE.
 *
 * @since 0.3.0
 * @category actions
 */
export const RunMenu = Schema.Struct({
  name: Schema.Literal("runMenu"),
  /** Input during a prompt stops it (default true). */
  barge: Schema.optional(Schema.Boolean),
  /** Needed with `enableVoice`. */
  locale: Schema.optional(Schema.String),
  mainMenu: Schema.optional(Schema.String),
  /** Spoken answers as well as DTMF. */
  enableVoice: Schema.optional(Schema.Boolean),
  menus: Schema.optional(Schema.Array(Menu))
})

/**
 * Parks the call: the caller hears `introPrompt`, then `holdPrompt` in a loop until the call is
 * managed (`Voice.updateCall`) or `maxDuration` passes.
 *
 * @since 0.3.0
 * @category actions
 */
export const Park = Schema.Struct({
  name: Schema.Literal("park"),
  locale: Schema.optional(Schema.String),
  introPrompt: Schema.optional(Schema.String),
  holdPrompt: Schema.optional(Schema.String),
  /** Seconds. */
  maxDuration: Schema.optional(Schema.Int)
})

/**
 * Any action.
 *
 * @since 0.3.0
 * @category actions
 */
export const Action = Schema.Union(
  Hangup,
  Continue,
  ConnectPstn,
  ConnectMxp,
  ConnectConf,
  ConnectSip,
  ConnectStream,
  RunMenu,
  Park
)

/**
 * @since 0.3.0
 * @category models
 */
export type Action = typeof Action.Type

// ---------------------------------------------------------------------------------------------------
// SVAML objects

/**
 * A SVAML object: instructions, then one action (the key order the official SDK writes).
 *
 * @since 0.3.0
 * @category schemas
 */
export const Svaml = Schema.Struct({
  action: Schema.optional(Action),
  instructions: Schema.optional(Schema.Array(Instruction))
})

/**
 * @since 0.3.0
 * @category models
 */
export type Svaml = typeof Svaml.Type

/**
 * The answer to an Incoming Call Event: every action but `continue`; every instruction but
 * `stopRecording`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const IceResponse = Schema.Struct({
  action: Schema.Union(Hangup, ConnectPstn, ConnectMxp, ConnectConf, ConnectSip, ConnectStream, RunMenu, Park),
  instructions: Schema.optional(Schema.Array(Schema.Union(PlayFiles, Say, SendDtmf, SetCookie, StartRecording, Answer)))
})

/**
 * @since 0.3.0
 * @category models
 */
export type IceResponse = typeof IceResponse.Type

/**
 * The answer to an Answered Call Event: `hangup`, `continue`, `connectConf` or `runMenu`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AceResponse = Schema.Struct({
  action: Schema.Union(Hangup, Continue, ConnectConf, RunMenu),
  instructions: Schema.optional(Schema.Array(Schema.Union(PlayFiles, Say, SetCookie, StartRecording)))
})

/**
 * @since 0.3.0
 * @category models
 */
export type AceResponse = typeof AceResponse.Type

/**
 * The answer to a Prompt Input Event.
 *
 * @since 0.3.0
 * @category schemas
 */
export const PieResponse = Schema.Struct({
  action: Schema.Union(Hangup, Continue, ConnectPstn, ConnectConf, ConnectSip, RunMenu),
  instructions: Schema.optional(
    Schema.Array(Schema.Union(PlayFiles, Say, SendDtmf, SetCookie, StartRecording, StopRecording))
  )
})

/**
 * @since 0.3.0
 * @category models
 */
export type PieResponse = typeof PieResponse.Type

// ---------------------------------------------------------------------------------------------------
// Builders

type Options<S extends { readonly name: string }, Omitted extends string = never> = Omit<S, "name" | Omitted>

/**
 * @since 0.3.0
 * @category builders
 */
export const playFiles = (
  ids: ReadonlyArray<string>,
  options?: { readonly locale?: string | undefined } | undefined
): typeof PlayFiles.Type => ({ name: "playFiles", ids, ...options })

/**
 * @since 0.3.0
 * @category builders
 */
export const say = (
  text: string,
  options?: { readonly locale?: string | undefined } | undefined
): typeof Say.Type => ({ name: "say", text, ...options })

/**
 * @since 0.3.0
 * @category builders
 */
export const sendDtmf = (value: string): typeof SendDtmf.Type => ({ name: "sendDtmf", value })

/**
 * @since 0.3.0
 * @category builders
 */
export const setCookie = (key: string, value: string): typeof SetCookie.Type => ({ name: "setCookie", key, value })

/**
 * @since 0.3.0
 * @category builders
 */
export const answer: typeof Answer.Type = { name: "answer" }

/**
 * @since 0.3.0
 * @category builders
 */
export const startRecording = (options?: RecordingOptions | undefined): typeof StartRecording.Type =>
  options === undefined ? { name: "startRecording" } : { name: "startRecording", options }

/**
 * @since 0.3.0
 * @category builders
 */
export const stopRecording: typeof StopRecording.Type = { name: "stopRecording" }

/**
 * @since 0.3.0
 * @category builders
 */
export const hangup: typeof Hangup.Type = { name: "hangup" }

/**
 * The `continue` action (`continue` is a reserved word).
 *
 * @since 0.3.0
 * @category builders
 */
export const continueCall: typeof Continue.Type = { name: "continue" }

/**
 * Connects to `number` (E.164), or with `undefined` to the number dialled.
 *
 * @since 0.3.0
 * @category builders
 */
export const connectPstn = (
  number: string | undefined,
  options?: Options<typeof ConnectPstn.Type, "number"> | undefined
): typeof ConnectPstn.Type =>
  number === undefined ? { name: "connectPstn", ...options } : { name: "connectPstn", number, ...options }

/**
 * Connects an app-to-app call, to `username` when given.
 *
 * @since 0.3.0
 * @category builders
 */
export const connectMxp = (
  username: string | undefined,
  options?: Options<typeof ConnectMxp.Type, "destination"> | undefined
): typeof ConnectMxp.Type =>
  username === undefined
    ? { name: "connectMxp", ...options }
    : { name: "connectMxp", destination: { type: "username", endpoint: username }, ...options }

/**
 * @since 0.3.0
 * @category builders
 */
export const connectConf = (
  conferenceId: string,
  options?: Options<typeof ConnectConf.Type, "conferenceId"> | undefined
): typeof ConnectConf.Type => ({ name: "connectConf", conferenceId, ...options })

/**
 * Connects to the SIP address `endpoint` (e.g. `46708000000@sip.example.com`).
 *
 * @since 0.3.0
 * @category builders
 */
export const connectSip = (
  endpoint: string,
  options?: Options<typeof ConnectSip.Type, "destination"> | undefined
): typeof ConnectSip.Type => ({ name: "connectSip", destination: { type: "sip", endpoint }, ...options })

/**
 * Streams the call to the WebSocket server at `endpoint`.
 *
 * @since 0.3.0
 * @category builders
 */
export const connectStream = (
  endpoint: string,
  options?: Options<typeof ConnectStream.Type, "destination"> | undefined
): typeof ConnectStream.Type => ({ name: "connectStream", destination: { type: "websocket", endpoint }, ...options })

/**
 * @since 0.3.0
 * @category builders
 */
export const runMenu = (options: Options<typeof RunMenu.Type>): typeof RunMenu.Type => ({
  name: "runMenu",
  ...options
})

/**
 * @since 0.3.0
 * @category builders
 */
export const park = (options?: Options<typeof Park.Type> | undefined): typeof Park.Type => ({
  name: "park",
  ...options
})

/**
 * A SVAML object: `instructions` run in order, then `action`. The type of the result keeps the
 * action's and the instructions' types, so an ICE handler cannot answer with `continue`.
 *
 * @since 0.3.0
 * @category builders
 */
export const response = <A extends Action, I extends Instruction = never>(svaml: {
  readonly action: A
  readonly instructions?: ReadonlyArray<I> | undefined
}): { readonly action: A; readonly instructions?: ReadonlyArray<I> } =>
  svaml.instructions === undefined || svaml.instructions.length === 0
    ? { action: svaml.action }
    : { action: svaml.action, instructions: svaml.instructions }

const encodeSvaml = Schema.encodeSync(Svaml)

/**
 * The JSON of a SVAML object, checked against its Schema: what the custom callout's `ice`, `ace` and
 * `pie` fields take (the SDK's `customCalloutHelper.format*Response`).
 *
 * @since 0.3.0
 * @category builders
 */
export const inline = (svaml: Svaml): string => JSON.stringify(encodeSvaml(svaml))
