/**
 * Emergency (E911) addresses of active numbers, written from the Numbers API reference ("Emergency
 * address" operations of active numbers): `GET /activeNumbers/{phoneNumber}/emergencyAddress` and the
 * custom methods `:provision`, `:deprovision` and `:validate`. `GET` and `:provision` answer the bare
 * address (the reference's `EmergencyAddressResponse` is the `EmergencyAddress` schema; the Node and
 * Java SDKs type it so); the request's `displayName` is kept but not answered. The address is validated only for
 * shape: every required field present and a 5-digit `postalCode` is an `EXACT_MATCH`, anything else
 * `NO_MATCH`, with a zero-padded candidate for a shorter all-digit code (the real service checks it
 * against postal data).
 *
 * @since 0.2.0
 */
import type { ProductRequest } from "../../ProductApi.js"
import type { Context, Result } from "./handlers.js"
import { activeNumberNotFound, findActiveNumber } from "./handlers.js"
import { invalidArgument, notFound, ok } from "./responses.js"
import type { State } from "./state.js"
import { isRecord } from "./validate.js"

const required = ["streetNumber", "streetInfo", "city", "state", "postalCode"] as const
const optional = ["location", "postalCodePlusFour"] as const

const addressOf = (body: unknown) => {
  const violations: Array<{ field: string; description: string }> = []
  if (!isRecord(body)) return { violations: [{ field: "body", description: "must be a JSON object" }] }
  const displayName = body.displayName
  if (typeof displayName !== "string" || displayName === "") {
    violations.push({ field: "displayName", description: "is required" })
  }
  const raw = body.address
  if (!isRecord(raw)) return { violations: [...violations, { field: "address", description: "is required" }] }
  const address: Record<string, string> = {}
  for (const key of required) {
    const value = raw[key]
    if (typeof value !== "string" || value === "") {
      violations.push({ field: `address.${key}`, description: "is required" })
    } else address[key] = value
  }
  for (const key of optional) {
    const value = raw[key]
    if (typeof value === "string") address[key] = value
  }
  return { violations, displayName: displayName as string, address }
}

const withAddresses = (state: State, phone: string, value: Readonly<Record<string, unknown>> | undefined): State => {
  const next = new Map(state.emergencyAddresses ?? [])
  if (value === undefined) next.delete(phone)
  else next.set(phone, value)
  return { ...state, emergencyAddresses: next }
}

/**
 * @since 0.2.0
 * @category handlers
 */
export const get = (state: State, ctx: Context, phone: string): Result => {
  if (findActiveNumber(state, ctx, phone) === undefined) return [activeNumberNotFound(phone), state]
  const stored = state.emergencyAddresses?.get(phone)
  return stored === undefined
    ? [notFound("EmergencyAddress", phone, `Number ${phone} has no emergency address`), state]
    : [ok(stored.address), state]
}

/**
 * @since 0.2.0
 * @category handlers
 */
export const provision = (state: State, ctx: Context, phone: string, request: ProductRequest): Result => {
  if (findActiveNumber(state, ctx, phone) === undefined) return [activeNumberNotFound(phone), state]
  const parsed = addressOf(request.body)
  if (parsed.violations.length > 0 || parsed.address === undefined) return [invalidArgument(parsed.violations), state]
  const stored = { displayName: parsed.displayName, address: parsed.address }
  return [ok(stored.address), withAddresses(state, phone, stored)]
}

/**
 * @since 0.2.0
 * @category handlers
 */
export const deprovision = (state: State, ctx: Context, phone: string): Result => {
  if (findActiveNumber(state, ctx, phone) === undefined) return [activeNumberNotFound(phone), state]
  return [ok({}), withAddresses(state, phone, undefined)]
}

/**
 * @since 0.2.0
 * @category handlers
 */
export const validate = (state: State, _ctx: Context, phone: string, request: ProductRequest): Result => {
  const parsed = addressOf(request.body)
  if (parsed.violations.length > 0 || parsed.address === undefined) return [invalidArgument(parsed.violations), state]
  const postalCode = parsed.address.postalCode ?? ""
  const exact = /^\d{5}$/.test(postalCode)
  // The reference: candidateAddresses are "only available if validationResult == NO_MATCH" (Sinch's
  // NEAR_MATCH example answers `[]`). A postal code that lost its leading zeros gets the padded one.
  const candidates = !exact && /^\d{1,4}$/.test(postalCode)
    ? [{ ...parsed.address, postalCode: postalCode.padStart(5, "0") }]
    : []
  return [
    ok({
      phoneNumber: phone,
      displayName: parsed.displayName,
      validatedAddress: parsed.address,
      validationResult: exact ? "EXACT_MATCH" : "NO_MATCH",
      validationMessage: exact ? "The address matches" : "postalCode must be 5 digits",
      candidateAddresses: candidates
    }),
    state
  ]
}
