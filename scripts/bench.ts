/**
 * `npm run bench`: side-by-side measurements of our clients, a bare `HttpClient`, raw `fetch` and the
 * official `@sinch/sdk-core`, over real HTTP on 127.0.0.1 against emulators started here in their own
 * processes. Prints a table per measurement and writes `bench/results.json` and `bench/RESULTS.md`.
 *
 * `BENCH_QUICK=1` runs every part with small sizes (a smoke run; its output is not worth committing).
 *
 * @since 0.1.0
 */
import { fileURLToPath } from "node:url"
import * as Emulator from "./bench/emulator.js"
import * as Fleet from "./bench/fleet.js"
import * as Heap from "./bench/heap.js"
import * as Overhead from "./bench/overhead.js"
import * as Refresh from "./bench/refresh.js"
import * as Report from "./bench/report.js"
import * as Signing from "./bench/signing.js"
import type { Table } from "./bench/stats.js"
import { fixed, toText } from "./bench/stats.js"
import * as Tokens from "./bench/tokens.js"

const quick = process.env["BENCH_QUICK"] === "1"

const settings = {
  overhead: quick
    ? { calls: 200, concurrencies: [1, 16], rounds: 2, warmupRounds: 1 }
    : { calls: 2000, concurrencies: [1, 16], rounds: 10, warmupRounds: 2 },
  tokenConcurrencies: quick ? [1, 10, 100] : [1, 10, 100, 1000, 10000],
  fleet: quick ? { sizes: [50], deadlineMs: 20_000 } : { sizes: [50, 200, 1000], deadlineMs: 120_000 },
  refresh: quick
    ? { tokenTtlSeconds: 5, authDelayMs: 200, durationMs: 6_000, concurrency: 4, officialDurationMs: 2_000 }
    : { tokenTtlSeconds: 5, authDelayMs: 200, durationMs: 15_000, concurrency: 4, officialDurationMs: 5_000 },
  signing: quick ? { opsPerRound: 2_000, rounds: 3 } : { opsPerRound: 20_000, rounds: 7 },
  heapDeadlineMs: 240_000
}

const log = (line: string) => process.stdout.write(`${line}\n`)

const section = <A>(name: string, run: () => Promise<A>): Promise<A> => {
  log(`\n== ${name}`)
  const start = performance.now()
  return run().finally(() => log(`   (${fixed((performance.now() - start) / 1000, 1)} s)`))
}

const summaryOf = (results: {
  readonly overhead: Overhead.Result
  readonly tokens: Tokens.Result
  readonly fleet: Fleet.Result
  readonly refresh: Refresh.Result
  readonly signing: Signing.Result
  readonly heap: Heap.Result
}): ReadonlyArray<string> => {
  const lines: Array<string> = []
  for (const { concurrency, contenders } of results.overhead.byConcurrency) {
    const [ours, bare, raw, official, bareTyped] = contenders.map((c) => c.summary)
    const withinTen = ours!.meanUs <= bare!.meanUs * 1.1
    lines.push(
      `Per-call overhead, concurrency ${concurrency}: ours ${fixed(ours!.meanUs)} µs mean (p50 ${fixed(ours!.p50Us)}, p99 ${fixed(ours!.p99Us)}), ` +
        `${fixed(ours!.meanUs / bare!.meanUs, 2)}x the bare HttpClient, ${fixed(ours!.meanUs / raw!.meanUs, 2)}x raw fetch, ` +
        `${fixed(ours!.meanUs / official!.meanUs, 2)}x the official SDK, ${fixed(ours!.meanUs / bareTyped!.meanUs, 2)}x the bare client with the same Schema decode (the middleware alone). Target "within 10% of the bare client" ${withinTen ? "met" : "MISSED"}; ` +
        `"below the official SDK" ${ours!.meanUs < official!.meanUs ? "met" : "MISSED"}.`
    )
  }
  const oursTokens = results.tokens.rows.filter((r) => r.contender === "ours")
  const officialTokens = results.tokens.rows.filter((r) => r.contender === "official")
  const exactlyOne = oursTokens.every((r) => r.tokenRequests === 1)
  lines.push(
    `Token requests for 1 to ${Math.max(...results.tokens.concurrencies)} concurrent first calls over three products: ours ${
      oursTokens.map((r) => r.tokenRequests).join("/")
    } (target exactly 1: ${exactlyOne ? "met" : "MISSED"}), official ${officialTokens.map((r) => r.tokenRequests).join("/")}; failed calls ours ${
      oursTokens.reduce((n, r) => n + r.failedCalls, 0)
    }, official ${officialTokens.reduce((n, r) => n + r.failedCalls, 0)}.`
  )
  for (const size of results.fleet.sizes) {
    const describe = (row: Fleet.Row) =>
      `${row.allTokensMs === undefined ? `${row.withToken}/${row.instances} within ${results.fleet.deadlineMs / 1000} s` : `all in ${fixed(row.allTokensMs / 1000, 1)} s`}, ${row.failedFirstCalls} failed first calls, ${row.rateLimited} token 429s`
    const ours = results.fleet.rows.find((r) => r.contender === "ours" && r.instances === size)!
    const official = results.fleet.rows.find((r) => r.contender === "official" && r.instances === size)!
    lines.push(`Fleet of ${size} cold-starting instances: ours ${describe(ours)}; official ${describe(official)}.`)
  }
  const r = results.refresh
  lines.push(
    `During a background refresh (5 s tokens, token endpoint delayed ${r.settings.authDelayMs} ms): ours p50 ${fixed(r.duringRefresh.p50Us)} µs / p99 ${fixed(r.duringRefresh.p99Us)} µs vs steady ${fixed(r.steady.p50Us)} / ${fixed(r.steady.p99Us)} µs (${fixed(r.duringRefresh.p50Us / r.steady.p50Us, 2)}x / ${fixed(r.duringRefresh.p99Us / r.steady.p99Us, 2)}x), ${r.tokenRequests} token requests in ${r.settings.durationMs / 1000} s; the official SDK under the same settings: p50 ${fixed(r.official.all.p50Us)} µs, ${r.official.tokenRequests} token requests in ${r.settings.officialDurationMs / 1000} s.`
  )
  const sig = (name: string) => results.signing.contenders.find((c) => c.name.startsWith(name))!.opsPerSecond
  lines.push(
    `Signing: ours ${fixed(sig("ours: ApplicationSigning.sign"))}/s vs official ${fixed(sig("official: generateAuthorizationHeader"))}/s (${fixed(sig("ours: ApplicationSigning.sign") / sig("official: generateAuthorizationHeader"), 2)}x); on a request: ${fixed(sig("ours: ApplicationSigning.signRequest"))}/s vs ${fixed(sig("official: SigningRequest"))}/s (${fixed(sig("ours: ApplicationSigning.signRequest") / sig("official: SigningRequest"), 2)}x).`
  )
  const h = results.heap
  lines.push(
    `Heap: ${fixed(h.growthFromWarmToAllCalls / 1024)} KB growth from ${h.settings.warmupCalls} to ${h.settings.calls} calls (${fixed(h.bytesPerCall, 1)} B/call); ${fixed(h.bytesPerExtraClient / 1024, 1)} KB retained per client.`
  )
  return lines
}

