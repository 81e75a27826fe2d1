/**
 * Call a number and speak a message, then dial it into a conference and mute it there. Every request
 * is signed with the application key; calls go to the region you name, application management to its
 * one global host.
 *
 *   SINCH_APPLICATION_KEY=… SINCH_APPLICATION_SECRET=… npx tsx examples/voice.ts +46700000000
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> to run it against the local emulator instead.
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ApplicationCredentials } from "@sinch-effect/auth-core"
import { Voice, VoiceSvaml } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Console, Effect, Layer } from "effect"

const [endpoint = "+46700000000"] = process.argv.slice(2)

const program = Effect.gen(function*() {
  const voice = yield* Voice.Voice

  // A text-to-speech call: Sinch calls the number and reads the text.
  const tts = yield* voice.ttsCallout({
    destination: { type: "number", endpoint },
    locale: "en-US",
    text: "Your table is ready.",
    enableDice: true
  })
  yield* Console.log(`tts call ${tts.callId}`)

  // Take over the call while it is in progress: say goodbye and hang up.
  yield* voice.updateCall(
    tts.callId,
    VoiceSvaml.response({
      instructions: [VoiceSvaml.say("Goodbye.", { locale: "en-US" })],
      action: VoiceSvaml.hangup
    })
  )

  // A conference callout: the callee joins "standup" when it answers.
  const joined = yield* voice.conferenceCallout({
    destination: { type: "number", endpoint },
    conferenceId: "standup",
    greeting: "Welcome to the standup.",
    mohClass: "music1"
  })
  const conference = yield* voice.getConference("standup")
  yield* Console.log(`participants: ${conference.participants?.length ?? 0}`)
  yield* voice.muteParticipant("standup", joined.callId)

  // Application management: which numbers route to which application.
  const numbers = yield* voice.listNumbers
  for (const number of numbers.numbers ?? []) {
    yield* Console.log(`${number.number}: ${number.applicationkey ?? "unassigned"} (${number.capability})`)
  }
}).pipe(
  // A 4xx is a SinchApiError with the API's errorCode as `code`, e.g. 40400 for an unknown call.
  Effect.catchTag("SinchApiError", (error) => Console.error(`${error.status} ${error.message}`))
)

const MainLayer = Voice.layer({ region: "euc1" }).pipe(
  Layer.provide(
    Layer.mergeAll(ApplicationCredentials.layerConfig(), SinchEndpoints.layerConfig(), FetchHttpClient.layer)
  )
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
