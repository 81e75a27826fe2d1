/**
 * 4. Latency of Numbers calls that overlap a background token refresh against calls that do not: the
 * emulator issues 5-second tokens (refresh at 80%) and its token endpoint answers after an injected
 * delay, so that a refresh lasts long enough to be overlapped. A call overlaps a refresh when the
 * provider was refreshing when it started or ended, or a token request was sent during it.
 *
 * @since 0.1.0
 */
import { EmulatorControl } from "@sinch-effect/emulator"
import { Effect } from "effect"
import * as Contenders from "./contenders.js"
import type { BenchEmulator } from "./emulator.js"
import type { Summary, Table } from "./stats.js"
import { fixed, ratio, summarize } from "./stats.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  readonly tokenTtlSeconds: number
  readonly authDelayMs: number
  readonly durationMs: number
  readonly concurrency: number
  /** Window of the official SDK under the same token TTL and delay. */
  readonly officialDurationMs: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly settings: Settings
  readonly steady: Summary
  readonly duringRefresh: Summary
  readonly failures: number
  readonly tokenRequests: number
  readonly official: {
    readonly all: Summary
    readonly failures: number
    readonly tokenRequests: number
    readonly rateLimited: number
  }
}

/** Calls per worker, whatever the window: every loop is bounded. */
const maxCallsPerWorker = 100_000

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const run = async (emulator: BenchEmulator, settings: Settings): Promise<Result> => {
  await emulator.reset()
  await emulator.setTokenTtl(`${settings.tokenTtlSeconds} seconds`)
  await emulator.inject("auth", EmulatorControl.delay(`${settings.authDelayMs} millis`), 10_000)
  const ours = await Contenders.ours(emulator.baseUrl)
  const steady: Array<number> = []
  const duringRefresh: Array<number> = []
  let failures = 0
  let tokenRequests = 0
  try {
    const phoneNumber = await Contenders.anActiveNumber(ours)
    const before = (await emulator.counters()).tokenRequests.total
    const observed = Effect.gen(function*() {
      const start = yield* ours.tokens.snapshot
      const t0 = performance.now()
      const outcome = yield* Effect.either(ours.numbers.getActiveNumber(phoneNumber))
      const elapsedUs = (performance.now() - t0) * 1000
      const end = yield* ours.tokens.snapshot
      const overlaps = start.state === "refreshing" || end.state === "refreshing" || start.requests !== end.requests
      return { ok: outcome._tag === "Right", elapsedUs, overlaps }
    })
    const until = performance.now() + settings.durationMs
    await Promise.all(Array.from({ length: settings.concurrency }, async () => {
      for (let i = 0; i < maxCallsPerWorker && performance.now() < until; i++) {
        const call = await ours.run(observed)
        if (!call.ok) failures++
        else (call.overlaps ? duringRefresh : steady).push(call.elapsedUs)
      }
    }))
    tokenRequests = (await emulator.counters()).tokenRequests.total - before
  } finally {
    await ours.dispose()
  }

  await emulator.reset()
  await emulator.setTokenTtl(`${settings.tokenTtlSeconds} seconds`)
  await emulator.inject("auth", EmulatorControl.delay(`${settings.authDelayMs} millis`), 10_000)
  const sdk = Contenders.official(emulator.baseUrl)
  const officialLatencies: Array<number> = []
  let officialFailures = 0
  const phoneNumber = (await sdk.numbers.list({ pageSize: 1 })).data[0]?.phoneNumber ?? ""
  const before = (await emulator.counters()).tokenRequests.total
  const until = performance.now() + settings.officialDurationMs
  await Promise.all(Array.from({ length: settings.concurrency }, async () => {
    for (let i = 0; i < maxCallsPerWorker && performance.now() < until; i++) {
      const t0 = performance.now()
      try {
        await sdk.numbers.get({ phoneNumber })
        officialLatencies.push((performance.now() - t0) * 1000)
      } catch {
        officialFailures++
      }
    }
  }))
  const counters = await emulator.counters()
  await emulator.reset()
  return {
    settings,
    steady: summarize(steady),
    duringRefresh: summarize(duringRefresh),
    failures,
    tokenRequests,
    official: {
      all: summarize(officialLatencies),
      failures: officialFailures,
      tokenRequests: counters.tokenRequests.total - before,
      rateLimited: counters.tokenRequests.byOutcome["rate_limited"] ?? 0
    }
  }
}

/**
 * @since 0.1.0
 * @category reporting
 */
export const table = (result: Result): Table => {
  const { settings } = result
  const row = (name: string, s: Summary, failures: number, tokens: string) => [
    name,
    String(s.n),
    String(failures),
    fixed(s.p50Us),
    fixed(s.p99Us),
    fixed(s.meanUs),
    ratio(s.p50Us, result.steady.p50Us),
    ratio(s.p99Us, result.steady.p99Us),
    tokens
  ]
  return {
    title:
      `4. Numbers call latency during a background refresh vs steady state (token TTL ${settings.tokenTtlSeconds} s, token endpoint delayed ${settings.authDelayMs} ms)`,
    headers: [
      "calls",
      "n",
      "failed",
      "p50 µs",
      "p99 µs",
      "mean µs",
      "p50 vs steady",
      "p99 vs steady",
      "token requests"
    ],
    rows: [
      row("ours: steady state", result.steady, result.failures, String(result.tokenRequests)),
      row("ours: overlapping a refresh", result.duringRefresh, 0, "(same run)"),
      row(
        `official, same TTL and delay (${settings.officialDurationMs / 1000} s)`,
        result.official.all,
        result.official.failures,
        `${result.official.tokenRequests} (${result.official.rateLimited} 429s)`
      )
    ],
    notes: [
      `Ours: ${settings.concurrency} workers calling for ${
        settings.durationMs / 1000
      } s; refresh at 80% of the TTL in the background. A call counts as overlapping when the provider was refreshing at its start or end, or sent a token request during it.`,
      "The official SDK treats a JWT that expires within 60 s as expired, so with a 5 s TTL it fetches a token before every call (shared only by concurrent calls): it is shown for contrast, not as a refresh-window measurement."
    ]
  }
}
