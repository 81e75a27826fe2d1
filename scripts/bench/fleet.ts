/**
 * 3. Fleet start: `n` client instances with the same key (separate credential-set instances: separate
 * `Sinch.layer`s, or separate official `SinchClient`s) make their first call at once against the
 * emulator's token bucket (30, refilled 10/s). An instance whose first call fails keeps calling, as an
 * application would, until it succeeds or the contender's deadline passes.
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { AuthError } from "@sinch-effect/auth-core"
import { Numbers } from "@sinch-effect/products"
import { Clock, Context, Duration, Effect, Either, Layer, Option } from "effect"
import * as Contenders from "./contenders.js"
import type { BenchEmulator } from "./emulator.js"
import { sleep } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed, percentile } from "./stats.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Row {
  readonly contender: "ours" | "official"
  readonly instances: number
  /** Instances that got a token (a successful call) before the deadline. */
  readonly withToken: number
  /** Time until the last instance had a token; undefined when some never did. */
  readonly allTokensMs: number | undefined
  readonly p50TokenMs: number
  readonly failedFirstCalls: number
  readonly failedCalls: number
  readonly calls: number
  readonly tokenRequests: number
  readonly rateLimited: number
  readonly issued: number
  readonly wallMs: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly sizes: ReadonlyArray<number>
  readonly deadlineMs: number
  readonly rows: ReadonlyArray<Row>
}

/** Attempts per instance, whatever the deadline: every loop is bounded. */
const maxAttempts = 500

interface Tally {
  readonly times: Array<number>
  failedFirst: number
  failed: number
  calls: number
}

const oursFleet = (baseUrl: string, instances: number, phoneNumber: string, deadlineMs: number, tally: Tally) =>
  Effect.gen(function*() {
    const contexts = yield* Effect.forEach(
      Array.from({ length: instances }),
      () => Layer.build(Contenders.sinchLayer(baseUrl)),
      { concurrency: "unbounded" }
    )
    const start = performance.now()
    const instance = (numbers: Numbers.Service) =>
      Effect.gen(function*() {
        for (let attempt = 0; attempt < maxAttempts && performance.now() - start < deadlineMs; attempt++) {
          tally.calls++
          const result = yield* Effect.either(numbers.getActiveNumber(phoneNumber))
          if (Either.isRight(result)) {
            tally.times.push(performance.now() - start)
            return
          }
          tally.failed++
          if (attempt === 0) tally.failedFirst++
          // The library says when its next token request is allowed; an application waits until then.
          const error = result.left
          const now = yield* Clock.currentTimeMillis
          const wait = error._tag === "TokenUnavailable" && error.retryAt !== undefined
            ? Math.max(10, error.retryAt - now)
            : Option.match(AuthError.retryAfter(error), { onNone: () => 1000, onSome: Duration.toMillis })
          yield* Effect.sleep(Duration.millis(Math.min(wait, Math.max(10, deadlineMs - (performance.now() - start)))))
        }
      })
    yield* Effect.forEach(contexts, (context) => instance(Context.get(context, Numbers.Numbers)), {
      concurrency: "unbounded",
      discard: true
    })
  }).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici))

const officialFleet = async (
  baseUrl: string,
  instances: number,
  phoneNumber: string,
  deadlineMs: number,
  tally: Tally
) => {
  const clients = Array.from({ length: instances }, () => Contenders.official(baseUrl))
  const start = performance.now()
  await Promise.all(clients.map(async (sdk) => {
    for (let attempt = 0; attempt < maxAttempts && performance.now() - start < deadlineMs; attempt++) {
      tally.calls++
      try {
        await sdk.numbers.get({ phoneNumber })
        tally.times.push(performance.now() - start)
        return
      } catch {
        tally.failed++
        if (attempt === 0) tally.failedFirst++
        // No hint from the SDK: the application waits 1 to 2 s (jittered) and calls again.
        await sleep(Math.min(1000 + Math.random() * 1000, Math.max(10, deadlineMs - (performance.now() - start))))
      }
    }
  }))
}

