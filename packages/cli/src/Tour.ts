/**
 * A short tour of every product. The project-scoped ones share one token: the write tour (rent a
 * number, create a trunk with an endpoint, send a Conversation message) and the read-only tour
 * (regions, active numbers, trunks, apps), then the project's access keys. The others carry no token:
 * a Verification and a Voice text-to-speech call (application-signed) and a Mailgun message and its
 * events (Basic key). Each step prints one line as it completes.
 *
 * @since 0.1.0
 */
import type { AuthError, Region } from "@sinch-effect/auth-core"
import { TokenProvider } from "@sinch-effect/auth-core"
import type { AccessKeysSchema, MailgunSchema, VerificationSchema, VoiceSchema } from "@sinch-effect/products"
import {
  AccessKeys,
  Conversation,
  ElasticSipTrunking,
  Mailgun,
  Numbers,
  Verification,
  Voice
} from "@sinch-effect/products"
import { Chunk, Console, Effect, Random, Stream } from "effect"
import * as Table from "./internal/table.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface WriteOptions {
  /** The Conversation app sending the message (in the region of the `Conversation` service). */
  readonly appId: string
  /** E.164 recipient of the message. */
  readonly to: string
  /** Where to rent a number. Default `US`. */
  readonly regionCode?: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface WriteResult {
  readonly phoneNumber: string
  readonly trunkId: string
  readonly endpointId: string
  readonly messageId: string
  /** Token requests sent by the shared `TokenProvider` during the tour. */
  readonly tokenRequests: number
}

/**
 * Prints one step of a tour: `  n. text`.
 *
 * @since 0.3.0
 * @category printing
 */
export const step = (n: number, text: string): Effect.Effect<void> => Console.log(`  ${n}. ${text}`)

/**
 * Rents the first available LOCAL number, creates a trunk with a static endpoint and sends a text
 * message, all through one `TokenProvider`.
 *
 * @since 0.1.0
 * @category tours
 */
export const write = (
  options: WriteOptions
): Effect.Effect<
  WriteResult,
  AuthError.SinchError,
  Numbers.Numbers | ElasticSipTrunking.ElasticSipTrunking | Conversation.Conversation | TokenProvider.TokenProvider
> =>
  Effect.gen(function*() {
    const numbers = yield* Numbers.Numbers
    const est = yield* ElasticSipTrunking.ElasticSipTrunking
    const conversation = yield* Conversation.Conversation
    const provider = yield* TokenProvider.TokenProvider
    const before = (yield* provider.snapshot).requests

    const regionCode = options.regionCode ?? "US"
    const [candidate] = yield* numbers.listAvailableNumbers({ regionCode, type: "LOCAL", size: 1 })
    if (candidate?.phoneNumber === undefined) {
      return yield* Effect.dieMessage(`no LOCAL number is available in ${regionCode}`)
    }
    const rented = yield* numbers.rentNumber(candidate.phoneNumber)
    yield* step(1, `Numbers: rented ${rented.phoneNumber} (${rented.regionCode} ${rented.type})`)

    const suffix = (yield* Random.nextIntBetween(0, 36 ** 6)).toString(36)
    const trunk = yield* est.createSipTrunk({ name: "Tour trunk", hostName: `tour-${suffix}` })
    const endpoint = yield* est.createSipEndpoint(trunk.id, {
      name: "Tour PBX",
      priority: 1,
      address: "203.0.113.10",
      port: 5060
    })
    yield* step(
      2,
      `Elastic SIP Trunking: created trunk ${trunk.id} (${
        trunk.domain ?? trunk.hostName
      }) with endpoint ${endpoint.id} at 203.0.113.10:5060`
    )

    const sent = yield* conversation.sendMessage({
      app_id: options.appId,
      recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: options.to }] } },
      message: { text_message: { text: `Hello from the sinch-effect tour, via ${rented.phoneNumber}` } }
    })
    yield* step(
      3,
      `Conversation: sent message ${sent.message_id} to ${options.to} through app ${options.appId} (region ${conversation.region})`
    )

    const after = (yield* provider.snapshot).requests
    return {
      phoneNumber: rented.phoneNumber ?? candidate.phoneNumber,
      trunkId: trunk.id,
      endpointId: endpoint.id,
      messageId: sent.message_id,
      tokenRequests: after - before
    }
  })

/**
 * @since 0.1.0
 * @category models
 */
export interface ReadOnlyResult {
  readonly regions: number
  readonly activeNumbers: number
  readonly trunks: number
  readonly apps: number
  readonly tokenRequests: number
}

