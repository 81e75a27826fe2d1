/**
 * The Elastic SIP Trunking API's request and response shapes, as Schemas: the single source of truth
 * for field names and casing (https://developers.sinch.com/docs/est/api-reference/est). Responses
 * ignore unknown fields and read `null` as absent; SIP credential passwords are `Redacted`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as OpenEnum from "./OpenEnum.js"

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
 * A direction as received. `GET /calls` and the answer of `POST /callBlockingRules` write it in lower
 * case (`inbound`), the reference in upper case (`INBOUND`): the official Node SDK's `DirectionEnum`
 * (models/v1/enum.ts) lists both, and its calls-history test payload carries `direction: 'inbound'`.
 * Both spellings decode to the upper-case literal; any other value decodes as itself.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedDirection = Schema.transform(Schema.String, OpenEnum.open(Direction), {
  strict: true,
  decode: (value) => {
    const upper = value.toUpperCase()
    return upper === "INBOUND" || upper === "OUTBOUND" ? upper : value
  },
  encode: (value) => value
})

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
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedCallResult = OpenEnum.open(CallResult)

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
 * A transport as received (e.g. a future `WSS` decodes as a string).
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedTransport = OpenEnum.open(Transport)

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
export const SipTrunksPage = Schema.extend(
  Paging,
  Schema.Struct({
    // `trunks` is what the API answers: the official Node SDK pages `GET /trunks` with
    // `dataKey: 'trunks'` (rest/v1/sip-trunks/sip-trunks-api.ts). `sipTrunks` is the key an earlier
    // version of the reference names; both are read so that neither can empty the list silently.
    trunks: list(SipTrunk),
    sipTrunks: list(SipTrunk)
  })
)

/**
 * The trunks of a `GET /trunks` page, under whichever key the answer uses.
 *
 * @since 0.2.0
 * @category getters
 */
