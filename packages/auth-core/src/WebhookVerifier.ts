/**
 * Verification of requests Sinch sends to you: Conversation webhooks, Numbers callbacks,
 * application-signed (or application Basic) Voice and Verification callbacks, and Mailgun webhooks. Verification works on
 * the raw body exactly as received, compares in constant time, rejects timestamps outside a window
 * (by `Clock`) and, through `NonceStore`, replays. It succeeds with the verified body or fails with
 * `InvalidSignature`, which never contains a secret or a signature.
 *
 * @since 0.1.0
 */
import type { Redacted as R } from "effect"
import { Clock, Duration, Effect, Either, Option, Redacted } from "effect"
import { createHmac } from "node:crypto"
import { ApplicationCredentials } from "./ApplicationCredentials.js"
import * as ApplicationSigning from "./ApplicationSigning.js"
import * as W from "./internal/webhook.js"
import { NonceStore } from "./NonceStore.js"
import { InvalidSignature } from "./WebhookError.js"
import type { Reason, Source } from "./WebhookError.js"

/**
 * Request headers in any of the usual shapes: `@effect/platform` `Headers`, Node's
 * `IncomingHttpHeaders`, a plain record (any case) or web `Headers`. Names are matched case-insensitively.
 *
 * @since 0.1.0
 * @category models
 */
export type HeadersInput = W.HeadersInput

/**
 * An incoming request: its headers and its raw body exactly as received (a string is taken as UTF-8).
 *
 * @since 0.1.0
 * @category models
 */
export interface Incoming {
  readonly headers: HeadersInput
  readonly body: Uint8Array | string
}

/**
 * An incoming request whose method and path are signed too (Voice and Verification callbacks).
 *
 * @since 0.1.0
 * @category models
 */
export interface IncomingSigned extends Incoming {
  readonly method: string
  /** The path as received; a query string or fragment, if present, is ignored. */
  readonly path: string
}

/**
 * A body whose signature was verified.
 *
 * @since 0.1.0
 * @category models
 */
export interface Verified {
  readonly bytes: Uint8Array
  /** The body as UTF-8 text. */
  readonly text: string
}

/**
 * The default freshness window: a timestamp further than this from the `Clock`, in either direction,
 * is stale.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultWindow: Duration.Duration = Duration.minutes(5)

const reject = (source: Source, reason: Reason, header?: string, detail?: string) =>
  Effect.fail(
    new InvalidSignature({
      source,
      reason,
      ...(header === undefined ? {} : { header }),
      ...(detail === undefined ? {} : { detail })
    })
  )

const required = (source: Source, headers: HeadersInput, name: string): Effect.Effect<string, InvalidSignature> =>
  Either.match(W.header(headers, name), {
    onLeft: () => reject(source, "malformed", name, "the header is repeated"),
    onRight: Option.match({
      onNone: () => reject(source, "missing-header", name),
      onSome: Effect.succeed
    })
  })

const optional = (
  source: Source,
  headers: HeadersInput,
  name: string
): Effect.Effect<Option.Option<string>, InvalidSignature> =>
  Either.match(W.header(headers, name), {
    onLeft: () => reject(source, "malformed", name, "the header is repeated"),
    onRight: Effect.succeed
  })

const verified = (body: Uint8Array | string): Verified => ({ bytes: W.bytesOf(body), text: W.textOf(body) })

const fresh = (source: Source, header: string, at: number, window: number) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    Math.abs(now - at) > window
      ? reject(source, "stale", header, `the timestamp is ${Math.round((now - at) / 1000)} s from the local clock`)
      : Effect.void)

/**
 * Remembers a key for as long as its timestamp can still pass `fresh`. `fresh` accepts `now - at` up to
 * and including `window`, and a store forgets a key once `now >= expiresAt`, so the key must be kept one
 * millisecond past `at + window`: otherwise a replay at exactly `at + window` is accepted.
 */
const rememberUntil = (at: number, window: number): number => at + window + 1

const firstSeen = (source: Source, header: string, key: string, at: number, window: number) =>
  Effect.flatMap(NonceStore, (store) => store.remember(`${source}:${key}`, rememberUntil(at, window))).pipe(
    Effect.flatMap((isNew) => (isNew ? Effect.void : reject(source, "replayed", header)))
  )

const asRedacted = (secret: string | R.Redacted<string>): R.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret)

/**
 * @since 0.1.0
 * @category models
 */
export interface ConversationOptions {
  /** The secret set on the Conversation webhook. */
  readonly secret: string | R.Redacted<string>
  /** Default 5 minutes. */
  readonly window?: Duration.DurationInput | undefined
}

const conversationHeaders = {
  signature: "x-sinch-webhook-signature",
  nonce: "x-sinch-webhook-signature-nonce",
  timestamp: "x-sinch-webhook-signature-timestamp",
  algorithm: "x-sinch-webhook-signature-algorithm"
} as const

