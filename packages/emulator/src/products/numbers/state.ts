/**
 * The in-memory state of the emulated Numbers API and the pure transitions on it. Provisioning to the
 * SMS and voice platforms is scheduled, as in the real API: a number answers with a
 * `scheduledProvisioning` block until `provisioningDelay` has passed on the Effect clock.
 *
 * @since 0.1.0
 */
import type { AvailableNumber, Capability, Money, NumberType } from "./inventory.js"

/**
 * @since 0.1.0
 * @category models
 */
export type VoiceType = "RTC" | "EST" | "FAX"

/**
 * The voice target of a configuration: the member named after its type (`appId`, `trunkId` or
 * `serviceId`) and its value.
 *
 * @since 0.1.0
 * @category models
 */
export interface VoiceTarget {
  readonly type: VoiceType
  readonly id: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SmsTarget {
  readonly servicePlanId: string
  readonly campaignId: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ActiveRecord {
  readonly phoneNumber: string
  readonly projectId: string
  readonly displayName: string
  readonly regionCode: string
  readonly type: NumberType
  readonly capability: ReadonlyArray<Capability>
  readonly money: Money
  readonly paymentIntervalMonths: number
  readonly nextChargeDate: number
  readonly expireAt: number
  readonly callbackUrl: string
  readonly sms: SmsTarget
  readonly smsPending: { readonly target: SmsTarget; readonly since: number; readonly until: number } | undefined
  readonly voice: VoiceTarget & { readonly updated: number | undefined }
  readonly voicePending: { readonly target: VoiceTarget; readonly since: number; readonly until: number } | undefined
  /** The inventory entry, to put back on release. */
  readonly source: AvailableNumber
}

/**
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly available: ReadonlyMap<string, AvailableNumber>
  readonly active: ReadonlyMap<string, ActiveRecord>
  readonly hmacSecrets: ReadonlyMap<string, string>
  readonly seededProjects: ReadonlySet<string>
  /** Emergency (E911) addresses by phone number. */
  readonly emergencyAddresses?: ReadonlyMap<string, Readonly<Record<string, unknown>>> | undefined
}

const day = 24 * 60 * 60 * 1000

/**
 * @since 0.1.0
 * @category models
 */
export interface Activation {
  readonly displayName?: string | undefined
  readonly sms?: SmsTarget | undefined
  readonly voice?: VoiceTarget | undefined
  readonly callbackUrl?: string | undefined
}

/**
 * Turns an available number into an active one of `projectId`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const activate = (
  number: AvailableNumber,
  projectId: string,
  activation: Activation,
  now: number,
  delay: number
): ActiveRecord => {
  const nextChargeDate = now + 30 * day
  return {
    phoneNumber: number.phoneNumber,
    projectId,
    displayName: activation.displayName ?? "",
    regionCode: number.regionCode,
    type: number.type,
    capability: number.capability,
    money: number.monthlyPrice,
    paymentIntervalMonths: number.paymentIntervalMonths,
    nextChargeDate,
    expireAt: nextChargeDate + 7 * day,
    callbackUrl: activation.callbackUrl ?? "",
    sms: { servicePlanId: "", campaignId: "" },
    smsPending: activation.sms === undefined ? undefined : { target: activation.sms, since: now, until: now + delay },
    voice: { type: "RTC", id: "", updated: undefined },
    voicePending: activation.voice === undefined
      ? undefined
      : { target: activation.voice, since: now, until: now + delay },
    source: number
  }
}

/**
 * Completes the provisioning jobs whose time has come.
 *
 * @since 0.1.0
 * @category transitions
 */
export const settle = (record: ActiveRecord, now: number): ActiveRecord => {
  let next = record
  if (next.smsPending !== undefined && now >= next.smsPending.until) {
    next = { ...next, sms: next.smsPending.target, smsPending: undefined }
  }
  if (next.voicePending !== undefined && now >= next.voicePending.until) {
    next = {
      ...next,
      voice: { ...next.voicePending.target, updated: next.voicePending.until },
      voicePending: undefined
    }
  }
  return next
}

const iso = (millis: number): string => new Date(millis).toISOString()

const voiceIdField = (type: VoiceType): "appId" | "trunkId" | "serviceId" =>
  type === "RTC" ? "appId" : type === "EST" ? "trunkId" : "serviceId"

/**
 * The documented JSON of an active number. Null values are omitted, as the API does.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toJson = (record: ActiveRecord): Record<string, unknown> => {
  const smsConfiguration: Record<string, unknown> = {
    servicePlanId: record.sms.servicePlanId,
    campaignId: record.sms.campaignId
  }
  if (record.smsPending !== undefined) {
    smsConfiguration.scheduledProvisioning = {
      servicePlanId: record.smsPending.target.servicePlanId,
      campaignId: record.smsPending.target.campaignId,
      status: "WAITING",
      lastUpdatedTime: iso(record.smsPending.since),
      errorCodes: []
    }
  }
  const voiceConfiguration: Record<string, unknown> = {
    type: record.voice.type,
    [voiceIdField(record.voice.type)]: record.voice.id
  }
  if (record.voice.updated !== undefined) voiceConfiguration.lastUpdatedTime = iso(record.voice.updated)
  if (record.voicePending !== undefined) {
    const target = record.voicePending.target
    voiceConfiguration.scheduledVoiceProvisioning = {
      type: target.type,
      [voiceIdField(target.type)]: target.id,
      status: "WAITING",
      lastUpdatedTime: iso(record.voicePending.since)
    }
  }
  return {
    phoneNumber: record.phoneNumber,
    projectId: record.projectId,
    displayName: record.displayName,
    regionCode: record.regionCode,
    type: record.type,
    capability: record.capability,
    money: record.money,
    paymentIntervalMonths: record.paymentIntervalMonths,
    nextChargeDate: iso(record.nextChargeDate),
    expireAt: iso(record.expireAt),
    smsConfiguration,
    voiceConfiguration,
    callbackUrl: record.callbackUrl
  }
}

/**
 * @since 0.1.0
 * @category transitions
 */
export const withActive = (state: State, record: ActiveRecord): State => {
  const active = new Map(state.active)
  active.set(record.phoneNumber, record)
  const available = new Map(state.available)
  available.delete(record.phoneNumber)
  return { ...state, active, available }
}

/**
 * Releases a number back to the inventory.
 *
 * @since 0.1.0
 * @category transitions
 */
export const withoutActive = (state: State, record: ActiveRecord): State => {
  const active = new Map(state.active)
  active.delete(record.phoneNumber)
  const available = new Map(state.available)
  available.set(record.phoneNumber, record.source)
  return { ...state, active, available }
}
