/**
 * 2. Token requests caused by `c` concurrent first calls spread over Numbers, Elastic SIP Trunking and
 * Conversation: ours (one `Sinch.layer`) against the official SDK (one `SinchClient`), each on a freshly
 * reset emulator, read from the emulator's token counter.
 *
 * @since 0.1.0
 */
import * as Contenders from "./contenders.js"
import type { BenchEmulator } from "./emulator.js"
import { withDeadline } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed } from "./stats.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Row {
  readonly contender: "ours" | "official"
  readonly concurrency: number
  readonly tokenRequests: number
  readonly tokenOutcomes: Readonly<Record<string, number>>
  readonly tokenRequestsMaxInFlight: number
  readonly failedCalls: number
  readonly wallMs: number
  /** A failure message of a call, if any failed. */
  readonly firstFailure: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly concurrencies: ReadonlyArray<number>
  readonly rows: ReadonlyArray<Row>
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error).slice(0, 200)

const burst = async (
  concurrency: number,
  calls: ReadonlyArray<() => Promise<unknown>>
): Promise<{ failed: number; wallMs: number; firstFailure: string | undefined }> => {
  let failed = 0
  let firstFailure: string | undefined
  const start = performance.now()
  await withDeadline(
    Promise.all(Array.from({ length: concurrency }, (_, i) =>
      calls[i % calls.length]!().catch((error: unknown) => {
        failed++
        firstFailure ??= describe(error)
      }))),
    120_000,
    `${concurrency} concurrent first calls`
  )
  return { failed, wallMs: performance.now() - start, firstFailure }
}

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const run = async (emulator: BenchEmulator, concurrencies: ReadonlyArray<number>): Promise<Result> => {
  const rows: Array<Row> = []
  const phoneNumber = await (async () => {
    const probe = await Contenders.ours(emulator.baseUrl)
    try {
      return await Contenders.anActiveNumber(probe)
    } finally {
      await probe.dispose()
    }
  })()
  const record = async (
    contender: Row["contender"],
    concurrency: number,
    outcome: Awaited<ReturnType<typeof burst>>
  ) => {
    const counters = await emulator.counters()
    rows.push({
      contender,
      concurrency,
      tokenRequests: counters.tokenRequests.total,
      tokenOutcomes: counters.tokenRequests.byOutcome,
      tokenRequestsMaxInFlight: counters.tokenRequestsMaxInFlight,
      failedCalls: outcome.failed,
      wallMs: outcome.wallMs,
      firstFailure: outcome.firstFailure
    })
  }
  for (const concurrency of concurrencies) {
    // Alternate which contender goes first, so that neither always meets a warmer emulator.
    const order: ReadonlyArray<Row["contender"]> = rows.length % 4 === 0 ? ["ours", "official"] : ["official", "ours"]
    for (const contender of order) {
      await emulator.reset()
      if (contender === "ours") {
        const ours = await Contenders.ours(emulator.baseUrl)
        try {
          const outcome = await burst(concurrency, [
            () => ours.run(ours.numbers.getActiveNumber(phoneNumber)),
            () => ours.run(ours.est.listCountryPermissions),
            () => ours.run(ours.conversation.listApps)
          ])
          await record("ours", concurrency, outcome)
        } finally {
          await ours.dispose()
        }
      } else {
        const sdk = Contenders.official(emulator.baseUrl)
        const outcome = await burst(concurrency, [
          () => sdk.numbers.get({ phoneNumber }),
          () => sdk.elasticSipTrunking.countryPermissions.list(),
          () => sdk.conversation.app.list({})
        ])
        await record("official", concurrency, outcome)
      }
    }
  }
  await emulator.reset()
  return { concurrencies, rows }
}

/**
 * @since 0.1.0
 * @category reporting
 */
export const table = (result: Result): Table => ({
  title: "2. Token requests made by concurrent first calls over Numbers, EST and Conversation (one credential set)",
  headers: [
    "concurrent first calls",
    "ours: token requests",
    "ours: 429s",
    "ours: failed calls",
    "official: token requests",
    "official: 429s",
    "official: failed calls",
    "ours ms",
    "official ms"
  ],
  rows: result.concurrencies.map((concurrency) => {
    const ours = result.rows.find((r) => r.contender === "ours" && r.concurrency === concurrency)!
    const official = result.rows.find((r) => r.contender === "official" && r.concurrency === concurrency)!
    return [
      String(concurrency),
      String(ours.tokenRequests),
      String(ours.tokenOutcomes["rate_limited"] ?? 0),
      String(ours.failedCalls),
      String(official.tokenRequests),
      String(official.tokenOutcomes["rate_limited"] ?? 0),
      String(official.failedCalls),
      fixed(ours.wallMs),
      fixed(official.wallMs)
    ]
  }),
  notes: [
    "Each run on a freshly reset emulator (token bucket 30, refilled 10/s; not raised); call i goes to Numbers, EST or Conversation by i mod 3.",
    "Ours: one Sinch.layer (one TokenProvider shared by the three products). Official: one SinchClient (one token cache per product API).",
    "Target for ours: exactly 1 token request at every concurrency."
  ]
})
