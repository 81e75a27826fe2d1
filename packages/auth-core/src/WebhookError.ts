/**
 * Why an incoming webhook or callback was rejected. The error names the header and the reason, and
 * never contains the secret, the received signature or the expected one.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const TypeIdKey = "@sinch-effect/auth-core/WebhookError"

/**
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for(TypeIdKey)

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * - `missing-header`: a required header is absent.
 * - `bad-scheme`: the `Authorization` scheme or the signature algorithm is not the expected one.
 * - `malformed`: a header is present but cannot be parsed (or is repeated).
 * - `mismatch`: the signature, key or Basic credentials do not match.
 * - `stale`: the timestamp is outside the freshness window.
 * - `replayed`: the nonce (or signature) was already seen.
 *
 * @since 0.1.0
 * @category models
 */
export const Reason = Schema.Literal("missing-header", "bad-scheme", "mismatch", "stale", "replayed", "malformed")

/**
 * @since 0.1.0
 * @category models
 */
export type Reason = typeof Reason.Type

/**
 * Which kind of incoming request was checked.
 *
 * @since 0.1.0
 * @category models
 */
export const Source = Schema.Literal("conversation", "numbers", "application", "mailgun")

/**
 * @since 0.1.0
 * @category models
 */
export type Source = typeof Source.Type

/**
 * An incoming request whose signature could not be verified: answer 401 and do not act on it.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidSignature extends Schema.TaggedError<InvalidSignature>(`${TypeIdKey}/InvalidSignature`)(
  "InvalidSignature",
  {
    reason: Reason,
    source: Source,
    /** The header concerned, lower case (for Mailgun, whose signature travels in the body, the field). */
    header: Schema.optional(Schema.String),
    /** What was wrong, in words that never include a secret or a signature. */
    detail: Schema.optional(Schema.String)
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    const header = this.header === undefined ? "" : ` (${this.header})`
    const detail = this.detail === undefined ? "" : `: ${this.detail}`
    const source = describeSource(this.source)
    return `Rejected ${/^[aeiou]/i.test(source) ? "an" : "a"} ${source}: ${
      describeReason(this.reason)
    }${header}${detail}. ${advice(this.reason, this.source)}`
  }
}

const describeSource = (source: Source): string => {
  switch (source) {
    case "conversation":
      return "Conversation webhook"
    case "numbers":
      return "Numbers callback"
    case "application":
      return "application callback"
    case "mailgun":
      return "Mailgun webhook"
  }
}

const describeReason = (reason: Reason): string => {
  switch (reason) {
    case "missing-header":
      return "a required header is missing"
    case "bad-scheme":
      return "unexpected authorization scheme or signature algorithm"
    case "mismatch":
      return "the signature does not match"
    case "stale":
      return "the timestamp is outside the accepted window"
    case "replayed":
      return "this request was already received"
    case "malformed":
      return "a header could not be parsed"
  }
}

const advice = (reason: Reason, source: Source): string => {
  switch (reason) {
    case "mismatch":
      return source === "mailgun"
        ? "Check that the configured key is the account's HTTP webhook signing key (not the API key) and that the raw body reaches verification unmodified."
        : "Check that the configured secret is the one set on the webhook or application in the Sinch dashboard, and that the raw body reaches verification unmodified (no JSON re-serialisation)."
    case "stale":
      return "Check the server clock (NTP); a request replayed later is also rejected this way."
    case "replayed":
      return "The first delivery of this request was already accepted; a copy received again is not acted on twice."
    default:
      return `Requests not sent by ${
        source === "mailgun" ? "Mailgun" : "Sinch"
      } are rejected this way; check any proxy that rewrites headers.`
  }
}

/**
 * @since 0.1.0
 * @category guards
 */
export const isInvalidSignature = (u: unknown): u is InvalidSignature =>
  typeof u === "object" && u !== null && (u as { [TypeId]?: unknown })[TypeId] === TypeId
