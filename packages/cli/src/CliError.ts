/**
 * Why a `sinch` command failed, and the exit code it ends with. Every message says what to do and
 * none contains a secret: the library errors it wraps never carry one, and configuration errors name
 * the variable, never its value.
 *
 * @since 0.1.0
 */
import type { AuthError } from "@sinch-effect/auth-core"
import * as ConfigError from "effect/ConfigError"
import * as Data from "effect/Data"

/**
 * The exit codes of `sinch`.
 *
 * - `0` success (for `doctor`: every check passed; skipped checks only with `--allow-skipped`),
 * - `1` a Sinch call or a doctor check failed,
 * - `2` bad usage: unknown command, bad flag or argument, unreadable input file,
 * - `3` configuration: missing or malformed credentials, endpoint URLs or region,
 * - `130` interrupted (Ctrl-C).
 *
 * @since 0.1.0
 * @category constants
 */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  Config: 3,
  Interrupted: 130
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type ExitCode = typeof ExitCode[keyof typeof ExitCode]

/**
 * @since 0.1.0
 * @category errors
 */
export class CliError extends Data.TaggedError("CliError")<{
  readonly message: string
  readonly exitCode: ExitCode
}> {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const usage = (message: string): CliError => new CliError({ message, exitCode: ExitCode.Usage })

/**
 * @since 0.1.0
 * @category constructors
 */
export const failure = (message: string): CliError => new CliError({ message, exitCode: ExitCode.Failure })

/**
 * A failed Sinch call; the error's message already says what to do.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromSinchError = (error: AuthError.SinchError): CliError =>
  new CliError({ message: `${error._tag}: ${error.message}`, exitCode: ExitCode.Failure })

/**
 * Each problem of a configuration error on its own line, naming the variable.
 *
 * @since 0.1.0
 * @category formatting
 */
export const describeConfigError = (error: ConfigError.ConfigError): ReadonlyArray<string> => {
  switch (error._op) {
    case "And":
    case "Or":
      return [...new Set([...describeConfigError(error.left), ...describeConfigError(error.right)])]
    case "MissingData":
      return [`${error.path[error.path.length - 1] ?? "a variable"} is not set`]
    case "InvalidData": {
      // Our credential and endpoint checks already start with the variable's name.
      const name = error.path[error.path.length - 1]
      return [name === undefined || error.message.startsWith(name) ? error.message : `${name}: ${error.message}`]
    }
    case "SourceUnavailable":
    case "Unsupported":
      return [error.message]
  }
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const fromConfigError = (error: ConfigError.ConfigError): CliError =>
  new CliError({ message: describeConfigError(error).join("\n"), exitCode: ExitCode.Config })

/**
 * @since 0.1.0
 * @category guards
 */
export const isConfigError: (u: unknown) => u is ConfigError.ConfigError = ConfigError.isConfigError
