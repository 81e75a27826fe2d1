/**
 * Callouts and calls of the emulated Voice API. A callout places a call that is answered at once and
 * stays `ONGOING` until it is hung up (SVAML `hangup`, a kick from its conference) or reaches its
 * `maxDuration`.
 *
 * @since 0.3.0
 */
import type { Call, Context, Endpoint, Result } from "./model.js"
import {
  destination,
  e164,
  error,
  hangUp,
  invalid,
  isObject,
  money,
  noContent,
  notFound,
  numberInfo,
  ok,
  optional,
  progress,
  replace,
  timestamp
} from "./model.js"
import * as Svaml from "./svaml.js"

type Body = { readonly [key: string]: unknown }

const methods = ["ttsCallout", "conferenceCallout", "customCallout"] as const

/** The music-on-hold classes of the reference. @since 0.3.0 */
export const mohClasses = ["ring", "music1", "music2", "music3"]

// The fields the three callouts share (the reference's ttsCalloutRequest, conferenceCalloutRequest,
// customCalloutRequest).
const common = (body: Body, prefix: string): string | undefined => {
  const cli = body["cli"]
  if (cli !== undefined && (typeof cli !== "string" || !e164.test(cli))) return `${prefix}.cli must be an E.164 number`
  const dtmf = body["dtmf"]
  if (dtmf !== undefined && (typeof dtmf !== "string" || !/^[0-9#w]*$/.test(dtmf))) {
    return `${prefix}.dtmf may only hold 0-9, # and w`
  }
  const domain = body["domain"]
  if (domain !== undefined && (typeof domain !== "string" || !["pstn", "mxp"].includes(domain.toLowerCase()))) {
    return `${prefix}.domain must be pstn or mxp`
  }
  for (const field of ["custom", "locale", "text", "prompts", "greeting"]) {
    const problem = optional(body, field, prefix, "string")
    if (problem !== undefined) return problem
  }
  for (const field of ["enableAce", "enableDice", "enablePie"]) {
    const problem = optional(body, field, prefix, "boolean")
    if (problem !== undefined) return problem
  }
  const maxDuration = body["maxDuration"]
  if (maxDuration !== undefined && !(Number.isInteger(maxDuration) && (maxDuration as number) <= 14_400)) {
    return `${prefix}.maxDuration must be an integer of seconds, at most 14400`
  }
  return optional(body, "maxDuration", prefix, "integer")
}

// `ice` and `ace` of a custom callout: SVAML as a JSON string (sinch-sdk-node's customCalloutHelper
// formats them so), or a URL; `pie` a URL.
const inlineSvaml = (body: Body, field: "ice" | "ace" | "pie"): Svaml.Svaml | undefined | string => {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== "string") return `customCallout.${field} must be a string (SVAML as JSON, or a URL)`
  if (field !== "pie" && value.trimStart().startsWith("{")) {
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      return `customCallout.${field} is not valid JSON`
    }
    const svaml = Svaml.parse(parsed, Svaml.everything)
    if (typeof svaml === "string") return `customCallout.${field}: ${svaml}`
    if (svaml.action === undefined) return `customCallout.${field}: action is required`
    return svaml
  }
  return /^https?:\/\/\S+$/.test(value) ? undefined : `customCallout.${field} must be SVAML (JSON) or an http(s) URL`
}

// Whom a custom callout without `destination` calls: the target of its ICE action.
const iceTarget = (ice: Svaml.Svaml | undefined): Endpoint | undefined => {
  const action = ice?.action
  if (action?.name === "connectPstn" && typeof action["number"] === "string") {
    return { type: "number", endpoint: action["number"] }
  }
  if (action?.name === "connectMxp" || action?.name === "connectSip") {
    const target = destination(action["destination"], "action.destination")
    return typeof target === "string" ? undefined : target
  }
  return undefined
}

const rateOf = (to: Endpoint | undefined) =>
  to === undefined ? 0 : to.type === "number" ? numberInfo(to.endpoint).rate : to.type === "sip" ? 0.004 : 0

const callId = (next: number) => `1ce0ffee-ca11-ca11-ca11-${next.toString(16).padStart(12, "0")}`

/**
 * `POST /calling/v1/callouts` (https://developers.sinch.com/docs/voice/api-reference/voice/callouts/callouts.md;
 * sinch-sdk-node packages/voice/tests/rest/v1/callouts/callouts.steps.ts): `{callId}`.
 *
 * @since 0.3.0
 */
