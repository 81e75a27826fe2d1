/**
 * What `sinch` runs for everything but `--version`: the command tree on Node, with the terminal's
 * colour and width, and the documented exit codes (130 when interrupted by Ctrl-C).
 *
 * @internal
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Cli from "../Cli.js"
import * as CliError from "../CliError.js"
import * as Terminal from "./terminal.js"

const [runtime = "node", script = "sinch", ...args] = process.argv
// `--no-color` is accepted anywhere before `--`, by every command.
const separator = args.indexOf("--")
const options = separator < 0 ? args : args.slice(0, separator)
const noColorFlag = options.includes("--no-color")
const argv = [
  runtime,
  script,
  ...options.filter((arg) => arg !== "--no-color"),
  ...(separator < 0 ? [] : args.slice(separator))
]

let exitCode: number = CliError.ExitCode.Ok

Cli.run(argv, {
  colour: Terminal.colourEnabled({ isTTY: process.stdout.isTTY, env: process.env, noColorFlag }),
  width: Terminal.terminalWidth({ env: process.env, columns: process.stdout.columns })
}).pipe(
  Effect.tap((code) => Effect.sync(() => (exitCode = code))),
  Effect.provide(Layer.merge(NodeContext.layer, NodeHttpClient.layerUndici)),
  // Background warnings (e.g. a failed token refresh) would interleave with the output; errors stay.
  Logger.withMinimumLogLevel(LogLevel.Error),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    // Exit as soon as the command is done, with its code: nothing is left to wait for. Ctrl-C (or
    // SIGTERM) interrupts the command, whose finalizers run first: exit 130, as shells report SIGINT.
    teardown: (exit) =>
      process.exit(
        Exit.isSuccess(exit)
          ? exitCode
          : Cause.isInterruptedOnly(exit.cause)
          ? CliError.ExitCode.Interrupted
          : CliError.ExitCode.Failure
      )
  })
)
