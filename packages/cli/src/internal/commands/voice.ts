import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { ApplicationCredentials } from "@sinch-effect/auth-core"
import type { Voice, VoiceSchema } from "@sinch-effect/products"
import type { SinchEndpoints } from "@sinch-effect/sinch-http"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CliError from "../../CliError.js"
import * as Table from "../table.js"
import { json, library, output, phoneNumber } from "./common.js"

/**
 * The calling hosts' regions, here so that parsing loads no library; the type makes the compiler
 * report a region added to the endpoints and missing here.
 *
 * @internal
 */
export const voiceRegions = ["euc1", "use1", "sae1", "apse1", "apse2"] as const satisfies ReadonlyArray<
  SinchEndpoints.VoiceRegion
>
type MissingVoiceRegion = Exclude<SinchEndpoints.VoiceRegion, typeof voiceRegions[number]>
// Fails to compile when sinch-http has a region this list lacks.
const _allVoiceRegions: [MissingVoiceRegion] extends [never] ? true : never = true
void _allVoiceRegions

/** Runs `f` with the Voice service (the library loaded only now) and the application's credentials. */
const withVoice = <A, E>(
  region: Option.Option<SinchEndpoints.VoiceRegion>,
  f: (voice: Voice.Service, application: ApplicationCredentials.Credentials) => Effect.Effect<A, E>
) =>
  Effect.flatMap(library, ({ Layers, auth, products }) =>
    Effect.provide(
      Effect.flatMap(
        Effect.zip(products.Voice.Voice, auth.ApplicationCredentials.ApplicationCredentials),
        ([voice, application]) => f(voice, application)
      ),
      Layers.voice(Option.getOrUndefined(region))
    ))

const region = Options.choice("region", voiceRegions).pipe(
  Options.optional,
  Options.withDescription("Calling host of a region: euc1, use1, sae1, apse1 or apse2 (default calling.api.sinch.com)")
)

const to = Options.text("to").pipe(Options.withDescription("The number to call, E.164"))
const cli = Options.text("cli").pipe(
  Options.optional,
  Options.withDescription("The number shown to the callee, E.164 (a number of your account)")
)

const optionalNumber = (value: Option.Option<string>, flag: string) =>
  Option.match(value, {
    onNone: () => Effect.succeed({}),
    onSome: (number) => Effect.map(phoneNumber(number, flag), (cli) => ({ cli }))
  })

const placed = (kind: string, to: string, callout: VoiceSchema.Callout) => ({
  value: { callId: callout.callId },
  human: () => `Placed ${kind} callout ${callout.callId} to ${to}.`
})

const tts = Command.make(
  "tts",
  {
    json,
    region,
    to,
    text: Options.text("text").pipe(Options.withDescription("What the call says")),
    cli,
    locale: Options.text("locale").pipe(
      Options.optional,
      Options.withDescription("The voice's locale, e.g. en-US (default: the API's)")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const endpoint = yield* phoneNumber(args.to, "--to")
      const shown = yield* optionalNumber(args.cli, "--cli")
      const request: VoiceSchema.TtsCallout = {
        destination: { type: "number", endpoint },
        text: args.text,
        ...shown,
        ...Option.match(args.locale, { onNone: () => ({}), onSome: (locale) => ({ locale }) })
      }
      const callout = yield* withVoice(args.region, (voice) => voice.ttsCallout(request))
      const { human, value } = placed("text-to-speech", endpoint, callout)
      yield* output(args.json, value, human)
    })
).pipe(Command.withDescription("Call a number and speak a text (this is billed)"))

const conferenceCallout = Command.make(
  "conference",
  {
    json,
    region,
    to,
    conference: Options.text("conference").pipe(
      Options.withDescription("The conference to join the callee to (created if it does not exist)")
    ),
    cli
  },
  (args) =>
    Effect.gen(function*() {
      const endpoint = yield* phoneNumber(args.to, "--to")
      const shown = yield* optionalNumber(args.cli, "--cli")
      if (args.conference.trim() === "") return yield* Effect.fail(CliError.usage("--conference must not be empty"))
      const request: VoiceSchema.ConferenceCallout = {
        destination: { type: "number", endpoint },
        conferenceId: args.conference,
        ...shown
      }
      const callout = yield* withVoice(args.region, (voice) => voice.conferenceCallout(request))
      const { human, value } = placed(`conference (${args.conference})`, endpoint, callout)
      yield* output(args.json, value, human)
    })
).pipe(Command.withDescription("Call a number and join the callee to a conference (this is billed)"))

