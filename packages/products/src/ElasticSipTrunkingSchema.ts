/**
 * The Elastic SIP Trunking API's request and response shapes, as Schemas: the single source of truth
 * for field names and casing (https://developers.sinch.com/docs/est/api-reference/est). Responses
 * ignore unknown fields and read `null` as absent; SIP credential passwords are `Redacted`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })

const list = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.optionalWith(Schema.Array(schema), { nullable: true, default: () => [] })

/**
 * Date-times are kept as the API writes them (ISO 8601, with or without a zone), so nothing is lost.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DateTime = Schema.String

/**
 * @since 0.1.0
 * @category schemas
 */
export const Direction = Schema.Literal("INBOUND", "OUTBOUND")

/**
 * @since 0.1.0
 * @category models
 */
export type Direction = typeof Direction.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CallResult = Schema.Literal("COMPLETED", "NO_ANSWER", "CANCEL", "BUSY", "FAILED")

/**
 * @since 0.1.0
 * @category models
 */
export type CallResult = typeof CallResult.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Transport = Schema.Literal("TCP", "UDP", "TLS")

/**
 * @since 0.1.0
 * @category models
 */
export type Transport = typeof Transport.Type

/**
 * The paging fields of every list answer. The reference types `pageNumber` as a string and names the
 * page size `size`; a number and `pageSize` are read as well.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Paging = Schema.Struct({
  totalItems: nullable(Schema.Number),
  pageNumber: nullable(Schema.Union(Schema.Number, Schema.NumberFromString)),
  size: nullable(Schema.Number),
  pageSize: nullable(Schema.Number)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Paging = typeof Paging.Type

// ---------------------------------------------------------------------------------------------
// SIP trunks
// ---------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const SipTrunk = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  /** The label before the top-level domain: SIP traffic goes to `{hostName}{topLevelDomain}`. */
  hostName: Schema.String,
  topLevelDomain: nullable(Schema.String),
  /** `hostName` + `topLevelDomain`: the domain to send SIP requests to. */
  domain: nullable(Schema.String),
  callsPerSecond: nullable(Schema.Number),
  enableCallerName: nullable(Schema.Boolean),
  callForwardNumber: nullable(Schema.String),
  enableCallForward: nullable(Schema.Boolean),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime),
  projectId: nullable(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SipTrunk = typeof SipTrunk.Type

/**
 * The body of `POST /trunks` and of `PUT /trunks/{sipTrunkId}`, which replaces the whole trunk (an
 * omitted field is reset).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SipTrunkRequest = Schema.Struct({
  name: Schema.String,
  hostName: Schema.String,
  /** Caller-name lookup on inbound calls (US and Canada only). */
  enableCallerName: Schema.optional(Schema.Boolean),
  /** E.164 number dialled when no SIP endpoint takes an inbound call; required with `enableCallForward`. */
  callForwardNumber: Schema.optional(Schema.String),
  enableCallForward: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SipTrunkRequest = typeof SipTrunkRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListSipTrunksParams = Schema.Struct({
  /** Only the trunk with this fully qualified domain. */
  domain: Schema.optional(Schema.String),
  /** Page size (1 to 500). */
  size: Schema.optional(Schema.Int)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListSipTrunksParams = typeof ListSipTrunksParams.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const SipTrunksPage = Schema.extend(Paging, Schema.Struct({ sipTrunks: list(SipTrunk) }))

/**
 * `GET /accessControlLists/{id}/trunks` and `GET /credentialLists/{id}/trunks`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TrunksPage = Schema.extend(Paging, Schema.Struct({ trunks: list(SipTrunk) }))

// ---------------------------------------------------------------------------------------------
// SIP endpoints
// ---------------------------------------------------------------------------------------------

/**
 * A static endpoint has `address` (and `port`); a registered one has `isRegistered: true` and the
 * `credentialUsername` it registers with.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SipEndpoint = Schema.Struct({
  id: Schema.String,
  sipTrunkId: nullable(Schema.String),
  name: Schema.String,
  transport: nullable(Transport),
  /** Lower is tried first; equal priorities share calls round-robin. */
  priority: Schema.Number,
  enabled: nullable(Schema.Boolean),
  address: nullable(Schema.String),
  port: nullable(Schema.Number),
  isRegistered: nullable(Schema.Boolean),
  credentialUsername: nullable(Schema.String),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SipEndpoint = typeof SipEndpoint.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const StaticEndpointRequest = Schema.Struct({
  name: Schema.String,
  priority: Schema.Int,
  /** An IP address or a domain name; calls are accepted only from it. */
  address: Schema.String,
  /** Default 5060. */
  port: Schema.optional(Schema.Int),
  /** Default UDP. */
  transport: Schema.optional(Transport),
  enabled: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const RegisteredEndpointRequest = Schema.Struct({
  name: Schema.String,
  priority: Schema.Int,
  isRegistered: Schema.Literal(true),
  /** A username of a credential list; link that list to the trunk too, or REGISTER fails. */
  credentialUsername: Schema.String,
  transport: Schema.optional(Transport),
  enabled: Schema.optional(Schema.Boolean)
})

/**
 * The body of `POST` and `PUT` on SIP endpoints.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SipEndpointRequest = Schema.Union(StaticEndpointRequest, RegisteredEndpointRequest)

/**
 * @since 0.1.0
 * @category models
 */
export type SipEndpointRequest = typeof SipEndpointRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const SipEndpointsPage = Schema.extend(Paging, Schema.Struct({ endpoints: list(SipEndpoint) }))

// ---------------------------------------------------------------------------------------------
// Access control lists
// ---------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const IpRange = Schema.Struct({
  id: nullable(Schema.String),
  description: nullable(Schema.String),
  /** The first address of the range. */
  ipAddress: Schema.String,
  /** The CIDR prefix length (32: one address). */
  range: nullable(Schema.Number),
  accessControlListId: nullable(Schema.String),
  projectId: nullable(Schema.String),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime)
})

/**
 * @since 0.1.0
 * @category models
 */
export type IpRange = typeof IpRange.Type

/**
 * An IP range to add or update: an address and a prefix length, never a CIDR string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IpRangeRequest = Schema.Struct({
  ipAddress: Schema.String,
  /** 1 to 32; default 32. */
  range: Schema.optional(Schema.Int),
  description: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type IpRangeRequest = typeof IpRangeRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const AccessControlList = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  enabled: nullable(Schema.Boolean),
  ipRanges: list(IpRange),
  /** The trunks using this ACL. */
  trunks: list(Schema.String),
  projectId: nullable(Schema.String),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime)
})

