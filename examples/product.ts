/**
 * A product service built with the kit: its Tag, its API's key in `SinchApi.apis` and `fromClient`;
 * `Product.project` gives it `makeWith`, `make`, `layer` and `layerWith`. (A small slice of Numbers, as
 * a new product module would be written.)
 */
import type { AuthError } from "@sinch-effect/auth-core"
import { Product } from "@sinch-effect/products"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { Context, Effect, Schema } from "effect"

const Region = Schema.Struct({ regionCode: Schema.String, regionName: Schema.String })
const Regions = Schema.Struct({ availableRegions: Schema.Array(Region) })
const Callback = Schema.Struct({ projectId: Schema.String, hmacSecret: Schema.optional(Schema.String) })
const UpdateCallback = Schema.Struct({ hmacSecret: Schema.String })

export interface Service {
  readonly listRegions: Effect.Effect<ReadonlyArray<typeof Region.Type>, AuthError.SinchError>
  readonly updateCallback: (
    request: typeof UpdateCallback.Type
  ) => Effect.Effect<typeof Callback.Type, AuthError.SinchError>
}

export class Regional extends Context.Tag("example/Regional")<Regional, Service>() {}

// Relative routes resolve under /v1/projects/{projectId} of the API's URL; bodies go through Product.send.
export const fromClient = (client: SinchClient.SinchClient): Service => ({
  listRegions: Effect.map(client.request("GET", "/availableRegions", Regions), (page) => page.availableRegions),
  updateCallback: (request) =>
    Product.send(client, "PATCH", "/callbackConfiguration", UpdateCallback, request, Callback)
})

export const { layer, layerWith, make, makeWith } = Product.project({ tag: Regional, api: "numbers", fromClient })
