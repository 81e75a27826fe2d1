/**
 * An OAuth2 bearer token with the times that govern its lifecycle. The token value is `Redacted`:
 * it never shows in logs, errors or `inspect` output.
 *
 * @since 0.1.0
 */
import { Data, Redacted } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export class AccessToken extends Data.TaggedClass("AccessToken")<{
  /** The bearer token. */
  readonly value: Redacted.Redacted<string>
  /** Scope granted by the token endpoint, if it said. */
  readonly scope: string | undefined
  /** `Clock` millis at which the token request was sent (the conservative start of its life). */
  readonly issuedAt: number
  /** `issuedAt + expires_in`, in `Clock` millis: the token must not be used at or after this instant. */
  readonly expiresAt: number
  /** When the background refresh is due (`Clock` millis). */
  readonly refreshAt: number
  /** Increases with every token fetched by one provider: the identity used for compare-and-swap invalidation. */
  readonly generation: number
}> {
  /**
   * @since 0.1.0
   */
  get ttlMillis(): number {
    return this.expiresAt - this.issuedAt
  }
}

/**
 * Whether the token may still be used at `now` (`Clock` millis).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isValidAt = (token: AccessToken, now: number): boolean => now < token.expiresAt

/**
 * The value of an `Authorization` header for this token, kept `Redacted`.
 *
 * @since 0.1.0
 * @category accessors
 */
export const authorization = (token: AccessToken): Redacted.Redacted<string> => {
  let header = authorizations.get(token)
  if (header === undefined) {
    header = Redacted.make(`Bearer ${Redacted.value(token.value)}`)
    authorizations.set(token, header)
  }
  return header
}

/** One header per token: every request of its hour would otherwise make (and leave to the GC) its own. */
const authorizations = new WeakMap<AccessToken, Redacted.Redacted<string>>()
