/**
 * Verify a phone number by SMS: start the verification, report the code the user typed, read the
 * outcome. Every request is signed with the application key.
 *
 *   SINCH_APPLICATION_KEY=… SINCH_APPLICATION_SECRET=… npx tsx examples/verification.ts +46700000000 1234
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> to run it against the local emulator instead (its code
 * is the number's last four digits).
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ApplicationCredentials } from "@sinch-effect/auth-core"
import { Verification } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Console, Effect, Layer } from "effect"

const [endpoint = "+46700000000", code = "0000"] = process.argv.slice(2)

const program = Effect.gen(function*() {
  const verification = yield* Verification.Verification

  // The SMS's language travels as Accept-Language; the code settings in smsOptions.
  const started = yield* verification.startSms(
    { identity: { type: "number", endpoint }, reference: `signup-${endpoint}`, smsOptions: { expiry: "00:05:00" } },
    { locale: "en-US" }
  )
  yield* Console.log(`started ${started.id}: the SMS reads "${started.sms?.template ?? ""}"`)

  const reported = yield* verification.reportById(started.id, { method: "sms", sms: { code } })
  yield* Console.log(`reported: ${reported.status}${reported.reason === undefined ? "" : ` (${reported.reason})`}`)

  // The same verification, read back by your reference.
  const status = yield* verification.getByReference(`signup-${endpoint}`)
  yield* Console.log(`price: ${status.price?.verificationPrice?.amount ?? "not yet known"}`)
}).pipe(
  // A 4xx is a SinchApiError with the API's errorCode as `code`, e.g. 40400 for an unknown id.
  Effect.catchTag("SinchApiError", (error) => Console.error(`${error.status} ${error.message}`))
)

const MainLayer = Verification.layer().pipe(
  Layer.provide(
    Layer.mergeAll(ApplicationCredentials.layerConfig(), SinchEndpoints.layerConfig(), FetchHttpClient.layer)
  )
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
