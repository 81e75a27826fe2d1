import type { Region } from "@sinch-effect/auth-core"
import { ApplicationCredentials } from "@sinch-effect/auth-core"
import type { Product } from "@sinch-effect/products"
import { AccessKeys, ElasticSipTrunking, Mailgun, Numbers, Sinch, Verification, Voice } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Layer } from "effect"

/**
 * Credentials, endpoints and one token provider, all from the current `ConfigProvider`. Every product
 * layer below is built on this one, so a command (or the tour) using several products fetches one token.
 *
 * @internal
 */
export const project = Sinch.layerCoreConfig()

/** A project-scoped product's layer on the shared `project` core. @internal */
export const onProject = <A, E>(layer: Layer.Layer<A, E, Product.OAuth2Context>) => Layer.provide(layer, project)

/** @internal */
export const numbers = onProject(Numbers.layer)

/** Access Keys, with the core kept in context: a rotation switches the same token provider. @internal */
export const accessKeys = Layer.provideMerge(AccessKeys.layer, project)

/** @internal */
export const trunks = onProject(ElasticSipTrunking.layer)

/** Numbers, Elastic SIP Trunking and Conversation (in `region`) on one token provider, kept in context. @internal */
export const products = (region: Region.Region) => Sinch.layerConfig({ region })

/** @internal */
export const conversation = products

const application = Layer.merge(ApplicationCredentials.layerConfig(), SinchEndpoints.layerConfig())

/** Verification, signed with the application key of SINCH_APPLICATION_KEY / SINCH_APPLICATION_SECRET. @internal */
export const verification = Verification.layer().pipe(Layer.provide(application))

/**
 * Voice on the calling host of `region` (none: `calling.api.sinch.com`), signed with the application
 * key, with the application credentials kept in context (commands default to its key).
 *
 * @internal
 */
export const voice = (region?: SinchEndpoints.VoiceRegion | undefined) =>
  Voice.layer({ region }).pipe(Layer.provideMerge(application))

/** Mailgun, with the key and region of MAILGUN_API_KEY / MAILGUN_REGION. @internal */
export const mailgun = Mailgun.layerConfig()
