/**
 * Start-up time of the compiled `sinch` bin: `node packages/cli/dist/bin.js --version` beside
 * `node -e 0` (the floor: starting node itself), in turn, after a warm-up. Needs `npm run build`.
 * Run directly (`tsx scripts/bench/cliStartup.ts [runs]`) it prints the result as JSON.
 *
 * @since 0.2.0
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { Table } from "./stats.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface CliStartup {
  readonly runs: number
  /** Median wall time of `node dist/bin.js --version`, in milliseconds. */
  readonly cliMedianMs: number
  /** Median wall time of `node -e 0`, in milliseconds. */
  readonly nodeMedianMs: number
  /** Median of the per-pair ratios cli / node (pairs run back to back, so machine drift cancels). */
  readonly ratio: number
  readonly cliSamplesMs: ReadonlyArray<number>
  readonly nodeSamplesMs: ReadonlyArray<number>
}

/** @since 0.2.0 */
export const defaultBin: string = fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url))

const median = (samples: ReadonlyArray<number>): number => {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const time = (args: ReadonlyArray<string>): number => {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env["PATH"] ?? "" }
  })
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) {
    throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr.toString()}`)
  }
  return elapsed
}

/**
 * Measures `runs` pairs (default 11) after one warm-up pair.
 *
 * @since 0.2.0
 * @category benchmarks
 */
export const cliStartup = (
  options: { readonly runs?: number | undefined; readonly bin?: string | undefined } = {}
): CliStartup => {
  const runs = Math.max(1, Math.min(100, options.runs ?? 11))
  const bin = options.bin ?? defaultBin
  if (!existsSync(bin)) throw new Error(`${bin} does not exist: run npm run build first`)
  const cli = [bin, "--version"]
  const node = ["-e", "0"]
  time(cli)
  time(node)
  const cliSamplesMs: Array<number> = []
  const nodeSamplesMs: Array<number> = []
  const ratios: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const a = time(cli)
    const b = time(node)
    cliSamplesMs.push(a)
    nodeSamplesMs.push(b)
    ratios.push(a / b)
  }
  return {
    runs,
    cliMedianMs: median(cliSamplesMs),
    nodeMedianMs: median(nodeSamplesMs),
    ratio: median(ratios),
    cliSamplesMs,
    nodeSamplesMs
  }
}

/**
 * The bench's entry point (`scripts/bench/cliHook.ts`): 5 pairs in quick mode, 11 otherwise.
 *
 * @since 0.2.0
 * @category benchmarks
 */
export const run = (options: { readonly quick?: boolean } = {}): CliStartup =>
  cliStartup({ runs: options.quick === true ? 5 : 11 })

/**
 * @since 0.2.0
 * @category benchmarks
 */
export const table = (result: CliStartup): Table => ({
  title: "CLI start-up: sinch --version (compiled) beside node -e 0",
  headers: ["runs", "sinch --version median", "node -e 0 median", "ratio (median of pairs)", "target"],
  rows: [[
    String(result.runs),
    `${result.cliMedianMs.toFixed(0)} ms`,
    `${result.nodeMedianMs.toFixed(0)} ms`,
    `${result.ratio.toFixed(2)}x`,
    result.cliMedianMs < 800 ? "met (< 800 ms)" : "missed (< 800 ms)"
  ]],
  notes: ["Wall time of whole processes, pairs run back to back after one warm-up pair."]
})

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = process.argv[2] === undefined ? undefined : Number(process.argv[2])
  const result = cliStartup({ runs })
  console.log(
    JSON.stringify(
      { runs: result.runs, cliMedianMs: result.cliMedianMs, nodeMedianMs: result.nodeMedianMs, ratio: result.ratio },
      null,
      2
    )
  )
}
