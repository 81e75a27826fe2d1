/**
 * The operations of the emulated Numbers API, as pure functions of the state, the clock and the
 * request. Written from the Numbers API reference
 * (https://developers.sinch.com/docs/numbers/api-reference/numbers).
 *
 * @since 0.1.0
 */
import type { ProductRequest, ProductResponse } from "../../ProductApi.js"
import type { AvailableNumber, Capability, NumberType } from "./inventory.js"
import { regions, typesOf } from "./inventory.js"
import { invalidArgument, notFound, ok } from "./responses.js"
import type { Activation, ActiveRecord, SmsTarget, State, VoiceTarget, VoiceType } from "./state.js"
import { activate, settle, toJson, withActive, withoutActive } from "./state.js"
import type { NumberPattern } from "./validate.js"
import { capabilities, isRecord, matches, numberTypes, phoneNumber, Violations } from "./validate.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly projectId: string
  readonly now: number
  readonly provisioningDelay: number
}

/**
 * @since 0.1.0
 * @category models
 */
export type Result = readonly [ProductResponse, State]

const voiceTypes: ReadonlyArray<VoiceType> = ["RTC", "EST", "FAX"]
const orderByFields = ["phoneNumber", "displayName"] as const

const hasAll = (have: ReadonlyArray<Capability>, wanted: ReadonlyArray<Capability>): boolean =>
  wanted.every((c) => have.includes(c))

const byPhone = (a: { readonly phoneNumber: string }, b: { readonly phoneNumber: string }): number =>
  a.phoneNumber < b.phoneNumber ? -1 : a.phoneNumber > b.phoneNumber ? 1 : 0

interface Criteria {
  readonly regionCode: string | undefined
  readonly type: NumberType | undefined
  readonly pattern: NumberPattern | undefined
  readonly capabilities: ReadonlyArray<Capability>
}

const matching = (numbers: Iterable<AvailableNumber>, criteria: Criteria): Array<AvailableNumber> =>
  Array.from(numbers)
    .filter((n) =>
      (criteria.regionCode === undefined || n.regionCode === criteria.regionCode) &&
      (criteria.type === undefined || n.type === criteria.type) &&
      hasAll(n.capability, criteria.capabilities) &&
      matches(n.phoneNumber, criteria.pattern)
    )
    .sort(byPhone)

/**
 * `GET /availableNumbers`: `regionCode` and `type` are required; `capabilities` repeats.
 *
 * @since 0.1.0
 * @category handlers
 */
export const searchAvailable = (state: State, request: ProductRequest): Result => {
  const q = request.query
  const v = new Violations()
  const regionCode = v.regionCode("regionCode", q.get("regionCode"), true)
  const type = v.required("type", q.get("type"), numberTypes)
  const pattern = v.numberPattern(
    "numberPattern.pattern",
    q.get("numberPattern.pattern"),
    "numberPattern.searchPattern",
    q.get("numberPattern.searchPattern")
  )
  const wanted = v.enumList("capabilities", q.getAll("capabilities"), capabilities)
  const size = v.integer("size", q.get("size"), 1, 1000) ?? 100
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  const found = matching(state.available.values(), { regionCode, type, pattern, capabilities: wanted })
  return [ok({ availableNumbers: found.slice(0, size) }), state]
}

