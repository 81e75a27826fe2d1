/**
 * What every product service is built with: the client options it accepts, the constructors of its
 * clients, its `makeWith` / `make` / `layer` / `layerWith` (one constructor for project-scoped APIs,
 * one for application-scoped ones) and the one way a request body is encoded from its Schema.
 *
 * A product module supplies its Tag, its API's key in `SinchApi.apis` and `fromClient`; everything
 * else comes from here.
 *
 * @since 0.3.0
 */
import type { HttpClient, HttpMethod } from "@effect/platform"
import type { ApplicationCredentials, AuthError, TokenProvider } from "@sinch-effect/auth-core"
import { AuthStrategy, ProjectCredentials } from "@sinch-effect/auth-core"
import { SinchApi, SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import type { Context } from "effect"
import { Effect, Layer, Schema } from "effect"

/**
 * The client options of a project-scoped service, with the strategy that authenticates it.
 *
 * @since 0.3.0
 * @category models
 */
export interface ProjectOptions<R = never> extends SinchClient.ClientOptions {
  /** How requests are authenticated, e.g. `AuthStrategy.oauth2` (what `layer` uses) or `AuthStrategy.projectBasic`. */
  readonly strategy: Effect.Effect<AuthStrategy.ProjectStrategy, never, R>
}

/**
 * The client options of an application-scoped service (Voice, Verification), with its strategy.
 *
 * @since 0.3.0
 * @category models
 */
export interface ApplicationOptions<R = never> extends SinchClient.ClientOptions {
  /** e.g. `AuthStrategy.applicationSigned()` (what `layer` uses) or `AuthStrategy.applicationBasic`. */
  readonly strategy: Effect.Effect<AuthStrategy.ApplicationStrategy, never, R>
}

/**
 * What a project-scoped service needs besides its strategy's own requirements.
 *
 * @since 0.3.0
 * @category models
 */
export type ProjectContext =
  | ProjectCredentials.ProjectCredentials
  | SinchEndpoints.SinchEndpoints
  | HttpClient.HttpClient

/**
 * What a project-scoped service with OAuth2 tokens from the shared `TokenProvider` needs.
 *
 * @since 0.3.0
 * @category models
 */
export type OAuth2Context = ProjectContext | TokenProvider.TokenProvider

/**
 * What an application-scoped service with its default strategy needs.
 *
 * @since 0.3.0
 * @category models
 */
export type ApplicationContext =
  | ApplicationCredentials.ApplicationCredentials
  | SinchEndpoints.SinchEndpoints
  | HttpClient.HttpClient

/**
 * The APIs whose endpoint is one URL (not a function of a region).
 *
 * @since 0.3.0
 * @category models
 */
export type GlobalApi = {
  readonly [K in SinchApi.Key]: SinchApi.Endpoints[K] extends string ? K : never
}[SinchApi.Key]

/**
 * Encodes a request value with its Schema. Request values are typed, so a failure is a defect (e.g. a
 * non-integer `size`), not an API error.
 *
 * @since 0.3.0
 * @category encoding
 */
export const encode = <A, I>(schema: Schema.Schema<A, I>) => (value: A): Effect.Effect<I> =>
  Effect.orDie(Schema.encode(schema)(value))

/**
 * The one way a request with a body is sent: `request` encoded with `requestSchema`, sent as the body of
 * `method route` through `client`, and the answer decoded with `responseSchema`.
 *
 * @since 0.3.0
 * @category encoding
 */
export const send = <A, I, B, J>(
  client: SinchClient.SinchClient,
  method: HttpMethod.HttpMethod,
  route: string,
  requestSchema: Schema.Schema<A, I>,
  request: NoInfer<A>,
  responseSchema: Schema.Schema<B, J>,
  options: SinchClient.RequestOptions = {}
): Effect.Effect<B, AuthError.SinchError> =>
  Effect.flatMap(
    encode(requestSchema)(request),
    (body) => client.request(method, route, responseSchema, { ...options, body })
  )

/**
 * `send` for an operation whose 2xx body is ignored.
 *
 * @since 0.3.0
 * @category encoding
 */
export const sendVoid = <A, I>(
  client: SinchClient.SinchClient,
  method: HttpMethod.HttpMethod,
  route: string,
  requestSchema: Schema.Schema<A, I>,
  request: NoInfer<A>,
  options: SinchClient.RequestOptions = {}
): Effect.Effect<void, AuthError.SinchError> =>
  Effect.flatMap(encode(requestSchema)(request), (body) => client.requestVoid(method, route, { ...options, body }))

/**
 * `send` for an API that takes forms (Mailgun): `request` encoded with `requestSchema` to form fields (an
 * array repeats its field), followed by `files` (which make the form `multipart/form-data`).
 *
 * @since 0.3.0
 * @category encoding
 */
export const sendForm = <A, I extends FormFields, B, J>(
  client: SinchClient.SinchClient,
  method: HttpMethod.HttpMethod,
  route: string,
  requestSchema: Schema.Schema<A, I>,
  request: NoInfer<A>,
  responseSchema: Schema.Schema<B, J>,
  options: SinchClient.RequestOptions & { readonly files?: ReadonlyArray<SinchClient.FormField> | undefined } = {}
): Effect.Effect<B, AuthError.SinchError> => {
  const { files, ...rest } = options
  return Effect.flatMap(encode(requestSchema)(request), (fields) => {
    const form: Array<SinchClient.FormField> = []
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue
      if (typeof value === "string") form.push({ name, value })
      else for (const item of value) form.push({ name, value: item })
    }
    return client.request(method, route, responseSchema, { ...rest, form: [...form, ...(files ?? [])] })
  })
}

