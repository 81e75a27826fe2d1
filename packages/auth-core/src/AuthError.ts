/**
 * The error algebra of every Sinch call: one `Schema.TaggedError` per failure, each with a
 * readable `message` that says what to do about it. No error ever carries a secret: key secret,
 * application secret, bearer token, Basic header or signature.
 *
 * @since 0.1.0
 */
import { Duration, Option, Schema } from "effect"
import { Region } from "./Region.js"

const TypeIdKey = "@sinch-effect/auth-core/AuthError"

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

const optionalText = Schema.optional(Schema.String)

const detailSuffix = (detail: string | undefined): string => (detail ? ` (${detail})` : "")

/**
 * The token endpoint rejected the Key ID / Key Secret (`invalid_client`, 400/401). Never retried.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidClient extends Schema.TaggedError<InvalidClient>(`${TypeIdKey}/InvalidClient`)("InvalidClient", {
  keyId: Schema.String,
  status: Schema.Number,
  error: Schema.String,
  description: optionalText
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return `The token endpoint rejected access key ${this.keyId} (${this.status} ${this.error})${
      detailSuffix(this.description)
    }. Check SINCH_KEY_ID and SINCH_KEY_SECRET; if the secret was lost or the key was deleted, create a new access key in the Sinch dashboard (Settings > Access Keys).`
  }
}

/**
 * The API still reported the bearer token as expired after one refresh and one retry.
 *
 * @since 0.1.0
 * @category errors
 */
export class ExpiredToken extends Schema.TaggedError<ExpiredToken>(`${TypeIdKey}/ExpiredToken`)("ExpiredToken", {
  api: Schema.String,
  description: optionalText
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.api} rejected a freshly issued token as expired${
      detailSuffix(this.description)
    }. The local clock is probably far off: synchronise it (NTP) and check that SINCH_AUTH_URL points at the same Sinch environment as the API.`
  }
}

/**
 * The API rejected the bearer token as invalid (not expired) after one refresh and one retry.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidToken extends Schema.TaggedError<InvalidToken>(`${TypeIdKey}/InvalidToken`)("InvalidToken", {
  api: Schema.String,
  description: optionalText
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.api} rejected a freshly issued token${
      detailSuffix(this.description)
    }. The token endpoint and the API disagree: check that SINCH_AUTH_URL and the API URL belong to the same Sinch environment, and that the access key was not revoked.`
  }
}

/**
 * 403: the access key has no access to this project or product. Never invalidates the token.
 *
 * @since 0.1.0
 * @category errors
 */
export class AccessDenied extends Schema.TaggedError<AccessDenied>(`${TypeIdKey}/AccessDenied`)("AccessDenied", {
  api: Schema.String,
  projectId: optionalText,
  description: optionalText
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    const project = this.projectId ? ` to project ${this.projectId}` : ""
    return `${this.api} denied access${project}${
      detailSuffix(this.description)
    }. Check the key's project scope: the access key must belong to this project (SINCH_PROJECT_ID), and the product must be enabled for the project.`
  }
}

/**
 * A regional API (Conversation, Templates) answered 404 for a resource that lives in another region.
 * `actual` is set when a probe of the other regions found it.
 *
 * @since 0.1.0
 * @category errors
 */
export class WrongRegion extends Schema.TaggedError<WrongRegion>(`${TypeIdKey}/WrongRegion`)("WrongRegion", {
  api: Schema.String,
  resource: Schema.String,
  configured: Region,
  actual: Schema.optional(Region),
  suggestedUrl: optionalText
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    if (this.actual === undefined) {
      return `${this.api} found no ${this.resource} in region ${this.configured}, nor in any other region. Check the id and the project.`
    }
    const url = this.suggestedUrl ?? `https://${this.actual}.conversation.api.sinch.com`
    return `${this.resource} is in region ${this.actual}, but the client is configured for ${this.configured}. Use ${url} (region "${this.actual}").`
  }
}