const callout = Command.make("callout").pipe(
  Command.withDescription("Place a call: text-to-speech or into a conference"),
  Command.withSubcommands([tts, conferenceCallout])
)

const participant = (p: VoiceSchema.Participant | undefined) =>
  p === undefined ? undefined : `${p.endpoint ?? "-"}${p.type === undefined ? "" : ` (${p.type})`}`

const price = (p: VoiceSchema.Price | undefined) =>
  p?.amount === undefined ? undefined : `${p.amount} ${p.currencyId ?? ""}`.trim()

const callGet = Command.make(
  "get",
  { json, region, callId: Args.text({ name: "call-id" }).pipe(Args.withDescription("The call's id")) },
  (args) =>
    Effect.gen(function*() {
      const call = yield* withVoice(args.region, (voice) => voice.getCall(args.callId))
      yield* output(args.json, call, () =>
        Table.fields([
          ["call id", call.callId ?? args.callId],
          ["from", participant(call.from)],
          ["to", participant(call.to)],
          ["domain", call.domain],
          ["status", call.status],
          ["result", call.result],
          ["reason", call.reason],
          ["duration", call.duration === undefined ? undefined : `${call.duration} s`],
          ["started", call.timestamp],
          ["charged", price(call.debit)]
        ]))
    })
).pipe(Command.withDescription("Show a call: its parties, status and result"))

const call = Command.make("call").pipe(
  Command.withDescription("Read a call"),
  Command.withSubcommands([callGet])
)

const conferenceId = Args.text({ name: "conference-id" }).pipe(Args.withDescription("The conference's id"))

const conferenceGet = Command.make("get", { json, region, conferenceId }, (args) =>
  Effect.gen(function*() {
    const found = yield* withVoice(args.region, (voice) => voice.getConference(args.conferenceId))
    const participants = found.participants ?? []
    yield* output(
      args.json,
      found,
      () =>
        participants.length === 0
          ? `Conference ${args.conferenceId} has no participants.`
          : Table.render(
            ["call id", "cli", "duration", "muted", "on hold"],
            participants.map((p) => [
              p.id,
              p.cli,
              p.duration === undefined ? undefined : `${p.duration} s`,
              p.muted,
              p.onhold
            ])
          )
    )
  })).pipe(Command.withDescription("List a conference's participants"))

const conferenceKick = Command.make(
  "kick",
  {
    json,
    region,
    conferenceId,
    callId: Args.text({ name: "call-id" }).pipe(
      Args.withDescription("The participant to remove (default: every participant)"),
      Args.optional
    )
  },
  (args) =>
    Effect.gen(function*() {
      yield* withVoice(args.region, (voice) =>
        Option.match(args.callId, {
          onNone: () => voice.kickAll(args.conferenceId),
          onSome: (callId) => voice.kickParticipant(args.conferenceId, callId)
        }))
      yield* output(
        args.json,
        { conferenceId: args.conferenceId, kicked: Option.getOrElse(args.callId, () => "all") },
        () =>
          Option.match(args.callId, {
            onNone: () => `Removed every participant from conference ${args.conferenceId}.`,
            onSome: (callId) => `Removed call ${callId} from conference ${args.conferenceId}.`
          })
      )
    })
).pipe(Command.withDescription("Remove one participant from a conference, or every participant"))

const conference = Command.make("conference").pipe(
  Command.withDescription("Read a conference and remove participants"),
  Command.withSubcommands([conferenceGet, conferenceKick])
)