/**
 * What a form request's Schema encodes to.
 *
 * @since 0.3.0
 * @category models
 */
export type FormFields = { readonly [name: string]: string | ReadonlyArray<string> | undefined }

/**
 * A client for `/{version}/projects/{projectId}` under `host`, for the project in context.
 *
 * @since 0.3.0
 * @category constructors
 */
export const projectClient = (
  api: SinchClient.ApiName,
  host: string,
  strategy: AuthStrategy.ProjectStrategy,
  options: SinchClient.ClientOptions,
  version: "v1" | "v2" = "v1"
): Effect.Effect<SinchClient.SinchClient, never, ProjectCredentials.ProjectCredentials | HttpClient.HttpClient> =>
  Effect.flatMap(ProjectCredentials.ProjectCredentials, (credentials) =>
    SinchClient.make({
      ...clientOptions(options),
      api,
      baseUrl: `${host}/${version}/projects/${encodeURIComponent(credentials.projectId)}`,
      strategy,
      projectId: credentials.projectId
    }))

/**
 * A client at `baseUrl` (an application-scoped API addresses no project in its path).
 *
 * @since 0.3.0
 * @category constructors
 */
export const applicationClient = (
  api: SinchClient.ApiName,
  baseUrl: string,
  strategy: AuthStrategy.ApplicationStrategy,
  options: SinchClient.ClientOptions
): Effect.Effect<SinchClient.SinchClient, never, HttpClient.HttpClient> =>
  SinchClient.make({ ...clientOptions(options), api, baseUrl, strategy })

/**
 * A client at `baseUrl` authenticated with the Mailgun API key.
 *
 * @since 0.3.0
 * @category constructors
 */
export const mailgunClient = (
  api: SinchClient.ApiName,
  baseUrl: string,
  strategy: AuthStrategy.MailgunStrategy,
  options: SinchClient.ClientOptions
): Effect.Effect<SinchClient.SinchClient, never, HttpClient.HttpClient> =>
  SinchClient.make({ ...clientOptions(options), api, baseUrl, strategy })

// Only the client options: a product's options object carries its strategy and its own settings too.
const clientOptions = (options: SinchClient.ClientOptions): SinchClient.ClientOptions => ({
  timeout: options.timeout,
  totalTimeout: options.totalTimeout,
  maxResponseBytes: options.maxResponseBytes,
  retry: options.retry,
  transformClient: options.transformClient
})

/**
 * The constructors of a project-scoped service.
 *
 * @since 0.3.0
 * @category models
 */
export interface Project<Self, Service> {
  /** Builds the service with a chosen authentication strategy. */
  readonly makeWith: <R = never>(options: ProjectOptions<R>) => Effect.Effect<Service, never, R | ProjectContext>
  /** Builds the service with OAuth2 tokens from the shared `TokenProvider`. */
  readonly make: Effect.Effect<Service, never, OAuth2Context>
  /** The service with OAuth2 tokens from the shared `TokenProvider`. */
  readonly layer: Layer.Layer<Self, never, OAuth2Context>
  /** The service with another strategy, e.g. `AuthStrategy.projectBasic`. */
  readonly layerWith: <R = never>(options: ProjectOptions<R>) => Layer.Layer<Self, never, R | ProjectContext>
}