const measure = async (
  emulator: BenchEmulator,
  contender: Row["contender"],
  instances: number,
  phoneNumber: string,
  deadlineMs: number
): Promise<Row> => {
  await emulator.reset()
  const tally: Tally = { times: [], failedFirst: 0, failed: 0, calls: 0 }
  const start = performance.now()
  if (contender === "ours") {
    await Effect.runPromise(oursFleet(emulator.baseUrl, instances, phoneNumber, deadlineMs, tally))
  } else {
    await officialFleet(emulator.baseUrl, instances, phoneNumber, deadlineMs, tally)
  }
  const wallMs = performance.now() - start
  const counters = await emulator.counters()
  const sorted = [...tally.times].sort((a, b) => a - b)
  return {
    contender,
    instances,
    withToken: sorted.length,
    allTokensMs: sorted.length === instances ? sorted[sorted.length - 1] : undefined,
    p50TokenMs: percentile(sorted, 50),
    failedFirstCalls: tally.failedFirst,
    failedCalls: tally.failed,
    calls: tally.calls,
    tokenRequests: counters.tokenRequests.total,
    rateLimited: counters.tokenRequests.byOutcome["rate_limited"] ?? 0,
    issued: counters.tokenRequests.byOutcome["issued"] ?? 0,
    wallMs
  }
}

/**
 * Both contenders at once, each against its own emulator (same configuration, a bucket each), so that
 * the run takes the time of the slower one rather than the sum.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const run = async (
  emulators: { readonly ours: BenchEmulator; readonly official: BenchEmulator },
  sizes: ReadonlyArray<number>,
  deadlineMs: number,
  log: (line: string) => void
): Promise<Result> => {
  const probe = await Contenders.ours(emulators.ours.baseUrl)
  const phoneNumber = await Contenders.anActiveNumber(probe).finally(() => probe.dispose())
  const rows: Array<Row> = []
  for (const instances of sizes) {
    const both = await Promise.all(
      (["ours", "official"] as const).map((contender) =>
        measure(emulators[contender], contender, instances, phoneNumber, deadlineMs).then((row) => {
          log(
            `  fleet of ${instances}, ${contender}: ${row.withToken}/${instances} with a token after ${
              fixed(row.wallMs / 1000, 1)
            } s, ${row.rateLimited} token 429s, ${row.failedFirstCalls} failed first calls`
          )
          return row
        })
      )
    )
    rows.push(...both)
  }
  await Promise.all([emulators.ours.reset(), emulators.official.reset()])
  return { sizes, deadlineMs, rows }
}

/**
 * @since 0.1.0
 * @category reporting
 */
export const table = (result: Result): Table => ({
  title: "3. Fleet start: N instances with the same key cold-starting at once (token bucket 30, refilled 10/s)",
  headers: [
    "N",
    "contender",
    "with a token",
    "all have a token (s)",
    "p50 time to token (s)",
    "failed first calls",
    "failed calls",
    "token requests",
    "429s",
    "tokens issued"
  ],
  rows: result.rows.map((row) => [
    String(row.instances),
    row.contender,
    `${row.withToken}/${row.instances}`,
    row.allTokensMs === undefined ? `not within ${result.deadlineMs / 1000}` : fixed(row.allTokensMs / 1000, 1),
    fixed(row.p50TokenMs / 1000, 1),
    String(row.failedFirstCalls),
    String(row.failedCalls),
    String(row.tokenRequests),
    String(row.rateLimited),
    String(row.issued)
  ]),
  notes: [
    "Ours: N separate Sinch.layer instances (one TokenProvider each) on one shared undici client. Official: N separate SinchClient instances.",
    "After a failed call an instance calls again: ours waits until the TokenUnavailable error's retryAt (the provider's full-jitter backoff); the official SDK gives no hint, so the application waits 1-2 s (jittered). The official SDK itself retries a token 429 up to 3 times (full jitter, 1 s x 4^attempt) before failing the call.",
    `Both contenders run at the same time, each against its own emulator process (same configuration, its own bucket), reset (full bucket) before each fleet size; each is bounded at ${
      result.deadlineMs / 1000
    } s. Measurement 6 (heap) runs in its own process meanwhile: the pace here is the bucket's (10 tokens/s), not the CPU's.`
  ]
})
