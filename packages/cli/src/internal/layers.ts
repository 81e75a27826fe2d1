import type { Region } from "@sinch-effect/auth-core"
import { ElasticSipTrunking, Numbers, Sinch } from "@sinch-effect/products"
import { Layer } from "effect"

/**
 * Credentials, endpoints and one token provider, all from the current `ConfigProvider`. Every product
 * layer below is built on this one, so a command (or the tour) using several products fetches one token.
 *
 * @internal
 */
export const project = Sinch.layerCoreConfig()

/** @internal */
export const numbers = Layer.provide(Numbers.layer, project)

/** @internal */
export const trunks = Layer.provide(ElasticSipTrunking.layer, project)

/** Numbers, Elastic SIP Trunking and Conversation (in `region`) on one token provider, kept in context. @internal */
export const products = (region: Region.Region) => Sinch.layerConfig({ region })

/** @internal */
export const conversation = products
