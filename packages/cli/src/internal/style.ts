import * as Context from "effect/Context"

/**
 * Whether the running command may colour its output on stdout (a terminal, no `NO_COLOR`, no
 * `--no-color`). False unless `Cli.run` was told otherwise.
 *
 * @internal
 */
export class Colour extends Context.Reference<Colour>()("@sinch-effect/cli/Colour", {
  defaultValue: (): boolean => false
}) {}

const codes = { green: 32, red: 31, yellow: 33 } as const

/** `text` in `colour` when `enabled`. @internal */
export const paint = (enabled: boolean, colour: keyof typeof codes, text: string): string =>
  enabled ? `\u001b[${codes[colour]}m${text}\u001b[39m` : text
