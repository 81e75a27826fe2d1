/**
 * The emulated Verification API (`https://verification.api.sinch.com`, served under `/verification`):
 * start a verification by SMS, flash call, phone call (`callout`) or data (`seamless`), report the code
 * by id or by number, and read the status by id, by number and method, or by reference.
 *
 * Written from the Verification API reference
 * (https://developers.sinch.com/docs/verification/api-reference/verification/) and the answers in
 * sinch-sdk-node packages/verification/tests/rest/v1 (start.steps.ts, verification-status.steps.ts),
 * never from a client.
 *
 * A verification starts `PENDING` and is settled by its first report: `SUCCESSFUL` when the code is
 * right, else `FAIL` (reason `Invalid code`, or `Invalid CLI` for a flash call); after the expiry
 * (`smsOptions.expiry`, default ten minutes, on the Effect clock) a report settles it as `FAIL` with
 * reason `Expired`. Nobody receives anything here, so the codes are derived from the number: an SMS or
 * phone call code is its last four digits (as letters `A`-`J` for `codeType: "Alpha"`), a flash call
 * comes from `+4670000` followed by them. Data verifications stay `PENDING`. The API is answered both
 * under the emulator's prefix (`${emulator}/verification/verification/v1/...`) and at its root
 * (`${emulator}/verification/v1/...`, where clients that sign only the API's path reach it).
 *
 * @since 0.3.0
 */
import { Clock, Effect, Ref } from "effect"
import * as Responses from "../internal/responses.js"
import type { ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Verification {
  readonly id: string
  /** The partition of the caller (its project, when the application key has one). */
  readonly owner: string
  readonly method: "sms" | "flashcall" | "callout" | "seamless"
  readonly endpoint: string
  readonly reference: string | undefined
  /** The code (SMS, phone call) or the calling number (flash call) a report must match. */
  readonly expected: string
  readonly startedAt: number
  readonly expiresAt: number
  readonly status: "PENDING" | "SUCCESSFUL" | "FAIL"
  readonly reason: string | undefined
  readonly source: "manual" | undefined
}

/**
 * @since 0.3.0
 * @category models
 */
export interface State {
  /** In the order they were started. */
  readonly verifications: ReadonlyArray<Verification>
  readonly next: number
}

const host = "https://verification.api.sinch.com"
const base = "/verification/v1/verifications"
const defaultExpiry = 10 * 60_000

const error = (status: number, code: number, message: string): ProductResponse =>
  Responses.error("application", status, message, { code })
const invalid = (message: string) => error(400, 40001, message)
const notFound = () => error(404, 40400, "Verification not found")
const ok = (body: unknown): ProductResponse => ({ status: 200, body })

const isObject = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const e164 = /^\+[1-9]\d{6,14}$/

// Calling codes of the numbers the examples use; any other number is answered without a country.
const countries: ReadonlyArray<readonly [string, string]> = [
  ["+1", "US"],
  ["+33", "FR"],
  ["+44", "GB"],
  ["+46", "SE"],
  ["+49", "DE"]
]

const countryOf = (endpoint: string): string | undefined => countries.find(([code]) => endpoint.startsWith(code))?.[1]

const lastFour = (endpoint: string) => endpoint.slice(-4)

const alpha = (digits: string) => digits.replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)

// HH:MM:SS, as the reference writes `smsOptions.expiry`.
const parseExpiry = (value: unknown): number | undefined | "invalid" => {
  if (value === undefined) return undefined
  const match = typeof value === "string" ? /^(\d{1,2}):([0-5]\d):([0-5]\d)$/.exec(value) : null
  if (match === null) return "invalid"
  return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000
}

const links = (id: string) => [
  { rel: "status", href: `${host}${base}/id/${id}`, method: "GET" },
  { rel: "report", href: `${host}${base}/id/${id}`, method: "PUT" }
]

// No zone and milliseconds: the reference's note on `verificationTimestamp`.
const timestamp = (at: number) => new Date(at).toISOString().slice(0, 23)

const isCall = (record: Verification) => record.method === "flashcall" || record.method === "callout"

const price = (record: Verification) => {
  if (record.status === "PENDING") return {}
  const amount = record.method === "sms" ? 0.0453 : record.method === "flashcall" ? 0.0205 : 0.1852
  const verificationPrice = { currencyId: "EUR", amount }
  return {
    price: isCall(record)
      ? { verificationPrice, terminationPrice: { currencyId: "EUR", amount: 0 } }
      : { verificationPrice }
  }
}

