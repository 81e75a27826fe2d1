/**
 * Where a `TokenProvider` gets a new token from: the seam around its token request and its
 * invalidation. The default is the memory store, which is simply "send the request": each provider
 * keeps its token in its own state, as it always has. A shared store (the Redis store of
 * `@sinch-effect/redis`) lets many instances with the same access key share one token: one of them
 * sends the request, the others adopt the token it stored.
 *
 * A store only decides where a token comes from; the provider still runs the lifecycle (single flight
 * within the instance, refresh at 80%, backoff, compare-and-swap invalidation). A provider finds its
 * store in its context (`TokenStore`), and falls back to the memory store when there is none.
 *
 * @since 0.2.0
 */
import type { Redacted } from "effect"
import { Context, Effect, Layer } from "effect"
import type { AccessToken } from "./AccessToken.js"

/**
 * Which token: the access key and the token URL. `keySecret` is there so that a store can derive keys
 * from it (the Redis store encrypts with it); a store must never store, log or send it.
 *
 * @since 0.2.0
 * @category models
 */
export interface Key {
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
  readonly tokenUrl: string
}

/**
 * A token as a store keeps it: absolute `Clock` epoch millis, so that another instance can adopt it
 * as it is, without a request.
 *
 * @since 0.2.0
 * @category models
 */
export interface StoredToken {
  readonly value: Redacted.Redacted<string>
  readonly scope: string | undefined
  /** When the request that obtained it was sent (the conservative start of its life). */
  readonly issuedAt: number
  /** The token must not be used at or after this instant. */
  readonly expiresAt: number
}

/**
 * @since 0.2.0
 * @category models
 */
export interface ObtainOptions<E> {
  /**
   * The token the provider holds (possibly expired), or `undefined`. A shared store answers with a
   * stored token only if it is valid and newer than `held`: during a refresh, the held token is the one
   * being replaced.
   */
  readonly held: AccessToken | undefined
  /** The token request of this instance. A store runs it at most once per call. */
  readonly fetch: Effect.Effect<StoredToken, E>
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Service {
  /**
   * A token for `key`: one that another instance stored, or the result of `fetch` (which a shared store
   * then stores). Fails only with the failure of `fetch`: a store that cannot reach its backend runs
   * `fetch` itself, so a failing store never fails a call.
   */
  readonly obtain: <E>(key: Key, options: ObtainOptions<E>) => Effect.Effect<StoredToken, E>
  /**
   * An API rejected `rejected`: a shared store forgets it if, and only if, it still holds that token
   * (compare-and-swap), so that no instance adopts it again. Never fails.
   */
  readonly invalidate: (key: Key, rejected: AccessToken) => Effect.Effect<void>
}

/**
 * @since 0.2.0
 * @category tags
 */
export class TokenStore extends Context.Tag("@sinch-effect/auth-core/TokenStore")<TokenStore, Service>() {}

/**
 * The store of a single instance: every `obtain` is the instance's own request, `invalidate` has
 * nothing to forget (the provider's own state holds the token). This is the behaviour of a provider
 * without a `TokenStore`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const memory: Service = TokenStore.of({
  obtain: (_key, options) => options.fetch,
  invalidate: () => Effect.void
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layerMemory: Layer.Layer<TokenStore> = Layer.succeed(TokenStore, memory)