/**
 * @since 0.1.0
 * @category models
 */
export type AccessControlList = typeof AccessControlList.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateAccessControlListRequest = Schema.Struct({
  name: Schema.String,
  enabled: Schema.optional(Schema.Boolean),
  /** At least one range. */
  ipRanges: Schema.NonEmptyArray(IpRangeRequest)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CreateAccessControlListRequest = typeof CreateAccessControlListRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateAccessControlListRequest = Schema.Struct({
  name: Schema.String,
  enabled: Schema.optional(Schema.Boolean),
  /** Replaces the ranges when given. */
  ipRanges: Schema.optional(Schema.Array(IpRangeRequest))
})

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateAccessControlListRequest = typeof UpdateAccessControlListRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const AccessControlListsPage = Schema.extend(
  Paging,
  Schema.Struct({ accessControlLists: list(AccessControlList) })
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const IpRangesPage = Schema.extend(Paging, Schema.Struct({ ipRanges: list(IpRange) }))

/**
 * The body and answer of `POST /trunks/{trunkId}/accessControlLists`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccessControlListIds = Schema.Struct({ accessControlListIds: list(Schema.String) })

/**
 * @since 0.1.0
 * @category schemas
 */
export const AccessControlListIdsPage = Schema.extend(Paging, AccessControlListIds)

// ---------------------------------------------------------------------------------------------
// Credential lists
// ---------------------------------------------------------------------------------------------

/**
 * A credential as the API shows it: never its password.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Credential = Schema.Struct({
  id: nullable(Schema.String),
  username: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type Credential = typeof Credential.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CredentialList = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  credentials: list(Credential),
  projectId: nullable(Schema.String),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CredentialList = typeof CredentialList.Type

/**
 * A SIP digest credential. The password (at least 12 characters with upper case, lower case and a
 * digit) is `Redacted` until it is written into the request body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CredentialRequest = Schema.Struct({
  username: Schema.String,
  password: Schema.Redacted(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CredentialRequest = typeof CredentialRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateCredentialListRequest = Schema.Struct({
  name: Schema.String,
  credentials: Schema.optional(Schema.Array(CredentialRequest))
})

/**
 * @since 0.1.0
 * @category models
 */
export type CreateCredentialListRequest = typeof CreateCredentialListRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateCredentialListRequest = Schema.Struct({ name: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateCredentialListRequest = typeof UpdateCredentialListRequest.Type

/**
 * The body of `PUT /credentialLists/{credentialListId}/credentials/{username}`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PasswordRequest = Schema.Struct({ password: Schema.Redacted(Schema.String) })

/**
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListsPage = Schema.extend(Paging, Schema.Struct({ credentialLists: list(CredentialList) }))

/**
 * The body and answer of `POST /trunks/{trunkId}/credentialLists`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListIds = Schema.Struct({ credentialListIds: list(Schema.String) })

/**
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListIdsPage = Schema.extend(Paging, CredentialListIds)

/**
 * The body of `PUT /trunks/{trunkId}/credentialLists`: the reference documents a bare array of ids.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListIdArray = Schema.Array(Schema.String)

// ---------------------------------------------------------------------------------------------
// Country permissions and phone numbers
// ---------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const CountryPermission = Schema.Struct({
  /** ISO 3166-1 alpha-2. */
  isoCode: Schema.String,
  name: nullable(Schema.String),
  continent: nullable(Schema.String),
  countryDialingCodes: list(Schema.String),
  enabled: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type CountryPermission = typeof CountryPermission.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CountryPermissionsResponse = Schema.Struct({ countryPermissions: list(CountryPermission) })

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateCountryPermissionRequest = Schema.Struct({ enabled: Schema.Boolean })

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateCountryPermissionRequest = typeof UpdateCountryPermissionRequest.Type

/**
 * A Sinch number enabled for Elastic SIP Trunking.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PhoneNumber = Schema.Struct({
  id: nullable(Schema.String),
  /** E.164, with the leading `+`. */
  phoneNumber: Schema.String,
  /** The trunk the number routes to; absent when unassigned. */
  sipTrunkId: nullable(Schema.String),
  countryCode: nullable(Schema.String),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime)
})

/**
 * @since 0.1.0
 * @category models
 */
export type PhoneNumber = typeof PhoneNumber.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListPhoneNumbersParams = Schema.Struct({
  sipTrunkId: Schema.optional(Schema.String),
  size: Schema.optional(Schema.Int)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListPhoneNumbersParams = typeof ListPhoneNumbersParams.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const PhoneNumbersPage = Schema.extend(Paging, Schema.Struct({ phoneNumbers: list(PhoneNumber) }))

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const Money = Schema.Struct({
  currencyCode: Schema.String,
  /** A decimal string with 4 decimals, e.g. `"0.0040"`. */
  amount: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type Money = typeof Money.Type

/**
 * One call of the call history.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Call = Schema.Struct({
  callId: Schema.String,
  from: nullable(Schema.String),
  to: nullable(Schema.String),
  direction: nullable(Direction),
  callResult: nullable(CallResult),
  createTime: nullable(DateTime),
  answerTime: nullable(DateTime),
  endTime: nullable(DateTime),
  durationSeconds: nullable(Schema.Number),
  billingDurationSeconds: nullable(Schema.Number),
  pricePerMinute: nullable(Money),
  price: nullable(Money),
  projectId: nullable(Schema.String),
  trunkId: nullable(Schema.String),
  /** Packet capture id; PCAPs are kept for 10 days. */
  pcapId: nullable(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Call = typeof Call.Type

/**
 * Call-history filters. Without any time filter the API answers the last 24 hours.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FindCallsParams = Schema.Struct({
  /** Calls from numbers starting with this (E.164 prefix, e.g. `+1312`). */
  from: Schema.optional(Schema.String),
  /** Calls to numbers starting with this. */
  to: Schema.optional(Schema.String),
  trunkId: Schema.optional(Schema.String),
  callResult: Schema.optional(Schema.Union(CallResult, Schema.Array(CallResult))),
  direction: Schema.optional(Schema.Union(Direction, Schema.Array(Direction))),
  /** A full or partial ISO 8601 date-time matched as a prefix: `2026-01` is the whole month. */
  createTime: Schema.optional(Schema.String),
  /** Calls created at or after this (sent as `createTime>=…`). */
  createdAfter: Schema.optional(Schema.String),
  /** Calls created at or before this (sent as `createTime<=…`). */
  createdBefore: Schema.optional(Schema.String),
  /** Page size, 1 to 1000 (default 100). */
  size: Schema.optional(Schema.Int)
})

/**
 * @since 0.1.0
 * @category models
 */
export type FindCallsParams = typeof FindCallsParams.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CallsPage = Schema.extend(Paging, Schema.Struct({ calls: list(Call) }))

// ---------------------------------------------------------------------------------------------
// Call-blocking rules
// ---------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const CallBlockingRule = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  direction: Direction,
  callerCountry: nullable(Schema.String),
  calleeCountry: nullable(Schema.String),
  /** Prefix of the caller's number (inbound rules). */
  callerMatch: nullable(Schema.String),
  /** Prefix of the called number (outbound rules). */
  calleeMatch: nullable(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CallBlockingRule = typeof CallBlockingRule.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CallBlockingRuleRequest = Schema.Struct({
  name: Schema.optional(Schema.String),
  direction: Direction,
  callerCountry: Schema.optional(Schema.String),
  calleeCountry: Schema.optional(Schema.String),
  callerMatch: Schema.optional(Schema.String),
  calleeMatch: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CallBlockingRuleRequest = typeof CallBlockingRuleRequest.Type

/**
 * `GET /callBlockingRules` answers a bare array, paged with `page` / `size` but without totals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CallBlockingRules = Schema.Array(CallBlockingRule)

/**
 * Page size of the lists that take one.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageSizeParams = Schema.Struct({ size: Schema.optional(Schema.Int) })

/**
 * @since 0.1.0
 * @category models
 */
export type PageSizeParams = typeof PageSizeParams.Type
