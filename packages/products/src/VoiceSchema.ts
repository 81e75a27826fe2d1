/**
 * The Voice API's request, response and callback shapes, as Schemas: the single source of truth for
 * field names and casing (https://developers.sinch.com/docs/voice/api-reference/voice/, and the models of
 * `@sinch/voice` in sinch-sdk-node). Responses follow the decoding policy: open enums, every field
 * optional that the reference or the SDK leaves optional, unknown fields dropped. A callout's `callId`
 * and a call event's `callid` stay required: the call cannot be managed without them. The SVAML that
 * controls a call is in `VoiceSvaml`.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import * as OpenEnum from "./OpenEnum.js"

const optional = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })

// ---------------------------------------------------------------------------------------------------
// Shared shapes

/**
 * What a callout calls: a phone number (`number`), an app or web client (`username`) or a SIP address
 * (`sip`). The SDK also accepts capitalised spellings (`Number`); the reference's enum is lower case,
 * which is what is sent.
 *
 * @since 0.3.0
 * @category schemas
 */
export const DestinationType = Schema.Literal("number", "username", "sip")

/**
 * @since 0.3.0
 * @category schemas
 */
export class Destination extends Schema.Class<Destination>("Destination")({
  type: DestinationType,
  /** An E.164 number, a username or a SIP address, by `type`. */
  endpoint: Schema.String
}) {}

/**
 * A participant of a call as received: `did` (the number called), `number`, `username`, `sip`, in any
 * casing Sinch writes (`Number` in call information).
 *
 * @since 0.3.0
 * @category schemas
 */
export class Participant extends Schema.Class<Participant>("Participant")({
  type: optional(OpenEnum.open(Schema.Literal("number", "did", "username", "sip", "Number", "Did", "Username", "Sip"))),
  endpoint: optional(Schema.String)
}) {}

/**
 * A key and value passed to the receiving client, or to a SIP server as a private header.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CallHeader = Schema.Struct({ key: Schema.String, value: Schema.String })

/**
 * @since 0.3.0
 * @category models
 */
export type CallHeader = typeof CallHeader.Type

/**
 * A call header as received.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ReceivedCallHeader = Schema.Struct({ key: optional(Schema.String), value: optional(Schema.String) })

/**
 * @since 0.3.0
 * @category schemas
 */
export class Price extends Schema.Class<Price>("Price")({
  /** ISO 4217, e.g. `EUR`. */
  currencyId: optional(Schema.String),
  amount: optional(Schema.Number)
}) {}

/**
 * Music on hold: `ring` (progress tone) or one of three music files.
 *
 * @since 0.3.0
 * @category schemas
 */
export const MusicOnHold = Schema.Literal("ring", "music1", "music2", "music3")

/**
 * @since 0.3.0
 * @category models
 */
export type MusicOnHold = typeof MusicOnHold.Type

/**
 * `pstn` (phone network) or `mxp` (app and web clients).
 *
 * @since 0.3.0
 * @category schemas
 */
export const Domain = Schema.Literal("pstn", "mxp")

/**
 * A domain as received (`PSTN` and `MXP` too, as ICE events write `originationType`).
 *
 * @since 0.3.0
 * @category schemas
 */
export const ReceivedDomain = OpenEnum.open(Schema.Literal("pstn", "mxp", "PSTN", "MXP"))

/**
 * How a conference participant's DTMF is handled: `ignore`, `forward` to the others, or `detect` and
 * report in a PIE callback.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ConferenceDtmfOptions = Schema.Struct({
  mode: Schema.optional(Schema.Literal("ignore", "forward", "detect")),
  /** Digits collected before the PIE callback (default 1). */
  maxDigits: Schema.optional(Schema.Int),
  /** Milliseconds to wait between digits (default 3000). */
  timeoutMills: Schema.optional(Schema.Int)
})

/**
 * @since 0.3.0
 * @category models
 */
