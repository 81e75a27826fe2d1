/**
 * The Numbers API's request and response shapes, as Schemas: the single source of truth for field
 * names and casing (https://developers.sinch.com/docs/numbers/api-reference/numbers). Responses
 * ignore unknown fields and read `null` as absent, as the API asks of its clients.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as OpenEnum from "./OpenEnum.js"

const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })

/**
 * @since 0.1.0
 * @category schemas
 */
export const NumberType = Schema.Literal("MOBILE", "LOCAL", "TOLL_FREE")

/**
 * @since 0.1.0
 * @category models
 */
export type NumberType = typeof NumberType.Type

/**
 * A number type as received: the known ones typed, any other (e.g. `"SHORT_CODE"`) as a string.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedNumberType = OpenEnum.open(NumberType)

/**
 * @since 0.1.0
 * @category schemas
 */
export const Capability = Schema.Literal("SMS", "VOICE")

/**
 * @since 0.1.0
 * @category models
 */
export type Capability = typeof Capability.Type

/**
 * A capability as received: the known ones typed, any other (e.g. `"MMS"`) as a string.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedCapability = OpenEnum.open(Capability)

/**
 * Where a `numberPattern` must occur in the number.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SearchPattern = Schema.Literal("START", "CONTAINS", "END")

/**
 * @since 0.1.0
 * @category models
 */
export type SearchPattern = typeof SearchPattern.Type

/**
 * A sequence of digits to look for, with a leading `+` to match from the country code.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NumberPattern = Schema.Struct({
  pattern: Schema.String,
  searchPattern: Schema.optional(SearchPattern)
})

/**
 * @since 0.1.0
 * @category models
 */
export type NumberPattern = typeof NumberPattern.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export class Money extends Schema.Class<Money>("@sinch-effect/products/Numbers/Money")({
  /** Optional in the reference and in the official SDK. */
  currencyCode: nullable(Schema.String),
  /** A decimal string, e.g. `"2.00"`, so no precision is lost. Optional in the reference and the official SDK. */
  amount: nullable(Schema.String)
}) {}

/**
 * A number that can be rented.
 *
 * @since 0.1.0
 * @category schemas
 */
export class AvailableNumber extends Schema.Class<AvailableNumber>("@sinch-effect/products/Numbers/AvailableNumber")({
  // Every field is optional in the reference and in the official SDK (models/v1/available-number).
  phoneNumber: nullable(Schema.String),
  regionCode: nullable(Schema.String),
  type: nullable(ReceivedNumberType),
  capability: Schema.optionalWith(Schema.Array(ReceivedCapability), { nullable: true, default: () => [] }),
  setupPrice: nullable(Money),
  monthlyPrice: nullable(Money),
  paymentIntervalMonths: nullable(Schema.Number),
  supportingDocumentationRequired: nullable(Schema.Boolean)
}) {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AvailableNumbersResponse = Schema.Struct({
  availableNumbers: Schema.optionalWith(Schema.Array(AvailableNumber), { nullable: true, default: () => [] })
})

/**
 * Status of a scheduled provisioning job.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProvisioningStatus = OpenEnum.open(
  Schema.Literal("PROVISIONING_STATUS_UNSPECIFIED", "WAITING", "IN_PROGRESS", "FAILED")
)

/**
 * @since 0.1.0
 * @category schemas
 */
export class ScheduledProvisioning
  extends Schema.Class<ScheduledProvisioning>("@sinch-effect/products/Numbers/ScheduledProvisioning")({
    servicePlanId: nullable(Schema.String),
    campaignId: nullable(Schema.String),
    status: nullable(ProvisioningStatus),
    /** ISO 8601. */
    lastUpdatedTime: nullable(Schema.String),
    errorCodes: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true, default: () => [] })
  })
{}

/**
 * The SMS configuration of an active number. A new `servicePlanId` first appears under
 * `scheduledProvisioning`, and directly here once provisioned.
 *
 * @since 0.1.0
 * @category schemas
 */
export class SmsConfiguration
  extends Schema.Class<SmsConfiguration>("@sinch-effect/products/Numbers/SmsConfiguration")({
    servicePlanId: nullable(Schema.String),
    campaignId: nullable(Schema.String),
    scheduledProvisioning: nullable(ScheduledProvisioning)
  })
{}

/**
 * Programmable voice (`RTC`, an `appId`), Elastic SIP Trunking (`EST`, a `trunkId`) or fax (`FAX`, a
 * `serviceId`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VoiceType = Schema.Literal("RTC", "EST", "FAX")

/**
 * @since 0.1.0
 * @category models
 */