/**
 * `GET /availableNumbers/{phoneNumber}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const getAvailable = (state: State, phone: string): Result => {
  const violations = phoneNumber("phoneNumber", phone)
  if (violations.length > 0) return [invalidArgument(violations), state]
  const number = state.available.get(phone)
  return number === undefined
    ? [notFound("AvailableNumber", phone, `Number ${phone} is not available`), state]
    : [ok(number), state]
}

const parseSms = (v: Violations, value: unknown, requireServicePlan: boolean): SmsTarget | undefined => {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value)) {
    v.add("smsConfiguration", "must be an object")
    return undefined
  }
  const servicePlanId = value.servicePlanId
  const campaignId = value.campaignId ?? ""
  if (typeof servicePlanId !== "string" || (requireServicePlan && servicePlanId === "")) {
    v.add("smsConfiguration.servicePlanId", "is required")
    return undefined
  }
  if (typeof campaignId !== "string") {
    v.add("smsConfiguration.campaignId", "must be a string")
    return undefined
  }
  return { servicePlanId, campaignId }
}

const parseVoice = (v: Violations, value: unknown): VoiceTarget | undefined => {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value)) {
    v.add("voiceConfiguration", "must be an object")
    return undefined
  }
  const rawType = value.type ?? "RTC"
  const type = typeof rawType === "string"
    ? v.enumValue("voiceConfiguration.type", rawType, voiceTypes)
    : (v.add("voiceConfiguration.type", "must be a string"), undefined)
  if (type === undefined) return undefined
  const field = type === "RTC" ? "appId" : type === "EST" ? "trunkId" : "serviceId"
  const id = value[field]
  if (typeof id !== "string" || id === "") {
    v.add(`voiceConfiguration.${field}`, `is required for a voice configuration of type ${type}`)
    return undefined
  }
  return { type, id }
}

const parseCallbackUrl = (v: Violations, value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined
  if (typeof value !== "string") {
    v.add("callbackUrl", "must be a string")
    return undefined
  }
  if (value !== "" && !/^https?:\/\/\S+$/.test(value)) {
    v.add("callbackUrl", `"${value}" is not an http(s) URL`)
    return undefined
  }
  return value
}

const parseActivation = (v: Violations, body: unknown): Activation => {
  const record = isRecord(body) ? body : {}
  if (body !== undefined && !isRecord(body)) v.add("body", "must be a JSON object")
  return {
    sms: parseSms(v, record.smsConfiguration, true),
    voice: parseVoice(v, record.voiceConfiguration),
    callbackUrl: parseCallbackUrl(v, record.callbackUrl)
  }
}

const checkCapabilities = (v: Violations, number: AvailableNumber, activation: Activation): void => {
  if (activation.sms !== undefined && !number.capability.includes("SMS")) {
    v.add("smsConfiguration", `${number.phoneNumber} has no SMS capability`)
  }
  if (activation.voice !== undefined && !number.capability.includes("VOICE")) {
    v.add("voiceConfiguration", `${number.phoneNumber} has no VOICE capability`)
  }
}

const rentNumber = (state: State, ctx: Context, number: AvailableNumber, activation: Activation): Result => {
  const record = activate(number, ctx.projectId, activation, ctx.now, ctx.provisioningDelay)
  return [ok(toJson(record)), withActive(state, record)]
}

/**
 * `POST /availableNumbers/{phoneNumber}:rent`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const rent = (state: State, ctx: Context, phone: string, request: ProductRequest): Result => {
  const v = new Violations()
  v.addAll(phoneNumber("phoneNumber", phone))
  const activation = parseActivation(v, request.body)
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  const number = state.available.get(phone)
  if (number === undefined) return [notFound("AvailableNumber", phone, `Number ${phone} is not available`), state]
  checkCapabilities(v, number, activation)
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  return rentNumber(state, ctx, number, activation)
}

/**
 * `POST /availableNumbers:rentAny`: rents the first available number matching the criteria.
 *
 * @since 0.1.0
 * @category handlers
 */
export const rentAny = (state: State, ctx: Context, request: ProductRequest): Result => {
  const v = new Violations()
  const body = isRecord(request.body) ? request.body : {}
  const str = (u: unknown): string | null => (typeof u === "string" ? u : null)
  const regionCode = v.regionCode("regionCode", str(body.regionCode), true)
  const type = v.required("type", str(body.type), numberTypes)
  const numberPattern = isRecord(body.numberPattern) ? body.numberPattern : {}
  const pattern = v.numberPattern(
    "numberPattern.pattern",
    str(numberPattern.pattern),
    "numberPattern.searchPattern",
    str(numberPattern.searchPattern)
  )
  const rawCapabilities = body.capabilities ?? []
  const wanted = Array.isArray(rawCapabilities)
    ? v.enumList("capabilities", rawCapabilities.map(String), capabilities)
    : (v.add("capabilities", "must be an array"), [])
  const activation = parseActivation(v, request.body)
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  const candidates = matching(state.available.values(), { regionCode, type, pattern, capabilities: wanted })
    .filter((n) =>
      (activation.sms === undefined || n.capability.includes("SMS")) &&
      (activation.voice === undefined || n.capability.includes("VOICE"))
    )
  const number = candidates[0]
  if (number === undefined) {
    return [
      notFound(
        "AvailableNumber",
        `${regionCode}/${type}`,
        `No ${type} number available in ${regionCode} matches the criteria`
      ),
      state
    ]
  }
  return rentNumber(state, ctx, number, activation)
}