export type ConferenceDtmfOptions = typeof ConferenceDtmfOptions.Type

/**
 * The result of answering machine detection (AMD) in an ACE or notify event.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AnsweringMachineDetection = Schema.Struct({
  status: optional(OpenEnum.open(Schema.Literal("machine", "human", "notsure", "hangup"))),
  reason: optional(OpenEnum.open(Schema.Literal("longgreeting", "initialsilence", "greeting", "beep", "n/a"))),
  duration: optional(Schema.Number)
})

/**
 * How a call ended.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CallResult = OpenEnum.open(Schema.Literal("N/A", "ANSWERED", "BUSY", "NOANSWER", "FAILED"))

/**
 * Why a call ended (DiCE adds `USERNOTFOUND` and `CALLBACKERROR`).
 *
 * @since 0.3.0
 * @category schemas
 */
export const CallReason = OpenEnum.open(
  Schema.Literal(
    "N/A",
    "TIMEOUT",
    "CALLERHANGUP",
    "CALLEEHANGUP",
    "BLOCKED",
    "NOCREDITPARTNER",
    "MANAGERHANGUP",
    "CANCEL",
    "GENERALERROR",
    "INVALIDSVAMLACTION",
    "USERNOTFOUND",
    "CALLBACKERROR"
  )
)

// ---------------------------------------------------------------------------------------------------
// Callouts

const CalloutFields = {
  /** The number shown to the callee (E.164). */
  cli: Schema.optional(Schema.String),
  /** DTMF tones played when the callee answers: `0`-`9`, `#`, and `w` for a 500 ms pause. */
  dtmf: Schema.optional(Schema.String),
  /** Free text passed on to the callback events. */
  custom: Schema.optional(Schema.String)
}

/**
 * A text-to-speech callout: calls `destination` and speaks `text` (or plays `prompts`).
 *
 * @since 0.3.0
 * @category schemas
 */
export const TtsCallout = Schema.Struct({
  destination: Destination,
  ...CalloutFields,
  domain: Schema.optional(Domain),
  /** A locale (`en-US`) or a voice name. */
  locale: Schema.optional(Schema.String),
  text: Schema.optional(Schema.String),
  /** `#tts[...]`, `#ssml[...]` or URLs, separated by `;`. */
  prompts: Schema.optional(Schema.String),
  enableAce: Schema.optional(Schema.Boolean),
  enableDice: Schema.optional(Schema.Boolean),
  enablePie: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.3.0
 * @category models
 */
export type TtsCallout = typeof TtsCallout.Type

/**
 * A conference callout: calls `destination` and connects the callee to `conferenceId` (created if it
 * does not exist).
 *
 * @since 0.3.0
 * @category schemas
 */
export const ConferenceCallout = Schema.Struct({
  destination: Destination,
  conferenceId: Schema.String,
  ...CalloutFields,
  conferenceDtmfOptions: Schema.optional(ConferenceDtmfOptions),
  /** Seconds. */
  maxDuration: Schema.optional(Schema.Int),
  enableAce: Schema.optional(Schema.Boolean),
  enableDice: Schema.optional(Schema.Boolean),
  enablePie: Schema.optional(Schema.Boolean),
  locale: Schema.optional(Schema.String),
  /** Spoken when the callee joins. */
  greeting: Schema.optional(Schema.String),
  /** What the first participant hears while alone. */
  mohClass: Schema.optional(MusicOnHold),
  domain: Schema.optional(Domain)
})

/**
 * @since 0.3.0
 * @category models
 */
export type ConferenceCallout = typeof ConferenceCallout.Type

/**
 * A custom callout: the call is controlled by inline SVAML for its ICE, ACE and PIE events (JSON
 * strings: `VoiceSvaml.inline` writes them) or by the application's callback URL.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CustomCallout = Schema.Struct({
  destination: Schema.optional(Destination),
  ...CalloutFields,
  /** Seconds. */
  maxDuration: Schema.optional(Schema.Int),
  ice: Schema.optional(Schema.String),
  ace: Schema.optional(Schema.String),
  /** Inline SVAML, or the URL PIE events are sent to. */
  pie: Schema.optional(Schema.String)
})

