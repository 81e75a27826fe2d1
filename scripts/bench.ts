/**
 * `npm run bench`: side-by-side measurements of our clients, a bare `HttpClient`, raw `fetch` and the
 * official `@sinch/sdk-core`, over real HTTP on 127.0.0.1 against emulators started here in their own
 * processes. Prints a table per measurement and writes `bench/results.json` and `bench/RESULTS.md`.
 *
 * `npm run bench -- --quick` (or `BENCH_QUICK=1`) runs a smaller version in under a minute: fewer rounds,
 * fleets of 50 only, no refresh or heap part; it writes to `build/bench-quick/`, not to `bench/`.
 *
 * @since 0.1.0
 */
import { fileURLToPath } from "node:url"
import * as CliHook from "./bench/cliHook.js"
import * as Emulator from "./bench/emulator.js"
import * as Fleet from "./bench/fleet.js"
import * as FleetRedis from "./bench/fleetRedis.js"
import * as Heap from "./bench/heap.js"
import * as InProcess from "./bench/inProcess.js"
import * as Refresh from "./bench/refresh.js"
import * as Report from "./bench/report.js"
import * as Signing from "./bench/signing.js"
import type { Table } from "./bench/stats.js"
import { fixed, toText } from "./bench/stats.js"
import * as Tokens from "./bench/tokens.js"
import * as Transports from "./bench/transports.js"
import * as UserPath from "./bench/userPath.js"

const quick = process.env["BENCH_QUICK"] === "1" || process.argv.includes("--quick")

