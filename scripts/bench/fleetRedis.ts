/**
 * Fleet cold start across processes: `n` instances with the same key, spread over several processes,
 * make their first call at the same instant against one emulator's token bucket (30, refilled 10/s).
 * Three fleets side by side, one after the other against the same bucket (reset in between): ours with
 * the Redis token store (one real `redis-server` on 127.0.0.1), ours with local tokens, and the official
 * SDK.
 *
 * `run` is the entry point for `scripts/bench.ts`; this file also runs on its own:
 * `npx tsx scripts/bench/fleetRedis.ts [sizes, e.g. 50,200,1000] [fleets, e.g. redis,local,official]`.
 *
 * @since 0.2.0
 */
import { spawn, spawnSync } from "node:child_process"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"
import * as Contenders from "./contenders.js"
import type { BenchEmulator } from "./emulator.js"
import * as Emulator from "./emulator.js"
import type { WorkerInput, WorkerTally } from "./fleetRedisWorker.js"
import { sleep, withDeadline } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed, percentile, toText } from "./stats.js"

/**
 * @since 0.2.0
 * @category models
 */
export type Contender = WorkerInput["contender"]

/**
 * @since 0.2.0
 * @category models
 */
export interface Row {
  readonly contender: Contender
  readonly instances: number
  readonly processes: number
  readonly withToken: number
  /** From the common start until the last instance was served; undefined when some never were. */
  readonly allServedMs: number | undefined
  readonly p50Ms: number
  readonly failedFirstCalls: number
  readonly failedCalls: number
  readonly tokenRequests: number
  readonly rateLimited: number
  readonly issued: number
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Result {
  readonly sizes: ReadonlyArray<number>
  readonly processes: number
  readonly deadlineMs: number
  readonly rows: ReadonlyArray<Row>
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Settings {
  readonly sizes: ReadonlyArray<number>
  /** Processes per fleet (instances are spread evenly). Default 4. */
  readonly processes?: number | undefined
  /** How long an instance keeps trying. Default 120 s. */
  readonly deadlineMs?: number | undefined
  readonly contenders?: ReadonlyArray<Contender> | undefined
  /**
   * Deadline of one Redis command in the Redis fleet. Default 2 s: thousands of instances on a shared
   * two-core machine delay every event loop; production keeps the store's 500 ms.
   */
  readonly commandTimeoutMs?: number | undefined
}

const worker = fileURLToPath(new URL("./fleetRedisWorker.ts", import.meta.url))

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

/**
 * Whether `redis-server` can be started here.
 *
 * @since 0.2.0
 * @category benchmarks
 */
export const available = (): boolean => {
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" })
  return found.error === undefined && found.status === 0
}

/** A `redis-server` on a free loopback port, for the duration of the run. */
const startRedis = async () => {
  const port = await freePort()
  const child = spawn("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no"
  ], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  await withDeadline(
    new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding("utf8")
      child.stdout.on("data", (chunk: string) => {
        if (chunk.includes("Ready to accept connections")) resolve()
      })
      child.once("error", reject)
      child.once("exit", (code) => reject(new Error(`redis-server exited with code ${code}`)))
    }),
    10_000,
    "starting redis-server (install it: apt-get install redis-server)"
  )
  child.stdout.resume()
  return {
    url: `redis://127.0.0.1:${port}`,
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
      child.kill("SIGTERM")
      await withDeadline(exited, 5_000, "stopping redis-server").catch(() => child.kill("SIGKILL"))
    }
  }
}

/** A worker process: `ready` resolves once it has built its instances; `go` starts it; `done` is its tally. */
const startWorker = (input: WorkerInput) => {
  const child = spawn(process.execPath, ["--import", "tsx", worker, JSON.stringify(input)], {
    stdio: ["pipe", "pipe", "inherit"]
  })
  let out = ""
  let signalReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (signalReady = resolve))
  child.stdout.setEncoding("utf8")
  child.stdout.on("data", (chunk: string) => {
    out += chunk
    if (out.includes("ready\n")) signalReady()
  })
  const done = new Promise<WorkerTally>((resolve, reject) => {
    child.once("exit", (code) => {
      const line = out.trim().split("\n").pop()
      if (code === 0 && line && line !== "ready") resolve(JSON.parse(line) as WorkerTally)
      else reject(new Error(`a fleet worker exited with code ${code}`))
    })
  })
  done.catch(() => signalReady())
  return {
    ready,
    go: (startAt: number) => child.stdin.end(`go ${startAt}\n`),
    done,
    kill: () => child.kill("SIGKILL")
  }
}

