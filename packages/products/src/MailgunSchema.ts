/**
 * The Mailgun API's request and response shapes, as Schemas, from Mailgun's API reference
 * (https://documentation.mailgun.com/docs/mailgun/api-reference/send/mailgun): sending a message
 * (`POST /v3/{domain_name}/messages`), events (`GET /v3/{domain_name}/events`) and domains
 * (`GET /v4/domains`, `GET /v4/domains/{name}`).
 *
 * Responses keep the field names of the wire (`log-level`, `delivery-status`, `created_at`), ignore
 * unknown fields and read `null` as absent; their enums are open. A message to send is written in
 * camelCase and encodes to Mailgun's form fields (`o:tag`, `h:Reply-To`, `v:order-id`, ...).
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import * as OpenEnum from "./OpenEnum.js"

const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })
const text = nullable(Schema.String)

// ---------------------------------------------------------------------------------------------------------------
// sending
// ---------------------------------------------------------------------------------------------------------------

/**
 * A boolean as Mailgun's form fields write it (`yes` / `no`).
 *
 * @since 0.3.0
 * @category schemas
 */
export const YesNo = Schema.transform(Schema.Literal("yes", "no"), Schema.Boolean, {
  strict: true,
  decode: (value) => value === "yes",
  encode: (value) => (value ? "yes" : "no")
})

/** One address or several: several repeat the field, as the reference allows for `to`, `cc` and `bcc`. */
const Addresses = Schema.Union(Schema.String, Schema.Array(Schema.String))

/**
 * The fields of a message, in camelCase; each names the form field it is sent as. One of `text`,
 * `html`, `ampHtml` or `template` is required by Mailgun. Send options (`o:`, `h:`, `v:`, `t:`) are
 * limited to 16 KB in total.
 *
 * @since 0.3.0
 * @category schemas
 */
export const MessageFields = Schema.Struct({
  /** `from`: e.g. `Excited User <postmaster@example.com>`. */
  from: Schema.String,
  to: Addresses,
  cc: Schema.optional(Addresses),
  bcc: Schema.optional(Addresses),
  subject: Schema.optional(Schema.String),
  text: Schema.optional(Schema.String),
  html: Schema.optional(Schema.String),
  ampHtml: Schema.optional(Schema.String).pipe(Schema.fromKey("amp-html")),
  /** The name of a stored template. */
  template: Schema.optional(Schema.String),
  templateVersion: Schema.optional(Schema.String).pipe(Schema.fromKey("t:version")),
  /** Also render the template as a text part. */
  templateText: Schema.optional(YesNo).pipe(Schema.fromKey("t:text")),
  templateVariables: Schema.optional(Schema.parseJson(Schema.Record({ key: Schema.String, value: Schema.Unknown })))
    .pipe(Schema.fromKey("t:variables")),
  /** `o:tag`, at most 3 per message. */
  tags: Schema.optional(Schema.Array(Schema.String)).pipe(Schema.fromKey("o:tag")),
  dkim: Schema.optional(YesNo).pipe(Schema.fromKey("o:dkim")),
  /** RFC 2822 date, e.g. `Thu, 13 Oct 2011 18:02:00 +0000`. */
  deliveryTime: Schema.optional(Schema.String).pipe(Schema.fromKey("o:deliverytime")),
  testMode: Schema.optional(YesNo).pipe(Schema.fromKey("o:testmode")),
  tracking: Schema.optional(YesNo).pipe(Schema.fromKey("o:tracking")),
  trackingClicks: Schema.optional(Schema.Literal("yes", "no", "htmlonly")).pipe(Schema.fromKey("o:tracking-clicks")),
  trackingOpens: Schema.optional(YesNo).pipe(Schema.fromKey("o:tracking-opens")),
  requireTls: Schema.optional(YesNo).pipe(Schema.fromKey("o:require-tls")),
  skipVerification: Schema.optional(YesNo).pipe(Schema.fromKey("o:skip-verification")),
  /** Batch sending: per-recipient values, sent as JSON. */
  recipientVariables: Schema.optional(
    Schema.parseJson(Schema.Record({
      key: Schema.String,
      value: Schema.Record({ key: Schema.String, value: Schema.Unknown })
    }))
  ).pipe(Schema.fromKey("recipient-variables")),
  /** Custom MIME headers, each sent as `h:<name>`. */
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  /** Custom data attached to the message (shown in events and webhooks as `user-variables`), each sent as `v:<name>`. */
  variables: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/**
 * A form as fields: a repeated field is an array.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Form = Schema.Record({
  key: Schema.String,
  value: Schema.Union(Schema.String, Schema.Array(Schema.String))
})

/**
 * @since 0.3.0
 * @category models
 */
export type Form = typeof Form.Type

type FieldsEncoded = typeof MessageFields.Encoded

const prefixed = (form: Form, prefix: string): Record<string, string> | undefined => {
  const entries = Object.entries(form).filter(([key]) => key.startsWith(prefix))
  return entries.length === 0
    ? undefined
    : Object.fromEntries(
      entries.map(([key, value]) => [key.slice(prefix.length), Array.isArray(value) ? value[0]! : value])
    )
}

/**
 * A message to send, encoded to its form fields: `headers` become `h:` fields, `variables` `v:`
 * fields, arrays repeat their field.
 *
 * @since 0.3.0
 * @category schemas
 */
export const SendMessageRequest = Schema.transform(Form, MessageFields, {
  strict: false,
  decode: (form) => {
    const fields: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(form)) {
      if (!key.startsWith("h:") && !key.startsWith("v:")) fields[key] = value
    }
    return { ...fields, headers: prefixed(form, "h:"), variables: prefixed(form, "v:") }
  },
  encode: (fields: FieldsEncoded) => {
    const { headers, variables, ...rest } = fields
    const form: Record<string, string | ReadonlyArray<string>> = {}
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) form[key] = value
    for (const [name, value] of Object.entries(headers ?? {})) form[`h:${name}`] = value
    for (const [name, value] of Object.entries(variables ?? {})) form[`v:${name}`] = value
    return form
  }
})