/**
 * @since 0.3.0
 * @category models
 */
export type CustomCallout = typeof CustomCallout.Type

/**
 * `POST /calling/v1/callouts` body: the callout under the key its `method` names.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CalloutRequest = Schema.Union(
  Schema.Struct({ method: Schema.Literal("ttsCallout"), ttsCallout: TtsCallout }),
  Schema.Struct({ method: Schema.Literal("conferenceCallout"), conferenceCallout: ConferenceCallout }),
  Schema.Struct({ method: Schema.Literal("customCallout"), customCallout: CustomCallout })
)

/**
 * @since 0.3.0
 * @category models
 */
export type CalloutRequest = typeof CalloutRequest.Type

/**
 * What a callout answers: the id of the call it placed.
 *
 * @since 0.3.0
 * @category schemas
 */
export class Callout extends Schema.Class<Callout>("Callout")({
  callId: Schema.String
}) {}

// ---------------------------------------------------------------------------------------------------
// Calls

/**
 * Which leg of a call `manageCallLeg` plays to.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CallLeg = Schema.Literal("caller", "callee", "both")

/**
 * @since 0.3.0
 * @category models
 */
export type CallLeg = typeof CallLeg.Type

/**
 * `GET /calling/v1/calls/id/{callId}`: a call in progress (`ONGOING`) or ended (`FINAL`).
 *
 * @since 0.3.0
 * @category schemas
 */
export class CallInformation extends Schema.Class<CallInformation>("CallInformation")({
  callId: optional(Schema.String),
  from: optional(Participant),
  to: optional(Participant),
  domain: optional(ReceivedDomain),
  /** Seconds. */
  duration: optional(Schema.Number),
  status: optional(OpenEnum.open(Schema.Literal("ONGOING", "FINAL"))),
  result: optional(CallResult),
  reason: optional(CallReason),
  /** As sent (ISO 8601). */
  timestamp: optional(Schema.String),
  custom: optional(Schema.String),
  /** The rate per minute. */
  userRate: optional(Price),
  /** The amount charged. */
  debit: optional(Price)
}) {}

// ---------------------------------------------------------------------------------------------------
// Conferences

/**
 * @since 0.3.0
 * @category schemas
 */
export class ConferenceParticipant extends Schema.Class<ConferenceParticipant>("ConferenceParticipant")({
  /** The participant's call id (of the leg in the conference). */
  id: optional(Schema.String),
  /** The number of a PSTN participant, or the CLI passed for a data call. */
  cli: optional(Schema.String),
  /** Seconds in the conference. */
  duration: optional(Schema.Number),
  muted: optional(Schema.Boolean),
  onhold: optional(Schema.Boolean)
}) {}

/**
 * `GET /calling/v1/conferences/id/{conferenceId}`.
 *
 * @since 0.3.0
 * @category schemas
 */
export class Conference extends Schema.Class<Conference>("Conference")({
  participants: optional(Schema.Array(ConferenceParticipant))
}) {}

/**
 * `PATCH /calling/v1/conferences/id/{conferenceId}/{callId}`: mute, unmute, put on hold (with music)
 * or resume a participant.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ManageParticipant = Schema.Struct({
  command: Schema.Literal("mute", "unmute", "onhold", "resume"),
  /** With `onhold` only. */
  moh: Schema.optional(MusicOnHold)
})

/**
 * @since 0.3.0
 * @category models
 */
export type ManageParticipant = typeof ManageParticipant.Type

// ---------------------------------------------------------------------------------------------------
// Applications

/**
 * @since 0.3.0
 * @category schemas
 */
export const Capability = Schema.Literal("voice", "sms")

/**
 * @since 0.3.0
 * @category schemas
 */
