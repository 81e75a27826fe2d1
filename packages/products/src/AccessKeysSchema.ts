/**
 * The Access Keys Management API's request and response shapes, as Schemas: the single source of truth
 * for field names (https://developers.sinch.com/docs/accesskeys/api-reference/accesskeys/access-key and
 * its OpenAPI document https://developers.sinch.com/_bundle/docs/accesskeys/api-reference/accesskeys.json).
 * The secret of a created key decodes to `Redacted`, so it never reaches a log, an inspect or a JSON
 * dump by accident.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"

const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })

/**
 * One access key of the project (never its secret: the API returns that only once, on creation).
 *
 * @since 0.3.0
 * @category schemas
 */
export class AccessKey extends Schema.Class<AccessKey>("@sinch-effect/products/AccessKeys/AccessKey")({
  /** Every answer of the reference carries it, and a key cannot be addressed without it. */
  accessKeyId: Schema.String,
  // The OpenAPI document marks no response field required: the rest are optional.
  displayName: nullable(Schema.String),
  projectId: nullable(Schema.String),
  /** RFC 3339, kept as sent (see the decoding policy). */
  createTime: nullable(Schema.String),
  updateTime: nullable(Schema.String)
}) {}

/**
 * `GET /accessKeys`: one page; `nextPageToken` is empty when there are no more.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AccessKeysPage = Schema.Struct({
  accessKeys: Schema.optionalWith(Schema.Array(AccessKey), { nullable: true, default: () => [] }),
  nextPageToken: nullable(Schema.String)
})

/**
 * @since 0.3.0
 * @category models
 */
export type AccessKeysPage = typeof AccessKeysPage.Type

/**
 * `pageSize`: 1-1000, default 100 (reference).
 *
 * @since 0.3.0
 * @category schemas
 */
export const ListAccessKeysParams = Schema.Struct({
  pageSize: Schema.optional(Schema.Int.pipe(Schema.between(1, 1000)))
})

/**
 * @since 0.3.0
 * @category models
 */
export type ListAccessKeysParams = typeof ListAccessKeysParams.Type

/**
 * The body of `POST /accessKeys` and `PATCH /accessKeys/{accessKeyId}`: the display name, required,
 * unique within the project.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AccessKeyRequest = Schema.Struct({
  displayName: Schema.NonEmptyString
})

/**
 * @since 0.3.0
 * @category models
 */
export type AccessKeyRequest = typeof AccessKeyRequest.Type

/**
 * The answer of `POST /accessKeys`: the new key and its secret, which "after an Access Key has been
 * created it is impossible to retrieve again" (reference). The secret is `Redacted`: read it with
 * `Redacted.value` only where it is stored.
 *
 * @since 0.3.0
 * @category schemas
 */
export class CreatedAccessKey extends Schema.Class<CreatedAccessKey>(
  "@sinch-effect/products/AccessKeys/CreatedAccessKey"
)({
  accessKey: AccessKey,
  secret: Schema.Redacted(Schema.String)
}) {}