/**
 * 429 after the retry budget was spent.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>(`${TypeIdKey}/RateLimited`)("RateLimited", {
  api: Schema.String,
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    const after = this.retryAfter === undefined ? "" : ` Retry after ${Duration.format(this.retryAfter)}.`
    return `${this.api} is rate limiting this project (429).${after} Lower the request rate or spread calls over time; project Basic auth is rate limited much more tightly than OAuth2 tokens.`
  }
}

/**
 * Why no token could be obtained.
 *
 * @since 0.1.0
 * @category models
 */
export const TokenUnavailableReason = Schema.Literal(
  "unreachable",
  "timeout",
  "server-error",
  "rate-limited",
  "backoff"
)

/**
 * No valid token is cached and the token endpoint is down, slow or throttled.
 * `retryAt` (epoch millis, from Effect's `Clock`) says when the next attempt is allowed.
 *
 * @since 0.1.0
 * @category errors
 */
export class TokenUnavailable
  extends Schema.TaggedError<TokenUnavailable>(`${TypeIdKey}/TokenUnavailable`)("TokenUnavailable", {
    reason: TokenUnavailableReason,
    status: Schema.optional(Schema.Number),
    retryAt: Schema.optional(Schema.Number),
    detail: optionalText,
    /** The token endpoint that failed (`SINCH_AUTH_URL`, the emulator's, or the default). @since 0.2.0 */
    tokenUrl: Schema.optional(Schema.String)
  })
{
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    const status = this.status === undefined ? "" : ` (HTTP ${this.status})`
    const next = this.retryAt === undefined ? "" : ` Next attempt at ${new Date(this.retryAt).toISOString()}.`
    return `No access token is available: the token endpoint ${describeReason(this.reason)}${status}${
      detailSuffix(this.detail)
    }.${next} Check connectivity to ${
      this.tokenUrl ?? "SINCH_AUTH_URL (default https://auth.sinch.com/oauth2/token)"
    } and https://status.sinch.com.`
  }
}

const describeReason = (reason: typeof TokenUnavailableReason.Type): string => {
  switch (reason) {
    case "unreachable":
      return "could not be reached"
    case "timeout":
      return "did not answer in time"
    case "server-error":
      return "failed"
    case "rate-limited":
      return "is rate limiting token requests"
    case "backoff":
      return "failed recently and is in backoff"
  }
}

/**
 * A body that does not decode: from the token endpoint or from an API.
 *
 * @since 0.1.0
 * @category errors
 */