const settings = {
  userPath: quick
    ? { callsPerRound: 100, rounds: 3, warmupRounds: 1, concurrencies: [1, 16] }
    : { callsPerRound: 300, rounds: 9, warmupRounds: 1, concurrencies: [1, 16] },
  inProcess: quick ? { callsPerRound: 1000, rounds: 3 } : { callsPerRound: 4000, rounds: 9 },
  transports: quick ? { callsPerRound: 100, rounds: 3 } : { callsPerRound: 300, rounds: 9 },
  tokenConcurrencies: quick ? [1, 10, 100] : [1, 10, 100, 1000, 10000],
  fleet: quick ? { sizes: [50], deadlineMs: 20_000 } : { sizes: [50, 200, 1000], deadlineMs: 120_000 },
  fleetRedis: quick
    ? { sizes: [50], deadlineMs: 30_000, processes: 2 }
    : { sizes: [50, 200, 1000], deadlineMs: 120_000, processes: 4 },
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
  readonly userPath: UserPath.Result
  readonly inProcess: InProcess.Result
  readonly transports: Transports.Result
  readonly tokens: Tokens.Result
  readonly fleet: Fleet.Result
  readonly fleetRedis: FleetRedis.Result | { readonly skipped: string }
  readonly refresh: Refresh.Result | undefined
  readonly signing: Signing.Result
  readonly heap: Heap.Result | undefined
  readonly cli: CliHook.Result
}): ReadonlyArray<string> => {
  const lines: Array<string> = []
  for (const op of results.userPath.operations) {
    lines.push(
      `${op.operation}, concurrency ${op.concurrency}: ours / bare + same decode ${
        UserPath.formatSpread(op.oursVsBare.wall)
      } wall, ${UserPath.formatSpread(op.oursVsBare.cpu)} CPU (target ≤ 1.10: ${
        op.oursVsBare.wall.median <= 1.1 ? "met" : "MISSED"
      }); ours / official ${UserPath.formatSpread(op.oursVsOfficial.wall)} wall, ${
        UserPath.formatSpread(op.oursVsOfficial.cpu)
      } CPU (target < 1.0: ${op.oursVsOfficial.wall.median < 1 ? "met" : "MISSED"}).`
    )
  }
  const ip = results.inProcess
  lines.push(
    `In-process CPU per call, ours / bare + same decode: ${UserPath.formatSpread(ip.oursVsBare)} (target ≤ 1.15: ${
      ip.oursVsBare.median <= 1.15 ? "met" : "MISSED"
    }); under a recording tracer ${UserPath.formatSpread(ip.tracedVsBare)}; the ActiveNumber decode alone ${
      fixed(ip.decodeUs, 1)
    } µs with Schema.decodeUnknownSync, ${
      fixed(ip.compiledDecodeUs, 1)
    } µs with the client's compiled decoder, JSON.parse ${
      fixed(ip.parseUs, 1)
    } µs; draining an empty Stream (the floor of any list drained as a Stream) ${
      fixed(UserPath.spread(ip.cpuUsPerCall["drain an empty Stream"]!).median, 1)
    } µs.`
  )
  lines.push(
    `Transport under ours (GET, c1), CPU per call vs the official SDK: ${
      results.transports.contenders.filter((c) => !c.name.startsWith("official")).map((c) =>
        `${c.name.replace("ours over ", "")} ${UserPath.formatSpread(c.vsOfficialCpu)} (wall ${
          UserPath.formatSpread(c.vsOfficialWall)
        })`
      ).join(", ")
    }.`
  )
  const oursTokens = results.tokens.rows.filter((r) => r.contender === "ours")
  const officialTokens = results.tokens.rows.filter((r) => r.contender === "official")
  const exactlyOne = oursTokens.every((r) => r.tokenRequests === 1)
  lines.push(
    `Token requests for 1 to ${
      Math.max(...results.tokens.concurrencies)
    } concurrent first calls over three products: ours ${
      oursTokens.map((r) => r.tokenRequests).join("/")
    } (target exactly 1: ${exactlyOne ? "met" : "MISSED"}), official ${
      officialTokens.map((r) => r.tokenRequests).join("/")
    }; failed calls ours ${oursTokens.reduce((n, r) => n + r.failedCalls, 0)}, official ${
      officialTokens.reduce((n, r) => n + r.failedCalls, 0)
    }.`
  )
  for (const size of results.fleet.sizes) {
    const describe = (row: Fleet.Row) =>
      `${
        row.allTokensMs === undefined
          ? `${row.withToken}/${row.instances} within ${results.fleet.deadlineMs / 1000} s`
          : `all in ${fixed(row.allTokensMs / 1000, 1)} s`
      }, ${row.failedFirstCalls} failed first calls, ${row.rateLimited} token 429s`
    const ours = results.fleet.rows.find((r) => r.contender === "ours" && r.instances === size)!
    const official = results.fleet.rows.find((r) => r.contender === "official" && r.instances === size)!
    const bound = Math.max(0, (size - 30) / 10)
    lines.push(
      `Fleet of ${size} cold-starting instances (reporting only; bound (N − 30)/10 = ${fixed(bound, 0)} s): ours ${
        describe(ours)
      }; official ${describe(official)}.`
    )
  }
  const fr = results.fleetRedis
  if ("skipped" in fr) {
    lines.push(`Fleet with a Redis token store: not measured (${fr.skipped}).`)
  } else {
    for (const size of fr.sizes) {
      const row = (contender: FleetRedis.Contender) =>
        fr.rows.find((r) => r.contender === contender && r.instances === size)
      const describe = (r: FleetRedis.Row | undefined) =>
        r === undefined
          ? "not run"
          : `${r.tokenRequests} token requests, ${r.failedFirstCalls} failed first calls, ${
            r.allServedMs === undefined
              ? `${r.withToken}/${r.instances} served within ${fr.deadlineMs / 1000} s`
              : `all served in ${fixed(r.allServedMs / 1000, 2)} s`
          }, ${r.rateLimited} token 429s`
      const redis = row("redis")
      const met = redis !== undefined && redis.tokenRequests === 1 && redis.failedFirstCalls === 0 &&
        redis.allServedMs !== undefined && redis.allServedMs < 2_000
      lines.push(
        `Fleet of ${size} across ${fr.processes} processes: Redis-shared ${
          describe(redis)
        } (goal 1 request, 0 failed, ` +
          `under 2 s: ${met ? "met" : "MISSED"}); local ${describe(row("local"))}; official ${
            describe(row("official"))
          }.`
      )
    }
  }
  const r = results.refresh
  if (r !== undefined) {
    lines.push(
      `During a background refresh (5 s tokens, token endpoint delayed ${r.settings.authDelayMs} ms): ours p50 ${
        fixed(r.duringRefresh.p50Us)
      } µs / p99 ${fixed(r.duringRefresh.p99Us)} µs vs steady ${fixed(r.steady.p50Us)} / ${
        fixed(r.steady.p99Us)
      } µs, ${r.tokenRequests} token requests in ${r.settings.durationMs / 1000} s; the official SDK: p50 ${
        fixed(r.official.all.p50Us)
      } µs, ${r.official.tokenRequests} token requests in ${r.settings.officialDurationMs / 1000} s.`
    )
  }
  const sig = (name: string) => results.signing.contenders.find((c) => c.name.startsWith(name))!.opsPerSecond
  const signRatio = sig("ours: ApplicationSigning.sign") / sig("official: generateAuthorizationHeader")
  const requestRatio = sig("ours: ApplicationSigning.signRequest") / sig("official: SigningRequest")
  lines.push(
    `Signatures per CPU-second: ours ${fixed(sig("ours: ApplicationSigning.sign"))} vs official ${
      fixed(sig("official: generateAuthorizationHeader"))
    } (${fixed(signRatio, 2)}x, target ≥ 1.0: ${signRatio >= 1 ? "met" : "MISSED"}); signed requests ${
      fixed(sig("ours: ApplicationSigning.signRequest"))
    } vs ${fixed(sig("official: SigningRequest"))} (${fixed(requestRatio, 2)}x: ${
      requestRatio >= 1 ? "met" : "MISSED"
    }).`
  )
  const h = results.heap
  if (h !== undefined) {
    lines.push(
      `Heap: ${
        fixed(h.growthFromWarmToAllCalls / 1024)
      } KB growth from ${h.settings.warmupCalls} to ${h.settings.calls} calls (${fixed(h.bytesPerCall, 1)} B/call); ${
        fixed(h.bytesPerExtraClient / 1024, 1)
      } KB retained per client.`
    )
  }
  lines.push(
    results.cli._tag === "Skipped"
      ? `CLI start-up: not measured (${results.cli.reason}).`
      : `CLI start-up: measured by scripts/bench/cliStartup.ts (see its table).`
  )
  return lines
}