const measure = async (
  emulator: BenchEmulator,
  redis: { readonly url: string; readonly flush: () => Promise<void> },
  contender: Contender,
  instances: number,
  processes: number,
  phoneNumber: string,
  deadlineMs: number,
  commandTimeoutMs: number
): Promise<Row> => {
  await emulator.reset()
  await redis.flush()
  const shares = Array.from(
    { length: processes },
    (_, i) => Math.floor(instances / processes) + (i < instances % processes ? 1 : 0)
  )
    .filter((share) => share > 0)
  const workers = shares.map((share) =>
    startWorker({
      contender,
      baseUrl: emulator.baseUrl,
      redisUrl: redis.url,
      instances: share,
      phoneNumber,
      deadlineMs,
      commandTimeoutMs
    })
  )
  let tallies: ReadonlyArray<WorkerTally>
  try {
    // Start-up (tsx, building the instances) is not measured: the common instant is set once all are ready.
    await withDeadline(Promise.all(workers.map((w) => w.ready)), 420_000, "fleet workers starting")
    const startAt = Date.now() + 300
    workers.forEach((w) => w.go(startAt))
    tallies = await withDeadline(Promise.all(workers.map((w) => w.done)), deadlineMs + 60_000, "fleet workers")
  } catch (error) {
    workers.forEach((w) => w.kill())
    throw error
  }
  const counters = await emulator.counters()
  const times = tallies.flatMap((t) => t.times).sort((a, b) => a - b)
  return {
    contender,
    instances,
    processes: shares.length,
    withToken: times.length,
    allServedMs: times.length === instances ? times[times.length - 1] : undefined,
    p50Ms: percentile(times, 50),
    failedFirstCalls: tallies.reduce((n, t) => n + t.failedFirst, 0),
    failedCalls: tallies.reduce((n, t) => n + t.failed, 0),
    tokenRequests: counters.tokenRequests.total,
    rateLimited: counters.tokenRequests.byOutcome["rate_limited"] ?? 0,
    issued: counters.tokenRequests.byOutcome["issued"] ?? 0
  }
}

/** Empties Redis between fleets (each fleet must cold-start), with a one-off client. */
const flusher = (url: string) => async () => {
  const { Redis } = await import("ioredis")
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  try {
    await client.flushall()
  } finally {
    client.disconnect()
  }
}

/**
 * The three fleets at each size, against `emulator` (its bucket is reset before each fleet), with a
 * `redis-server` started for the run. Needs `redis-server` on the PATH.
 *
 * @since 0.2.0
 * @category benchmarks
 */
export const run = async (
  emulator: BenchEmulator,
  settings: Settings,
  log: (line: string) => void
): Promise<Result> => {
  const processes = Math.max(1, settings.processes ?? 4)
  const deadlineMs = settings.deadlineMs ?? 120_000
  const contenders = settings.contenders ?? ["redis", "local", "official"]
  const commandTimeoutMs = settings.commandTimeoutMs ?? 2_000
  const redis = await startRedis()
  try {
    const probe = await Contenders.ours(emulator.baseUrl)
    const phoneNumber = await Contenders.anActiveNumber(probe).finally(() => probe.dispose())
    const rows: Array<Row> = []
    for (const instances of settings.sizes) {
      for (const contender of contenders) {
        const row = await measure(
          emulator,
          { url: redis.url, flush: flusher(redis.url) },
          contender,
          instances,
          processes,
          phoneNumber,
          deadlineMs,
          commandTimeoutMs
        )
        log(
          `  fleet of ${instances} (${row.processes} processes), ${contender}: ${row.withToken}/${instances} served` +
            `${
              row.allServedMs === undefined ? "" : ` in ${fixed(row.allServedMs / 1000, 2)} s`
            }, ${row.tokenRequests} token requests, ` +
            `${row.rateLimited} token 429s, ${row.failedFirstCalls} failed first calls`
        )
        rows.push(row)
        // Let sockets of the finished fleet close before the next one starts.
        await sleep(500)
      }
    }
    await emulator.reset()
    return { sizes: settings.sizes, processes, deadlineMs, rows }
  } finally {
    await redis.close()
  }
}

/**
 * @since 0.2.0
 * @category reporting
 */
export const table = (result: Result): Table => ({
  title:
    `Fleet cold start across ${result.processes} processes: Redis-shared token vs local tokens vs the official SDK (token bucket 30, refilled 10/s)`,
  headers: [
    "N",
    "fleet",
    "served",
    "all served (s)",
    "p50 (s)",
    "failed first calls",
    "failed calls",
    "token requests",
    "token 429s",
    "tokens issued"
  ],
  rows: result.rows.map((row) => [
    String(row.instances),
    row.contender === "redis" ? "ours, Redis store" : row.contender === "local" ? "ours, local" : "official SDK",
    `${row.withToken}/${row.instances}`,
    row.allServedMs === undefined ? `not within ${result.deadlineMs / 1000}` : fixed(row.allServedMs / 1000, 2),
    fixed(row.p50Ms / 1000, 2),
    String(row.failedFirstCalls),
    String(row.failedCalls),
    String(row.tokenRequests),
    String(row.rateLimited),
    String(row.issued)
  ])
})

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
if (isMain) {
  const sizes = (process.argv[2] ?? "50,200,1000").split(",").map(Number)
  const log = (line: string) => process.stdout.write(`${line}\n`)
  const main = async () => {
    const emulator = await Emulator.start()
    try {
      const contenders = process.argv[3]?.split(",") as Array<Contender> | undefined
      const result = await run(emulator, { sizes, contenders }, log)
      log(toText(table(result)))
    } finally {
      await emulator.close()
    }
  }
  main().then(() => process.exit(0), (error: unknown) => {
    process.stderr.write(`fleet bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