export class NumberAssignment extends Schema.Class<NumberAssignment>("NumberAssignment")({
  number: optional(Schema.String),
  /** Absent when the number is assigned to no application. */
  applicationkey: optional(Schema.String),
  capability: optional(OpenEnum.open(Capability))
}) {}

/**
 * `GET /v1/configuration/numbers`: the numbers of the account and the application of each.
 *
 * @since 0.3.0
 * @category schemas
 */
export class Numbers extends Schema.Class<Numbers>("Numbers")({
  numbers: optional(Schema.Array(NumberAssignment))
}) {}

/**
 * `POST /v1/configuration/numbers`: assign numbers to an application (by default the one signing).
 *
 * @since 0.3.0
 * @category schemas
 */
export const AssignNumbers = Schema.Struct({
  /** E.164, 1 to 100. */
  numbers: Schema.Array(Schema.String).pipe(Schema.minItems(1), Schema.maxItems(100)),
  applicationkey: Schema.optional(Schema.String),
  capability: Schema.optional(Capability)
})

/**
 * @since 0.3.0
 * @category models
 */
export type AssignNumbers = typeof AssignNumbers.Type

/**
 * `DELETE /v1/configuration/numbers`: unassign a number from an application.
 *
 * @since 0.3.0
 * @category schemas
 */
export const UnassignNumber = Schema.Struct({
  number: Schema.String,
  applicationkey: Schema.optional(Schema.String),
  capability: Schema.optional(Capability)
})

/**
 * @since 0.3.0
 * @category models
 */
export type UnassignNumber = typeof UnassignNumber.Type

/**
 * The callback URLs of an application as received.
 *
 * @since 0.3.0
 * @category schemas
 */
export class CallbackUrls extends Schema.Class<CallbackUrls>("CallbackUrls")({
  url: optional(Schema.Struct({
    primary: optional(Schema.String),
    /** Used when the primary URL times out or fails. */
    fallback: optional(Schema.String)
  }))
}) {}

/**
 * `POST /v1/configuration/callbacks/applications/{applicationKey}`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const UpdateCallbackUrls = Schema.Struct({
  url: Schema.Struct({ primary: Schema.optional(Schema.String), fallback: Schema.optional(Schema.String) })
})

/**
 * @since 0.3.0
 * @category models
 */
export type UpdateCallbackUrls = typeof UpdateCallbackUrls.Type

/**
 * `GET /v1/calling/query/number/{number}`: what Sinch knows of a number. (The reference's deprecated
 * `method` field is dropped.)
 *
 * @since 0.3.0
 * @category schemas
 */
export class NumberInformation extends Schema.Class<NumberInformation>("NumberInformation")({
  number: optional(Schema.Struct({
    /** ISO 3166-1 alpha-2. */
    countryId: optional(Schema.String),
    numberType: optional(OpenEnum.open(Schema.Literal("Unknown", "Fixed", "Mobile", "Other"))),
    normalizedNumber: optional(Schema.String),
    restricted: optional(Schema.Boolean),
    /** The cost per minute of a call to the number. */
    rate: optional(Price)
  }))
}) {}

// ---------------------------------------------------------------------------------------------------
// Callback events

const EventFields = {
  /** As sent (ISO 8601, UTC). */
  timestamp: optional(Schema.String),
  /** The callback API's version (1). */
  version: optional(Schema.Number),
  custom: optional(Schema.String),
  applicationKey: optional(Schema.String)
}

/**
 * Incoming Call Event: a call reaches a number or user of the application. Answer it with SVAML (e.g.
 * `connectPstn`, `runMenu`, `hangup`).
 *
 * @since 0.3.0
 * @category schemas
 */