const main = async () => {
  const started = performance.now()
  const date = new Date().toISOString()
  const machine = Report.machine()
  const revision = Report.revision()
  log(`sinch-effect bench ${quick ? "(quick) " : ""}${date}: ${machine.cpuCount} x ${machine.cpuModel}, Node ${machine.node}`)
  const tables: Array<Table> = []
  const emulator = await Emulator.start()
  const second = await Emulator.start()
  try {
    const overhead = await section("1. per-call overhead", () => Overhead.run(emulator, settings.overhead))
    tables.push(...Overhead.tables(overhead))
    Overhead.tables(overhead).forEach((t) => log(toText(t)))

    const tokens = await section("2. token requests by concurrent first calls", () => Tokens.run(emulator, settings.tokenConcurrencies))
    tables.push(Tokens.table(tokens))
    log(toText(Tokens.table(tokens)))

    // The heap part needs CPU, not the token bucket: it runs alongside the fleet, whose pace is the bucket's.
    const [fleet, heap] = await section("3. fleet start (and 6. heap, alongside, in a child process)", () =>
      Promise.all([
        Fleet.run({ ours: emulator, official: second }, settings.fleet.sizes, settings.fleet.deadlineMs, log),
        Heap.run(settings.heapDeadlineMs)
      ]))
    tables.push(Fleet.table(fleet))
    log(toText(Fleet.table(fleet)))

    const refresh = await section("4. latency during a background refresh", () => Refresh.run(emulator, settings.refresh))
    tables.push(Refresh.table(refresh))
    log(toText(Refresh.table(refresh)))

    const signing = await section("5. signing throughput", async () => Signing.run(settings.signing))
    tables.push(Signing.table(signing))
    log(toText(Signing.table(signing)))

    tables.push(Heap.table(heap))
    log(toText(Heap.table(heap)))

    machine.loadAverageAtEnd = (await import("node:os")).loadavg()
    const durationMs = performance.now() - started
    const summary = summaryOf({ overhead, tokens, fleet, refresh, signing, heap })
    log("\nSummary")
    summary.forEach((line) => log(`- ${line}`))
    const directory = fileURLToPath(new URL(quick ? "../build/bench-quick" : "../bench", import.meta.url))
    Report.write(
      directory,
      { date, machine, revision, durationMs, quick, settings, summary, overhead, tokens, fleet, refresh, signing, heap },
      Report.markdown({ date, machine, revision, durationMs, tables, summary })
    )
    log(`\nWrote ${directory}/results.json and ${directory}/RESULTS.md in ${fixed(durationMs / 1000)} s`)
  } finally {
    await Promise.all([emulator.close(), second.close()])
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    process.exit(1)
  }
)
