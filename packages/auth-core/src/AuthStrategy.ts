/**
 * How one outgoing request is authenticated. A strategy is applied to **every attempt** (so a retry
 * gets a fresh token, timestamp or signature) and is typed by the scope of the credentials it uses:
 * a project API only accepts a `ProjectStrategy`, Voice and Verification only an `ApplicationStrategy`.
 *
 * @since 0.1.0
 */
import type { HttpClientResponse } from "@effect/platform"
import { HttpClientRequest } from "@effect/platform"
import { Clock, Effect, Option, Redacted } from "effect"
import * as AccessToken from "./AccessToken.js"
import { ApplicationCredentials } from "./ApplicationCredentials.js"
import * as ApplicationSigning from "./ApplicationSigning.js"
import type { TokenError } from "./AuthError.js"
import * as ClockSkew from "./ClockSkew.js"
import { protectWith } from "./internal/redactedHeaders.js"
import { MailgunCredentials } from "./MailgunCredentials.js"
import { ProjectCredentials } from "./ProjectCredentials.js"
import { TokenProvider } from "./TokenProvider.js"

/**
 * The scope of the credentials a strategy uses.
 *
 * @since 0.1.0
 * @category models
 */
export type Scope = "project" | "application" | "mailgun"

/**
 * The result of authenticating one attempt.
 *
 * @since 0.1.0
 * @category models
 */
