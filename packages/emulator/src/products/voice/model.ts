/**
 * The in-memory state of the emulated Voice API, its error answers and the checks shared by its routes.
 *
 * @since 0.3.0
 */
import * as Responses from "../../internal/responses.js"
import type { ProductResponse } from "../../ProductApi.js"

/**
 * A callee or caller as the Voice reference writes it (`{type, endpoint}`).
 *
 * @since 0.3.0
 * @category models
 */
export interface Endpoint {
  readonly type: "number" | "username" | "sip"
  readonly endpoint: string
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Call {
  readonly callId: string
  /** The application that placed it: only that application sees and manages it. */
  readonly applicationKey: string
  readonly from: Endpoint | undefined
  readonly to: Endpoint | undefined
  readonly domain: "pstn" | "mxp"
  readonly custom: string | undefined
  /** The rate per minute, in `currency`. */
  readonly rate: number
  readonly startedAt: number
  /** Seconds; the call ends on its own (reason `TIMEOUT`) once reached. */
  readonly maxDuration: number | undefined
  readonly endedAt: number | undefined
  readonly reason: string
  readonly conferenceId: string | undefined
  readonly joinedAt: number
  readonly muted: boolean
  readonly onhold: boolean
}

/**
 * A number of a project, and the application it is assigned to.
 *
 * @since 0.3.0
 * @category models
 */
export interface OwnedNumber {
  readonly number: string
  readonly applicationkey: string | undefined
  readonly capability: "voice" | "sms"
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Callbacks {
  readonly primary?: string | undefined
  readonly fallback?: string | undefined
}

/**
 * @since 0.3.0
 * @category models
 */
export interface State {
  /** In the order they were placed. */
  readonly calls: ReadonlyArray<Call>
  /** By owner: the project, or the application key of an application without one. */
  readonly numbers: ReadonlyMap<string, ReadonlyArray<OwnedNumber>>
  /** By application key. */
  readonly callbacks: ReadonlyMap<string, Callbacks>
  readonly next: number
}

/**
 * @since 0.3.0
 * @category constructors
 */
export const empty: State = { calls: [], numbers: new Map(), callbacks: new Map(), next: 1 }

/**
 * What every handler gets: the state, the caller and the Effect clock's time.
 *
 * @since 0.3.0
 * @category models
 */
export interface Context {
  readonly state: State
  readonly applicationKey: string
  /** The applications of the caller's project (its own only, without a project). */
  readonly applicationKeys: ReadonlyArray<string>
  readonly owner: string
  readonly now: number
}

/**
 * @since 0.3.0
 * @category models
 */
export type Result = readonly [ProductResponse, State]

/** @since 0.3.0 */
export const currency = "USD"

/**
 * The application error shape (`{errorCode, message, reference}`), as the Voice reference's errors
 * and sinch-sdk-node packages/voice/tests/rest/v1/calls/calls.steps.ts (`40400`, "Call not found").
 *
 * @since 0.3.0
 */
export const error = (status: number, code: number, message: string): ProductResponse =>
  Responses.error("application", status, message, { code })

/** @since 0.3.0 */
export const invalid = (message: string): ProductResponse => error(400, 40001, message)

/** @since 0.3.0 */
export const notFound = (what: string): ProductResponse => error(404, 40400, `${what} not found`)

/** @since 0.3.0 */
export const noContent: ProductResponse = { status: 204 }

/** @since 0.3.0 */
export const ok = (body: unknown): ProductResponse => ({ status: 200, body })

/** @since 0.3.0 */
export const isObject = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** @since 0.3.0 */
export const e164 = /^\+[1-9]\d{6,14}$/

const countries: ReadonlyArray<
  { readonly prefix: string; readonly countryId: string; readonly rate: number; readonly mobile: ReadonlyArray<string> }
> = [
  { prefix: "+1", countryId: "US", rate: 0.01, mobile: [] },
  { prefix: "+33", countryId: "FR", rate: 0.03, mobile: ["+336", "+337"] },
  { prefix: "+44", countryId: "GB", rate: 0.02, mobile: ["+447"] },
  { prefix: "+46", countryId: "SE", rate: 0.025, mobile: ["+467"] },
  { prefix: "+49", countryId: "DE", rate: 0.03, mobile: ["+4915", "+4916", "+4917"] }
]

/**
 * What the emulator knows of a number: its country, its type and the rate per minute to call it.
 *
 * @since 0.3.0
 */
export const numberInfo = (number: string) => {
  const country = countries.find((c) => number.startsWith(c.prefix))
  if (country === undefined) return { countryId: undefined, numberType: "Unknown", rate: 0.05 }
  const mobile = country.mobile.some((prefix) => number.startsWith(prefix))
  return { countryId: country.countryId, numberType: mobile ? "Mobile" : "Fixed", rate: country.rate }
}

/**
 * A destination of a callout or an SVAML action: `type` `number` (E.164), `username` or `sip`, in
 * either case (the official SDK's destination.d.ts spells them `number` | `Number`, ...).
 *
 * @since 0.3.0
 */
export const destination = (value: unknown, field: string): Endpoint | string => {
  if (!isObject(value)) return `${field} is required`
  const type = typeof value["type"] === "string" ? value["type"].toLowerCase() : undefined
  if (type !== "number" && type !== "username" && type !== "sip") {
    return `${field}.type must be one of number, username, sip`
  }
  const endpoint = value["endpoint"]
  if (typeof endpoint !== "string" || endpoint === "") return `${field}.endpoint is required`
  if (type === "number" && !e164.test(endpoint)) return `${field}.endpoint must be an E.164 number`
  return { type, endpoint }
}

/** Optional fields of a request: `undefined` when absent, a message when of the wrong type. @since 0.3.0 */
export const optional = (
  body: { readonly [key: string]: unknown },
  field: string,
  prefix: string,
  kind: "string" | "boolean" | "integer"
): string | undefined => {
  const value = body[field]
  if (value === undefined) return undefined
  const fits = kind === "integer" ? Number.isInteger(value) && (value as number) >= 0 : typeof value === kind
  return fits ? undefined : `${prefix}.${field} must be ${kind === "integer" ? "a non-negative integer" : `a ${kind}`}`
}

/**
 * The seconds a call has lasted, and whether it has ended (hung up, kicked, or past its `maxDuration`).
 *
 * @since 0.3.0
 */
export const progress = (call: Call, now: number) => {
  const limit = call.maxDuration === undefined ? undefined : call.startedAt + call.maxDuration * 1000
  const timedOut = limit !== undefined && (call.endedAt === undefined || call.endedAt > limit) && now >= limit
  const end = timedOut ? limit : call.endedAt
  const at = end ?? now
  return {
    ended: end !== undefined,
    reason: timedOut ? "TIMEOUT" : call.reason,
    duration: Math.max(0, Math.floor((at - call.startedAt) / 1000)),
    inConference: Math.max(0, Math.floor((at - call.joinedAt) / 1000))
  }
}

/** The calls of the caller's application still connected. @since 0.3.0 */
export const isActive = (context: Context, call: Call): boolean =>
  call.applicationKey === context.applicationKey && !progress(call, context.now).ended

/** The state with `call` replaced by `next`. @since 0.3.0 */
export const replace = (state: State, next: Call): State => ({
  ...state,
  calls: state.calls.map((call) => (call.callId === next.callId ? next : call))
})

/** Ends a call as an API request does (reason `MANAGERHANGUP`). @since 0.3.0 */
export const hangUp = (call: Call, now: number): Call => ({ ...call, endedAt: now, reason: "MANAGERHANGUP" })

/**
 * No zone and no fraction, as the reference's sample of Get Call Information writes `timestamp`
 * (`"2023-04-21T14:45:51"`).
 *
 * @since 0.3.0
 */
export const timestamp = (at: number): string => new Date(at).toISOString().slice(0, 19)

/** Four decimals, as the reference's prices. @since 0.3.0 */
export const money = (amount: number) => ({ currencyId: currency, amount: Math.round(amount * 10_000) / 10_000 })
