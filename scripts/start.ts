/**
 * `npm start`: the doctor and a short tour, against an embedded emulator when no SINCH_* credentials
 * are set, else read-only against the configured Sinch (writes only with `--write`).
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Start from "@sinch-effect/cli/Start"
import { Effect, Layer, Logger, LogLevel } from "effect"

let exitCode = 0

Start.run(process.argv).pipe(
  Effect.tap((code) => Effect.sync(() => (exitCode = code))),
  Effect.provide(Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)),
  Logger.withMinimumLogLevel(LogLevel.Error),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    teardown: (exit) => process.exit(exit._tag === "Success" ? exitCode : 1)
  })
)
