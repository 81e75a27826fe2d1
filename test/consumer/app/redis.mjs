// (e) A fleet of two instances in plain node: each composes Sinch.layerConfig() with its own Redis
// connection (the installed @sinch-effect/redis, SINCH_REDIS_URL from the environment) against one
// installed emulator; the second adopts the first one's token from Redis.
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Numbers, Sinch } from "@sinch-effect/products"
import { RedisClient, RedisTokenStore } from "@sinch-effect/redis"
import { Chunk, ConfigProvider, Effect, Layer, Redacted, Stream } from "effect"

const firstNumber = Effect.flatMap(
  Numbers.Numbers,
  (numbers) => Stream.runCollect(Stream.take(numbers.listActiveNumbers(), 1))
)

const main = Effect.gen(function*() {
  const { baseUrl } = yield* EmulatorServer.EmulatorServer
  const env = new Map([
    ["SINCH_PROJECT_ID", Emulator.demoCredentials.projectId],
    ["SINCH_KEY_ID", Emulator.demoCredentials.keyId],
    ["SINCH_KEY_SECRET", Redacted.value(Emulator.demoCredentials.keySecret)],
    ["SINCH_EMULATOR_URL", baseUrl],
    ["SINCH_CONVERSATION_REGION", "eu"],
    ["SINCH_REDIS_URL", process.env.SINCH_REDIS_URL]
  ])
  // Each instance: its own connection, its own token provider; only Redis is shared.
  const instance = Sinch.layerConfig().pipe(
    Layer.provide(RedisTokenStore.layer().pipe(Layer.provide(RedisClient.layerConfig()))),
    Layer.provide(NodeHttpClient.layerUndici),
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(env)))
  )
  let found = 0
  for (let i = 0; i < 2; i++) found += Chunk.size(yield* Effect.scoped(Effect.provide(firstNumber, instance)))
  const counters = yield* Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
  console.log(`instances: 2; active numbers: ${found}; token requests: ${counters.tokenRequests.total}`)
})

await Effect.runPromise(Effect.scoped(Effect.provide(main, EmulatorServer.layerEmulator())))