export type VoiceType = typeof VoiceType.Type

/**
 * A voice type as received.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedVoiceType = OpenEnum.open(VoiceType)

/**
 * @since 0.1.0
 * @category schemas
 */
export class ScheduledVoiceProvisioning
  extends Schema.Class<ScheduledVoiceProvisioning>("@sinch-effect/products/Numbers/ScheduledVoiceProvisioning")({
    type: nullable(ReceivedVoiceType),
    appId: nullable(Schema.String),
    trunkId: nullable(Schema.String),
    serviceId: nullable(Schema.String),
    status: nullable(ProvisioningStatus),
    lastUpdatedTime: nullable(Schema.String)
  })
{}

/**
 * @since 0.1.0
 * @category schemas
 */
export class VoiceConfiguration
  extends Schema.Class<VoiceConfiguration>("@sinch-effect/products/Numbers/VoiceConfiguration")({
    type: nullable(ReceivedVoiceType),
    appId: nullable(Schema.String),
    trunkId: nullable(Schema.String),
    serviceId: nullable(Schema.String),
    lastUpdatedTime: nullable(Schema.String),
    scheduledVoiceProvisioning: nullable(ScheduledVoiceProvisioning)
  })
{}

/**
 * A number the project rents.
 *
 * @since 0.1.0
 * @category schemas
 */
export class ActiveNumber extends Schema.Class<ActiveNumber>("@sinch-effect/products/Numbers/ActiveNumber")({
  // Every field is optional in the reference and in the official SDK (models/v1/active-number).
  phoneNumber: nullable(Schema.String),
  projectId: nullable(Schema.String),
  displayName: nullable(Schema.String),
  regionCode: nullable(Schema.String),
  type: nullable(ReceivedNumberType),
  capability: Schema.optionalWith(Schema.Array(ReceivedCapability), { nullable: true, default: () => [] }),
  money: nullable(Money),
  paymentIntervalMonths: nullable(Schema.Number),
  /** ISO 8601. */
  nextChargeDate: nullable(Schema.String),
  /** ISO 8601. */
  expireAt: nullable(Schema.String),
  smsConfiguration: nullable(SmsConfiguration),
  voiceConfiguration: nullable(VoiceConfiguration),
  callbackUrl: nullable(Schema.String)
}) {}

/**
 * One page of `GET /activeNumbers`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActiveNumbersPage = Schema.Struct({
  activeNumbers: Schema.optionalWith(Schema.Array(ActiveNumber), { nullable: true, default: () => [] }),
  nextPageToken: nullable(Schema.String),
  totalSize: nullable(Schema.Number)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export class AvailableRegion extends Schema.Class<AvailableRegion>("@sinch-effect/products/Numbers/AvailableRegion")({
  // Optional in the reference and in the official SDK (models/v1/available-region).
  regionCode: nullable(Schema.String),
  regionName: nullable(Schema.String),
  types: Schema.optionalWith(Schema.Array(ReceivedNumberType), { nullable: true, default: () => [] })
}) {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const AvailableRegionsResponse = Schema.Struct({
  availableRegions: Schema.optionalWith(Schema.Array(AvailableRegion), { nullable: true, default: () => [] })
})

/**
 * The project's callback configuration. `hmacSecret` signs every callback (`X-Sinch-Signature`,
 * HMAC-SHA1 of the raw body) and is kept `Redacted`.
 *
 * @since 0.1.0
 * @category schemas
 */
export class CallbackConfiguration
  extends Schema.Class<CallbackConfiguration>("@sinch-effect/products/Numbers/CallbackConfiguration")({
    projectId: nullable(Schema.String),
    hmacSecret: nullable(Schema.Redacted(Schema.String))
  })
{}

// ---------------------------------------------------------------------------------------------------
// requests
// ---------------------------------------------------------------------------------------------------

/**
 * `GET /availableNumbers` parameters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListAvailableNumbersParams = Schema.Struct({
  regionCode: Schema.String,
  type: NumberType,
  numberPattern: Schema.optional(NumberPattern),
  capabilities: Schema.optional(Schema.Array(Capability)),
  /** At most this many numbers. */
  size: Schema.optional(Schema.Int)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListAvailableNumbersParams = typeof ListAvailableNumbersParams.Type