export const callout = (context: Context, body: unknown): Result => {
  const fail = (message: string): Result => [invalid(message), context.state]
  if (!isObject(body)) return fail("The request body must be a JSON object")
  const method = body["method"]
  if (typeof method !== "string" || !(methods as ReadonlyArray<string>).includes(method)) {
    return fail(`method must be one of ${methods.join(", ")}`)
  }
  const request = body[method]
  if (!isObject(request)) return fail(`${method} is required for method ${method}`)
  const problem = common(request, method)
  if (problem !== undefined) return fail(problem)
  let to: Endpoint | undefined
  let conferenceId: string | undefined
  if (method === "customCallout") {
    const [ice, ace, pie] = [inlineSvaml(request, "ice"), inlineSvaml(request, "ace"), inlineSvaml(request, "pie")]
    for (const parsed of [ice, ace, pie]) if (typeof parsed === "string") return fail(parsed)
    const iceSvaml = ice as Svaml.Svaml | undefined
    if (request["destination"] !== undefined) {
      const target = destination(request["destination"], "customCallout.destination")
      if (typeof target === "string") return fail(target)
      to = target
    } else {
      to = iceTarget(iceSvaml)
      if (to === undefined && iceSvaml?.action?.name !== "connectConf") {
        return fail("customCallout.destination is required unless ice connects the call")
      }
    }
    if (iceSvaml?.action?.name === "connectConf") conferenceId = iceSvaml.action["conferenceId"] as string
  } else {
    const target = destination(request["destination"], `${method}.destination`)
    if (typeof target === "string") return fail(target)
    to = target
  }
  if (method === "conferenceCallout") {
    const id = request["conferenceId"]
    if (typeof id !== "string" || id === "" || id.length > 64) {
      return fail("conferenceCallout.conferenceId is required (at most 64 characters)")
    }
    const moh = request["mohClass"]
    if (moh !== undefined && !mohClasses.includes(moh as string)) {
      return fail(`conferenceCallout.mohClass must be one of ${mohClasses.join(", ")}`)
    }
    const dtmfOptions = request["conferenceDtmfOptions"]
    if (
      dtmfOptions !== undefined &&
      (!isObject(dtmfOptions) ||
        (dtmfOptions["mode"] !== undefined && !["ignore", "forward", "detect"].includes(dtmfOptions["mode"] as string)))
    ) {
      return fail("conferenceCallout.conferenceDtmfOptions.mode must be one of ignore, forward, detect")
    }
    conferenceId = id
  }
  const cli = request["cli"] as string | undefined
  const domain = request["domain"] as string | undefined
  const call: Call = {
    callId: callId(context.state.next),
    applicationKey: context.applicationKey,
    from: cli === undefined ? undefined : { type: "number", endpoint: cli },
    to,
    domain: domain?.toLowerCase() === "mxp" || to?.type === "username" ? "mxp" : "pstn",
    custom: request["custom"] as string | undefined,
    rate: rateOf(to),
    startedAt: context.now,
    maxDuration: request["maxDuration"] as number | undefined,
    endedAt: undefined,
    reason: "N/A",
    conferenceId,
    joinedAt: context.now,
    muted: false,
    onhold: false
  }
  return [
    ok({ callId: call.callId }),
    { ...context.state, calls: [...context.state.calls, call], next: context.state.next + 1 }
  ]
}

const find = (context: Context, id: string): Call | undefined =>
  context.state.calls.find((call) => call.callId === id && call.applicationKey === context.applicationKey)

/**
 * `GET /calling/v1/calls/id/{callId}` (https://developers.sinch.com/docs/voice/api-reference/voice/calls;
 * the reference's sample and sinch-sdk-node packages/voice/tests/rest/v1/calls/calls.steps.ts).
 *
 * @since 0.3.0
 */
export const information = (context: Context, id: string): Result => {
  const call = find(context, id)
  if (call === undefined) return [notFound("Call"), context.state]
  const { duration, ended, reason } = progress(call, context.now)
  return [
    ok({
      ...(call.from === undefined ? {} : { from: call.from }),
      ...(call.to === undefined ? {} : { to: call.to }),
      domain: call.domain,
      callId: call.callId,
      duration,
      status: ended ? "FINAL" : "ONGOING",
      result: "ANSWERED",
      reason: ended ? reason : "N/A",
      timestamp: timestamp(call.startedAt),
      ...(call.custom === undefined ? {} : { custom: call.custom }),
      userRate: money(call.rate),
      debit: money(call.rate * Math.ceil(duration / 60))
    }),
    context.state
  ]
}

const ongoing = (context: Context, id: string): Call | Result => {
  const call = find(context, id)
  if (call === undefined) return [notFound("Call"), context.state]
  if (progress(call, context.now).ended) return [error(409, 40900, "The call has ended"), context.state]
  return call
}

// The leg's SVAML: "only used when using the PlayFiles and Say instructions" (the reference's Manage Call
// with callLeg), with the actions of a managed call in sinch-sdk-node's ManagedCallSvamlAction.
const legAllowed: Svaml.Allowed = { instructions: ["playFiles", "say"], actions: ["hangup", "continue", "park"] }

const apply = (context: Context, call: Call, svaml: Svaml.Svaml): Call => {
  const action = svaml.action
  if (action?.name === "hangup") return hangUp(call, context.now)
  if (action?.name === "connectConf") {
    return {
      ...call,
      conferenceId: action["conferenceId"] as string,
      joinedAt: context.now,
      muted: false,
      onhold: false
    }
  }
  return call
}

/**
 * `PATCH /calling/v1/calls/id/{callId}` (https://developers.sinch.com/docs/voice/api-reference/voice/calls/calling_updatecall.md):
 * SVAML, 204. `hangup` ends the call, `connectConf` moves it into a conference.
 *
 * @since 0.3.0
 */
export const update = (context: Context, id: string, body: unknown): Result => {
  const svaml = Svaml.parse(body, Svaml.everything)
  if (typeof svaml === "string") return [invalid(svaml), context.state]
  const call = ongoing(context, id)
  if (Array.isArray(call)) return call as Result
  return [noContent, replace(context.state, apply(context, call as Call, svaml))]
}

/**
 * `PATCH /calling/v1/calls/id/{callId}/leg/{callLeg}`
 * (https://developers.sinch.com/docs/voice/api-reference/voice/calls/calling_managecallwithcallleg.md):
 * `callLeg` `caller`, `callee` or `both`; answered 200, as the reference documents it.
 *
 * @since 0.3.0
 */
export const manageLeg = (context: Context, id: string, leg: string, body: unknown): Result => {
  if (leg !== "caller" && leg !== "callee" && leg !== "both") {
    return [invalid("callLeg must be one of caller, callee, both"), context.state]
  }
  const svaml = Svaml.parse(body, legAllowed)
  if (typeof svaml === "string") return [invalid(svaml), context.state]
  const call = ongoing(context, id)
  if (Array.isArray(call)) return call as Result
  return [{ status: 200 }, replace(context.state, apply(context, call as Call, svaml))]
}