/**
 * @since 0.3.0
 * @category models
 */
export type SendMessageRequest = typeof SendMessageRequest.Type

/**
 * A file sent with a message (`attachment`, or `inline` to be referenced as `cid:<filename>`).
 *
 * @since 0.3.0
 * @category models
 */
export interface Attachment {
  readonly filename: string
  readonly data: Uint8Array
  /** Default `application/octet-stream`. */
  readonly contentType?: string | undefined
}

/**
 * A message with its files: with any, it is sent as `multipart/form-data`.
 *
 * @since 0.3.0
 * @category models
 */
export interface Message extends SendMessageRequest {
  readonly attachments?: ReadonlyArray<Attachment> | undefined
  readonly inline?: ReadonlyArray<Attachment> | undefined
}

/**
 * The answer to a send: `{"id": "<20111114174239.25659.5817@samples.mailgun.org>", "message": "Queued.
 * Thank you."}` in the reference.
 *
 * @since 0.3.0
 * @category schemas
 */
export const SendMessageResponse = Schema.Struct({
  /** The Message-ID, angle brackets included; what events' `message.headers.message-id` carry without them. */
  id: Schema.String,
  message: Schema.String
})

/**
 * @since 0.3.0
 * @category models
 */
export type SendMessageResponse = typeof SendMessageResponse.Type

// ---------------------------------------------------------------------------------------------------------------
// events
// ---------------------------------------------------------------------------------------------------------------

/**
 * The event types of the reference's "Event Types" (user manual, Events).
 *
 * @since 0.3.0
 * @category schemas
 */
export const EventType = Schema.Literal(
  "accepted",
  "rejected",
  "delivered",
  "failed",
  "opened",
  "clicked",
  "unsubscribed",
  "complained",
  "stored",
  "list_member_uploaded",
  "list_member_upload_error",
  "list_uploaded"
)

/**
 * @since 0.3.0
 * @category schemas
 */
export const ReceivedEventType = OpenEnum.open(EventType)

/**
 * @since 0.3.0
 * @category schemas
 */
export const Severity = OpenEnum.open(Schema.Literal("temporary", "permanent"))

/**
 * @since 0.3.0
 * @category schemas
 */
export const LogLevel = OpenEnum.open(Schema.Literal("info", "warn", "error"))