const reported = (record: Verification) => ({
  id: record.id,
  method: record.method,
  status: record.status,
  ...(record.reason === undefined ? {} : { reason: record.reason }),
  ...(record.reference === undefined ? {} : { reference: record.reference }),
  ...(record.source === undefined ? {} : { source: record.source }),
  ...(isCall(record) ? { callComplete: record.status !== "PENDING" } : {})
})

const status = (record: Verification) => {
  const country = countryOf(record.endpoint)
  return {
    ...reported(record),
    identity: { type: "number", endpoint: record.endpoint },
    ...(country === undefined ? {} : { countryId: country }),
    verificationTimestamp: timestamp(record.startedAt),
    ...(isCall(record) && record.status !== "PENDING" ? { callResult: "ANSWERED" } : {}),
    ...price(record)
  }
}

type Result = readonly [ProductResponse, State]

const start = (state: State, owner: string, now: number, body: unknown): Result => {
  const unchanged = (response: ProductResponse): Result => [response, state]
  if (!isObject(body)) return unchanged(invalid("The request body must be a JSON object"))
  const identity = body["identity"]
  if (!isObject(identity) || identity["type"] !== "number") {
    return unchanged(invalid("identity.type must be \"number\""))
  }
  const endpoint = identity["endpoint"]
  if (typeof endpoint !== "string" || !e164.test(endpoint)) {
    return unchanged(invalid("identity.endpoint must be an E.164 number"))
  }
  const method = body["method"]
  if (method !== "sms" && method !== "flashcall" && method !== "callout" && method !== "seamless") {
    return unchanged(invalid("method must be one of sms, flashcall, callout, seamless"))
  }
  const reference = body["reference"]
  if (reference !== undefined && typeof reference !== "string") return unchanged(invalid("reference must be a string"))
  if (reference !== undefined && state.verifications.some((v) => v.owner === owner && v.reference === reference)) {
    return unchanged(error(409, 40900, `A verification with reference ${reference} already exists`))
  }
  const smsOptions = isObject(body["smsOptions"]) ? body["smsOptions"] : {}
  const expiry = parseExpiry(smsOptions["expiry"])
  if (expiry === "invalid") return unchanged(invalid("smsOptions.expiry must be HH:MM:SS"))
  const codeType = smsOptions["codeType"] ?? "Numeric"
  if (codeType !== "Numeric" && codeType !== "Alpha" && codeType !== "Alphanumeric") {
    return unchanged(invalid("smsOptions.codeType must be Numeric, Alpha or Alphanumeric"))
  }
  const digits = lastFour(endpoint)
  const id = `1ce0ffee-c0de-5eed-d00d-${state.next.toString(16).padStart(12, "0")}`
  const record: Verification = {
    id,
    owner,
    method,
    endpoint,
    reference,
    expected: method === "flashcall" ? `+4670000${digits}` : codeType === "Alpha" ? alpha(digits) : digits,
    startedAt: now,
    expiresAt: now + (expiry ?? defaultExpiry),
    status: "PENDING",
    reason: undefined,
    source: undefined
  }
  const details = method === "sms"
    ? { sms: { template: "Your verification code is {{CODE}}.", interceptionTimeout: 298, codeType } }
    : method === "flashcall"
    ? { flashCall: { cliFilter: `(.*)${digits}`, interceptionTimeout: 45, reportTimeout: 75, denyCallAfter: 0 } }
    : method === "seamless"
    ? { seamless: { targetUri: `${host}/verification/v1/seamless/${id}` } }
    : {}
  return [
    ok({ id, method, ...details, _links: links(id) }),
    { verifications: [...state.verifications, record], next: state.next + 1 }
  ]
}

// What a report claims, by its method: `sms.code`, `flashCall.cli` or `callout.code`.
const claim = (body: unknown): { readonly method: Verification["method"]; readonly value: string } | string => {
  if (!isObject(body)) return "The request body must be a JSON object"
  const method = body["method"]
  const field = method === "sms" ? "sms" : method === "flashcall" ? "flashCall" : method === "callout" ? "callout" : ""
  if (field === "") return "method must be one of sms, flashcall, callout"
  const content = body[field]
  const key = method === "flashcall" ? "cli" : "code"
  const value = isObject(content) ? content[key] : undefined
  if (typeof value !== "string" || value === "") return `${field}.${key} is required`
  return { method: method as Verification["method"], value }
}

