/**
 * Application-signed requests (Voice, Verification): an HMAC-SHA256 over the method, the MD5 of the
 * exact body bytes, the content type, the `x-timestamp` and the path, keyed with the base64-decoded
 * Application Secret, sent as `Authorization: Application {key}:{signature}`.
 *
 * @since 0.1.0
 */
import { HttpClientRequest } from "@effect/platform"
import { Effect, Option, Redacted } from "effect"
import type { Credentials } from "./ApplicationCredentials.js"
import { protectWith } from "./internal/redactedHeaders.js"
import * as internal from "./internal/signing.js"

/**
 * What the signature covers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Input {
  /** The HTTP method exactly as sent, e.g. `POST`. */
  readonly method: string
  /** The URL path only, exactly as sent (percent-encoded, no query string, no fragment). */
  readonly path: string
  /** The body bytes exactly as sent; a string is taken as UTF-8. */
  readonly body: Uint8Array | string
  /** The `Content-Type` header exactly as sent, if any. */
  readonly contentType?: string | undefined
  /** The `x-timestamp` header exactly as sent (ISO-8601). */
  readonly timestamp: string
}

/**
 * A signature, kept `Redacted`: it never shows in logs, errors or `inspect` output.
 *
 * @since 0.1.0
 * @category models
 */
export interface Signature {
  /** Base64 HMAC-SHA256 of the string to sign. */
  readonly signature: Redacted.Redacted<string>
  /** `Application {key}:{signature}`, the value of the `Authorization` header. */
  readonly authorization: Redacted.Redacted<string>
}

const encoder = new TextEncoder()

const bytesOf = (body: Uint8Array | string): Uint8Array => typeof body === "string" ? encoder.encode(body) : body

/**
 * Base64 MD5 of the body, or the empty string for an empty body (the second line of the string to sign).
 *
 * @since 0.1.0
 * @category signing
 */
export const contentMd5 = (body: Uint8Array | string): string =>
  // A string is hashed as its UTF-8 bytes without encoding it first; "" and no bytes alike give "".
  typeof body === "string" && body.length > 0 ? internal.contentMd5(body) : internal.contentMd5(bytesOf(body))

/**
 * `METHOD \n Base64(MD5(body)) or "" \n Content-Type or "" \n x-timestamp:{ts} \n path`.
 *
 * @since 0.1.0
 * @category signing
 */
export const stringToSign = (input: Input): string =>
  `${input.method}\n${contentMd5(input.body)}\n${
    input.contentType ?? ""
  }\nx-timestamp:${input.timestamp}\n${input.path}`

/**
 * Signs `input` with an application key and its secret. The secret is the base64 text shown in the
 * dashboard: it must be strict base64, which `ApplicationCredentials` already guarantees.
 *
 * @since 0.1.0
 * @category signing
 */
export const sign = (
  input: Input & { readonly key: string; readonly secret: Redacted.Redacted<string> | string }
): Signature => {
  const signature = internal.signature(
    internal.keyOf(input.secret),
    input.method,
    contentMd5(input.body),
    input.contentType ?? "",
    input.timestamp,
    input.path
  )
  return new Signed(signature, input.key)
}

/** Each `Redacted` made when first read: most callers read one of the two, or neither. */
class Signed implements Signature {
  #signature: Redacted.Redacted<string> | undefined
  #authorization: Redacted.Redacted<string> | undefined
  readonly #value: string
  readonly #key: string
  constructor(value: string, key: string) {
    this.#value = value
    this.#key = key
  }
  get signature(): Redacted.Redacted<string> {
    return this.#signature ??= Redacted.make(this.#value)
  }
  get authorization(): Redacted.Redacted<string> {
    return this.#authorization ??= Redacted.make(`Application ${this.#key}:${this.#value}`)
  }
  toJSON(): unknown {
    return { signature: this.signature, authorization: this.authorization }
  }
  [Symbol.for("nodejs.util.inspect.custom")](): unknown {
    return this.toJSON()
  }
}

/**
 * The exact bytes an `HttpBody` will put on the wire, when they are known before sending: `None` for
 * streams and multipart bodies, which cannot be signed.
 *
 * @since 0.1.0
 * @category signing
 */
export const bodyBytes = (request: HttpClientRequest.HttpClientRequest): Option.Option<Uint8Array> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Option.some(new Uint8Array(0))
    case "Uint8Array":
      return Option.some(body.body)
    case "Raw":
      if (typeof body.body === "string") return Option.some(encoder.encode(body.body))
      if (body.body instanceof Uint8Array) return Option.some(body.body)
      return Option.none()
    default:
      return Option.none()
  }
}

/**
 * The path the request will be sent to: the pathname of its URL as a client serialises it (no query,
 * no fragment). A relative URL is taken as a path.
 *
 * @since 0.1.0
 * @category signing
 */
export const pathOf = (request: HttpClientRequest.HttpClientRequest): string => internal.pathOf(request.url)

/**
 * Signs one attempt: sets `x-timestamp` and exactly one `Authorization: Application {key}:{signature}`
 * header (replacing any). The request must be final: the signature covers its body bytes, content
 * type and path as they are now. A streamed or multipart body cannot be signed: that is a defect.
 *
 * @since 0.1.0
 * @category signing
 */
export const signRequest = (
  request: HttpClientRequest.HttpClientRequest,
  options: { readonly credentials: Credentials; readonly timestamp: string }
): Effect.Effect<HttpClientRequest.HttpClientRequest> => {
  const body = bodyBytes(request)
  if (Option.isNone(body)) {
    return Effect.dieMessage(
      `An application-signed request needs its body bytes before sending; a ${request.body._tag} body cannot be signed. Send the body as bytes, text or JSON.`
    )
  }
  // The header value is built as a plain string and goes straight into the protected headers: no
  // `Redacted` is made per request.
  const signature = internal.signature(
    internal.keyOf(options.credentials.applicationSecret),
    request.method,
    internal.contentMd5(body.value),
    request.headers["content-type"] ?? "",
    options.timestamp,
    internal.pathOf(request.url)
  )
  return Effect.succeed(protectWith(request, {
    "x-timestamp": options.timestamp,
    authorization: `Application ${options.credentials.applicationKey}:${signature}`
  }))
}
