/**
 * A client for an endpoint the product services do not cover, built on the same middleware:
 * authentication on every attempt, typed errors, retries within budgets, deadlines, a span per call.
 *
 *   SINCH_PROJECT_ID=… SINCH_KEY_ID=… SINCH_KEY_SECRET=… npx tsx examples/middleware.ts +12025550100
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import { Console, Effect, Layer, Schema } from "effect"

// Only the fields this program reads; unknown fields are dropped.
const ActiveNumber = Schema.Struct({ phoneNumber: Schema.String, displayName: Schema.optional(Schema.String) })

export const numbersClient = Effect.gen(function*() {
  const endpoints = yield* SinchEndpoints.SinchEndpoints
  const { projectId } = yield* ProjectCredentials.ProjectCredentials
  return yield* SinchClient.make({
    api: "Numbers",
    baseUrl: `${endpoints.numbers}/v1/projects/${projectId}`,
    strategy: yield* AuthStrategy.oauth2,
    projectId,
    timeout: "10 seconds",
    retry: { maxAttempts: 3, base: "200 millis" }
  })
})

export const getActiveNumber = (phoneNumber: string) =>
  Effect.flatMap(numbersClient, (client) =>
    // The path value is percent-encoded: "+12025550100" is sent as %2B12025550100.
    client.request("GET", "/activeNumbers/{phoneNumber}", ActiveNumber, { path: { phoneNumber } }))

const Tokens = Layer.unwrapEffect(
  Effect.map(SinchEndpoints.SinchEndpoints, (endpoints) => TokenProvider.layer({ tokenUrl: endpoints.auth }))
)

const MainLayer = Tokens.pipe(
  Layer.provideMerge(
    Layer.mergeAll(ProjectCredentials.layerConfig(), SinchEndpoints.layerConfig(), FetchHttpClient.layer)
  )
)

if (import.meta.url === `file://${process.argv[1]}`) {
  getActiveNumber(process.argv[2] ?? "+12025550100").pipe(
    Effect.flatMap((number) => Console.log(`${number.phoneNumber} ${number.displayName ?? ""}`)),
    Effect.catchAll((error) => Console.error(`${error._tag}: ${error.message}`)),
    Effect.provide(MainLayer),
    NodeRuntime.runMain
  )
}
