/**
 * The bench's emulator: a child process serving on 127.0.0.1, and its control API over HTTP.
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Emulator } from "@sinch-effect/emulator"
import { EmulatorControl } from "@sinch-effect/emulator"
import type { Duration } from "effect"
import { Effect, Layer, ManagedRuntime } from "effect"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { withDeadline } from "./harness.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface BenchEmulator {
  readonly baseUrl: string
  readonly counters: () => Promise<EmulatorControl.Counters>
  readonly reset: () => Promise<void>
  readonly setTokenTtl: (ttl: Duration.DurationInput) => Promise<void>
  readonly inject: (target: EmulatorControl.Target, fault: EmulatorControl.Fault, times: number) => Promise<void>
  readonly close: () => Promise<void>
}

const entry = fileURLToPath(new URL("./emulatorProcess.ts", import.meta.url))

/**
 * Starts the emulator process and waits (at most 120 s) for its address.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = async (options: Emulator.Options = {}): Promise<BenchEmulator> => {
  const child = spawn(process.execPath, ["--import", "tsx", entry, JSON.stringify(options)], {
    stdio: ["pipe", "pipe", "inherit"]
  })
  const baseUrl = await withDeadline(
    new Promise<string>((resolve, reject) => {
      let buffered = ""
      child.stdout.setEncoding("utf8")
      child.stdout.on("data", (chunk: string) => {
        buffered += chunk
        const newline = buffered.indexOf("\n")
        if (newline >= 0) resolve((JSON.parse(buffered.slice(0, newline)) as { baseUrl: string }).baseUrl)
      })
      child.once("exit", (code) => reject(new Error(`the emulator process exited with code ${code}`)))
    }),
    // Generous: on a loaded machine, compiling the emulator's TypeScript alone can take half a minute.
    120_000,
    "starting the emulator"
  )
  const runtime = ManagedRuntime.make(
    EmulatorControl.layerHttp(baseUrl).pipe(Layer.provide(NodeHttpClient.layerUndici))
  )
  const control = <A>(f: (control: EmulatorControl.Service) => Effect.Effect<A>) =>
    runtime.runPromise(Effect.flatMap(EmulatorControl.EmulatorControl, f))
  return {
    baseUrl,
    counters: () => control((c) => c.counters),
    reset: () => control((c) => c.reset),
    setTokenTtl: (ttl) => control((c) => c.setTokenTtl(ttl)),
    inject: (target, fault, times) => control((c) => c.inject(target, fault, { times })),
    close: async () => {
      await runtime.dispose()
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
      child.stdin.end()
      await withDeadline(exited, 5_000, "stopping the emulator").catch(() => {
        child.kill("SIGTERM")
      })
    }
  }
}
