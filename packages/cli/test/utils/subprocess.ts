import { Deferred, Effect } from "effect"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The repository root: the CLI runs from there, as `npm run sinch` does. */
export const root = fileURLToPath(new URL("../../../../", import.meta.url))

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The sources, through tsx, resolving `@sinch-effect/*` to their sources too (no build needed). */
const command = ["--conditions=@sinch-effect/source", "--import", "tsx", "packages/cli/src/bin.ts"]

/**
 * Runs `node --import tsx packages/cli/src/bin.ts ...args` with exactly `env` (plus PATH), so that no
 * SINCH_* variable of the surrounding shell leaks in. Killed if the test is interrupted or times out.
 */
export const sinch = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): Effect.Effect<Run> =>
  interactive(args, env, () => Effect.void)

/**
 * Like `sinch`, and meanwhile runs `during` with a way to signal the process and a signal that
 * completes once stdout contains a given text.
 */
export const interactive = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>>,
  during: (process: {
    readonly kill: (signal: NodeJS.Signals) => Effect.Effect<void>
    readonly printed: (text: string) => Effect.Effect<void>
  }) => Effect.Effect<void>,
  options: { readonly tty?: boolean | undefined } = {}
): Effect.Effect<Run> =>
  Effect.gen(function*() {
    const done = yield* Deferred.make<Run>()
    const waiting: Array<readonly [string, Deferred.Deferred<void>]> = []
    let stdout = ""
    let stderr = ""
    // A pseudo-terminal through util-linux `script`, so that the program sees a TTY on stdout.
    const [file, argv] = options.tty === true
      ? ["script", [
        "-qec",
        [process.execPath, ...command, ...args].map((a) => `'${a}'`).join(" "),
        "/dev/null"
      ]] as const
      : [process.execPath, [...command, ...args]] as const
    const child = spawn(file, argv, {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
      for (const [text, signal] of waiting) if (stdout.includes(text)) Deferred.unsafeDone(signal, Effect.void)
    })
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
    child.on("close", (code) => Deferred.unsafeDone(done, Effect.succeed({ code, stdout, stderr })))
    yield* Effect.addFinalizer(() => Effect.sync(() => child.kill("SIGKILL")))
    yield* during({
      kill: (signal) => Effect.sync(() => void child.kill(signal)),
      printed: (text) =>
        Effect.flatMap(Deferred.make<void>(), (signal) => {
          waiting.push([text, signal])
          if (stdout.includes(text)) Deferred.unsafeDone(signal, Effect.void)
          return Deferred.await(signal)
        })
    })
    return yield* Deferred.await(done)
  }).pipe(
    Effect.scoped,
    Effect.timeoutFail({
      duration: "60 seconds",
      onTimeout: () => new Error(`sinch ${args.join(" ")} did not finish`)
    }),
    Effect.orDie
  )