/**
 * @since 0.2.0
 * @internal
 */
export const findActiveNumber = (state: State, ctx: Context, phone: string): ActiveRecord | undefined =>
  findActive(state, ctx, phone)

/**
 * @since 0.2.0
 * @internal
 */
export const activeNumberNotFound = (phone: string): ProductResponse => activeNotFound(phone)

const findActive = (state: State, ctx: Context, phone: string): ActiveRecord | undefined => {
  const record = state.active.get(phone)
  return record === undefined || record.projectId !== ctx.projectId ? undefined : settle(record, ctx.now)
}

const activeNotFound = (phone: string): ProductResponse =>
  notFound("ActiveNumber", phone, `Number ${phone} is not an active number of this project`)

const sortKey = (record: ActiveRecord, orderBy: typeof orderByFields[number]): string =>
  orderBy === "displayName" ? `${record.displayName}\u0000${record.phoneNumber}` : record.phoneNumber

const encodeToken = (key: string): string => Buffer.from(JSON.stringify({ after: key }), "utf8").toString("base64url")

const decodeToken = (token: string): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"))
    return isRecord(parsed) && typeof parsed.after === "string" ? parsed.after : undefined
  } catch {
    return undefined
  }
}

/**
 * `GET /activeNumbers`: filtered, ordered, paged by `pageSize` / `pageToken` -> `nextPageToken`
 * (empty on the last page) and `totalSize`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const listActive = (state: State, ctx: Context, request: ProductRequest): Result => {
  const q = request.query
  const v = new Violations()
  const regionCode = v.regionCode("regionCode", q.get("regionCode"), false)
  const type = v.enumValue("type", q.get("type"), numberTypes)
  const pattern = v.numberPattern(
    "numberPattern.pattern",
    q.get("numberPattern.pattern"),
    "numberPattern.searchPattern",
    q.get("numberPattern.searchPattern")
  )
  const wanted = v.enumList("capability", q.getAll("capability"), capabilities)
  const pageSize = v.integer("pageSize", q.get("pageSize"), 1, 1000) ?? 100
  const orderBy = v.enumValue("orderBy", q.get("orderBy"), orderByFields) ?? "phoneNumber"
  const token = q.get("pageToken")
  const after = token === null || token === "" ? undefined : decodeToken(token)
  if (token !== null && token !== "" && after === undefined) v.add("pageToken", "is not a page token of this listing")
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  const all = Array.from(state.active.values())
    .filter((r) =>
      r.projectId === ctx.projectId &&
      (regionCode === undefined || r.regionCode === regionCode) &&
      (type === undefined || r.type === type) &&
      hasAll(r.capability, wanted) &&
      matches(r.phoneNumber, pattern)
    )
    .map((r) => ({ record: settle(r, ctx.now), key: sortKey(r, orderBy) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const rest = after === undefined ? all : all.filter((entry) => entry.key > after)
  const page = rest.slice(0, pageSize)
  const last = page[page.length - 1]
  const nextPageToken = rest.length > pageSize && last !== undefined ? encodeToken(last.key) : ""
  return [
    ok({ activeNumbers: page.map((entry) => toJson(entry.record)), nextPageToken, totalSize: all.length }),
    state
  ]
}

/**
 * `GET /activeNumbers/{phoneNumber}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const getActive = (state: State, ctx: Context, phone: string): Result => {
  const violations = phoneNumber("phoneNumber", phone)
  if (violations.length > 0) return [invalidArgument(violations), state]
  const record = findActive(state, ctx, phone)
  return record === undefined ? [activeNotFound(phone), state] : [ok(toJson(record)), withActive(state, record)]
}

/**
 * `PATCH /activeNumbers/{phoneNumber}`: `displayName`, `smsConfiguration`, `voiceConfiguration`
 * (RTC `appId`, EST `trunkId`, FAX `serviceId`) and `callbackUrl`. New SMS and voice targets are
 * scheduled for provisioning; absent fields are left unchanged.
 *
 * @since 0.1.0
 * @category handlers
 */
