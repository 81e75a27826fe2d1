import { Console, Effect } from "effect"

export interface Captured {
  readonly stdout: () => string
  readonly stderr: () => string
}

/** Runs `effect` with `Console.log` / `Console.error` captured instead of printed. */
export const capture = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<readonly [A, Captured], E, R> =>
  Effect.flatMap(Effect.console, (current) => {
    const out: Array<string> = []
    const err: Array<string> = []
    const line = (args: ReadonlyArray<unknown>) => args.map(String).join(" ")
    const console: Console.Console = {
      ...current,
      log: (...args) => Effect.sync(() => void out.push(line(args))),
      info: (...args) => Effect.sync(() => void out.push(line(args))),
      error: (...args) => Effect.sync(() => void err.push(line(args))),
      warn: (...args) => Effect.sync(() => void err.push(line(args)))
    }
    return Effect.map(
      Effect.withConsole(effect, console),
      (a) => [a, { stdout: () => out.join("\n"), stderr: () => err.join("\n") }] as const
    )
  })
