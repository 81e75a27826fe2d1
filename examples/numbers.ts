/**
 * Find, rent and configure a Sinch number, then list the project's numbers.
 *
 *   SINCH_PROJECT_ID=… SINCH_KEY_ID=… SINCH_KEY_SECRET=… npx tsx examples/numbers.ts
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> to run it against the local emulator instead.
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Numbers } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Console, Effect, Layer, Option, Stream } from "effect"

const program = Effect.gen(function*() {
  const numbers = yield* Numbers.Numbers

  // A "+" in a pattern is sent as %2B: a raw "+" in a query string would arrive as a space.
  const candidates = yield* numbers.listAvailableNumbers({
    regionCode: "US",
    type: "LOCAL",
    numberPattern: { pattern: "+1202", searchPattern: "START" },
    capabilities: ["SMS", "VOICE"],
    size: 3
  })
  yield* Console.log(`available: ${candidates.map((n) => `${n.phoneNumber} (${n.monthlyPrice?.amount})`).join(", ")}`)

  const first = candidates[0]
  if (first?.phoneNumber === undefined) return yield* Console.log("no number matches")

  const rented = yield* numbers.rentNumber(first.phoneNumber, {
    smsConfiguration: { servicePlanId: "YOUR_service_plan_id" },
    voiceConfiguration: { type: "RTC", appId: "YOUR_voice_app_id" }
  })
  yield* Console.log(
    `rented ${rented.phoneNumber}, SMS provisioning: ${
      rented.smsConfiguration?.scheduledProvisioning?.status ?? "done"
    }`
  )

  yield* numbers.updateActiveNumber(rented.phoneNumber ?? first.phoneNumber, { displayName: "Support line" })

  // Pages are fetched as the stream is pulled: this reads only as many pages as 10 numbers need.
  yield* numbers.listActiveNumbers({ regionCode: "US", pageSize: 5 }).pipe(
    Stream.take(10),
    Stream.runForEach((n) => Console.log(`${n.phoneNumber}  ${n.displayName ?? ""}`))
  )

  const callbacks = yield* numbers.getCallbackConfiguration
  yield* Console.log(`callback secret configured: ${Option.isSome(Option.fromNullable(callbacks.hmacSecret))}`)
}).pipe(
  // Every failure is typed: a 400 carries the API's field violations, a 404 its status.
  Effect.catchTag(
    "SinchApiError",
    (error) =>
      Console.error(`${error.status} ${error.message}`, error.violations.map((v) => `${v.field}: ${v.description}`))
  ),
  Effect.catchTag("InvalidClient", (error) => Console.error(error.message))
)

// One token provider for every product built on these layers: one token request, refreshed in the
// background, from the token endpoint the endpoints configuration names (SINCH_AUTH_URL or the emulator).
const Tokens = Layer.unwrapEffect(
  Effect.map(SinchEndpoints.SinchEndpoints, (endpoints) => TokenProvider.layer({ tokenUrl: endpoints.auth }))
)

const MainLayer = Numbers.layer.pipe(
  Layer.provideMerge(Tokens),
  Layer.provide(Layer.mergeAll(ProjectCredentials.layerConfig(), SinchEndpoints.layerConfig(), FetchHttpClient.layer))
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