/**
 * Conversation webhooks: `Base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp))` in
 * `x-sinch-webhook-signature`. The algorithm is pinned to HmacSHA256: an algorithm header naming
 * anything else is rejected (`bad-scheme`). The timestamp (unix seconds) must be within the window and
 * the nonce must not have been seen before.
 *
 * @since 0.1.0
 * @category verifiers
 */
export const conversation = (options: ConversationOptions) => {
  const secret = asRedacted(options.secret)
  const window = Duration.toMillis(options.window ?? defaultWindow)
  const source = "conversation"
  return (request: Incoming): Effect.Effect<Verified, InvalidSignature, NonceStore> =>
    Effect.gen(function*() {
      const signature = yield* required(source, request.headers, conversationHeaders.signature)
      const nonce = yield* required(source, request.headers, conversationHeaders.nonce)
      const timestamp = yield* required(source, request.headers, conversationHeaders.timestamp)
      const algorithm = yield* optional(source, request.headers, conversationHeaders.algorithm)
      if (Option.isSome(algorithm) && algorithm.value.toLowerCase() !== "hmacsha256") {
        return yield* reject(source, "bad-scheme", conversationHeaders.algorithm, "only HmacSHA256 is accepted")
      }
      const at = Option.getOrUndefined(W.parseUnixSeconds(timestamp))
      if (at === undefined) {
        return yield* reject(source, "malformed", conversationHeaders.timestamp, "not unix seconds")
      }
      const expected = createHmac("sha256", Buffer.from(Redacted.value(secret), "utf8"))
        .update(W.bytesOf(request.body))
        .update(`.${nonce}.${timestamp}`, "utf8")
        .digest("base64")
      if (!W.safeEqual(signature, expected)) return yield* reject(source, "mismatch", conversationHeaders.signature)
      yield* fresh(source, conversationHeaders.timestamp, at, window)
      yield* firstSeen(source, conversationHeaders.nonce, nonce, at, window)
      return verified(request.body)
    })
}

/**
 * @since 0.1.0
 * @category models
 */
export interface NumbersOptions {
  /** The callback secret configured for the project's Numbers callbacks. */
  readonly secret: string | R.Redacted<string>
}

/**
 * Numbers callbacks: `X-Sinch-Signature = hex(HMAC-SHA1(secret, rawBody))`. The signature carries no
 * timestamp or nonce, so neither freshness nor replays can be checked: make handlers idempotent (the
 * event carries an `eventId`).
 *
 * @since 0.1.0
 * @category verifiers
 */