/**
 * One stored event. Only `id`, `event` and `timestamp` are in every sample of the reference; the rest
 * depends on the event type.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Event = Schema.Struct({
  id: Schema.String,
  event: ReceivedEventType,
  /** Seconds since the epoch, with microseconds (`1529704976.104692`). */
  timestamp: Schema.Number,
  "log-level": nullable(LogLevel),
  recipient: text,
  "recipient-domain": text,
  method: text,
  tags: nullable(Schema.Array(Schema.String)),
  severity: nullable(Severity),
  reason: text,
  message: nullable(Schema.Struct({
    headers: nullable(Schema.Struct({
      "message-id": text,
      from: text,
      to: text,
      subject: text
    })),
    size: nullable(Schema.Number),
    attachments: nullable(Schema.Array(Schema.Struct({
      filename: text,
      "content-type": text,
      size: nullable(Schema.Number)
    })))
  })),
  "delivery-status": nullable(Schema.Struct({
    code: nullable(Schema.Number),
    message: text,
    description: text,
    "attempt-no": nullable(Schema.Number),
    "session-seconds": nullable(Schema.Number)
  })),
  storage: nullable(Schema.Struct({ url: text, key: text })),
  /** The message's `v:` variables, as sent. */
  "user-variables": nullable(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type Event = typeof Event.Type

/**
 * The links of a page: `next` and `previous` are always present, and a page past the last one is empty.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Paging = Schema.Struct({
  next: text,
  previous: text,
  first: text,
  last: text
})

/**
 * @since 0.3.0
 * @category schemas
 */
export const EventsPage = Schema.Struct({
  items: Schema.Array(Event),
  paging: nullable(Paging)
})

/**
 * @since 0.3.0
 * @category models
 */
export type EventsPage = typeof EventsPage.Type

/**
 * The filters of `GET /v3/{domain_name}/events`. Filter values may be expressions (`"delivered OR
 * failed"`, `"NOT bob@example.com"`), as the reference's "Filter expression" describes.
 *
 * @since 0.3.0
 * @category models
 */
export interface ListEventsParams {
  /** Seconds since the epoch, or an RFC 2822 date. */
  readonly begin?: string | number | undefined
  readonly end?: string | number | undefined
  /** Required by Mailgun when `end` is not given. */
  readonly ascending?: boolean | undefined
  /** Events per page, at most 300. */
  readonly limit?: number | undefined
  readonly event?: string | undefined
  readonly list?: string | undefined
  readonly attachment?: string | undefined
  readonly from?: string | undefined
  readonly messageId?: string | undefined
  readonly subject?: string | undefined
  readonly to?: string | undefined
  readonly size?: string | undefined
  readonly recipient?: string | undefined
  readonly recipients?: string | undefined
  readonly tags?: string | undefined
  readonly severity?: "temporary" | "permanent" | undefined
}

// ---------------------------------------------------------------------------------------------------------------
// domains
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category schemas
 */
export const DomainState = OpenEnum.open(Schema.Literal("active", "unverified", "disabled"))

/**
 * @since 0.3.0
 * @category schemas
 */
export const DomainType = OpenEnum.open(Schema.Literal("sandbox", "custom"))

/**
 * A domain of the v4 Domains API. `name` addresses it; `id` is in every sample. The v4 reference marks
 * most settings required, but its own list sample omits them (`smtp_login`, `require_tls`, ...), so
 * they are optional here.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Domain = Schema.Struct({
  name: Schema.String,
  id: text,
  state: nullable(DomainState),
  type: nullable(DomainType),
  /** RFC 1123, e.g. `Thu, 13 Oct 2011 18:02:00 GMT`. */
  created_at: text,
  smtp_login: text,
  spam_action: nullable(OpenEnum.open(Schema.Literal("disabled", "block", "tag"))),
  wildcard: nullable(Schema.Boolean),
  require_tls: nullable(Schema.Boolean),
  skip_verification: nullable(Schema.Boolean),
  is_disabled: nullable(Schema.Boolean),
  web_scheme: text,
  web_prefix: text,
  archive_to: text,
  use_automatic_sender_security: nullable(Schema.Boolean),
  disabled: nullable(Schema.Struct({
    code: text,
    note: text,
    permanently: nullable(Schema.Boolean),
    reason: text
  }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type Domain = typeof Domain.Type

/**
 * `GET /v4/domains`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const DomainsPage = Schema.Struct({
  total_count: Schema.Number,
  items: Schema.Array(Domain)
})

/**
 * @since 0.3.0
 * @category models
 */
export type DomainsPage = typeof DomainsPage.Type

/**
 * A DNS record Mailgun asks for (`record_type` `TXT`, `MX`, `CNAME`; `valid` `valid`, `unknown`, ...).
 *
 * @since 0.3.0
 * @category schemas
 */
export const DnsRecord = Schema.Struct({
  record_type: Schema.String,
  name: text,
  value: text,
  priority: text,
  valid: text,
  is_active: nullable(Schema.Boolean),
  cached: nullable(Schema.Array(Schema.String))
})

/**
 * `GET /v4/domains/{name}`: the domain and the DNS records it needs.
 *
 * @since 0.3.0
 * @category schemas
 */
export const DomainDetails = Schema.Struct({
  domain: Domain,
  receiving_dns_records: nullable(Schema.Array(DnsRecord)),
  sending_dns_records: nullable(Schema.Array(DnsRecord))
})

/**
 * @since 0.3.0
 * @category models
 */
export type DomainDetails = typeof DomainDetails.Type

/**
 * The filters of `GET /v4/domains`.
 *
 * @since 0.3.0
 * @category models
 */
export interface ListDomainsParams {
  /** Domains per page, at most 1000 (default 100). */
  readonly limit?: number | undefined
  readonly state?: "active" | "unverified" | "disabled" | undefined
  readonly sort?: "name" | "name:asc" | "name:desc" | undefined
  readonly authority?: string | undefined
  readonly search?: string | undefined
  readonly includeSubaccounts?: boolean | undefined
}
