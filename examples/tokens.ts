/**
 * The token provider on its own: options, and what `snapshot` tells about the current token.
 *
 *   SINCH_PROJECT_ID=… SINCH_KEY_ID=… SINCH_KEY_SECRET=… npx tsx examples/tokens.ts
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Console, Effect, Layer, Option } from "effect"

// Every option has a default; these are the defaults, spelled out.
export const Tokens = TokenProvider.layer({
  tokenUrl: TokenProvider.defaultTokenUrl, // https://auth.sinch.com/oauth2/token
  refreshRatio: 0.8, // refresh in the background at 80% of the token's life
  refreshJitter: 0.002, // ... plus up to 0.2% of it, never earlier
  requestTimeout: "10 seconds", // deadline of one token request, independent of callers
  retryBase: "500 millis", // first backoff step after a failed token request
  retryMax: "60 seconds" // largest backoff step
}).pipe(Layer.provide(Layer.mergeAll(ProjectCredentials.layerConfig(), FetchHttpClient.layer)))

export const showToken = Effect.gen(function*() {
  const provider = yield* TokenProvider.TokenProvider
  yield* provider.get // the token itself: keep it out of logs
  const snapshot = yield* provider.snapshot // times and state, never the token
  yield* Console.log(`state ${snapshot.state}, ${snapshot.requests} token request(s)`)
  if (Option.isSome(snapshot.token)) {
    const { expiresAt, refreshAt } = snapshot.token.value
    yield* Console.log(`expires ${new Date(expiresAt).toISOString()}, refresh ${new Date(refreshAt).toISOString()}`)
  }
})

if (import.meta.url === `file://${process.argv[1]}`) {
  showToken.pipe(
    Effect.catchAll((error) => Console.error(`${error._tag}: ${error.message}`)),
    Effect.provide(Tokens),
    NodeRuntime.runMain
  )
}