const main = async () => {
  const started = performance.now()
  const date = new Date().toISOString()
  const machine = Report.machine()
  const revision = Report.revision()
  log(
    `sinch-effect bench ${
      quick ? "(quick) " : ""
    }${date}: ${machine.cpuCount} x ${machine.cpuModel}, Node ${machine.node}`
  )
  const tables: Array<Table> = []
  const emulator = await Emulator.start()
  const second = await Emulator.start()
  try {
    const userPath = await section(
      "1. per call on the user's path",
      () => UserPath.run(emulator, settings.userPath, log)
    )
    tables.push(UserPath.table(userPath))
    log(toText(UserPath.table(userPath)))

    const inProcess = await section("1b. CPU per call in process", () => InProcess.run(settings.inProcess))
    tables.push(InProcess.table(inProcess))
    log(toText(InProcess.table(inProcess)))

    const transports = await section(
      "1c. the transport under ours",
      () => Transports.run(emulator, settings.transports)
    )
    tables.push(Transports.table(transports))
    log(toText(Transports.table(transports)))

    const signing = await section("5. signing per CPU-second", async () => Signing.run(settings.signing))
    tables.push(Signing.table(signing))
    log(toText(Signing.table(signing)))

    const tokens = await section(
      "2. token requests by concurrent first calls",
      () => Tokens.run(emulator, settings.tokenConcurrencies)
    )
    tables.push(Tokens.table(tokens))
    log(toText(Tokens.table(tokens)))

    // The heap part needs CPU, not the token bucket: it runs alongside the fleet, whose pace is the bucket's.
    const [fleet, heap] = await section(
      quick ? "3. fleet start" : "3. fleet start (and 6. heap, alongside, in a child process)",
      () =>
        Promise.all([
          Fleet.run({ ours: emulator, official: second }, settings.fleet.sizes, settings.fleet.deadlineMs, log),
          quick ? Promise.resolve(undefined) : Heap.run(settings.heapDeadlineMs).catch((error: unknown) => {
            // A part that cannot finish on a loaded machine is reported, not allowed to sink the others.
            log(`   heap: not measured (${error instanceof Error ? error.message : String(error)})`)
            return undefined
          })
        ])
    )
    tables.push(Fleet.table(fleet))
    log(toText(Fleet.table(fleet)))

    const fleetRedis = await section(
      "3b. fleet start across processes: Redis-shared vs local vs official",
      async (): Promise<FleetRedis.Result | { readonly skipped: string }> => {
        if (!FleetRedis.available()) {
          return { skipped: "redis-server is not on the PATH (apt-get install redis-server)" }
        }
        return FleetRedis.run(second, settings.fleetRedis, log)
      }
    )
    if ("skipped" in fleetRedis) log(`   skipped: ${fleetRedis.skipped}`)
    else {
      tables.push(FleetRedis.table(fleetRedis))
      log(toText(FleetRedis.table(fleetRedis)))
    }

    const refresh = quick
      ? undefined
      : await section("4. latency during a background refresh", () => Refresh.run(emulator, settings.refresh))
    if (refresh !== undefined) {
      tables.push(Refresh.table(refresh))
      log(toText(Refresh.table(refresh)))
    }
    if (heap !== undefined) {
      tables.push(Heap.table(heap))
      log(toText(Heap.table(heap)))
    }

    const cli = await section("7. CLI start-up (optional)", () => CliHook.run(quick))
    if (cli._tag === "Skipped") log(`   skipped: ${cli.reason}`)
    else if (cli.table !== undefined) {
      tables.push(cli.table)
      log(toText(cli.table))
    }

    machine.loadAverageAtEnd = (await import("node:os")).loadavg()
    const durationMs = performance.now() - started
    const measured = { userPath, inProcess, transports, tokens, fleet, fleetRedis, refresh, signing, heap, cli }
    const summary = summaryOf(measured)
    log("\nSummary")
    summary.forEach((line) => log(`- ${line}`))
    const directory = fileURLToPath(new URL(quick ? "../build/bench-quick" : "../bench", import.meta.url))
    Report.write(
      directory,
      {
        date,
        machine,
        revision,
        durationMs,
        quick,
        settings,
        summary,
        ...measured
      },
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
