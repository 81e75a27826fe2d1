/**
 * The application-management routes of the emulated Voice API (`https://callingapi.sinch.com` in the
 * reference): the project's numbers and the application each is assigned to, the callback URLs of an
 * application, and number information. Numbers belong to the caller's project (its application, without
 * one): each starts with three, `+46700000001` assigned to the project's first application.
 *
 * Written from https://developers.sinch.com/docs/voice/api-reference/voice/tag/Applications and
 * sinch-sdk-node packages/voice/tests/rest/v1/applications/applications.steps.ts.
 *
 * @since 0.3.0
 */
import type { Callbacks, Context, OwnedNumber, Result, State } from "./model.js"
import { e164, error, invalid, isObject, money, noContent, notFound, numberInfo, ok } from "./model.js"

const seed = (context: Context): ReadonlyArray<OwnedNumber> => [
  { number: "+46700000001", applicationkey: context.applicationKeys[0] ?? context.applicationKey, capability: "voice" },
  { number: "+46700000002", applicationkey: undefined, capability: "voice" },
  { number: "+12025550147", applicationkey: undefined, capability: "sms" }
]

const owned = (context: Context): ReadonlyArray<OwnedNumber> =>
  context.state.numbers.get(context.owner) ?? seed(context)

const withNumbers = (context: Context, numbers: ReadonlyArray<OwnedNumber>): State => ({
  ...context.state,
  numbers: new Map(context.state.numbers).set(context.owner, numbers)
})

/**
 * `GET /v1/configuration/numbers` (Get Numbers, tag/Applications): `{numbers: [{number, applicationkey?, capability}]}`, `applicationkey`
 * only for an assigned number.
 *
 * @since 0.3.0
 */
export const list = (context: Context): Result => [
  ok({
    numbers: owned(context).map((n) => ({
      number: n.number,
      ...(n.applicationkey === undefined ? {} : { applicationkey: n.applicationkey }),
      capability: n.capability
    }))
  }),
  context.state
]

// `applicationkey` of a body: "If empty, the application key that is used to sign the request will be used."
const applicationOf = (context: Context, body: { readonly [key: string]: unknown }): string | Result => {
  const key = body["applicationkey"]
  if (key === undefined || key === "") return context.applicationKey
  if (typeof key !== "string") return [invalid("applicationkey must be a string"), context.state]
  return context.applicationKeys.includes(key)
    ? key
    : [invalid(`applicationkey ${key} is not an application of this project`), context.state]
}

const capabilityOf = (body: { readonly [key: string]: unknown }): OwnedNumber["capability"] | undefined | "invalid" => {
  const capability = body["capability"]
  if (capability === undefined) return undefined
  return capability === "voice" || capability === "sms" ? capability : "invalid"
}

/**
 * `POST /v1/configuration/numbers` (Update Numbers): `{numbers: [1..100 E.164], applicationkey?,
 * capability?: voice|sms}`; 204.
 *
 * @since 0.3.0
 */
export const assign = (context: Context, body: unknown): Result => {
  const fail = (message: string): Result => [invalid(message), context.state]
  if (!isObject(body)) return fail("The request body must be a JSON object")
  const numbers = body["numbers"]
  if (!Array.isArray(numbers) || numbers.length < 1 || numbers.length > 100) {
    return fail("numbers must be an array of 1 to 100 E.164 numbers")
  }
  const bad = numbers.find((n) => typeof n !== "string" || !e164.test(n))
  if (bad !== undefined) return fail(`numbers: ${JSON.stringify(bad)} is not an E.164 number`)
  const capability = capabilityOf(body)
  if (capability === "invalid") return fail("capability must be voice or sms")
  const key = applicationOf(context, body)
  if (typeof key !== "string") return key
  const current = owned(context)
  const missing = (numbers as ReadonlyArray<string>).find((n) => !current.some((o) => o.number === n))
  if (missing !== undefined) return [error(404, 40400, `Number ${missing} not found in this project`), context.state]
  const wanted = new Set(numbers as ReadonlyArray<string>)
  return [
    noContent,
    withNumbers(
      context,
      current.map((n) =>
        wanted.has(n.number) ? { ...n, applicationkey: key, capability: capability ?? n.capability } : n
      )
    )
  ]
}