/**
 * The constructors of a project-scoped service on one global API (`/v1/projects/{projectId}` under the
 * API's URL in `SinchEndpoints`).
 *
 * @since 0.3.0
 * @category constructors
 */
export const project = <Self, Service>(definition: {
  readonly tag: Context.Tag<Self, Service>
  readonly api: GlobalApi
  readonly fromClient: (client: SinchClient.SinchClient) => Service
}): Project<Self, Service> => {
  const makeWith = <R = never>(options: ProjectOptions<R>): Effect.Effect<Service, never, R | ProjectContext> =>
    Effect.gen(function*() {
      const endpoints = yield* SinchEndpoints.SinchEndpoints
      const strategy = yield* options.strategy
      const name = SinchApi.get(definition.api).name
      const client = yield* projectClient(name, endpoints[definition.api], strategy, options)
      return definition.fromClient(client)
    })
  const make = makeWith({ strategy: AuthStrategy.oauth2 })
  return {
    makeWith,
    make,
    layer: Layer.effect(definition.tag, make),
    layerWith: (options) => Layer.effect(definition.tag, makeWith(options))
  }
}

/**
 * The constructors of an application-scoped service, given its own settings `Config` (e.g. a Voice
 * region): `make` and `layer` sign requests with the application key (`AuthStrategy.applicationSigned`).
 *
 * @since 0.3.0
 * @category models
 */
export interface Application<Self, Service, Config> {
  readonly makeWith: <R = never>(
    options: ApplicationOptions<R> & Config
  ) => Effect.Effect<Service, never, R | SinchEndpoints.SinchEndpoints | HttpClient.HttpClient>
  readonly make: (...config: ConfigArgs<Config>) => Effect.Effect<Service, never, ApplicationContext>
  readonly layer: (...config: ConfigArgs<Config>) => Layer.Layer<Self, never, ApplicationContext>
  readonly layerWith: <R = never>(
    options: ApplicationOptions<R> & Config
  ) => Layer.Layer<Self, never, R | SinchEndpoints.SinchEndpoints | HttpClient.HttpClient>
}

/**
 * The settings argument: optional when every setting is.
 *
 * @since 0.3.0
 * @category models
 */
export type ConfigArgs<Config> = {} extends Config ? [config?: Config | undefined] : [config: Config]

/**
 * The constructors of an application-scoped service: `baseUrl` picks its URL from the endpoints and the
 * service's settings (e.g. `endpoints.voice(config.region)`). An API served from more than one host
 * (Voice: calls on a regional host, application management on one global host) names the others in
 * `otherUrls`; `fromClient` receives a client for each, with the same strategy and options.
 *
 * @since 0.3.0
 * @category constructors
 */
export const application = <Self, Service, Config = {}, Others extends string = never>(definition: {
  readonly tag: Context.Tag<Self, Service>
  readonly api: SinchApi.Key
  readonly baseUrl: (endpoints: SinchEndpoints.Service, config: Config) => string
  readonly otherUrls?: ((endpoints: SinchEndpoints.Service, config: Config) => Record<Others, string>) | undefined
  readonly fromClient: (
    client: SinchClient.SinchClient,
    config: Config,
    others: Record<Others, SinchClient.SinchClient>
  ) => Service
}): Application<Self, Service, Config> => {
  const makeWith = <R = never>(
    options: ApplicationOptions<R> & Config
  ): Effect.Effect<Service, never, R | SinchEndpoints.SinchEndpoints | HttpClient.HttpClient> =>
    Effect.gen(function*() {
      const endpoints = yield* SinchEndpoints.SinchEndpoints
      const strategy = yield* options.strategy
      const name = SinchApi.get(definition.api).name
      const client = yield* applicationClient(name, definition.baseUrl(endpoints, options), strategy, options)
      const urls = definition.otherUrls?.(endpoints, options) ?? ({} as Record<Others, string>)
      const others = yield* Effect.forEach(
        Object.entries<string>(urls),
        ([key, url]) => Effect.map(applicationClient(name, url, strategy, options), (other) => [key, other] as const)
      )
      return definition.fromClient(
        client,
        options,
        Object.fromEntries(others) as Record<Others, SinchClient.SinchClient>
      )
    })
  const make = (...config: ConfigArgs<Config>) =>
    makeWith({ ...(config[0] ?? {}) as Config, strategy: AuthStrategy.applicationSigned() })
  return {
    makeWith,
    make,
    layer: (...config) => Layer.effect(definition.tag, make(...config)),
    layerWith: (options) => Layer.effect(definition.tag, makeWith(options))
  }
}