export const numbers = (options: NumbersOptions) => {
  const secret = asRedacted(options.secret)
  const source = "numbers"
  const name = "x-sinch-signature"
  return (request: Incoming): Effect.Effect<Verified, InvalidSignature> =>
    Effect.gen(function*() {
      const signature = yield* required(source, request.headers, name)
      if (!/^[0-9a-f]{40}$/i.test(signature)) return yield* reject(source, "malformed", name, "not 40 hex digits")
      const expected = createHmac("sha1", Buffer.from(Redacted.value(secret), "utf8"))
        .update(W.bytesOf(request.body))
        .digest("hex")
      if (!W.safeEqual(signature.toLowerCase(), expected)) return yield* reject(source, "mismatch", name)
      return verified(request.body)
    })
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ApplicationOptions {
  /** Freshness window of `x-timestamp` on signed callbacks. Default 5 minutes. */
  readonly window?: Duration.DurationInput | undefined
  /**
   * Also accept `Authorization: Basic base64(key:secret)` (callbacks configured for Basic auth). Such
   * callbacks carry no timestamp, so they cannot be checked for freshness or replays. Default `true`.
   */
  readonly allowBasic?: boolean | undefined
}

/**
 * Voice and Verification callbacks, verified with the `ApplicationCredentials` in context:
 * `Authorization: Application {key}:{signature}` recomputed over the callback's method, path, body,
 * content type and `x-timestamp` (which must be within the window, and not seen before), or
 * `Authorization: Basic` with the application key and secret. Schemes are matched case-insensitively.
 *
 * @since 0.1.0
 * @category verifiers
 */
export const application = (options?: ApplicationOptions) => {
  const window = Duration.toMillis(options?.window ?? defaultWindow)
  const allowBasic = options?.allowBasic ?? true
  const source = "application"
  return (request: IncomingSigned): Effect.Effect<Verified, InvalidSignature, ApplicationCredentials | NonceStore> =>
    Effect.gen(function*() {
      const credentials = yield* ApplicationCredentials
      const authorization = yield* required(source, request.headers, "authorization")
      const space = authorization.indexOf(" ")
      const scheme = space < 0 ? authorization : authorization.slice(0, space)
      const rest = space < 0 ? "" : authorization.slice(space + 1).trim()
      switch (scheme.toLowerCase()) {
        case "application": {
          const colon = rest.indexOf(":")
          if (colon <= 0 || colon === rest.length - 1) {
            return yield* reject(source, "malformed", "authorization", "expected Application {key}:{signature}")
          }
          if (!W.safeEqual(rest.slice(0, colon), credentials.applicationKey)) {
            return yield* reject(source, "mismatch", "authorization", "the application key is not the configured one")
          }
          const signature = rest.slice(colon + 1)
          const timestamp = yield* required(source, request.headers, "x-timestamp")
          const at = Option.getOrUndefined(W.parseIso(timestamp))
          if (at === undefined) return yield* reject(source, "malformed", "x-timestamp", "not an ISO-8601 timestamp")
          const contentType = yield* optional(source, request.headers, "content-type")
          const expected = ApplicationSigning.sign({
            method: request.method,
            path: pathOnly(request.path),
            body: request.body,
            contentType: Option.getOrUndefined(contentType),
            timestamp,
            key: credentials.applicationKey,
            secret: credentials.applicationSecret
          })
          if (!W.safeEqual(signature, Redacted.value(expected.signature))) {
            return yield* reject(source, "mismatch", "authorization")
          }
          yield* fresh(source, "x-timestamp", at, window)
          yield* firstSeen(source, "authorization", W.sha256Hex(signature), at, window)
          return verified(request.body)
        }
        case "basic": {
          if (!allowBasic) return yield* reject(source, "bad-scheme", "authorization", "Basic is not accepted")
          if (!W.isStrictBase64(rest)) return yield* reject(source, "malformed", "authorization", "not base64")
          const decoded = Buffer.from(rest, "base64").toString("utf8")
          if (decoded.indexOf(":") <= 0) {
            return yield* reject(source, "malformed", "authorization", "expected base64 of key:secret")
          }
          const expected = `${credentials.applicationKey}:${Redacted.value(credentials.applicationSecret)}`
          if (!W.safeEqual(decoded, expected)) return yield* reject(source, "mismatch", "authorization")
          return verified(request.body)
        }
        default:
          return yield* reject(source, "bad-scheme", "authorization", "expected the Application or Basic scheme")
      }
    })
}

const pathOnly = (path: string): string => {
  const end = path.search(/[?#]/)
  return end < 0 ? path : path.slice(0, end)
}

/**
 * @since 0.3.0
 * @category models
 */
export interface MailgunOptions {
  /** The HTTP webhook signing key of the Mailgun account (not the API key). */
  readonly signingKey: string | R.Redacted<string>
  /** Freshness window of `signature.timestamp`. Default 5 minutes. */
  readonly window?: Duration.DurationInput | undefined
}

const mailgunField = (signature: unknown, name: "timestamp" | "token" | "signature"): string | undefined => {
  const value = (signature as Record<string, unknown>)[name]
  // The reference types `timestamp` as int while its samples send a string: both are read as sent.
  if (name === "timestamp" && typeof value === "number" && Number.isSafeInteger(value)) return String(value)
  return typeof value === "string" && value !== "" ? value : undefined
}

/**
 * Mailgun webhooks, signed in their JSON body: `{"signature": {"timestamp", "token", "signature"},
 * "event-data": ...}` where `signature = hex(HMAC-SHA256(signingKey, timestamp + token))` (Mailgun,
 * "Securing Webhooks"). The signature is compared in constant time, the timestamp (unix seconds) must
 * be within the window, and a token seen before is a replay (through `NonceStore`).
 *
 * @since 0.3.0
 * @category verifiers
 */
export const mailgun = (options: MailgunOptions) => {
  const signingKey = asRedacted(options.signingKey)
  const window = Duration.toMillis(options.window ?? defaultWindow)
  const source = "mailgun"
  return (request: Incoming): Effect.Effect<Verified, InvalidSignature, NonceStore> =>
    Effect.gen(function*() {
      let json: unknown
      try {
        json = JSON.parse(W.textOf(request.body))
      } catch {
        return yield* reject(source, "malformed", undefined, "the body is not JSON")
      }
      const signed = typeof json === "object" && json !== null ? (json as { signature?: unknown }).signature : undefined
      if (typeof signed !== "object" || signed === null) {
        return yield* reject(source, "missing-header", "signature", "the JSON body has no signature object")
      }
      const timestamp = mailgunField(signed, "timestamp")
      const token = mailgunField(signed, "token")
      const signature = mailgunField(signed, "signature")
      if (timestamp === undefined || token === undefined || signature === undefined) {
        const missing = timestamp === undefined ? "timestamp" : token === undefined ? "token" : "signature"
        return yield* reject(source, "missing-header", `signature.${missing}`, "absent from the JSON body")
      }
      if (!/^[0-9a-f]{64}$/i.test(signature)) {
        return yield* reject(source, "malformed", "signature.signature", "not 64 hex digits")
      }
      const at = Option.getOrUndefined(W.parseUnixSeconds(timestamp))
      if (at === undefined) return yield* reject(source, "malformed", "signature.timestamp", "not unix seconds")
      const expected = createHmac("sha256", Buffer.from(Redacted.value(signingKey), "utf8"))
        .update(`${timestamp}${token}`, "utf8")
        .digest("hex")
      if (!W.safeEqual(signature.toLowerCase(), expected)) {
        return yield* reject(source, "mismatch", "signature.signature")
      }
      yield* fresh(source, "signature.timestamp", at, window)
      yield* firstSeen(source, "signature.token", token, at, window)
      return verified(request.body)
    })
}
