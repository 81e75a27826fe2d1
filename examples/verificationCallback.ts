/**
 * A Verification callback endpoint: allow SMS verifications of Swedish numbers with a code of six
 * digits, deny every other one, and log every result. Each request is verified with the application
 * key (signature, 5-minute timestamp window, replays) before its body is decoded.
 *
 *   SINCH_APPLICATION_KEY=… SINCH_APPLICATION_SECRET=… npx tsx examples/verificationCallback.ts
 */
import { HttpRouter, HttpServer } from "@effect/platform"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ApplicationCredentials, NonceStore } from "@sinch-effect/auth-core"
import { VerificationCallback } from "@sinch-effect/products"
import { Effect, Layer } from "effect"
import { createServer } from "node:http"

const callback = VerificationCallback.httpApp({
  onRequest: (event) =>
    Effect.succeed(
      event.method === "sms" && event.identity.endpoint?.startsWith("+46")
        ? VerificationCallback.allowSms({ codeType: "Numeric", expiry: "00:05:00" })
        : VerificationCallback.deny
    ),
  onResult: (event) => Effect.log(`verification ${event.id}: ${event.status} ${event.reason ?? ""}`)
})

const router = HttpRouter.empty.pipe(HttpRouter.post("/sinch/verification", callback))

const ServerLive = HttpServer.serve(router).pipe(
  Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 })),
  Layer.provide(Layer.merge(ApplicationCredentials.layerConfig().pipe(Layer.orDie), NonceStore.layerMemory()))
)

NodeRuntime.runMain(Layer.launch(ServerLive))
