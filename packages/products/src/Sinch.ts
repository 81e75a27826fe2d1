/**
 * Everything in one Layer: credentials, endpoints, ONE shared `TokenProvider` and the Numbers, Elastic
 * SIP Trunking, Conversation and Access Keys services built on it. Where the official SDK fetches a
 * token per product, an application built on this layer fetches one token for all of them.
 *
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Numbers, Sinch } from "@sinch-effect/products"
 * import { Effect, Stream } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const numbers = yield* Numbers.Numbers
 *   return yield* Stream.runCollect(numbers.listActiveNumbers({ regionCode: "US" }))
 * })
 *
 * program.pipe(Effect.provide(Sinch.layerConfig()), Effect.provide(FetchHttpClient.layer), Effect.runPromise)
 * ```
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { ProjectCredentials, Region, TokenProvider } from "@sinch-effect/auth-core"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import type { ConfigError } from "effect"
import { Config, Effect, Layer } from "effect"
import * as AccessKeys from "./AccessKeys.js"
import * as Conversation from "./Conversation.js"
import * as ElasticSipTrunking from "./ElasticSipTrunking.js"
import * as Numbers from "./Numbers.js"

/** The registry of the services in `layer`: one line per product. */
const products = (conversation: Conversation.Config) =>
  Layer.mergeAll(
    Numbers.layer,
    ElasticSipTrunking.layer,
    Conversation.layer(conversation),
    AccessKeys.layer
  )

/**
 * What the core layer provides: the pieces every product service is built from.
 *
 * @since 0.1.0
 * @category models
 */
export type Core = ProjectCredentials.ProjectCredentials | SinchEndpoints.SinchEndpoints | TokenProvider.TokenProvider

/**
 * What `layer` and `layerConfig` provide.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Core | Layer.Layer.Success<ReturnType<typeof products>>

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly credentials: ProjectCredentials.Input
  /** The region of the project's Conversation apps. */
  readonly region: Region.Region
  /** Per-API URL overrides (e.g. `SinchEndpoints.emulator(url)` to use a local emulator). */
  readonly endpoints?: SinchEndpoints.Overrides | undefined
  /** Token lifecycle tuning; the token URL comes from the endpoints. */
  readonly token?: Omit<TokenProvider.Options, "tokenUrl"> | undefined
  /** Options of the Conversation service other than its region. */
  readonly conversation?: Omit<Conversation.Config, "region"> | undefined
}

/**
 * The token provider, at the token URL of the endpoints in context (so `SINCH_AUTH_URL` and
 * `SINCH_EMULATOR_URL` move it along with the APIs).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTokenProvider = (
  options?: Omit<TokenProvider.Options, "tokenUrl"> | undefined
): Layer.Layer<
  TokenProvider.TokenProvider,
  never,
  SinchEndpoints.SinchEndpoints | ProjectCredentials.ProjectCredentials | HttpClient.HttpClient
> =>
  Layer.unwrapEffect(
    Effect.map(SinchEndpoints.SinchEndpoints, (endpoints) =>
      TokenProvider.layer({ ...options, tokenUrl: endpoints.auth }))
  )

const core = <E, E2>(
  credentials: Layer.Layer<ProjectCredentials.ProjectCredentials, E>,
  endpoints: Layer.Layer<SinchEndpoints.SinchEndpoints, E2>,
  token: Omit<TokenProvider.Options, "tokenUrl"> | undefined
): Layer.Layer<Core, E | E2, HttpClient.HttpClient> =>
  layerTokenProvider(token).pipe(Layer.provideMerge(Layer.merge(credentials, endpoints)))

/**
 * Credentials and endpoints from values.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Services, ConfigError.ConfigError, HttpClient.HttpClient> =>
  products({ ...options.conversation, region: options.region }).pipe(
    Layer.provideMerge(
      core(ProjectCredentials.layer(options.credentials), SinchEndpoints.layer(options.endpoints), options.token)
    )
  )

/**
 * `SINCH_CONVERSATION_REGION`: `us`, `eu` or `br`.
 *
 * @since 0.1.0
 * @category config
 */
export const regionConfig: Config.Config<Region.Region> = Config.literal(...Region.all)("SINCH_CONVERSATION_REGION")

/**
 * Only the core (credentials, endpoints, shared token provider) from the environment, for applications
 * that pick their products themselves: `Numbers.layer.pipe(Layer.provideMerge(Sinch.layerCoreConfig()))`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerCoreConfig = (
  options?: { readonly token?: Omit<TokenProvider.Options, "tokenUrl"> | undefined } | undefined
): Layer.Layer<Core, ConfigError.ConfigError, HttpClient.HttpClient> =>
  core(ProjectCredentials.layerConfig(), SinchEndpoints.layerConfig(), options?.token)

/**
 * Everything from the environment: `SINCH_PROJECT_ID`, `SINCH_KEY_ID`, `SINCH_KEY_SECRET`, the endpoint
 * variables of `SinchEndpoints.layerConfig` and the Conversation region (`options.region`, else
 * `SINCH_CONVERSATION_REGION`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options?: Omit<Partial<Options>, "credentials" | "endpoints"> | undefined
): Layer.Layer<Services, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.map(
      options?.region === undefined ? regionConfig : Effect.succeed(options.region),
      (region) => products({ ...options?.conversation, region })
    )
  ).pipe(Layer.provideMerge(layerCoreConfig({ token: options?.token })))