export const updateActive = (state: State, ctx: Context, phone: string, request: ProductRequest): Result => {
  const v = new Violations()
  v.addAll(phoneNumber("phoneNumber", phone))
  const body = isRecord(request.body) ? request.body : {}
  if (request.body !== undefined && !isRecord(request.body)) v.add("body", "must be a JSON object")
  const displayName = body.displayName
  if (displayName !== undefined && displayName !== null && typeof displayName !== "string") {
    v.add("displayName", "must be a string")
  }
  const sms = parseSms(v, body.smsConfiguration, false)
  const voice = parseVoice(v, body.voiceConfiguration)
  const callbackUrl = parseCallbackUrl(v, body.callbackUrl)
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  const current = findActive(state, ctx, phone)
  if (current === undefined) return [activeNotFound(phone), state]
  checkCapabilities(v, current.source, { sms, voice })
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  const pending = (since: number) => ({ since, until: since + ctx.provisioningDelay })
  // Like a rent, the answer shows the new targets as scheduled; a later read shows them settled.
  const updated: ActiveRecord = {
    ...current,
    displayName: typeof displayName === "string" ? displayName : current.displayName,
    callbackUrl: callbackUrl ?? current.callbackUrl,
    smsPending: sms === undefined ? current.smsPending : { target: sms, ...pending(ctx.now) },
    voicePending: voice === undefined ? current.voicePending : { target: voice, ...pending(ctx.now) }
  }
  return [ok(toJson(updated)), withActive(state, updated)]
}

/**
 * `POST /activeNumbers/{phoneNumber}:release`: answers the released number and returns it to the
 * inventory.
 *
 * @since 0.1.0
 * @category handlers
 */
export const release = (state: State, ctx: Context, phone: string): Result => {
  const violations = phoneNumber("phoneNumber", phone)
  if (violations.length > 0) return [invalidArgument(violations), state]
  const record = findActive(state, ctx, phone)
  return record === undefined ? [activeNotFound(phone), state] : [ok(toJson(record)), withoutActive(state, record)]
}

/**
 * `GET /availableRegions`, optionally filtered by repeated `types`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const listRegions = (state: State, request: ProductRequest): Result => {
  const v = new Violations()
  const wanted = v.enumList("types", request.query.getAll("types"), numberTypes)
  if (v.all.length > 0) return [invalidArgument(v.all), state]
  const availableRegions = regions
    .map((region) => ({ ...region, types: typesOf(region.regionCode) }))
    .filter((region) => wanted.length === 0 || region.types.some((t) => wanted.includes(t)))
  return [ok({ availableRegions }), state]
}

const callbackJson = (state: State, projectId: string): Record<string, unknown> => {
  const hmacSecret = state.hmacSecrets.get(projectId)
  return hmacSecret === undefined ? { projectId } : { projectId, hmacSecret }
}

/**
 * `GET /callbackConfiguration`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const getCallbackConfiguration = (state: State, ctx: Context): Result => [
  ok(callbackJson(state, ctx.projectId)),
  state
]

/**
 * `PATCH /callbackConfiguration`: sets the `hmacSecret` that signs callbacks (`X-Sinch-Signature`).
 *
 * @since 0.1.0
 * @category handlers
 */
export const updateCallbackConfiguration = (state: State, ctx: Context, request: ProductRequest): Result => {
  const body = isRecord(request.body) ? request.body : undefined
  const hmacSecret = body?.hmacSecret
  if (body === undefined || typeof hmacSecret !== "string") {
    return [invalidArgument([{ field: "hmacSecret", description: "is required and must be a string" }]), state]
  }
  const hmacSecrets = new Map(state.hmacSecrets)
  hmacSecrets.set(ctx.projectId, hmacSecret)
  const next = { ...state, hmacSecrets }
  return [ok(callbackJson(next, ctx.projectId)), next]
}