/**
 * The SMS service plan (and, for US 10DLC, campaign) to provision a number to.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SmsConfigurationRequest = Schema.Struct({
  servicePlanId: Schema.String,
  campaignId: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SmsConfigurationRequest = typeof SmsConfigurationRequest.Type

/**
 * A voice configuration: exactly one target, named after its type.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VoiceConfigurationRequest = Schema.Union(
  Schema.Struct({ type: Schema.Literal("RTC"), appId: Schema.String }),
  Schema.Struct({ type: Schema.Literal("EST"), trunkId: Schema.String }),
  Schema.Struct({ type: Schema.Literal("FAX"), serviceId: Schema.String })
)

/**
 * @since 0.1.0
 * @category models
 */
export type VoiceConfigurationRequest = typeof VoiceConfigurationRequest.Type

/**
 * `POST /availableNumbers/{phoneNumber}:rent` body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RentNumberRequest = Schema.Struct({
  smsConfiguration: Schema.optional(SmsConfigurationRequest),
  voiceConfiguration: Schema.optional(VoiceConfigurationRequest),
  callbackUrl: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type RentNumberRequest = typeof RentNumberRequest.Type

/**
 * `POST /availableNumbers:rentAny` body: the criteria of `GET /availableNumbers` and the configuration
 * of a rent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RentAnyNumberRequest = Schema.Struct({
  regionCode: Schema.String,
  type: NumberType,
  numberPattern: Schema.optional(NumberPattern),
  capabilities: Schema.optional(Schema.Array(Capability)),
  smsConfiguration: Schema.optional(SmsConfigurationRequest),
  voiceConfiguration: Schema.optional(VoiceConfigurationRequest),
  callbackUrl: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type RentAnyNumberRequest = typeof RentAnyNumberRequest.Type

/**
 * `GET /activeNumbers` filters. The stream follows `nextPageToken` itself; `pageSize` only sets how
 * many numbers each request fetches. The capability filter is `capability`, as documented.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListActiveNumbersParams = Schema.Struct({
  regionCode: Schema.optional(Schema.String),
  type: Schema.optional(NumberType),
  numberPattern: Schema.optional(NumberPattern),
  /**
   * One capability or several. The official Node SDK sends one `capability` value; several are sent as
   * repeated `capability` parameters, as the reference's array parameters are.
   */
  capability: Schema.optional(Schema.Union(Capability, Schema.Array(Capability))),
  pageSize: Schema.optional(Schema.Int),
  orderBy: Schema.optional(Schema.Literal("phoneNumber", "displayName"))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListActiveNumbersParams = typeof ListActiveNumbersParams.Type

/**
 * `PATCH /activeNumbers/{phoneNumber}` body: only the fields given are changed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateActiveNumberRequest = Schema.Struct({
  displayName: Schema.optional(Schema.String),
  smsConfiguration: Schema.optional(SmsConfigurationRequest),
  voiceConfiguration: Schema.optional(VoiceConfigurationRequest),
  callbackUrl: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateActiveNumberRequest = typeof UpdateActiveNumberRequest.Type

/**
 * `GET /availableRegions` filter.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListAvailableRegionsParams = Schema.Struct({
  types: Schema.optional(Schema.Array(NumberType))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListAvailableRegionsParams = typeof ListAvailableRegionsParams.Type

/**
 * `PATCH /callbackConfiguration` body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateCallbackConfigurationRequest = Schema.Struct({
  hmacSecret: Schema.Redacted(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateCallbackConfigurationRequest = typeof UpdateCallbackConfigurationRequest.Type

// ---------------------------------------------------------------------------------------------------
// callbacks
// ---------------------------------------------------------------------------------------------------

/**
 * The documented event types of active-number callbacks. Other values may appear as the API grows
 * and decode as plain strings.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CallbackEventType = OpenEnum.open(Schema.Literal(
  "PROVISIONING_TO_SMS_PLATFORM",
  "DEPROVISIONING_FROM_SMS_PLATFORM",
  "PROVISIONING_TO_CAMPAIGN",
  "DEPROVISIONING_FROM_CAMPAIGN",
  "PROVISIONING_TO_VOICE_PLATFORM",
  "DEPROVISIONING_FROM_VOICE_PLATFORM"
))

/**
 * A Numbers callback event: a provisioning job of `resourceId` (a phone number) finished.
 *
 * @since 0.1.0
 * @category schemas
 */
