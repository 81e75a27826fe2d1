/**
 * The `sinch` command: `doctor`, `token`, `numbers`, `trunks`, `conversation`, `verify-webhook` and
 * `emulator`. Configuration comes from the current `ConfigProvider` (the environment by default), so
 * the same commands run against production, custom endpoints or an emulator (`SINCH_EMULATOR_URL`).
 *
 * @since 0.1.0
 */
import type * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as CliError from "./CliError.js"
import * as Doctor from "./internal/commands/doctor.js"
import * as Emulator from "./internal/commands/emulator.js"
import * as Products from "./internal/commands/products.js"
import * as Token from "./internal/commands/token.js"
import * as VerifyWebhook from "./internal/commands/verifyWebhook.js"
import { Colour } from "./internal/style.js"
import * as Terminal from "./internal/terminal.js"
import * as Version from "./internal/version.js"

/**
 * @since 0.1.0
 * @category constants
 */
export const version: string = Version.version

/**
 * The root command and its subcommands.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("sinch").pipe(
  Command.withDescription(
    "Authenticate to Sinch APIs and use Numbers, Elastic SIP Trunking and Conversation. " +
      "Every command also accepts --no-color (as does NO_COLOR=1)."
  ),
  Command.withSubcommands([
    Doctor.command,
    Token.command,
    ...Products.commands,
    VerifyWebhook.command,
    Emulator.command
  ])
)

// The auth-core errors carry this global symbol (`Symbol.for`, shared by every copy of the package):
// checking it here keeps the library out of what `sinch --help` loads.
const authErrorTypeId = Symbol.for("@sinch-effect/auth-core/AuthError")

const isSinchError = (u: unknown): u is { readonly _tag: string; readonly message: string } =>
  typeof u === "object" && u !== null && authErrorTypeId in u

/**
 * Any failure of a command as a `CliError`: library errors keep their message, which says what to do.
 *
 * @since 0.1.0
 * @category errors
 */
export const toCliError = (error: unknown): CliError.CliError => {
  if (error instanceof CliError.CliError) return error
  if (CliError.isConfigError(error)) return CliError.fromConfigError(error)
  if (isSinchError(error)) {
    return new CliError.CliError({ message: `${error._tag}: ${error.message}`, exitCode: CliError.ExitCode.Failure })
  }
  if (ValidationError.isValidationError(error)) return CliError.usage(describeValidationError(error))
  const message = typeof error === "object" && error !== null && "message" in error
    ? String(error.message)
    : String(error)
  return CliError.failure(message)
}

/**
 * Options that have an environment variable as alternative: a parser error about the option names it.
 *
 * @since 0.2.0
 * @category constants
 */
export const environmentAlternatives: Readonly<Record<string, string>> = {
  "--region": "SINCH_CONVERSATION_REGION",
  "--secret": "SINCH_WEBHOOK_SECRET"
}

const describeValidationError = (error: ValidationError.ValidationError): string => {
  const text = Terminal.stripAnsi(HelpDoc.toAnsiText(error.error)).trim().replace(/\n{3,}/g, "\n\n")
  const alternatives = Object.entries(environmentAlternatives)
    .filter(([flag]) => text.includes(`'${flag}'`) || text.includes(`${flag} `))
    .map(([flag, variable]) => `${flag} can also be given as ${variable}`)
  return [text, ...alternatives].join("\n")
}

/**
 * How `sinch` writes to the terminal.
 *
 * @since 0.2.0
 * @category models
 */
export interface RunOptions {
  /** Colour the help and the command's own output (default false: as when piped). */
  readonly colour?: boolean | undefined
  /** Wrap the help at this many columns (default 80). */
  readonly width?: number | undefined
}

/**
 * Runs `sinch` with `argv` (as in `process.argv`: runtime and script first), prints a failure on
 * stderr, starting with `error:`, and answers the exit code.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  argv: ReadonlyArray<string>,
  options?: RunOptions
): Effect.Effect<CliError.ExitCode, never, CliApp.CliApp.Environment | HttpClient.HttpClient> =>
  runCommand(command, argv, "sinch", options)

/**
 * Runs any command the way `run` runs `sinch`: failures printed on stderr, the exit code answered.
 *
 * @since 0.1.0
 * @category running
 */
export const runCommand = <Name extends string, E, A>(
  root: Command.Command<Name, CliApp.CliApp.Environment | HttpClient.HttpClient, E, A>,
  argv: ReadonlyArray<string>,
  name: string = "sinch",
  options: RunOptions = {}
): Effect.Effect<CliError.ExitCode, never, CliApp.CliApp.Environment | HttpClient.HttpClient> =>
  Effect.flatMap(Effect.console, (plain) => {
    const colour = options.colour ?? false
    const width = options.width ?? Terminal.defaultWidth
    // The parser writes help with `Console.log` and its errors with `Console.error`: help is
    // coloured only when asked and wrapped to the width; errors are printed below, by us. The
    // command itself gets the plain console back.
    const docs: Console.Console = {
      ...plain,
      log: (...args) =>
        plain.log(
          Terminal.wrap(args.map((arg) => colour ? String(arg) : Terminal.stripAnsi(String(arg))).join(" "), width)
        ),
      error: () => Effect.void
    }
    const handled = Command.transformHandler(
      root,
      (effect) => effect.pipe(Effect.withConsole(plain), Effect.provideService(Colour, colour))
    )
    return Command.run(handled, { name, version })(argv).pipe(
      Effect.withConsole(docs),
      Effect.as(CliError.ExitCode.Ok),
      Effect.catchAllCause((cause) => {
        if (Cause.isInterruptedOnly(cause)) return Effect.succeed(CliError.ExitCode.Interrupted)
        const failure = Cause.failureOption(cause)
        if (failure._tag === "Some") {
          const error = toCliError(failure.value)
          return Effect.as(
            error.message === "" ? Effect.void : plain.error(`error: ${error.message}`),
            error.exitCode
          )
        }
        // A defect: report it without the cause's values, which could hold request data.
        const defect = Cause.squash(cause)
        return Effect.as(
          plain.error(`internal error: ${defect instanceof Error ? defect.message : String(defect)}`),
          CliError.ExitCode.Failure
        )
      })
    )
  })
