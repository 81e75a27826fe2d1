// (b) The consumer's own strict tsc over a program that uses every package's public API; the types
// come from the packages' .d.ts (skipLibCheck is off, so those are checked too).
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import {
  AccessToken,
  AuthError,
  NonceStore,
  ProjectCredentials,
  TokenProvider,
  TokenStore
} from "@sinch-effect/auth-core"
import { Cli } from "@sinch-effect/cli"
import { Emulator, EmulatorClient, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { demoData } from "@sinch-effect/emulator/products/conversation"
import { UndiciHttpClient } from "@sinch-effect/node"
import { Conversation, ConversationSchema, Numbers, NumbersSchema, Sinch } from "@sinch-effect/products"
import { RedisClient, RedisNonceStore, RedisTokenStore } from "@sinch-effect/redis"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Effect, Layer, Stream } from "effect"

// A token, typed as the provider hands it out.
const token: Effect.Effect<AccessToken.AccessToken, AuthError.TokenError, TokenProvider.TokenProvider> = Effect.flatMap(
  TokenProvider.TokenProvider,
  (provider) => provider.get
)

// Hand-wired layers, one shared TokenProvider.
const core: Layer.Layer<
  TokenProvider.TokenProvider | ProjectCredentials.ProjectCredentials | SinchEndpoints.SinchEndpoints,
  unknown,
  HttpClient.HttpClient
> = TokenProvider.layer().pipe(
  Layer.provideMerge(ProjectCredentials.layer({ projectId: "p", keyId: "k", keySecret: "s" })),
  Layer.provideMerge(SinchEndpoints.layer())
)
export const numbersLayer = Numbers.layer.pipe(Layer.provide(core))

const firstNumber: Effect.Effect<Chunk.Chunk<NumbersSchema.ActiveNumber>, AuthError.SinchError, Numbers.Numbers> =
  Stream
    .runCollect(Stream.take(Effect.map(Numbers.Numbers, (n) => n.listActiveNumbers()).pipe(Stream.unwrap), 1))

const app: Effect.Effect<ConversationSchema.App, AuthError.SinchError, Conversation.Conversation> = Effect.flatMap(
  Conversation.Conversation,
  (conversation) => conversation.getApp(demoData.euApp)
)

// Everything from the environment, against the in-process emulator or a real HttpClient.
export const inProcess = Effect.all([token, firstNumber, app]).pipe(
  Effect.provide(Sinch.layerConfig().pipe(Layer.provideMerge(EmulatorClient.layerEmulator())))
)
export const overHttp = Effect.all([token, firstNumber, app]).pipe(
  Effect.provide(Sinch.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici)))
)
// The lean transport of @sinch-effect/node, over an agent of its own, the global one or any dispatcher.
export const transports: ReadonlyArray<Layer.Layer<HttpClient.HttpClient>> = [
  UndiciHttpClient.layer,
  UndiciHttpClient.layerWith({ connections: 8 }),
  UndiciHttpClient.layerGlobal
]
export const overUndici = Effect.all([token, firstNumber, app]).pipe(
  Effect.provide(Sinch.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer)))
)

export const counters: Effect.Effect<EmulatorControl.Counters, never, EmulatorControl.EmulatorControl> = Effect
  .flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
export const server: Layer.Layer<
  EmulatorServer.EmulatorServer | Emulator.Emulator | EmulatorControl.EmulatorControl,
  unknown
> = EmulatorServer.layerEmulator({ port: 0 })

export const isAuthError = (u: unknown): boolean => AuthError.isAuthError(u)
export const cliVersion: string = Cli.version

// A fleet: tokens and nonces shared on Redis, one connection per instance.
export const fleetStores: Layer.Layer<TokenStore.TokenStore | NonceStore.NonceStore, never, never> = Layer
  .merge(RedisTokenStore.layer(), RedisNonceStore.layer()).pipe(
    Layer.provide(RedisClient.layer({ url: "redis://127.0.0.1:6379" }))
  )
