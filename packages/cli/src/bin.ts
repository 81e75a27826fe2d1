#!/usr/bin/env node
/**
 * The `sinch` executable.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect, Layer, Logger, LogLevel } from "effect"
import * as Cli from "./Cli.js"

let exitCode = 0

Cli.run(process.argv).pipe(
  Effect.tap((code) => Effect.sync(() => (exitCode = code))),
  Effect.provide(Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)),
  // Background warnings (e.g. a failed token refresh) would interleave with the output; errors stay.
  Logger.withMinimumLogLevel(LogLevel.Error),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    // Exit as soon as the command is done, with its code: nothing is left to wait for.
    teardown: (exit) => process.exit(exit._tag === "Success" ? exitCode : 1)
  })
)