export const sipTrunksOf = (page: typeof SipTrunksPage.Type): ReadonlyArray<SipTrunk> =>
  page.trunks.length > 0 ? page.trunks : page.sipTrunks

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
  transport: nullable(ReceivedTransport),
  /** Lower is tried first; equal priorities share calls round-robin. */
  priority: Schema.Number,
  enabled: nullable(Schema.Boolean),
  address: nullable(Schema.String),
  port: nullable(Schema.Number),
  isRegistered: nullable(Schema.Boolean),
  credentialUsername: nullable(Schema.String),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime),
  projectId: nullable(Schema.String)
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
  /** The first address of the range. Optional in the official SDK (models/v1/ip-range). */
  ipAddress: nullable(Schema.String),
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
  /** Absent only when a trunk's lists are answered as bare ids (see `TrunkCredentialListsPage`). */
  name: nullable(Schema.String),
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
  /** Required by the reference and the official SDK (models/v1/create-credential-list-request); may be empty. */
  credentials: Schema.Array(CredentialRequest)
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
 * `GET /trunks/{trunkId}/credentialLists`. The API answers full credential lists under
 * `credentialLists`: the official Node SDK pages it with `dataKey: 'credentialLists'` and types the
 * items `CredentialList` (rest/v1/sip-trunks/sip-trunks-api.ts, and its unit test's payload). An
 * earlier version of the reference shows bare `credentialListIds`: both are read.
 *
 * @since 0.2.0
 * @category schemas
 */
export const TrunkCredentialListsPage = Schema.extend(
  Paging,
  Schema.Struct({ credentialLists: list(CredentialList), credentialListIds: list(Schema.String) })
)

/**
 * The credential lists of a trunk page, under whichever key the answer uses (bare ids become lists
 * with only their `id`).
 *
 * @since 0.2.0
 * @category getters
 */
export const trunkCredentialListsOf = (page: typeof TrunkCredentialListsPage.Type): ReadonlyArray<CredentialList> =>
  page.credentialLists.length > 0
    ? page.credentialLists
    : page.credentialListIds.map((id): CredentialList => ({ id, credentials: [] }))

/**
 * The body of `PUT /trunks/{trunkId}/credentialLists`. The official Node SDK sends
 * `{"credentialListIds": [...]}` (rest/v1/sip-trunks/sip-trunks-api.ts, `updateCredentialLists`); an
 * earlier version of the reference documents a bare array. We send the object; the emulator accepts
 * both.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListIdArray = CredentialListIds

// ---------------------------------------------------------------------------------------------
// Country permissions and phone numbers
// ---------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const CountryPermission = Schema.Struct({
  /** ISO 3166-1 alpha-2. Optional in the official SDK (models/v1/country-permission). */
  isoCode: nullable(Schema.String),
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
  /** E.164, with the leading `+`. Optional in the official SDK (models/v1/phoneNumber). */
  phoneNumber: nullable(Schema.String),
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
  currencyCode: nullable(Schema.String),
  /**
   * A decimal string, e.g. `"0.0040"`. The reference writes a string; `GET /calls` answers a number
   * (`0.004`), as the official Node SDK types it (`amount?: number`, models/v1/money) and its test
   * payload shows. A number is read as its decimal string.
   */
  amount: nullable(Schema.Union(
    Schema.String,
    Schema.transform(Schema.Number, Schema.String, {
      strict: true,
      decode: (n) => String(n),
      encode: (s) => Number(s)
    })
  ))
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
  // Every field is optional in the official SDK (models/v1/call).
  callId: nullable(Schema.String),
  from: nullable(Schema.String),
  to: nullable(Schema.String),
  direction: nullable(ReceivedDirection),
  callResult: nullable(ReceivedCallResult),
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
 * `GET /calls/export` filters: those of `GET /calls` and the export-only ones (the official Node SDK's
 * `ExportCallRecordsRequestData`, models/v1/requests/calls-history).
 *
 * @since 0.2.0
 * @category schemas
 */
export const ExportCallsParams = Schema.Struct({
  ...FindCallsParams.fields,
  /** ISO 3166-1 alpha-2 of the caller. */
  fromCountryCode: Schema.optional(Schema.String),
  /** ISO 3166-1 alpha-2 of the callee. */
  toCountryCode: Schema.optional(Schema.String),
  emergencyOnly: Schema.optional(Schema.Boolean),
  /** e.g. `"us-west"`. */
  region: Schema.optional(Schema.String),
  /** Several projects' calls in one export (projects added with `addProjects`). */
  projectIds: Schema.optional(Schema.Array(Schema.String)),
  /** The name of the CSV file in the answer's `Content-Disposition`. */
  fileName: Schema.optional(Schema.String),
  groupId: Schema.optional(Schema.String),
  parentId: Schema.optional(Schema.String),
  /** e.g. `"initial"`. */
  relationshipType: Schema.optional(Schema.String),
  hasChildren: Schema.optional(Schema.Boolean),
  page: Schema.optional(Schema.Int)
})

/**
 * @since 0.2.0
 * @category models
 */
export type ExportCallsParams = typeof ExportCallsParams.Type

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
  direction: ReceivedDirection,
  callerCountry: nullable(Schema.String),
  calleeCountry: nullable(Schema.String),
  /** Prefix of the caller's number (inbound rules). */
  callerMatch: nullable(Schema.String),
  /** Prefix of the called number (outbound rules). */
  calleeMatch: nullable(Schema.String),
  projectId: nullable(Schema.String),
  createTime: nullable(DateTime),
  updateTime: nullable(DateTime)
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
 * `GET /callBlockingRules`. The API answers a paged object `{callBlockingRules, pageNumber, pageSize,
 * totalItems}`: the official Node SDK pages it with `dataKey: 'callBlockingRules'`
 * (rest/v1/call-blocking-rules/call-blocking-rules-api.ts). An earlier version of the reference shows
 * a bare array: both are read.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CallBlockingRules = Schema.Union(
  Schema.extend(Paging, Schema.Struct({ callBlockingRules: list(CallBlockingRule) })),
  Schema.Array(CallBlockingRule)
)

/**
 * The rules of a `GET /callBlockingRules` answer, in either shape.
 *
 * @since 0.2.0
 * @category getters
 */
export const callBlockingRulesOf = (page: typeof CallBlockingRules.Type): ReadonlyArray<CallBlockingRule> =>
  Array.isArray(page)
    ? page
    : (page as { readonly callBlockingRules: ReadonlyArray<CallBlockingRule> }).callBlockingRules

// ---------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------

/**
 * `POST /addProjects` body: other projects whose calls this project may read.
 *
 * @since 0.2.0
 * @category schemas
 */
export const AddProjectsRequest = Schema.Struct({ projectIds: Schema.NonEmptyArray(Schema.String) })

/**
 * @since 0.2.0
 * @category models
 */
export type AddProjectsRequest = typeof AddProjectsRequest.Type

/**
 * `POST /addProjects` answer.
 *
 * @since 0.2.0
 * @category schemas
 */
export const AddProjectsResponse = Schema.Struct({ addedProjects: list(Schema.String) })

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
