import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"

/** The repository root: the CLI runs from there, as `npm run sinch` does. */
export const root = fileURLToPath(new URL("../../../../", import.meta.url))

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `node --import tsx packages/cli/src/bin.ts ...args` with exactly `env` (plus PATH), so that no
 * SINCH_* variable of the surrounding shell leaks in. Killed if the test is interrupted or times out.
 */
export const sinch = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): Effect.Effect<Run> =>
  Effect.async<Run>((resume) => {
    const child = spawn(process.execPath, ["--import", "tsx", "packages/cli/src/bin.ts", ...args], {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
    child.on("close", (code) => resume(Effect.succeed({ code, stdout, stderr })))
    return Effect.sync(() => child.kill("SIGKILL"))
  }).pipe(
    Effect.timeoutFail({ duration: "20 seconds", onTimeout: () => new Error(`sinch ${args.join(" ")} did not finish`) }),
    Effect.orDie
  )