const first = <A, E>(stream: Stream.Stream<A, E>, max: number) =>
  stream.pipe(Stream.take(max), Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

/**
 * Lists regions, active numbers, trunks and the apps of `regions`; changes nothing. `conversation`
 * builds the service of one region (each shares the one `TokenProvider`).
 *
 * @since 0.1.0
 * @category tours
 */
export const readOnly = <R>(options: {
  readonly regions: ReadonlyArray<Region.Region>
  readonly conversation: (region: Region.Region) => Effect.Effect<Conversation.Service, never, R>
}): Effect.Effect<
  ReadOnlyResult,
  AuthError.SinchError,
  R | Numbers.Numbers | ElasticSipTrunking.ElasticSipTrunking | TokenProvider.TokenProvider
> =>
  Effect.gen(function*() {
    const numbers = yield* Numbers.Numbers
    const est = yield* ElasticSipTrunking.ElasticSipTrunking
    const provider = yield* TokenProvider.TokenProvider
    const before = (yield* provider.snapshot).requests

    const regions = yield* numbers.listAvailableRegions()
    yield* step(
      1,
      `Numbers: ${regions.length} regions offer numbers (${regions.slice(0, 8).map((r) => r.regionCode).join(", ")}${
        regions.length > 8 ? ", …" : ""
      })`
    )

    const active = yield* first(numbers.listActiveNumbers(), 20)
    yield* step(2, `Numbers: ${active.length === 20 ? "at least 20" : active.length} active number(s)`)
    if (active.length > 0) {
      yield* Console.log(
        indent(
          Table.render(
            ["number", "region", "type", "display name"],
            active.map((n) => [n.phoneNumber, n.regionCode, n.type, n.displayName])
          )
        )
      )
    }

    const trunks = yield* first(est.listSipTrunks(), 20)
    yield* step(3, `Elastic SIP Trunking: ${trunks.length === 20 ? "at least 20" : trunks.length} trunk(s)`)
    if (trunks.length > 0) {
      yield* Console.log(
        indent(Table.render(["trunk", "name", "domain"], trunks.map((t) => [t.id, t.name, t.domain ?? t.hostName])))
      )
    }

    let apps = 0
    for (const region of options.regions) {
      const conversation = yield* options.conversation(region)
      const found = yield* conversation.listApps
      apps += found.length
      yield* step(
        4,
        `Conversation (${region}): ${found.length} app(s)${
          found.length > 0
            ? `: ${found.map((a) => `${a.id} (${a.display_name ?? "unnamed"})`).join(", ")}`
            : ""
        }`
      )
    }

    const after = (yield* provider.snapshot).requests
    return {
      regions: regions.length,
      activeNumbers: active.length,
      trunks: trunks.length,
      apps,
      tokenRequests: after - before
    }
  })

const indent = (text: string) => text.split("\n").map((line) => `     ${line}`).join("\n")

const atLeast = (found: number, max: number) => (found === max ? `at least ${max}` : `${found}`)

/**
 * Lists (at most 20 of) the project's access keys, never their secrets. Project-scoped: it uses the
 * token of the shared `TokenProvider`, like Numbers.
 *
 * @since 0.3.0
 * @category tours
 */
export const accessKeys = (options: {
  readonly step: number
}): Effect.Effect<ReadonlyArray<AccessKeysSchema.AccessKey>, AuthError.SinchError, AccessKeys.AccessKeys> =>
  Effect.gen(function*() {
    const service = yield* AccessKeys.AccessKeys
    const keys = yield* first(service.listAccessKeys(), 20)
    yield* step(
      options.step,
      `Access Keys: ${atLeast(keys.length, 20)} key(s) in the project${
        keys.length > 0
          ? `: ${keys.map((key) => `${key.accessKeyId} (${key.displayName ?? "unnamed"})`).join(", ")}`
          : ""
      }`
    )
    return keys
  })

/**
 * @since 0.3.0
 * @category models
 */
export interface VerificationOptions {
  readonly step: number
  /** The number to verify, E.164. */
  readonly to: string
  /** The code the user received. */
  readonly code: string
  /** Where the code came from, printed beside it. */
  readonly codeSource: string
}

/**
 * Starts an SMS verification of `to` and reports `code`: a real phone receives a text, so run it only
 * against an emulator or with a number you hold.
 *
 * @since 0.3.0
 * @category tours
 */
export const verification = (
  options: VerificationOptions
): Effect.Effect<VerificationSchema.Verification, AuthError.SinchError, Verification.Verification> =>
  Effect.gen(function*() {
    const service = yield* Verification.Verification
    const started = yield* service.startSms({ identity: { type: "number", endpoint: options.to } })
    const reported = yield* service.reportById(started.id, { method: "sms", sms: { code: options.code } })
    yield* step(
      options.step,
      `Verification: started SMS verification ${started.id} of ${options.to}, reported code ${options.code} (${options.codeSource}): ${
        reported.status ?? "unknown"
      }${reported.reason ? `, ${reported.reason}` : ""}`
    )
    return reported
  })

/**
 * @since 0.3.0
 * @category models
 */
export interface MailgunOptions {
  readonly step: number
  /** The sending domain. */
  readonly domain: string
  /** The recipient's address. */
  readonly to: string
}

/**
 * @since 0.3.0
 * @category models
 */
export interface MailgunResult {
  readonly messageId: string
  readonly events: ReadonlyArray<MailgunSchema.Event>
}

/**
 * Sends a text message from `postmaster@domain` to `to` and lists (at most 10 of) its events.
 *
 * @since 0.3.0
 * @category tours
 */
export const mailgun = (
  options: MailgunOptions
): Effect.Effect<MailgunResult, AuthError.SinchError, Mailgun.Mailgun> =>
  Effect.gen(function*() {
    const service = yield* Mailgun.Mailgun
    const sent = yield* service.sendMessage(options.domain, {
      from: `sinch-effect tour <postmaster@${options.domain}>`,
      to: options.to,
      subject: "Hello from the sinch-effect tour",
      text: "Sent by the sinch-effect tour."
    })
    const events = yield* first(service.listEvents(options.domain, { messageId: sent.id, ascending: true }), 10)
    yield* step(
      options.step,
      `Mailgun: sent ${sent.id} from ${options.domain} to ${options.to}; ${events.length} event(s)${
        events.length > 0 ? `: ${events.map((event) => event.event).join(", ")}` : ""
      }`
    )
    return { messageId: sent.id, events }
  })

/**
 * Lists (at most 20 of) the domains of the Mailgun account: read-only.
 *
 * @since 0.3.0
 * @category tours
 */
export const mailgunDomains = (options: {
  readonly step: number
}): Effect.Effect<ReadonlyArray<MailgunSchema.Domain>, AuthError.SinchError, Mailgun.Mailgun> =>
  Effect.gen(function*() {
    const service = yield* Mailgun.Mailgun
    const domains = yield* first(service.listDomains(), 20)
    yield* step(
      options.step,
      `Mailgun: ${atLeast(domains.length, 20)} domain(s)${
        domains.length > 0
          ? `: ${domains.map((domain) => `${domain.name} (${domain.state ?? "unknown state"})`).join(", ")}`
          : ""
      }`
    )
    return domains
  })

/**
 * @since 0.3.0
 * @category models
 */
export interface VoiceOptions {
  readonly step: number
  /** The number to call, E.164. */
  readonly to: string
  /** What the call says. */
  readonly text: string
}

/**
 * @since 0.3.0
 * @category models
 */
export interface VoiceResult {
  readonly callId: string
  readonly call: VoiceSchema.CallInformation
}

/**
 * Places a text-to-speech call to `to` and reads it back: a real phone rings, and the call is billed,
 * so run it only against an emulator or with a number you hold.
 *
 * @since 0.3.0
 * @category tours
 */
export const voice = (options: VoiceOptions): Effect.Effect<VoiceResult, AuthError.SinchError, Voice.Voice> =>
  Effect.gen(function*() {
    const service = yield* Voice.Voice
    const { callId } = yield* service.ttsCallout({
      destination: { type: "number", endpoint: options.to },
      text: options.text
    })
    const call = yield* service.getCall(callId)
    yield* step(
      options.step,
      `Voice: text-to-speech callout ${callId} to ${options.to}; the call is ${call.status ?? "in an unknown state"}${
        call.result === undefined ? "" : `, result ${call.result}`
      }`
    )
    return { callId, call }
  })

/**
 * Lists the numbers of the account and the application each is assigned to: read-only.
 *
 * @since 0.3.0
 * @category tours
 */
export const voiceNumbers = (options: {
  readonly step: number
}): Effect.Effect<ReadonlyArray<VoiceSchema.NumberAssignment>, AuthError.SinchError, Voice.Voice> =>
  Effect.gen(function*() {
    const service = yield* Voice.Voice
    const numbers = (yield* service.listNumbers).numbers ?? []
    yield* step(
      options.step,
      `Voice: ${numbers.length} number(s)${
        numbers.length > 0
          ? `: ${
            numbers.slice(0, 8).map((n) => `${n.number ?? "?"} (${n.applicationkey ?? "no application"})`).join(", ")
          }${numbers.length > 8 ? ", …" : ""}`
          : ""
      }`
    )
    return numbers
  })