/**
 * `DELETE /v1/configuration/numbers` (Un-assign number): `{number, applicationkey?, capability?}`; 204.
 *
 * @since 0.3.0
 */
export const unassign = (context: Context, body: unknown): Result => {
  const fail = (message: string): Result => [invalid(message), context.state]
  if (!isObject(body)) return fail("The request body must be a JSON object")
  const number = body["number"]
  if (typeof number !== "string" || !e164.test(number)) return fail("number must be an E.164 number")
  const capability = capabilityOf(body)
  if (capability === "invalid") return fail("capability must be voice or sms")
  const key = applicationOf(context, body)
  if (typeof key !== "string") return key
  const current = owned(context)
  const record = current.find((n) => n.number === number)
  if (record === undefined) return [error(404, 40400, `Number ${number} not found in this project`), context.state]
  if (record.applicationkey !== key || (capability !== undefined && capability !== record.capability)) {
    return fail(`Number ${number} is not assigned to application ${key}${capability ? ` for ${capability}` : ""}`)
  }
  return [
    noContent,
    withNumbers(context, current.map((n) => (n.number === number ? { ...n, applicationkey: undefined } : n)))
  ]
}

const urlOf = (value: unknown): boolean => typeof value === "string" && /^https?:\/\/\S+$/.test(value)

/**
 * `GET /v1/configuration/callbacks/applications/{applicationKey}`: `{url: {primary?, fallback?}}`, for an
 * application of the caller's project only.
 *
 * @since 0.3.0
 */
export const callbacks = (context: Context, key: string): Result => {
  if (!context.applicationKeys.includes(key)) return [notFound("Application"), context.state]
  const url: Callbacks = context.state.callbacks.get(key) ?? {}
  return [ok({ url }), context.state]
}

/**
 * `POST /v1/configuration/callbacks/applications/{applicationKey}`
 * (https://developers.sinch.com/docs/voice/api-reference/voice/applications/configuration_updatecallbackurls.md):
 * `{url: {primary?, fallback?}}` replaces the application's callback URLs; 204.
 *
 * @since 0.3.0
 */
export const updateCallbacks = (context: Context, key: string, body: unknown): Result => {
  if (!context.applicationKeys.includes(key)) return [notFound("Application"), context.state]
  const url = isObject(body) ? body["url"] : undefined
  if (!isObject(url)) return [invalid("url is required: {primary, fallback}"), context.state]
  const { fallback, primary } = url
  if (primary === undefined && fallback === undefined) {
    return [invalid("url.primary or url.fallback is required"), context.state]
  }
  for (const [name, value] of [["primary", primary], ["fallback", fallback]] as const) {
    if (value !== undefined && !urlOf(value)) return [invalid(`url.${name} must be an http(s) URL`), context.state]
  }
  const next: Callbacks = {
    ...(primary === undefined ? {} : { primary: primary as string }),
    ...(fallback === undefined ? {} : { fallback: fallback as string })
  }
  return [noContent, { ...context.state, callbacks: new Map(context.state.callbacks).set(key, next) }]
}

/**
 * `GET /v1/calling/query/number/{number}` (Query number, deprecated in the reference:
 * https://developers.sinch.com/docs/voice/api-reference/voice/applications/calling_querynumber.md): `{number: {countryId, numberType,
 * normalizedNumber, restricted, rate}}`. Spaces, dashes, dots and brackets are dropped; a missing `+` is
 * added.
 *
 * @since 0.3.0
 */
export const query = (context: Context, raw: string): Result => {
  const digits = raw.replace(/[\s\-().]/g, "")
  const normalized = digits.startsWith("+") ? digits : `+${digits}`
  if (!e164.test(normalized)) return [invalid(`${raw} is not a phone number`), context.state]
  const info = numberInfo(normalized)
  return [
    ok({
      number: {
        ...(info.countryId === undefined ? {} : { countryId: info.countryId }),
        numberType: info.numberType,
        normalizedNumber: normalized,
        restricted: false,
        rate: money(info.rate)
      }
    }),
    context.state
  ]
}
