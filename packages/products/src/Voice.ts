/**
 * The Voice API: place calls (text-to-speech, conference and custom callouts), read and control calls
 * in progress with SVAML, manage conferences and their participants, and manage the application's
 * numbers and callback URLs. Calls, callouts and conferences go to `calling.api.sinch.com` or a
 * regional `calling-{region}.api.sinch.com` (the `region` option); application management to
 * `callingapi.sinch.com`, one host for every region as the reference and the official SDKs address it.
 * Requests are signed with the application key (`ApplicationCredentials`) by default;
 * `layerWith({ strategy: AuthStrategy.applicationBasic })` sends application Basic auth instead.
 *
 * @example
 * ```ts
 * import { Voice, VoiceSvaml } from "@sinch-effect/products"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const voice = yield* Voice.Voice
 *   const { callId } = yield* voice.ttsCallout({
 *     destination: { type: "number", endpoint: "+46700000000" },
 *     text: "Your table is ready."
 *   })
 *   yield* voice.updateCall(callId, VoiceSvaml.response({ action: VoiceSvaml.hangup }))
 * })
 * ```
 *
 * @since 0.3.0
 */
import type { AuthError } from "@sinch-effect/auth-core"
import type { SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import type { Effect } from "effect"
import { Context } from "effect"
import * as Product from "./Product.js"
import * as VoiceSchema from "./VoiceSchema.js"
import * as VoiceSvaml from "./VoiceSvaml.js"

type Result<A> = Effect.Effect<A, AuthError.SinchError>

/**
 * The settings of the service: the region of the calling host (absent: `calling.api.sinch.com`, which
 * Sinch routes to the closest region).
 *
 * @since 0.3.0
 * @category models
 */
export interface Config {
  readonly region?: SinchEndpoints.VoiceRegion | undefined
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Service {
  /** `POST /calling/v1/callouts` with `method: "ttsCallout"`: calls and speaks a text or plays prompts. */
  readonly ttsCallout: (request: VoiceSchema.TtsCallout) => Result<VoiceSchema.Callout>
  /** `POST /calling/v1/callouts` with `method: "conferenceCallout"`: calls and joins the callee to a conference. */
  readonly conferenceCallout: (request: VoiceSchema.ConferenceCallout) => Result<VoiceSchema.Callout>
  /** `POST /calling/v1/callouts` with `method: "customCallout"`: a call controlled by inline SVAML or callbacks. */
  readonly customCallout: (request: VoiceSchema.CustomCallout) => Result<VoiceSchema.Callout>
  /** `GET /calling/v1/calls/id/{callId}`. */
  readonly getCall: (callId: string) => Result<VoiceSchema.CallInformation>
  /** `PATCH /calling/v1/calls/id/{callId}`: SVAML for a call in progress (PSTN and SIP calls). */
  readonly updateCall: (callId: string, svaml: VoiceSvaml.Svaml) => Result<void>
  /**
   * `PATCH /calling/v1/calls/id/{callId}/leg/{callLeg}`: `playFiles` / `say` to one leg (`caller`,
   * `callee` or `both`).
   */
  readonly manageCallLeg: (callId: string, callLeg: VoiceSchema.CallLeg, svaml: VoiceSvaml.Svaml) => Result<void>
  /** `GET /calling/v1/conferences/id/{conferenceId}`: its participants. */
  readonly getConference: (conferenceId: string) => Result<VoiceSchema.Conference>
  /** `DELETE /calling/v1/conferences/id/{conferenceId}`: removes every participant. */
  readonly kickAll: (conferenceId: string) => Result<void>
  /** `DELETE /calling/v1/conferences/id/{conferenceId}/{callId}`. */
  readonly kickParticipant: (conferenceId: string, callId: string) => Result<void>
  /** `PATCH /calling/v1/conferences/id/{conferenceId}/{callId}`: `mute`, `unmute`, `onhold` or `resume`. */
  readonly manageParticipant: (
    conferenceId: string,
    callId: string,
    request: VoiceSchema.ManageParticipant
  ) => Result<void>
  /** `manageParticipant` with `mute`. */
  readonly muteParticipant: (conferenceId: string, callId: string) => Result<void>
  /** `manageParticipant` with `unmute`. */
  readonly unmuteParticipant: (conferenceId: string, callId: string) => Result<void>
  /** `manageParticipant` with `onhold`, and the music the participant hears. */
  readonly holdParticipant: (
    conferenceId: string,
    callId: string,
    moh?: VoiceSchema.MusicOnHold | undefined
  ) => Result<void>
  /** `manageParticipant` with `resume`. */
  readonly resumeParticipant: (conferenceId: string, callId: string) => Result<void>
  /** `GET /v1/configuration/numbers`: the account's numbers and their applications. */
  readonly listNumbers: Result<VoiceSchema.Numbers>
  /** `POST /v1/configuration/numbers`. */
  readonly assignNumbers: (request: VoiceSchema.AssignNumbers) => Result<void>
  /** `DELETE /v1/configuration/numbers`. */
  readonly unassignNumber: (request: VoiceSchema.UnassignNumber) => Result<void>
  /** `GET /v1/configuration/callbacks/applications/{applicationKey}`. */
  readonly getCallbackUrls: (applicationKey: string) => Result<VoiceSchema.CallbackUrls>
  /** `POST /v1/configuration/callbacks/applications/{applicationKey}`. */
  readonly updateCallbackUrls: (applicationKey: string, request: VoiceSchema.UpdateCallbackUrls) => Result<void>
  /** `GET /v1/calling/query/number/{number}`: country, type and rate of a number. */
  readonly queryNumber: (number: string) => Result<VoiceSchema.NumberInformation>
}

/**
 * @since 0.3.0
 * @category tags
 */
export class Voice extends Context.Tag("@sinch-effect/products/Voice")<Voice, Service>() {}

const callouts = "/calling/v1/callouts"
const calls = "/calling/v1/calls/id/{callId}"
const conference = "/calling/v1/conferences/id/{conferenceId}"
const participant = `${conference}/{callId}`
const numbers = "/v1/configuration/numbers"
const callbacks = "/v1/configuration/callbacks/applications/{applicationKey}"

/**
 * The service over a client of the calling host and one of the application-management host.
 *
 * @since 0.3.0
 * @category constructors
 */
export const fromClients = (calling: SinchClient.SinchClient, applications: SinchClient.SinchClient): Service => {
  const callout = (request: VoiceSchema.CalloutRequest) =>
    Product.send(calling, "POST", callouts, VoiceSchema.CalloutRequest, request, VoiceSchema.Callout)
  const manage = (conferenceId: string, callId: string, request: VoiceSchema.ManageParticipant) =>
    Product.sendVoid(calling, "PATCH", participant, VoiceSchema.ManageParticipant, request, {
      path: { conferenceId, callId }
    })
  return {
    ttsCallout: (ttsCallout) => callout({ method: "ttsCallout", ttsCallout }),
    conferenceCallout: (conferenceCallout) => callout({ method: "conferenceCallout", conferenceCallout }),
    customCallout: (customCallout) => callout({ method: "customCallout", customCallout }),
    getCall: (callId) => calling.request("GET", calls, VoiceSchema.CallInformation, { path: { callId } }),
    updateCall: (callId, svaml) =>
      Product.sendVoid(calling, "PATCH", calls, VoiceSvaml.Svaml, svaml, { path: { callId } }),
    manageCallLeg: (callId, callLeg, svaml) =>
      Product.sendVoid(calling, "PATCH", `${calls}/leg/{callLeg}`, VoiceSvaml.Svaml, svaml, {
        path: { callId, callLeg }
      }),
    getConference: (conferenceId) =>
      calling.request("GET", conference, VoiceSchema.Conference, { path: { conferenceId } }),
    kickAll: (conferenceId) => calling.requestVoid("DELETE", conference, { path: { conferenceId } }),
    kickParticipant: (conferenceId, callId) =>
      calling.requestVoid("DELETE", participant, { path: { conferenceId, callId } }),
    manageParticipant: manage,
    muteParticipant: (conferenceId, callId) => manage(conferenceId, callId, { command: "mute" }),
    unmuteParticipant: (conferenceId, callId) => manage(conferenceId, callId, { command: "unmute" }),
    holdParticipant: (conferenceId, callId, moh) =>
      manage(conferenceId, callId, moh === undefined ? { command: "onhold" } : { command: "onhold", moh }),
    resumeParticipant: (conferenceId, callId) => manage(conferenceId, callId, { command: "resume" }),
    listNumbers: applications.request("GET", numbers, VoiceSchema.Numbers),
    assignNumbers: (request) => Product.sendVoid(applications, "POST", numbers, VoiceSchema.AssignNumbers, request),
    unassignNumber: (request) => Product.sendVoid(applications, "DELETE", numbers, VoiceSchema.UnassignNumber, request),
    getCallbackUrls: (applicationKey) =>
      applications.request("GET", callbacks, VoiceSchema.CallbackUrls, { path: { applicationKey } }),
    updateCallbackUrls: (applicationKey, request) =>
      Product.sendVoid(applications, "POST", callbacks, VoiceSchema.UpdateCallbackUrls, request, {
        path: { applicationKey }
      }),
    queryNumber: (number) =>
      applications.request("GET", "/v1/calling/query/number/{number}", VoiceSchema.NumberInformation, {
        path: { number }
      })
  }
}

/**
 * `layer()` / `make()` sign every request with the `ApplicationCredentials` in context, on
 * `calling.api.sinch.com`, or on `calling-{region}.api.sinch.com` with `{ region }`;
 * `layerWith({ strategy, region })` / `makeWith` take another strategy (e.g.
 * `AuthStrategy.applicationBasic`) and the client options of `SinchClient.ClientOptions`.
 *
 * @since 0.3.0
 * @category layers
 */
export const { layer, layerWith, make, makeWith } = Product.application({
  tag: Voice,
  api: "voice",
  baseUrl: (endpoints, config: Config) => endpoints.voice(config.region),
  otherUrls: (endpoints) => ({ applications: endpoints.urls.voiceApplications }),
  fromClient: (calling, _config, others) => fromClients(calling, others.applications)
})