const digitsOf = (value: string) => value.replace(/\D/g, "")

// The latest match: a number may be verified more than once.
const lastIndex = (records: ReadonlyArray<Verification>, find: (record: Verification) => boolean): number => {
  for (let i = records.length - 1; i >= 0; i--) if (find(records[i]!)) return i
  return -1
}

const report = (
  state: State,
  now: number,
  find: (record: Verification) => boolean,
  body: unknown
): Result => {
  const claimed = claim(body)
  if (typeof claimed === "string") return [invalid(claimed), state]
  const index = lastIndex(state.verifications, find)
  if (index < 0) return [notFound(), state]
  const record = state.verifications[index]!
  if (record.method !== claimed.method) {
    return [invalid(`The verification was started with ${record.method}, not ${claimed.method}`), state]
  }
  if (record.status !== "PENDING") return [ok(reported(record)), state]
  const right = record.method === "flashcall"
    ? digitsOf(claimed.value) === digitsOf(record.expected)
    : claimed.value === record.expected
  const settled: Verification = now > record.expiresAt
    ? { ...record, status: "FAIL", reason: "Expired", source: "manual" }
    : right
    ? { ...record, status: "SUCCESSFUL", source: "manual" }
    : {
      ...record,
      status: "FAIL",
      reason: record.method === "flashcall" ? "Invalid CLI" : "Invalid code",
      source: "manual"
    }
  const verifications = state.verifications.map((v, i) => (i === index ? settled : v))
  return [ok(reported(settled)), { ...state, verifications }]
}

const read = (state: State, find: (record: Verification) => boolean): Result => {
  const index = lastIndex(state.verifications, find)
  const record = index < 0 ? undefined : state.verifications[index]
  return [record === undefined ? notFound() : ok(status(record)), state]
}

const route = (state: State, owner: string, now: number, request: ProductRequest): Result | undefined => {
  // The API's paths start with `/verification`, the emulator's prefix too: `${emulator}/verification/v1/...`
  // is the API at the emulator's root, which is how a client that signs only the API's own path (the
  // official SDK) reaches it; `${emulator}/verification/verification/v1/...` is the API under its prefix.
  const segments = request.segments[0] === "v1" ? ["verification", ...request.segments] : request.segments
  const [verification, v1, verifications, ...rest] = segments
  if (verification !== "verification" || v1 !== "v1" || verifications !== "verifications") return undefined
  const mine = (record: Verification) => record.owner === owner
  const method = request.method
  if (rest.length === 0) return method === "POST" ? start(state, owner, now, request.body) : undefined
  const [first, second, third] = rest
  if (rest.length === 2 && first === "id") {
    const byId = (record: Verification) => mine(record) && record.id === second
    return method === "PUT" ? report(state, now, byId, request.body) : method === "GET" ? read(state, byId) : undefined
  }
  if (rest.length === 2 && first === "number" && method === "PUT") {
    const reportedMethod = isObject(request.body) ? request.body["method"] : undefined
    return report(
      state,
      now,
      (record) =>
        mine(record) && record.endpoint === second && record.method === reportedMethod && record.status === "PENDING",
      request.body
    )
  }
  if (rest.length === 2 && first === "reference" && method === "GET") {
    return read(state, (record) => mine(record) && record.reference === second)
  }
  if (rest.length === 3 && second === "number" && method === "GET") {
    // `flashCall` is how early versions of the official SDK spelled the method in this path.
    const wanted = first!.toLowerCase()
    if (wanted !== "sms" && wanted !== "flashcall" && wanted !== "callout") {
      return [invalid("method must be one of sms, flashcall, callout"), state]
    }
    return read(state, (record) => mine(record) && record.endpoint === third && record.method === wanted)
  }
  return undefined
}

/**
 * An emulated Verification API with its own state.
 *
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi> = Effect.gen(function*() {
  const state = yield* Ref.make<State>({ verifications: [], next: 1 })
  const handle = (request: ProductRequest): Effect.Effect<ProductResponse | undefined> =>
    Effect.flatMap(
      Clock.currentTimeMillis,
      (now) =>
        Ref.modify(state, (current): readonly [ProductResponse | undefined, State] => {
          const result = route(current, request.projectId ?? "", now, request)
          return result === undefined ? [undefined, current] : result
        })
    )
  return { api: "verification", handle } satisfies ProductApi
})
