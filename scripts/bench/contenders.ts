/**
 * The clients being compared, each pointed at the bench's emulator: ours (`Sinch.layer` on the
 * recommended `UndiciHttpClient.layer`, or another transport), the same `HttpClient` with a fixed
 * `Authorization` header, plain `fetch`, and the official `@sinch/sdk-core` `SinchClient`.
 *
 * @since 0.1.0
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { TokenProvider } from "@sinch-effect/auth-core"
import { Emulator } from "@sinch-effect/emulator"
import { UndiciHttpClient } from "@sinch-effect/node"
import { Conversation, ElasticSipTrunking, Numbers, Sinch } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { SinchClient } from "@sinch/sdk-core"
import { Effect, Layer, ManagedRuntime, Option, Redacted, Stream } from "effect"

/**
 * @since 0.1.0
 * @category constants
 */
export const demo = Emulator.demoCredentials

/**
 * Our layer for one credential set, against the emulator at `baseUrl`, without its HTTP client.
 *
 * @since 0.1.0
 * @category ours
 */
export const sinchLayer = (
  baseUrl: string,
  token?: Omit<TokenProvider.Options, "tokenUrl"> | undefined
): Layer.Layer<Sinch.Services, never, HttpClient.HttpClient> =>
  Layer.orDie(Sinch.layer({
    credentials: { projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret },
    region: "eu",
    endpoints: SinchEndpoints.emulator(baseUrl),
    token
  }))

/**
 * @since 0.1.0
 * @category models
 */
export interface Ours {
  readonly runtime: ManagedRuntime.ManagedRuntime<Sinch.Services, never>
  readonly numbers: Numbers.Service
  readonly est: ElasticSipTrunking.Service
  readonly conversation: Conversation.Service
  readonly tokens: TokenProvider.Service
  readonly run: <A, E>(effect: Effect.Effect<A, E, Sinch.Services>) => Promise<A>
  readonly dispose: () => Promise<void>
}

/**
 * One `Sinch.layer` (one token provider for the three products) with its own undici client.
 *
 * @since 0.1.0
 * @category ours
 */
export const ours = async (
  baseUrl: string,
  token?: Omit<TokenProvider.Options, "tokenUrl"> | undefined,
  transport: Layer.Layer<HttpClient.HttpClient> = UndiciHttpClient.layer
): Promise<Ours> => {
  const runtime = ManagedRuntime.make(sinchLayer(baseUrl, token).pipe(Layer.provide(transport)))
  const [numbers, est, conversation, tokens] = await runtime.runPromise(
    Effect.all([
      Numbers.Numbers,
      ElasticSipTrunking.ElasticSipTrunking,
      Conversation.Conversation,
      TokenProvider.TokenProvider
    ])
  )
  return {
    runtime,
    numbers,
    est,
    conversation,
    tokens,
    run: (effect) => runtime.runPromise(effect),
    dispose: () => runtime.dispose()
  }
}

/**
 * The phone number of one active number of the demo project (the GET every contender repeats).
 *
 * @since 0.1.0
 * @category ours
 */
export const anActiveNumber = async (client: Ours): Promise<string> => {
  const first = await client.run(Stream.runHead(client.numbers.listActiveNumbers({ pageSize: 1 })))
  const phoneNumber = Option.getOrThrowWith(first, () => new Error("the emulator has no active number")).phoneNumber
  if (phoneNumber === undefined) throw new Error("the emulator's first active number has no phoneNumber")
  return phoneNumber
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Bare {
  /** GET an absolute URL with the fixed token, check the status, parse the JSON body. */
  readonly get: (url: string) => Promise<unknown>
  readonly dispose: () => Promise<void>
}

/**
 * The same `HttpClient` as ours, with a fixed `Authorization` header and nothing else.
 *
 * @since 0.1.0
 * @category baselines
 */
export const bare = async (accessToken: string): Promise<Bare> => {
  const runtime = ManagedRuntime.make(UndiciHttpClient.layer)
  const client = (await runtime.runPromise(HttpClient.HttpClient)).pipe(
    HttpClient.mapRequest(
      HttpClientRequest.setHeaders({ authorization: `Bearer ${accessToken}`, accept: "application/json" })
    ),
    HttpClient.filterStatusOk
  )
  return {
    get: (url) => runtime.runPromise(Effect.flatMap(client.get(url), (response) => response.json)),
    dispose: () => runtime.dispose()
  }
}

/**
 * Plain `fetch` (Node's bundled undici) with the fixed token.
 *
 * @since 0.1.0
 * @category baselines
 */
export const rawFetch = (accessToken: string) => async (url: string): Promise<unknown> => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return response.json()
}

/**
 * One official `SinchClient` (one token cache per product API inside it).
 *
 * @since 0.1.0
 * @category official
 */
export const official = (baseUrl: string): SinchClient =>
  new SinchClient({
    projectId: demo.projectId,
    keyId: demo.keyId,
    keySecret: Redacted.value(demo.keySecret),
    // Silent: by default it prints every non-2xx answer (each token 429) to the console.
    logger: null,
    authHostname: `${baseUrl}/auth`,
    numbersHostname: `${baseUrl}/numbers`,
    elasticSipTrunkingHostname: `${baseUrl}/est`,
    // The SDK's region setting stops applying once a hostname is given, so the region is in the prefix.
    conversationHostname: `${baseUrl}/conversation/eu`
  })

/**
 * The URL of `GET …/activeNumbers/{phoneNumber}` at the emulator, encoded as ours sends it.
 *
 * @since 0.1.0
 * @category constants
 */
export const activeNumberUrl = (baseUrl: string, phoneNumber: string): string =>
  `${baseUrl}/numbers/v1/projects/${encodeURIComponent(demo.projectId)}/activeNumbers/${
    encodeURIComponent(phoneNumber)
  }`
