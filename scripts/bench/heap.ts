/**
 * Runs `heapProcess.ts` in a child Node process with `--expose-gc` and reads its JSON answer.
 *
 * @since 0.1.0
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { withDeadline } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed } from "./stats.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly settings: {
    readonly calls: number
    readonly checkpointEvery: number
    readonly warmupCalls: number
    readonly concurrency: number
    readonly extraClients: number
    readonly callsPerExtraClient: number
  }
  readonly baseline: number
  readonly afterFirstClientWarm: number
  readonly afterCalls: number
  readonly callsMs: number
  readonly checkpoints: ReadonlyArray<{ readonly calls: number; readonly heapUsed: number }>
  readonly afterExtraClients: number
  readonly extraClientsKept: number
  readonly bytesPerExtraClient: number
  readonly growthFromWarmToAllCalls: number
  readonly bytesPerCall: number
}

const entry = fileURLToPath(new URL("./heapProcess.ts", import.meta.url))

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const run = (deadlineMs: number): Promise<Result> => {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", entry], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  let output = ""
  child.stdout.setEncoding("utf8")
  child.stdout.on("data", (chunk: string) => {
    output += chunk
  })
  const done = new Promise<Result>((resolve, reject) => {
    child.once("exit", (code) => {
      if (code === 0) resolve(JSON.parse(output.trim().split("\n").pop()!) as Result)
      else reject(new Error(`the heap process exited with code ${code}`))
    })
  })
  return withDeadline(done, deadlineMs, "heap measurement").catch((error: unknown) => {
    child.kill("SIGTERM")
    throw error
  })
}

const mb = (bytes: number) => `${fixed(bytes / 1_048_576, 2)} MB`

/**
 * @since 0.1.0
 * @category reporting
 */
export const table = (result: Result): Table => {
  const second = result.checkpoints[1] ?? result.checkpoints[0]!
  const plateauGrowth = result.afterCalls - second.heapUsed
  return {
    title:
      `6. Heap retained by our client (${result.settings.calls} Numbers calls, in-process emulator, heap after a full GC)`,
    headers: ["measure", "value"],
    rows: [
      ["heap before any client (emulator only)", mb(result.baseline)],
      [`after the first client and ${result.settings.warmupCalls} calls`, mb(result.afterFirstClientWarm)],
      [`after ${result.settings.calls} calls`, mb(result.afterCalls)],
      [
        `growth from ${result.settings.warmupCalls} to ${result.settings.calls} calls`,
        `${fixed(result.growthFromWarmToAllCalls / 1024)} KB (${fixed(result.bytesPerCall, 1)} B/call)`
      ],
      [
        `growth from ${second.calls} to ${result.settings.calls} calls`,
        `${fixed(plateauGrowth / 1024)} KB (${fixed(plateauGrowth / (result.settings.calls - second.calls), 1)} B/call)`
      ],
      [
        `retained per client (${result.extraClientsKept} more clients kept, ${result.settings.callsPerExtraClient} calls each)`,
        `${fixed(result.bytesPerExtraClient / 1024, 1)} KB`
      ],
      [
        "time for the calls",
        `${fixed(result.callsMs / 1000, 1)} s (${
          fixed((result.callsMs * 1000) / (result.settings.calls - result.settings.warmupCalls))
        } µs/call, concurrency ${result.settings.concurrency})`
      ]
    ],
    notes: [
      `Heap at checkpoints (calls: MB): ${
        result.checkpoints.map((c) => `${c.calls / 1000}k: ${fixed(c.heapUsed / 1_048_576, 1)}`).join(", ")
      }.`,
      "Child process `node --expose-gc`; heapUsed after two full collections. The in-process emulator's bounded state (request log, counters, tokens) is included. Target: flat.",
      "The emulator's token bucket is raised for this part only (every kept client fetches its own token); the official SDK is not measured here (it needs real HTTP)."
    ]
  }
}