export class CallbackEvent extends Schema.Class<CallbackEvent>("@sinch-effect/products/Numbers/CallbackEvent")({
  // Every field is optional in the reference and in the official SDK (models/v1/callback-payload).
  eventId: nullable(Schema.String),
  /** When the event was queued, as sent (ISO 8601 without a zone, nanosecond precision). */
  timestamp: nullable(Schema.String),
  projectId: nullable(Schema.String),
  resourceId: nullable(Schema.String),
  resourceType: nullable(OpenEnum.open(Schema.Literal("ACTIVE_NUMBER"))),
  eventType: nullable(CallbackEventType),
  status: nullable(OpenEnum.open(Schema.Literal("SUCCEEDED", "FAILED"))),
  failureCode: nullable(OpenEnum.open(Schema.Literal(
    "CAMPAIGN_NOT_AVAILABLE",
    "EXCEEDED_10DLC_LIMIT",
    "NUMBER_PROVISIONING_FAILED",
    "PARTNER_SERVICE_UNAVAILABLE",
    "CAMPAIGN_PENDING_ACCEPTANCE",
    "MNO_SHARING_ERROR",
    "CAMPAIGN_PROVISIONING_FAILED",
    "CAMPAIGN_EXPIRED",
    "CAMPAIGN_MNO_REJECTED",
    "CAMPAIGN_MNO_SUSPENDED",
    "CAMPAIGN_MNO_REVIEW",
    "INSUFFICIENT_BALANCE",
    "MOCK_CAMPAIGN_NOT_ALLOWED",
    "TFN_NOT_ALLOWED",
    "INVALID_NNID"
  ))),
  /** A finer failure code than `failureCode`, when Sinch gives one. */
  internalFailureCode: nullable(Schema.String)
}) {}

// ---------------------------------------------------------------------------------------------------
// emergency addresses
// ---------------------------------------------------------------------------------------------------

/**
 * A US emergency (E911) address as the API answers it: every field optional (official SDK
 * `EmergencyAddress`, models/v1/emergency-address).
 *
 * @since 0.2.0
 * @category schemas
 */
export const EmergencyAddress = Schema.Struct({
  streetNumber: nullable(Schema.String),
  streetInfo: nullable(Schema.String),
  location: nullable(Schema.String),
  city: nullable(Schema.String),
  state: nullable(Schema.String),
  postalCode: nullable(Schema.String),
  postalCodePlusFour: nullable(Schema.String)
})

/**
 * @since 0.2.0
 * @category models
 */
export type EmergencyAddress = typeof EmergencyAddress.Type

/**
 * The answer of `GET .../emergencyAddress` and `:provision`: the bare address, as the reference's
 * `EmergencyAddressResponse` (the `EmergencyAddress` schema) and the official Node and Java SDKs have
 * it; a `{displayName, address}` answer, the shape of the request, is read as well.
 *
 * @since 0.2.0
 * @category schemas
 */
export const EmergencyAddressResponse = Schema.Struct({
  ...EmergencyAddress.fields,
  displayName: nullable(Schema.String),
  address: nullable(EmergencyAddress)
})

/**
 * @since 0.2.0
 * @category models
 */
export type EmergencyAddressResponse = typeof EmergencyAddressResponse.Type

/**
 * The body of `:provision` and `:validate` (official SDK `EmergencyAddressRequest`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const EmergencyAddressRequest = Schema.Struct({
  displayName: Schema.String,
  address: Schema.Struct({
    streetNumber: Schema.String,
    streetInfo: Schema.String,
    location: Schema.optional(Schema.String),
    city: Schema.String,
    /** Two-letter state code. */
    state: Schema.String,
    postalCode: Schema.String,
    postalCodePlusFour: Schema.optional(Schema.String)
  })
})

/**
 * @since 0.2.0
 * @category models
 */
export type EmergencyAddressRequest = typeof EmergencyAddressRequest.Type

/**
 * The answer of `:validate`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ValidateEmergencyAddressResponse = Schema.Struct({
  phoneNumber: nullable(Schema.String),
  displayName: nullable(Schema.String),
  validatedAddress: nullable(EmergencyAddress),
  validationResult: nullable(OpenEnum.open(
    Schema.Literal("ADDRESS_VALIDATION_RESULT_CODE_UNSPECIFIED", "EXACT_MATCH", "NEAR_MATCH", "NO_MATCH")
  )),
  validationMessage: nullable(Schema.String),
  correctedAddress: nullable(EmergencyAddress),
  candidateAddresses: Schema.optionalWith(Schema.Array(EmergencyAddress), { nullable: true, default: () => [] })
})

/**
 * @since 0.2.0
 * @category models
 */
export type ValidateEmergencyAddressResponse = typeof ValidateEmergencyAddressResponse.Type
