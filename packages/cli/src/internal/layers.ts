import { ProjectCredentials, type Region, TokenProvider } from "@sinch-effect/auth-core"
import { Conversation, ElasticSipTrunking, Numbers } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Effect, Layer } from "effect"

/**
 * Credentials, endpoints and one token provider, all from the current `ConfigProvider`. Every product
 * layer below is built on this one, so a command (or the tour) using several products fetches one token.
 *
 * @internal
 */
export const project = Layer.provideMerge(
  Layer.unwrapEffect(
    Effect.map(SinchEndpoints.SinchEndpoints, (endpoints) => TokenProvider.layer({ tokenUrl: endpoints.auth }))
  ),
  Layer.merge(ProjectCredentials.layerConfig(), SinchEndpoints.layerConfig())
)

/** @internal */
export const numbers = Layer.provide(Numbers.layer, project)

/** @internal */
export const trunks = Layer.provide(ElasticSipTrunking.layer, project)

/** @internal */
export const conversation = (region: Region.Region) => Layer.provide(Conversation.layer({ region }), project)

/** Numbers, Elastic SIP Trunking and Conversation (in `region`) on one token provider, which is kept in context. @internal */
export const products = (region: Region.Region) =>
  Layer.provideMerge(
    Layer.mergeAll(Numbers.layer, ElasticSipTrunking.layer, Conversation.layer({ region })),
    project
  )
