/**
 * The `sinch` command: `doctor`, `token`, `numbers`, `trunks`, `conversation`, `verify-webhook` and
 * `emulator`. Configuration comes from the current `ConfigProvider` (the environment by default), so
 * the same commands run against production, custom endpoints or an emulator (`SINCH_EMULATOR_URL`).
 *
 * @since 0.1.0
 */
import type { CliApp } from "@effect/cli"
import { Command, ValidationError } from "@effect/cli"
import type { HttpClient } from "@effect/platform"
import { AuthError } from "@sinch-effect/auth-core"
import { Cause, Console, Effect } from "effect"
import * as CliError from "./CliError.js"
import * as Conversation from "./internal/commands/conversation.js"
import * as Doctor from "./internal/commands/doctor.js"
import * as Emulator from "./internal/commands/emulator.js"
import * as Numbers from "./internal/commands/numbers.js"
import * as Token from "./internal/commands/token.js"
import * as Trunks from "./internal/commands/trunks.js"
import * as VerifyWebhook from "./internal/commands/verifyWebhook.js"

/**
 * @since 0.1.0
 * @category constants
 */
export const version = "0.2.0"

/**
 * The root command and its subcommands.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("sinch").pipe(
  Command.withDescription("Authenticate to Sinch APIs and use Numbers, Elastic SIP Trunking and Conversation"),
  Command.withSubcommands([
    Doctor.command,
    Token.command,
    Numbers.command,
    Trunks.command,
    Conversation.command,
    VerifyWebhook.command,
    Emulator.command
  ])
)


/**
 * Any failure of a command as a `CliError`: library errors keep their message, which says what to do.
 *
 * @since 0.1.0
 * @category errors
 */
export const toCliError = (error: unknown): CliError.CliError => {
  if (error instanceof CliError.CliError) return error
  if (CliError.isConfigError(error)) return CliError.fromConfigError(error)
  if (AuthError.isAuthError(error)) return CliError.fromSinchError(error)
  if (ValidationError.isValidationError(error)) return CliError.usage("")
  const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error)
  return CliError.failure(message)
}

/**
 * Runs `sinch` with `argv` (as in `process.argv`: runtime and script first), prints a failure on
 * stderr and answers the exit code. Usage errors were already printed by the parser, with help.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<CliError.ExitCode | 130, never, CliApp.CliApp.Environment | HttpClient.HttpClient> =>
  runCommand(command, argv)

/**
 * Runs any command the way `run` runs `sinch`: failures printed on stderr, the exit code answered.
 *
 * @since 0.1.0
 * @category running
 */
export const runCommand = <Name extends string, E, A>(
  root: Command.Command<Name, CliApp.CliApp.Environment | HttpClient.HttpClient, E, A>,
  argv: ReadonlyArray<string>,
  name: string = "sinch"
): Effect.Effect<CliError.ExitCode | 130, never, CliApp.CliApp.Environment | HttpClient.HttpClient> =>
  Command.run(root, { name, version })(argv).pipe(
    Effect.as(CliError.ExitCode.Ok),
    Effect.catchAllCause((cause) => {
      if (Cause.isInterruptedOnly(cause)) return Effect.succeed(130 as const)
      const failure = Cause.failureOption(cause)
      if (failure._tag === "Some") {
        const error = toCliError(failure.value)
        return Effect.as(error.message === "" ? Effect.void : Console.error(`error: ${error.message}`), error.exitCode)
      }
      // A defect: report it without the cause's values, which could hold request data.
      const defect = Cause.squash(cause)
      return Effect.as(
        Console.error(`internal error: ${defect instanceof Error ? defect.message : String(defect)}`),
        CliError.ExitCode.Failure
      )
    })
  )
