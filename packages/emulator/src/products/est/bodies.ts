/**
 * The request bodies the EST API accepts, as Schemas: decoding one is the API's validation. Read-only
 * fields a client echoes back (`id`, `domain`, `createTime`, ...) are ignored, as the API does.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const text = (what: string) => Schema.String.pipe(Schema.nonEmptyString({ message: () => `${what} must not be empty` }))

// `null` is how a client says "not set" on a PUT; decodeBody drops nulls before decoding.
const optionalNullable = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * E.164: a `+`, then 2 to 15 digits, the first not 0.
 *
 * @since 0.1.0
 * @category schemas
 */
export const E164 = Schema.String.pipe(
  Schema.pattern(/^\+[1-9]\d{1,14}$/, { message: () => "must be an E.164 phone number, e.g. +12025550100" })
)

/**
 * A DNS label: what goes before the trunk's top-level domain.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HostName = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, {
    message: () => "must be a DNS label: letters, digits and hyphens, at most 63 characters"
  })
)

/**
 * `POST /trunks` and `PUT /trunks/{sipTrunkId}` (a PUT sends the whole object).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TrunkBody = Schema.Struct({
  name: text("name"),
  hostName: HostName,
  enableCallerName: optionalNullable(Schema.Boolean),
  callForwardNumber: optionalNullable(Schema.Union(Schema.Literal(""), E164)),
  enableCallForward: optionalNullable(Schema.Boolean)
})

const Port = Schema.Int.pipe(Schema.between(1, 65535, { message: () => "must be a port between 1 and 65535" }))

/**
 * A static or registered SIP endpoint; which one is decided by `isRegistered`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EndpointBody = Schema.Struct({
  name: text("name"),
  priority: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1, { message: () => "must be an integer of at least 1" })),
  transport: optionalNullable(Schema.Literal("TCP", "UDP", "TLS")),
  enabled: optionalNullable(Schema.Boolean),
  address: optionalNullable(Schema.String),
  port: optionalNullable(Port),
  isRegistered: optionalNullable(Schema.Boolean),
  credentialUsername: optionalNullable(Schema.String)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const IpAddress = Schema.String.pipe(
  Schema.filter((s) => {
    const parts = s.split(".")
    return (parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) ||
      "must be an IPv4 address such as 203.0.113.10 (the prefix length goes in `range`)"
  })
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const IpRangeBody = Schema.Struct({
  description: optionalNullable(Schema.String),
  ipAddress: IpAddress,
  range: optionalNullable(
    Schema.Int.pipe(Schema.between(1, 32, { message: () => "must be an integer between 1 and 32" }))
  )
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const AclCreateBody = Schema.Struct({
  name: text("name"),
  enabled: optionalNullable(Schema.Boolean),
  ipRanges: Schema.Array(IpRangeBody).pipe(Schema.minItems(1, { message: () => "at least one IP range is required" }))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const AclUpdateBody = Schema.Struct({
  name: text("name"),
  enabled: optionalNullable(Schema.Boolean),
  ipRanges: optionalNullable(Schema.Array(IpRangeBody))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const AclIdsBody = Schema.Struct({ accessControlListIds: Schema.Array(Schema.String) })

/**
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListIdsBody = Schema.Struct({ credentialListIds: Schema.Array(Schema.String) })

/**
 * Digest passwords: at least 12 characters with an upper-case letter, a lower-case letter and a digit.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Password = Schema.String.pipe(
  Schema.filter((s) =>
    (s.length >= 12 && /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s)) ||
    "must be at least 12 characters with an upper-case letter, a lower-case letter and a digit"
  )
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const CredentialBody = Schema.Struct({
  username: Schema.String.pipe(
    Schema.pattern(/^[A-Za-z0-9._@-]{1,64}$/, { message: () => "must be 1 to 64 letters, digits, or . _ @ -" })
  ),
  password: Password
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListCreateBody = Schema.Struct({
  name: text("name"),
  credentials: optionalNullable(Schema.Array(CredentialBody))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const CredentialListUpdateBody = Schema.Struct({ name: text("name") })

/**
 * @since 0.1.0
 * @category schemas
 */
export const PasswordBody = Schema.Struct({ password: Password })

/**
 * @since 0.1.0
 * @category schemas
 */
export const CountryPermissionBody = Schema.Struct({ enabled: Schema.Boolean })

const CountryCode = Schema.String.pipe(
  Schema.pattern(/^[A-Z]{2}$/, { message: () => "must be an ISO 3166-1 alpha-2 code such as US" })
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const BlockingRuleBody = Schema.Struct({
  name: optionalNullable(Schema.String),
  direction: Schema.Literal("INBOUND", "OUTBOUND"),
  callerCountry: optionalNullable(CountryCode),
  calleeCountry: optionalNullable(CountryCode),
  callerMatch: optionalNullable(Schema.String),
  calleeMatch: optionalNullable(Schema.String)
})

/**
 * `POST /addProjects`.
 *
 * @since 0.2.0
 * @category bodies
 */
export const AddProjectsBody = Schema.Struct({ projectIds: Schema.Array(Schema.String) })
