/**
 * 1. Per-call overhead: the same GET on Numbers (one active number) through (a) our authenticated
 * Numbers service, (b) the same HttpClient with a fixed Authorization header, (c) plain fetch and
 * (d) the official SDK, in interleaved rounds after warm-up rounds. (e) is (b) plus the same Schema
 * decode our service does, so that (a) vs (e) is the middleware alone: auth per attempt, deadline,
 * retry policy, span and metrics.
 *
 * @since 0.1.0
 */
import { NumbersSchema } from "@sinch-effect/products"
import { Redacted, Schema } from "effect"
import * as Contenders from "./contenders.js"
import type { BenchEmulator } from "./emulator.js"
import { closedLoop, rotate } from "./harness.js"
import type { Summary, Table } from "./stats.js"
import { fixed, ratio, summarize } from "./stats.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  readonly calls: number
  readonly concurrencies: ReadonlyArray<number>
  readonly rounds: number
  readonly warmupRounds: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly settings: Settings
  readonly phoneNumber: string
  readonly byConcurrency: ReadonlyArray<{
    readonly concurrency: number
    readonly contenders: ReadonlyArray<{
      readonly name: string
      readonly summary: Summary
      readonly failures: number
      readonly callsPerSecond: number
      /** Mean µs of each measured round, in order. */
      readonly roundMeansUs: ReadonlyArray<number>
      /** Every measured call's latency, µs rounded, in the order measured. */
      readonly latenciesUs: ReadonlyArray<number>
    }>
  }>
}

const decodeActiveNumber = Schema.decodeUnknownSync(NumbersSchema.ActiveNumber)

const names = {
  ours: "(a) ours: Numbers.getActiveNumber",
  bare: "(b) bare HttpClient + fixed header",
  fetch: "(c) raw fetch",
  official: "(d) official @sinch/sdk-core",
  bareTyped: "(e) bare HttpClient + fixed header + the same Schema decode"
} as const

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const run = async (emulator: BenchEmulator, settings: Settings): Promise<Result> => {
  const ours = await Contenders.ours(emulator.baseUrl)
  const phoneNumber = await Contenders.anActiveNumber(ours)
  const token = await ours.run(ours.tokens.get)
  const bare = await Contenders.bare(Redacted.value(token.value))
  const fetchGet = Contenders.rawFetch(Redacted.value(token.value))
  const sdk = Contenders.official(emulator.baseUrl)
  const url = Contenders.activeNumberUrl(emulator.baseUrl, phoneNumber)
  const contenders = [
    { name: names.ours, call: () => ours.run(ours.numbers.getActiveNumber(phoneNumber)) },
    { name: names.bare, call: () => bare.get(url) },
    { name: names.fetch, call: () => fetchGet(url) },
    { name: names.official, call: () => sdk.numbers.get({ phoneNumber }) },
    { name: names.bareTyped, call: () => bare.get(url).then(decodeActiveNumber) }
  ]
  const perRound = Math.ceil(settings.calls / settings.rounds)
  const byConcurrency: Array<Result["byConcurrency"][number]> = []
  try {
    for (const concurrency of settings.concurrencies) {
      for (let round = 0; round < settings.warmupRounds; round++) {
        for (const contender of rotate(contenders, round)) await closedLoop(contender.call, perRound, concurrency)
      }
      const samples = new Map(
        contenders.map((c) => [c.name, { latencies: [] as Array<number>, roundMeans: [] as Array<number>, failures: 0, wallMs: 0 }])
      )
      for (let round = 0; round < settings.rounds; round++) {
        for (const contender of rotate(contenders, round)) {
          const result = await closedLoop(contender.call, perRound, concurrency)
          const sample = samples.get(contender.name)!
          sample.latencies.push(...result.latenciesUs)
          sample.roundMeans.push(summarize(result.latenciesUs).meanUs)
          sample.failures += result.failures
          sample.wallMs += result.wallMs
        }
      }
      byConcurrency.push({
        concurrency,
        contenders: contenders.map((c) => {
          const sample = samples.get(c.name)!
          return {
            name: c.name,
            summary: summarize(sample.latencies),
            failures: sample.failures,
            callsPerSecond: (sample.latencies.length + sample.failures) / (sample.wallMs / 1000),
            roundMeansUs: sample.roundMeans.map(Math.round),
            latenciesUs: sample.latencies.map(Math.round)
          }
        })
      })
    }
  } finally {
    await bare.dispose()
    await ours.dispose()
  }
  return { settings, phoneNumber, byConcurrency }
}

/**
 * @since 0.1.0
 * @category reporting
 */
export const tables = (result: Result): ReadonlyArray<Table> =>
  result.byConcurrency.map(({ concurrency, contenders }) => {
    const baseline = contenders.find((c) => c.name === names.bare)!.summary
    return {
      title: `1. Per-call overhead: GET one active number, ${result.settings.calls} calls per contender, concurrency ${concurrency}`,
      headers: ["contender", "calls", "failed", "mean µs", "p50 µs", "p99 µs", "mean vs (b)", "p50 vs (b)", "p99 vs (b)", "calls/s"],
      rows: contenders.map((c) => [
        c.name,
        String(c.summary.n),
        String(c.failures),
        fixed(c.summary.meanUs),
        fixed(c.summary.p50Us),
        fixed(c.summary.p99Us),
        ratio(c.summary.meanUs, baseline.meanUs),
        ratio(c.summary.p50Us, baseline.p50Us),
        ratio(c.summary.p99Us, baseline.p99Us),
        fixed(c.callsPerSecond)
      ]),
      notes: [
        `${result.settings.rounds} interleaved rounds of ${Math.ceil(result.settings.calls / result.settings.rounds)} calls per contender (the first contender rotates each round), after ${result.settings.warmupRounds} warm-up rounds; latency of each call as its caller awaits it.`,
        "Target: (a) within 10% of (b), and below (d)."
      ]
    }
  })