const numbersList = Command.make("list", { json }, (args) =>
  Effect.gen(function*() {
    const found = yield* withVoice(Option.none(), (voice) => voice.listNumbers)
    const numbers = found.numbers ?? []
    yield* output(
      args.json,
      found,
      () =>
        numbers.length === 0
          ? "The account has no Voice numbers."
          : Table.render(
            ["number", "application key", "capability"],
            numbers.map((n) => [n.number, n.applicationkey, n.capability])
          )
    )
  })).pipe(Command.withDescription("List the account's numbers and the application of each"))

const numbers = Command.make("numbers").pipe(
  Command.withDescription("The account's Voice numbers"),
  Command.withSubcommands([numbersList])
)

const applicationKey = Options.text("application-key").pipe(
  Options.optional,
  Options.withDescription("The application (default: SINCH_APPLICATION_KEY)")
)

const keyOf = (flag: Option.Option<string>, application: ApplicationCredentials.Credentials) =>
  Option.getOrElse(flag, () => application.applicationKey)

const callbacksGet = Command.make("get", { json, applicationKey }, (args) =>
  Effect.gen(function*() {
    const [key, found] = yield* withVoice(Option.none(), (voice, application) => {
      const key = keyOf(args.applicationKey, application)
      return Effect.map(voice.getCallbackUrls(key), (found) => [key, found] as const)
    })
    yield* output(args.json, found, () =>
      Table.fields([
        ["application", key],
        ["primary", found.url?.primary],
        ["fallback", found.url?.fallback]
      ]))
  })).pipe(Command.withDescription("Show an application's callback URLs"))

const url = (value: string, flag: string) => {
  try {
    const parsed = new URL(value)
    if (parsed.protocol === "https:" || parsed.protocol === "http:") return Effect.succeed(value)
  } catch {
    // reported below
  }
  return Effect.fail(CliError.usage(`${flag} must be an http(s) URL, got "${value}"`))
}

const callbacksSet = Command.make(
  "set",
  {
    json,
    applicationKey,
    primary: Options.text("primary").pipe(Options.withDescription("The URL Sinch sends callback events to")),
    fallback: Options.text("fallback").pipe(
      Options.optional,
      Options.withDescription("Used when the primary URL times out or fails")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const primary = yield* url(args.primary, "--primary")
      const fallback = yield* Option.match(args.fallback, {
        onNone: () => Effect.succeed({}),
        onSome: (value) => Effect.map(url(value, "--fallback"), (fallback) => ({ fallback }))
      })
      const urls = { primary, ...fallback }
      const key = yield* withVoice(Option.none(), (voice, application) => {
        const key = keyOf(args.applicationKey, application)
        return Effect.as(voice.updateCallbackUrls(key, { url: urls }), key)
      })
      yield* output(
        args.json,
        { applicationKey: key, url: urls },
        () => `Updated the callback URLs of application ${key}.`
      )
    })
).pipe(Command.withDescription("Set an application's callback URLs"))

const callbacks = Command.make("callbacks").pipe(
  Command.withDescription("An application's callback URLs"),
  Command.withSubcommands([callbacksGet, callbacksSet])
)

const query = Command.make(
  "query",
  { json, number: Args.text({ name: "number" }).pipe(Args.withDescription("The number, E.164")) },
  (args) =>
    Effect.gen(function*() {
      const number = yield* phoneNumber(args.number, "number")
      const found = yield* withVoice(Option.none(), (voice) => voice.queryNumber(number))
      yield* output(args.json, found, () =>
        Table.fields([
          ["number", found.number?.normalizedNumber ?? number],
          ["country", found.number?.countryId],
          ["type", found.number?.numberType],
          ["restricted", found.number?.restricted],
          ["rate", price(found.number?.rate)]
        ]))
    })
).pipe(Command.withDescription("What Sinch knows of a number: country, type, rate per minute"))

/** `sinch voice …`. @internal */
export const command = Command.make("voice").pipe(
  Command.withDescription(
    "Place and read calls, manage conferences, numbers and callback URLs (Voice API, signed with the application key)"
  ),
  Command.withSubcommands([callout, call, conference, numbers, callbacks, query])
)
