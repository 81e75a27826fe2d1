import type { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { HttpClientRequest } from "@effect/platform"
import type { Duration } from "effect"
import { Effect, Either, Encoding, Option, ParseResult, Redacted, Schema, Stream } from "effect"
import { InvalidClient, MalformedResponse, TokenUnavailable } from "../AuthError.js"
import type { Credentials } from "../ProjectCredentials.js"
import * as SecretScrub from "../SecretScrub.js"
import type { FetchOutcome } from "../TokenMetrics.js"

/** The label of this endpoint in errors. */
const api = "Sinch OAuth2 token endpoint"

/** The result of one token request, by outcome: the labels of the fetch metric and span. */
export type Outcome = FetchOutcome

/** A token as the endpoint granted it, before the lifecycle dates it. */
export interface Grant {
  readonly status: number
  readonly accessToken: Redacted.Redacted<string>
  readonly expiresInMillis: number
  readonly scope: string | undefined
}

/**
 * Why a request gave no token. `error` is final except for `TokenUnavailable`, to which the lifecycle
 * adds `retryAt` once it knows its backoff.
 */
export interface Rejection {
  readonly outcome: Exclude<Outcome, "success">
  readonly status: number | undefined
  /** What the endpoint asked for with `Retry-After`, if anything. */
  readonly retryAfterMillis: number | undefined
  readonly error: InvalidClient | MalformedResponse | TokenUnavailable
}

const positiveSeconds = Schema.Number.pipe(Schema.finite(), Schema.positive())

/** The success body of RFC 6749 section 5.1, as Sinch sends it. */
export const TokenResponse = Schema.Struct({
  access_token: Schema.Redacted(Schema.NonEmptyTrimmedString),
  token_type: Schema.String.pipe(Schema.filter((type) => type.toLowerCase() === "bearer")),
  expires_in: Schema.Union(positiveSeconds, Schema.compose(Schema.NumberFromString, positiveSeconds)),
  scope: Schema.optional(Schema.String)
})

/** The error body of RFC 6749 section 5.2; every field is optional because proxies answer too. */
const ErrorBody = Schema.Struct({
  error: Schema.optional(Schema.String),
  error_description: Schema.optional(Schema.String)
})

const decodeTokenResponse = Schema.decodeUnknownEither(TokenResponse, { errors: "all" })
const decodeErrorBody = Schema.decodeUnknownOption(Schema.parseJson(ErrorBody))

/**
 * `application/x-www-form-urlencoded` serialisation of one value (WHATWG URL standard): everything but
 * `A-Z a-z 0-9 * - . _` is percent-encoded as UTF-8, and space becomes `+`.
 */
export const formUrlEncode = (value: string): string =>
  encodeURIComponent(value)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+")

/**
 * RFC 6749 2.3.1 client authentication: id and secret are form-urlencoded *before* they are joined and
 * base64-encoded, so a secret containing `:`, `%`, `+` or non-ASCII characters survives.
 */
export const basicAuthorization = (keyId: string, keySecret: Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.make(
    `Basic ${Encoding.encodeBase64(`${formUrlEncode(keyId)}:${formUrlEncode(Redacted.value(keySecret))}`)}`
  )

/** The token request; the header value is only unwrapped here, at the edge. */
export const makeRequest = (
  tokenUrl: string,
  credentials: Pick<Credentials, "keyId" | "keySecret">
): HttpClientRequest.HttpClientRequest =>
  HttpClientRequest.post(tokenUrl).pipe(
    HttpClientRequest.bodyUrlParams({ grant_type: "client_credentials" }),
    HttpClientRequest.acceptJson,
    HttpClientRequest.setHeader(
      "authorization",
      Redacted.value(basicAuthorization(credentials.keyId, credentials.keySecret))
    )
  )

/**
 * `Retry-After` as millis from `now`: delta-seconds or an HTTP-date (RFC 9110 10.2.3). Anything
 * unparsable is ignored, so the caller falls back to its own backoff.
 */
export const parseRetryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000)
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}...` : text)

const rejection = (
  outcome: Rejection["outcome"],
  status: number | undefined,
  error: Rejection["error"],
  retryAfterMillis?: number | undefined
): Rejection => ({ outcome, status, error, retryAfterMillis })

const malformed = (status: number, detail: string): Rejection =>
  rejection("malformed", status, new MalformedResponse({ api, status, detail }))

/**
 * Names the fields that failed to decode, never their values: the body of a token response holds the
 * token itself.
 */
const describeInvalidBody = (error: ParseResult.ParseError): string => {
  const paths = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) =>
    issue.path.length === 0 ? "(body)" : issue.path.map(String).join(".")
  )
  return `unexpected token response: invalid or missing ${Array.from(new Set(paths)).join(", ")}`
}

/** The default cap on a token endpoint's body: a token response is a few hundred bytes. */
export const defaultMaxBodyBytes = 64 * 1024

/**
 * The body as text, at most `limit` bytes: a larger declared length fails before reading, and a body
 * without one is counted as it streams and cut at the limit.
 */
const boundedText = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<string, Rejection> => {
  const tooLarge = malformed(response.status, `the token response is larger than the limit of ${limit} bytes`)
  const length = Number(response.headers["content-length"] ?? Number.NaN)
  const plain = response.headers["content-encoding"] === undefined ||
    response.headers["content-encoding"] === "identity"
  if (Number.isSafeInteger(length) && plain) {
    return length > limit ? Effect.fail(tooLarge) : Effect.mapError(response.text, () => unreadable(response.status))
  }
  let size = 0
  return response.stream.pipe(
    // A response without a body has no stream to read: that is an empty body, not an unreadable one.
    Stream.catchAll(() => size === 0 ? Stream.empty : Stream.fail(unreadable(response.status))),
    Stream.mapEffect((chunk) => (size += chunk.length) > limit ? Effect.fail(tooLarge) : Effect.succeed(chunk)),
    Stream.decodeText(),
    Stream.mkString,
    Effect.catchAllDefect(() => Effect.fail(unreadable(response.status)))
  )
}

const unreadable = (status: number): Rejection => malformed(status, "the token response could not be read")

const readGrant = (response: HttpClientResponse.HttpClientResponse, limit: number): Effect.Effect<Grant, Rejection> =>
  boundedText(response, limit).pipe(
    Effect.flatMap((text) =>
      Effect.try({
        try: (): unknown => (text === "" ? null : JSON.parse(text)),
        catch: () => malformed(response.status, "the token response is not JSON")
      })
    ),
    Effect.flatMap((body) =>
      Either.match(decodeTokenResponse(body), {
        onLeft: (error) => Effect.fail(malformed(response.status, describeInvalidBody(error))),
        onRight: (decoded) =>
          Effect.succeed<Grant>({
            status: response.status,
            accessToken: decoded.access_token,
            expiresInMillis: Math.round(decoded.expires_in * 1000),
            scope: decoded.scope
          })
      })
    )
  )

const readRejection = (
  response: HttpClientResponse.HttpClientResponse,
  keyId: string,
  now: number,
  limit: number,
  scrub: (text: string) => string
): Effect.Effect<never, Rejection> =>
  boundedText(response, limit).pipe(
    Effect.orElseSucceed(() => ""),
    Effect.flatMap((text) => {
      const status = response.status
      const decoded = Option.getOrElse(
        decodeErrorBody(text),
        () => ({ error: undefined, error_description: undefined })
      )
      // Endpoints have echoed the Authorization header back: nothing of it may reach a message.
      const body = {
        error: decoded.error === undefined ? undefined : scrub(decoded.error),
        error_description: decoded.error_description === undefined ? undefined : scrub(decoded.error_description)
      }
      const description = body.error_description === undefined ? undefined : clip(body.error_description)
      if (status === 401 || (status >= 400 && status < 500 && body.error === "invalid_client")) {
        return Effect.fail(rejection(
          "invalid_client",
          status,
          new InvalidClient({ keyId, status, error: body.error ?? "unauthorized", description })
        ))
      }
      const retryAfterMillis = parseRetryAfter(response.headers["retry-after"], now)
      if (status === 429) {
        return Effect.fail(rejection(
          "rate_limited",
          status,
          new TokenUnavailable({ reason: "rate-limited", status, detail: description }),
          retryAfterMillis
        ))
      }
      if (status >= 500 || status === 408) {
        return Effect.fail(rejection(
          "server_error",
          status,
          new TokenUnavailable({ reason: "server-error", status, detail: description }),
          retryAfterMillis
        ))
      }
      const code = body.error === undefined ? "" : `: ${clip(body.error)}${description ? ` (${description})` : ""}`
      return Effect.fail(malformed(status, `unexpected status ${status}${code}`))
    })
  )

const transportRejection = (error: HttpClientError.RequestError): Rejection =>
  rejection(
    "unreachable",
    undefined,
    new TokenUnavailable({
      reason: "unreachable",
      detail: error.description === undefined ? error.reason : `${error.reason}: ${clip(error.description)}`
    })
  )

/**
 * Sends one token request and classifies the answer. The deadline covers the whole exchange, body
 * included, and belongs to the request alone: callers' own deadlines never shorten it.
 */
export const requestToken = (options: {
  readonly client: HttpClient.HttpClient
  readonly request: HttpClientRequest.HttpClientRequest
  readonly keyId: string
  readonly timeout: Duration.Duration
  readonly now: Effect.Effect<number>
  /** The largest body read; default `defaultMaxBodyBytes` (64 KB). */
  readonly maxBodyBytes?: number | undefined
  /** Scrubbed from error bodies, beside the Authorization header sent. */
  readonly keySecret?: Redacted.Redacted<string> | undefined
}): Effect.Effect<Grant, Rejection> =>
  options.client.execute(options.request).pipe(
    Effect.catchTags({
      RequestError: (error) => Effect.fail(transportRejection(error)),
      ResponseError: (error) =>
        Effect.fail(malformed(error.response.status, `the response could not be read (${error.reason})`))
    }),
    Effect.flatMap((response) =>
      response.status >= 200 && response.status < 300
        ? readGrant(response, options.maxBodyBytes ?? defaultMaxBodyBytes)
        : Effect.flatMap(
          options.now,
          (now) =>
            readRejection(
              response,
              options.keyId,
              now,
              options.maxBodyBytes ?? defaultMaxBodyBytes,
              SecretScrub.make(
                options.request.headers["authorization"],
                options.keySecret === undefined ? [] : [Redacted.value(options.keySecret)]
              )
            )
        )
    ),
    Effect.timeoutFail({
      duration: options.timeout,
      onTimeout: () =>
        rejection(
          "timeout",
          undefined,
          new TokenUnavailable({ reason: "timeout", detail: "no answer within the request deadline" })
        )
    })
  )
