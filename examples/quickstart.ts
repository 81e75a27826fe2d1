/**
 * One Effect program using Numbers, Elastic SIP Trunking and Conversation through one shared token.
 *
 *   SINCH_PROJECT_ID=… SINCH_KEY_ID=… SINCH_KEY_SECRET=… SINCH_CONVERSATION_REGION=eu npx tsx examples/quickstart.ts
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> (from `npm run sinch -- emulator`) to run it locally.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { TokenProvider } from "@sinch-effect/auth-core"
import { UndiciHttpClient } from "@sinch-effect/node"
import { Conversation, ElasticSipTrunking, Numbers, Sinch } from "@sinch-effect/products"
import { Console, Effect, Stream } from "effect"

const program = Effect.gen(function*() {
  const numbers = yield* Numbers.Numbers
  const trunks = yield* ElasticSipTrunking.ElasticSipTrunking
  const conversation = yield* Conversation.Conversation

  // Lists are lazy Streams: only the pages needed for the first 5 numbers are fetched.
  const active = yield* Stream.runCollect(Stream.take(numbers.listActiveNumbers(), 5))
  yield* Console.log(`active numbers: ${[...active].map((n) => n.phoneNumber).join(", ") || "none"}`)

  const firstTrunks = yield* Stream.runCollect(Stream.take(trunks.listSipTrunks(), 5))
  yield* Console.log(`SIP trunks: ${[...firstTrunks].map((t) => t.name).join(", ") || "none"}`)

  const apps = yield* conversation.listApps
  yield* Console.log(`Conversation apps in this region: ${apps.map((a) => a.display_name).join(", ") || "none"}`)

  // One token served all three products.
  const token = yield* Effect.flatMap(TokenProvider.TokenProvider, (provider) => provider.snapshot)
  yield* Console.log(`token requests: ${token.requests}`)
}).pipe(
  // Every failure is typed: InvalidClient, AccessDenied, WrongRegion, RateLimited, ... each says how to fix it.
  Effect.catchAll((error) => Console.error(`${error._tag}: ${error.message}`))
)

program.pipe(
  Effect.provide(Sinch.layerConfig()),
  Effect.provide(UndiciHttpClient.layer),
  NodeRuntime.runMain
)
