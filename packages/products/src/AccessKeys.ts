/**
 * The Sinch Access Keys Management API (`https://account.api.sinch.com/v1/projects/{projectId}/accessKeys`,
 * reference: https://developers.sinch.com/docs/accesskeys/api-reference/accesskeys/access-key) as an
 * Effect service: list (a lazy `Stream` over `pageToken` pages), get, create (the secret comes back
 * once, as `Redacted`), update and delete the project's access keys.
 *
 * `layerKeyRotation` implements auth-core's `KeyRotation.AccessKeys` with it, so that
 * `KeyRotation.rotate` replaces the key of a running service through this API.
 *
 * @since 0.3.0
 */
import type { AuthError } from "@sinch-effect/auth-core"
import { KeyRotation } from "@sinch-effect/auth-core"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { Pagination } from "@sinch-effect/sinch-http"
import type { Stream } from "effect"
import { Context, Effect, Layer } from "effect"
import * as AccessKeysSchema from "./AccessKeysSchema.js"
import * as Product from "./Product.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Service {
  /** `GET /accessKeys`, every page, fetched only as the stream is pulled. */
  readonly listAccessKeys: (
    params?: AccessKeysSchema.ListAccessKeysParams | undefined
  ) => Stream.Stream<AccessKeysSchema.AccessKey, AuthError.SinchError>
  /** `GET /accessKeys/{accessKeyId}`. */
  readonly getAccessKey: (accessKeyId: string) => Effect.Effect<AccessKeysSchema.AccessKey, AuthError.SinchError>
  /**
   * `POST /accessKeys`: a new key and its secret (`Redacted`), returned this once. Never resent
   * automatically: a resend after a lost answer would create a second key whose secret nobody has.
   * A project holds at most 10 keys.
   */
  readonly createAccessKey: (
    request: AccessKeysSchema.AccessKeyRequest
  ) => Effect.Effect<AccessKeysSchema.CreatedAccessKey, AuthError.SinchError>
  /** `PATCH /accessKeys/{accessKeyId}`: renames the key. */
  readonly updateAccessKey: (
    accessKeyId: string,
    request: AccessKeysSchema.AccessKeyRequest
  ) => Effect.Effect<AccessKeysSchema.AccessKey, AuthError.SinchError>
  /**
   * `DELETE /accessKeys/{accessKeyId}`: no new token can be issued for the key. The API lets a key
   * delete itself (even the project's last one).
   */
  readonly deleteAccessKey: (accessKeyId: string) => Effect.Effect<void, AuthError.SinchError>
  /** The underlying client, for endpoints this service does not cover. */
  readonly client: SinchClient.SinchClient
}

/**
 * @since 0.3.0
 * @category tags
 */
export class AccessKeys extends Context.Tag("@sinch-effect/products/AccessKeys")<AccessKeys, Service>() {}

/**
 * @since 0.3.0
 * @category models
 */
export type Options<R = never> = Product.ProjectOptions<R>

/**
 * The service over an existing client (its `baseUrl` must end with `/v1/projects/{projectId}`).
 *
 * @since 0.3.0
 * @category constructors
 */
export const fromClient = (client: SinchClient.SinchClient): Service => {
  const key = (accessKeyId: string) => ({ path: { accessKeyId } })
  return {
    client,
    listAccessKeys: (params = {}) =>
      Pagination.tokenPages({
        fetch: (pageToken) =>
          client.request("GET", "/accessKeys", AccessKeysSchema.AccessKeysPage, {
            query: { pageSize: params.pageSize, pageToken }
          }),
        items: (page) => page.accessKeys,
        next: (page) => page.nextPageToken
      }),
    getAccessKey: (accessKeyId) =>
      client.request("GET", "/accessKeys/{accessKeyId}", AccessKeysSchema.AccessKey, key(accessKeyId)),
    createAccessKey: (request) =>
      Product.send(
        client,
        "POST",
        "/accessKeys",
        AccessKeysSchema.AccessKeyRequest,
        request,
        AccessKeysSchema.CreatedAccessKey
      ),
    updateAccessKey: (accessKeyId, request) =>
      Product.send(
        client,
        "PATCH",
        "/accessKeys/{accessKeyId}",
        AccessKeysSchema.AccessKeyRequest,
        request,
        AccessKeysSchema.AccessKey,
        key(accessKeyId)
      ),
    deleteAccessKey: (accessKeyId) => client.requestVoid("DELETE", "/accessKeys/{accessKeyId}", key(accessKeyId))
  }
}

const product = Product.project({ tag: AccessKeys, api: "account", fromClient })

/**
 * Builds the service with a chosen authentication strategy.
 *
 * @since 0.3.0
 * @category constructors
 */
export const makeWith: <R = never>(
  options: Options<R>
) => Effect.Effect<Service, never, R | Product.ProjectContext> = product.makeWith

/**
 * Builds the service with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, Product.OAuth2Context> = product.make

/**
 * The service with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.3.0
 * @category layers
 */
export const layer: Layer.Layer<AccessKeys, never, Product.OAuth2Context> = product.layer

/**
 * The service with another strategy, e.g. `AuthStrategy.projectBasic`.
 *
 * @since 0.3.0
 * @category layers
 */
export const layerWith: <R = never>(
  options: Options<R>
) => Layer.Layer<AccessKeys, never, R | Product.ProjectContext> = product.layerWith

/**
 * What `KeyRotation.rotate` needs, from this service: `createKey` creates a key with the display name
 * and hands over its id and `Redacted` secret; `deleteKey` deletes one (a key already gone counts as
 * deleted).
 *
 * @since 0.3.0
 * @category constructors
 */
export const toKeyRotation = (service: Service): KeyRotation.AccessKeysService => ({
  createKey: (request) =>
    Effect.map(
      service.createAccessKey({ displayName: request.displayName }),
      (created) => ({ keyId: created.accessKey.accessKeyId, keySecret: created.secret })
    ),
  // DELETE is resent after a 5xx or a lost answer; a 404 then means the first send deleted it.
  deleteKey: (keyId) =>
    service.deleteAccessKey(keyId).pipe(
      Effect.catchIf((error) => error._tag === "SinchApiError" && error.status === 404, () => Effect.void)
    )
})

/**
 * `KeyRotation.AccessKeys` over the `AccessKeys` service in context, for `KeyRotation.rotate`:
 * `KeyRotation.rotate().pipe(Effect.provide(AccessKeys.layerKeyRotation), Effect.provide(AccessKeys.layer))`.
 *
 * @since 0.3.0
 * @category layers
 */
export const layerKeyRotation: Layer.Layer<KeyRotation.AccessKeys, never, AccessKeys> = Layer.effect(
  KeyRotation.AccessKeys,
  Effect.map(AccessKeys, toKeyRotation)
)
