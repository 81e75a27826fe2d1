/**
 * How one outgoing request is authenticated. A strategy is applied to **every attempt** (so a retry
 * gets a fresh token, timestamp or signature) and is typed by the scope of the credentials it uses:
 * a project API only accepts a `ProjectStrategy`, Voice and Verification only an `ApplicationStrategy`.
 *
 * @since 0.1.0
 */
import type { HttpClientRequest, HttpClientResponse } from "@effect/platform"
import type { Effect } from "effect"
import type { AccessToken } from "./AccessToken.js"
import type { TokenError } from "./AuthError.js"

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
  readonly token?: AccessToken | undefined
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
   * available, resend once". Only OAuth2 ever answers `true`: a 401 on Basic or signed calls is final.
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
