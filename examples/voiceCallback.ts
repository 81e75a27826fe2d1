/**
 * A Voice callback endpoint: an incoming call hears a menu; pressing 1 connects it to the support
 * number, 2 to the "lobby" conference; every ended call is logged. Each request is verified with the
 * application key (signature, 5-minute timestamp window, replays) before its body is decoded.
 *
 *   SINCH_APPLICATION_KEY=… SINCH_APPLICATION_SECRET=… npx tsx examples/voiceCallback.ts
 */
import { HttpRouter, HttpServer } from "@effect/platform"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ApplicationCredentials, NonceStore } from "@sinch-effect/auth-core"
import { VoiceCallback, VoiceSvaml } from "@sinch-effect/products"
import { Effect, Layer } from "effect"
import { createServer } from "node:http"

const menu = VoiceSvaml.runMenu({
  locale: "en-US",
  menus: [{
    id: "main",
    mainPrompt: "#tts[Press 1 for support, 2 for the lobby.]",
    options: [{ dtmf: "1", action: "return(support)" }, { dtmf: "2", action: "return(lobby)" }]
  }]
})

const callback = VoiceCallback.httpApp({
  // ICE: answer the call and play the menu.
  onIce: () => Effect.succeed(VoiceSvaml.response({ instructions: [VoiceSvaml.answer], action: menu })),
  // PIE: the caller's choice.
  onPie: (event) =>
    Effect.succeed(
      event.menuResult?.value === "support"
        ? VoiceSvaml.response({ action: VoiceSvaml.connectPstn("+46700000000", { maxDuration: 3600 }) })
        : event.menuResult?.value === "lobby"
        ? VoiceSvaml.response({ action: VoiceSvaml.connectConf("lobby", { moh: "music1" }) })
        : VoiceSvaml.response({ instructions: [VoiceSvaml.say("Goodbye.")], action: VoiceSvaml.hangup })
    ),
  // DiCE: told, answered with an empty 200.
  onDice: (event) => Effect.log(`call ${event.callid} ended: ${event.result ?? ""} ${event.reason ?? ""}`)
})

const router = HttpRouter.empty.pipe(HttpRouter.post("/sinch/voice", callback))

const ServerLive = HttpServer.serve(router).pipe(
  Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 })),
  Layer.provide(Layer.merge(ApplicationCredentials.layerConfig().pipe(Layer.orDie), NonceStore.layerMemory()))
)

NodeRuntime.runMain(Layer.launch(ServerLive))
