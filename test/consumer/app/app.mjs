// (a) A plain-node ESM program: Sinch.layerConfig() over the installed @sinch-effect/node transport,
// against an emulator served on 127.0.0.1 by the installed @sinch-effect/emulator, with every value
// taken from the environment.
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { demoData } from "@sinch-effect/emulator/products/conversation"
import { UndiciHttpClient } from "@sinch-effect/node"
import { Conversation, ElasticSipTrunking, Numbers, Sinch } from "@sinch-effect/products"
import { Chunk, ConfigProvider, Effect, Layer, Redacted, Stream } from "effect"

const program = Effect.gen(function*() {
  const numbers = yield* Numbers.Numbers
  const trunks = yield* ElasticSipTrunking.ElasticSipTrunking
  const conversation = yield* Conversation.Conversation
  const [active, sipTrunks, app] = yield* Effect.all([
    Stream.runCollect(Stream.take(numbers.listActiveNumbers(), 1)),
    Stream.runCollect(Stream.take(trunks.listSipTrunks(), 1)),
    conversation.getApp(demoData.euApp)
  ], { concurrency: "unbounded" })
  return { active: Chunk.size(active), trunks: Chunk.size(sipTrunks), app: app.id }
})

const main = Effect.gen(function*() {
  const { baseUrl } = yield* EmulatorServer.EmulatorServer
  const env = new Map([
    ["SINCH_PROJECT_ID", Emulator.demoCredentials.projectId],
    ["SINCH_KEY_ID", Emulator.demoCredentials.keyId],
    ["SINCH_KEY_SECRET", Redacted.value(Emulator.demoCredentials.keySecret)],
    ["SINCH_EMULATOR_URL", baseUrl],
    ["SINCH_CONVERSATION_REGION", "eu"]
  ])
  const result = yield* program.pipe(
    Effect.provide(
      Sinch.layerConfig().pipe(
        Layer.provide(UndiciHttpClient.layer),
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(env)))
      )
    )
  )
  const counters = yield* Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
  const local = baseUrl.startsWith("http://127.0.0.1:")
  console.log(
    `token requests: ${counters.tokenRequests.total}; active numbers: ${result.active}; sip trunks: ${result.trunks}; ` +
      `conversation app: ${result.app === demoData.euApp ? "demo eu app" : result.app}; emulator on 127.0.0.1: ${local}`
  )
})

await Effect.runPromise(Effect.scoped(Effect.provide(main, EmulatorServer.layerEmulator())))