export interface Authenticated {
  /** The request to send, with exactly one `Authorization` header. */
  readonly request: HttpClientRequest.HttpClientRequest
  /** The bearer token used, when the strategy is OAuth2: what a 401 invalidates (compare-and-swap). */
  readonly token?: AccessToken.AccessToken | undefined
  /** The clock-skew correction version a signed attempt was timestamped with (`ClockSkew.Offset.version`). */
  readonly skewVersion?: number | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface AuthStrategy<S extends Scope = Scope> {
  readonly _tag: "OAuth2" | "ProjectBasic" | "ApplicationBasic" | "ApplicationSigned" | "Mailgun"
  readonly scope: S
  /** Authenticates one attempt. The body of `request` is final: signing covers exactly these bytes. */
  readonly authenticate: (
    request: HttpClientRequest.HttpClientRequest
  ) => Effect.Effect<Authenticated, TokenError>
  /**
   * Called once when an attempt authenticated with `token` got a 401; `true` means "a fresh credential is
   * available, resend once". OAuth2 answers `true` after invalidating the rejected token; the signed
   * strategy answers `true` only when the clock-skew correction changed since the attempt was signed
   * (the 401 was caused by a wrong clock); a 401 on Basic calls is final.
   */
  readonly onUnauthorized: (authenticated: Authenticated) => Effect.Effect<boolean>
  /**
   * Sees every response (any status) before it is interpreted: the signed strategy reads the `Date`
   * header here to correct clock skew. A no-op for the other strategies.
   */
  readonly observe: (response: HttpClientResponse.HttpClientResponse) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category models
 */
export type ProjectStrategy = AuthStrategy<"project">

/**
 * @since 0.1.0
 * @category models
 */
export type ApplicationStrategy = AuthStrategy<"application">

/**
 * @since 0.1.0
 * @category models
 */
export type MailgunStrategy = AuthStrategy<"mailgun">

const basic = (user: string, secret: Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.make(`Basic ${Buffer.from(`${user}:${Redacted.value(secret)}`, "utf8").toString("base64")}`)

const withAuthorization = (
  request: HttpClientRequest.HttpClientRequest,
  authorization: Redacted.Redacted<string>
): HttpClientRequest.HttpClientRequest => protectWith(request, { authorization: Redacted.value(authorization) })

const never = (_: Authenticated): Effect.Effect<boolean> => Effect.succeed(false)

const ignore = (_: HttpClientResponse.HttpClientResponse): Effect.Effect<void> => Effect.void

const fixedHeader = <S extends Scope>(
  tag: AuthStrategy["_tag"],
  scope: S,
  authorization: Redacted.Redacted<string>
): AuthStrategy<S> => ({
  _tag: tag,
  scope,
  authenticate: (request) => Effect.succeed({ request: withAuthorization(request, authorization) }),
  onUnauthorized: never,
  observe: ignore
})

/**
 * OAuth2 bearer tokens from the shared `TokenProvider`: each attempt gets the current token, and a
 * 401 invalidates exactly the token that attempt used (compare-and-swap) before one resend.
 *
 * @since 0.1.0
 * @category constructors
 */
export const oauth2: Effect.Effect<ProjectStrategy, never, TokenProvider> = Effect.map(
  TokenProvider,
  (provider): ProjectStrategy => ({
    _tag: "OAuth2",
    scope: "project",
    authenticate: (request) =>
      Effect.map(provider.get, (token) => ({
        request: withAuthorization(request, AccessToken.authorization(token)),
        token
      })),
    onUnauthorized: (authenticated) =>
      authenticated.token === undefined
        ? Effect.succeed(false)
        : Effect.as(provider.invalidate(authenticated.token), true),
    observe: ignore
  })
)

/**
 * Project Basic auth (`keyId:keySecret`) on every request. Meant for testing: Sinch rate limits it
 * much more tightly than OAuth2 tokens, so use `oauth2` in production.
 *
 * @since 0.1.0
 * @category constructors
 */
export const projectBasic: Effect.Effect<ProjectStrategy, never, ProjectCredentials> = Effect.map(
  ProjectCredentials,
  (credentials) => fixedHeader("ProjectBasic", "project", basic(credentials.keyId, credentials.keySecret))
)

/**
 * Application Basic auth (`applicationKey:applicationSecret`) for Voice and Verification.
 *
 * @since 0.1.0
 * @category constructors
 */
export const applicationBasic: Effect.Effect<ApplicationStrategy, never, ApplicationCredentials> = Effect.map(
  ApplicationCredentials,
  (credentials) =>
    fixedHeader("ApplicationBasic", "application", basic(credentials.applicationKey, credentials.applicationSecret))
)

/**
 * Mailgun Basic auth (`api:KEY`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const mailgun: Effect.Effect<MailgunStrategy, never, MailgunCredentials> = Effect.map(
  MailgunCredentials,
  (credentials) => fixedHeader("Mailgun", "mailgun", basic("api", credentials.apiKey))
)

/**
 * @since 0.1.0
 * @category models
 */
export interface SignedOptions {
  /** Clock differences tolerated before correcting, when no `ClockSkew` service is provided. Default one minute. */
  readonly skewThreshold?: ClockSkew.Options["threshold"]
}

/**
 * Application-signed requests (HMAC-SHA256) for Voice and Verification. Every attempt gets a fresh
 * `x-timestamp` (the `Clock`, corrected by `ClockSkew`) and signature. Responses' `Date` headers
 * correct a local clock that is more than a minute off; a 401 caused by such a clock is resent once.
 * Uses the `ClockSkew` service when one is provided, else a correction of its own.
 *
 * @since 0.1.0
 * @category constructors
 */
export const applicationSigned = (
  options?: SignedOptions
): Effect.Effect<ApplicationStrategy, never, ApplicationCredentials> =>
  Effect.gen(function*() {
    const credentials = yield* ApplicationCredentials
    const skew = yield* Effect.serviceOption(ClockSkew.ClockSkew).pipe(
      Effect.flatMap(Option.match({
        onSome: Effect.succeed,
        onNone: () => ClockSkew.make({ threshold: options?.skewThreshold })
      }))
    )
    return {
      _tag: "ApplicationSigned",
      scope: "application",
      authenticate: (request) =>
        Effect.gen(function*() {
          // One read of the correction, so the version returned is the one the timestamp used.
          const offset = yield* skew.offset
          const now = yield* Clock.currentTimeMillis
          const signed = yield* ApplicationSigning.signRequest(request, {
            credentials,
            timestamp: new Date(now + offset.millis).toISOString()
          })
          return { request: signed, skewVersion: offset.version }
        }),
      onUnauthorized: (authenticated) =>
        Effect.map(skew.offset, (offset) =>
          authenticated.skewVersion !== undefined && offset.version !== authenticated.skewVersion),
      observe: (response) =>
        Effect.asVoid(skew.observe(response.headers["date"]))
    } satisfies ApplicationStrategy
  })