export class IceEvent extends Schema.Class<IceEvent>("IceEvent")({
  event: Schema.tag("ice"),
  callid: Schema.String,
  ...EventFields,
  /** The call's resource in the Calling API, e.g. `https://calling-use1.api.sinch.com/calling/v1/calls/id/...`. */
  callResourceUrl: optional(Schema.String),
  userRate: optional(Price),
  /** The caller's number. */
  cli: optional(Schema.String),
  to: optional(Participant),
  domain: optional(ReceivedDomain),
  originationType: optional(ReceivedDomain),
  duration: optional(Schema.Number),
  /** The redirecting number, when the call was forwarded. */
  rdnis: optional(Schema.String),
  callHeaders: optional(Schema.Array(ReceivedCallHeader))
}) {}

/**
 * Answered Call Event: the callee answered. Answer with SVAML (`continue`, `connectConf`, `runMenu`,
 * `hangup`).
 *
 * @since 0.3.0
 * @category schemas
 */
export class AceEvent extends Schema.Class<AceEvent>("AceEvent")({
  event: Schema.tag("ace"),
  callid: Schema.String,
  /** For a call placed into a conference. */
  conferenceId: optional(Schema.String),
  ...EventFields,
  amd: optional(AnsweringMachineDetection)
}) {}

/**
 * Disconnected Call Event: the call ended. Told, not answered.
 *
 * @since 0.3.0
 * @category schemas
 */
export class DiceEvent extends Schema.Class<DiceEvent>("DiceEvent")({
  event: Schema.tag("dice"),
  callid: Schema.String,
  conferenceId: optional(Schema.String),
  ...EventFields,
  reason: optional(CallReason),
  result: optional(CallResult),
  debit: optional(Price),
  userRate: optional(Price),
  to: optional(Participant),
  /** Seconds. */
  duration: optional(Schema.Number),
  /** The caller (a number or user id, as a string). */
  from: optional(Schema.String),
  callHeaders: optional(Schema.Array(ReceivedCallHeader))
}) {}

/**
 * What the caller did in a `runMenu`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const MenuResult = Schema.Struct({
  menuId: optional(Schema.String),
  type: optional(OpenEnum.open(Schema.Literal("error", "return", "sequence", "timeout", "hangup", "invalidinput"))),
  /** The `return(value)` of the option chosen, or the digits entered. */
  value: optional(Schema.String),
  inputMethod: optional(OpenEnum.open(Schema.Literal("dtmf", "voice")))
})

/**
 * Prompt Input Event: the result of a `runMenu`. Answer with SVAML.
 *
 * @since 0.3.0
 * @category schemas
 */
export class PieEvent extends Schema.Class<PieEvent>("PieEvent")({
  event: Schema.tag("pie"),
  callid: Schema.String,
  ...EventFields,
  menuResult: optional(MenuResult)
}) {}

/**
 * Notify Event: a recording finished or is available, a transcription is available, an AMD result, or
 * a calling error (`type: "callingerror"` with `errorCode` and `errorMsg`). Told, not answered.
 *
 * @since 0.3.0
 * @category schemas
 */
export class NotifyEvent extends Schema.Class<NotifyEvent>("NotifyEvent")({
  event: Schema.tag("notify"),
  callid: optional(Schema.String),
  conferenceId: optional(Schema.String),
  version: optional(Schema.Number),
  type: optional(
    OpenEnum.open(
      Schema.Literal(
        "recording_finished",
        "recording_available",
        "transcription_available",
        "amd",
        "amd_beep",
        "callingerror"
      )
    )
  ),
  custom: optional(Schema.String),
  amd: optional(AnsweringMachineDetection),
  /** Where the recording or transcription is, e.g. `azure://account/container/file.mp3`. */
  destination: optional(Schema.String),
  errorCode: optional(Schema.Number),
  errorMsg: optional(Schema.String),
  user: optional(Schema.String)
}) {}

/**
 * A Voice callback event, told apart by its `event` field.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CallbackEvent = Schema.Union(IceEvent, AceEvent, DiceEvent, PieEvent, NotifyEvent)

/**
 * @since 0.3.0
 * @category models
 */
export type CallbackEvent = typeof CallbackEvent.Type