export class MalformedResponse
  extends Schema.TaggedError<MalformedResponse>(`${TypeIdKey}/MalformedResponse`)("MalformedResponse", {
    api: Schema.String,
    status: Schema.Number,
    detail: Schema.String
  })
{
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.api} answered ${this.status} with a body that could not be decoded: ${this.detail}. Check that the configured URL points at a Sinch API (or the emulator) and not at a proxy or captive portal.`
  }
}

/**
 * One field violation of a 400 answer.
 *
 * @since 0.1.0
 * @category models
 */
export class FieldViolation extends Schema.Class<FieldViolation>(`${TypeIdKey}/FieldViolation`)({
  field: Schema.String,
  description: Schema.String
}) {}

/**
 * Any other API error, decoded from all four Sinch body shapes.
 *
 * @since 0.1.0
 * @category errors
 */
export class SinchApiError extends Schema.TaggedError<SinchApiError>(`${TypeIdKey}/SinchApiError`)("SinchApiError", {
  api: Schema.String,
  status: Schema.Number,
  method: optionalText,
  code: optionalText,
  statusText: optionalText,
  detail: optionalText,
  reference: optionalText,
  violations: Schema.optionalWith(Schema.Array(FieldViolation), { default: () => [] })
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    // Some bodies repeat the status as their code ("404"), or the status text as the code: said once.
    const code = [...new Set([this.statusText, this.code])]
      .filter((part) => part !== undefined && part !== "" && part !== String(this.status))
      .join(" ")
    const head = `${this.api} answered ${this.status}${code ? ` ${code}` : ""}`
    const detail = this.detail ? `: ${this.detail}` : ""
    const violations = this.violations.length === 0
      ? ""
      : ` [${this.violations.map((v) => `${v.field}: ${v.description}`).join("; ")}]`
    const reference = this.reference ? ` (reference ${this.reference})` : ""
    return `${head}${detail}${violations}${reference}`
  }

  /**
   * Whether resending the same request can succeed (5xx).
   *
   * @since 0.1.0
   */
  get isServerError(): boolean {
    return this.status >= 500
  }
}

/**
 * Why a call never got an answer.
 *
 * @since 0.1.0
 * @category models
 */
export const TransportErrorReason = Schema.Literal("timeout", "connection")

/**
 * Connection failure or timeout of an API call.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError
  extends Schema.TaggedError<TransportError>(`${TypeIdKey}/TransportError`)("TransportError", {
    api: Schema.String,
    reason: TransportErrorReason,
    method: Schema.String,
    url: Schema.String,
    detail: optionalText
  })
{
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    const what = this.reason === "timeout" ? "timed out" : "could not connect"
    return `${this.method} ${this.url} ${what}${
      detailSuffix(this.detail)
    }. Check network access to ${this.api}; idempotent requests were already retried.`
  }
}

/**
 * Why a request was refused before it was sent.
 *
 * @since 0.2.0
 * @category models
 */
export const InvalidRequestReason = Schema.Literal("empty-path-value", "dot-segment", "lone-surrogate")

/**
 * A request refused before anything was sent: a path value that would address another resource once
 * URL parsing removed it (empty, `.`, `..`, in any percent-encoding), or that cannot be encoded.
 *
 * @since 0.2.0
 * @category errors
 */
export class InvalidRequest
  extends Schema.TaggedError<InvalidRequest>(`${TypeIdKey}/InvalidRequest`)("InvalidRequest", {
    api: Schema.String,
    route: Schema.String,
    parameter: Schema.String,
    reason: InvalidRequestReason
  })
{
  /** @since 0.2.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.2.0 */
  override get message(): string {
    const what = this.reason === "empty-path-value"
      ? "is empty"
      : this.reason === "dot-segment"
      ? "is a dot segment (. or .., in some encoding), which would address the parent resource"
      : "contains a lone UTF-16 surrogate and cannot be URL-encoded"
    return `${this.api}: the value of {${this.parameter}} in ${this.route} ${what}; nothing was sent. Pass the id of the resource itself.`
  }
}

/**
 * Failures of obtaining a token.
 *
 * @since 0.1.0
 * @category models
 */
export type TokenError = InvalidClient | TokenUnavailable | MalformedResponse

/**
 * The whole error algebra.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuthError = Schema.Union(
  InvalidClient,
  ExpiredToken,
  InvalidToken,
  AccessDenied,
  WrongRegion,
  RateLimited,
  TokenUnavailable,
  MalformedResponse,
  SinchApiError,
  TransportError,
  InvalidRequest
)

/**
 * @since 0.1.0
 * @category models
 */
export type AuthError = typeof AuthError.Type

/**
 * @since 0.1.0
 * @category guards
 */
export const isAuthError = (u: unknown): u is AuthError =>
  typeof u === "object" && u !== null && (u as { [TypeId]?: unknown })[TypeId] === TypeId

/**
 * The error a user-facing Sinch call can fail with (the same union, under the name products use).
 *
 * @since 0.1.0
 * @category models
 */
export type SinchError = AuthError

/**
 * A `Retry-After` duration, if the error says when to come back.
 *
 * @since 0.1.0
 * @category accessors
 */
export const retryAfter = (error: AuthError): Option.Option<Duration.Duration> =>
  error._tag === "RateLimited" ? Option.fromNullable(error.retryAfter) : Option.none()
