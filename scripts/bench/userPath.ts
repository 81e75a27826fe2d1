/**
 * 1. Per call on the path users take: a `ManagedRuntime` built once over `Sinch.layer` and the
 * recommended `UndiciHttpClient.layer`, one `runPromise` per call, lists drained as a `Stream`.
 * Against the emulator in its own process, three operations (GET one active number, POST a Conversation
 * message, a one-page list of active numbers) through: ours; the same undici `HttpClient` (also one
 * `ManagedRuntime`, one `runPromise` per call) with a fixed token and the same Schema decode; the
 * official `@sinch/sdk-core`. Rounds interleaved (the first contender rotates); each round records wall
 * time per call and this process's CPU time per call (`process.cpuUsage`, the emulator's excluded). Each
 * ratio is the median of the per-round ratios, with their spread.
 *
 * @since 0.2.0
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { UndiciHttpClient } from "@sinch-effect/node"
import { ConversationSchema, NumbersSchema } from "@sinch-effect/products"
import { Effect, ManagedRuntime, Option, Redacted, Schema, Stream } from "effect"
import * as Contenders from "./contenders.js"
import type { BenchEmulator } from "./emulator.js"
import { closedLoop, rotate } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed } from "./stats.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface Settings {
  readonly callsPerRound: number
  readonly rounds: number
  readonly warmupRounds: number
  readonly concurrencies: ReadonlyArray<number>
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Spread {
  readonly median: number
  readonly min: number
  readonly max: number
}

/**
 * @since 0.2.0
 * @category models
 */
export interface OperationResult {
  readonly operation: string
  readonly concurrency: number
  readonly contenders: ReadonlyArray<{
    readonly name: string
    readonly failures: number
    /** Mean wall µs per call of each round. */
    readonly wallUs: ReadonlyArray<number>
    /** CPU µs per call (user + system, this process) of each round. */
    readonly cpuUs: ReadonlyArray<number>
  }>
  readonly oursVsBare: { readonly wall: Spread; readonly cpu: Spread }
  readonly oursVsOfficial: { readonly wall: Spread; readonly cpu: Spread }
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Result {
  readonly settings: Settings
  readonly operations: ReadonlyArray<OperationResult>
}

/**
 * @since 0.2.0
 * @category stats
 */
export const spread = (values: ReadonlyArray<number>): Spread => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN }
}

/**
 * @since 0.2.0
 * @category formatting
 */
export const formatSpread = (s: Spread): string => `${fixed(s.median, 2)}x (${fixed(s.min, 2)}–${fixed(s.max, 2)})`

const decodeActiveNumber = Schema.decodeUnknownSync(NumbersSchema.ActiveNumber)
const decodePage = Schema.decodeUnknownSync(NumbersSchema.ActiveNumbersPage)
const decodeSent = Schema.decodeUnknownSync(ConversationSchema.SendMessageResponse)

const names = { ours: "ours", bare: "bare HttpClient + same decode", official: "official @sinch/sdk-core" } as const

interface Contender {
  readonly name: string
  readonly call: () => Promise<unknown>
}

const measureOne = async (contender: Contender, calls: number, concurrency: number) => {
  const cpu = process.cpuUsage()
  const run = await closedLoop(contender.call, calls, concurrency)
  const used = process.cpuUsage(cpu)
  const done = run.latenciesUs.length + run.failures
  const meanWall = run.latenciesUs.reduce((a, b) => a + b, 0) / Math.max(1, run.latenciesUs.length)
  return { failures: run.failures, wallUs: meanWall, cpuUs: (used.user + used.system) / Math.max(1, done) }
}

/**
 * @since 0.2.0
 * @category benchmarks
 */
export const run = async (
  emulator: BenchEmulator,
  settings: Settings,
  log: (line: string) => void
): Promise<Result> => {
  const ours = await Contenders.ours(emulator.baseUrl)
  const phoneNumber = await Contenders.anActiveNumber(ours)
  const token = Redacted.value((await ours.run(ours.tokens.get)).value)
  const apps = await ours.run(ours.conversation.listApps)
  const app = apps[0]
  if (app === undefined) throw new Error("the emulator has no Conversation app in eu")
  const contact = Option.getOrThrow(await ours.run(Stream.runHead(ours.conversation.listContacts())))
  const sdk = Contenders.official(emulator.baseUrl)
  const bareRuntime = ManagedRuntime.make(UndiciHttpClient.layer)
  const bare = (await bareRuntime.runPromise(HttpClient.HttpClient)).pipe(
    HttpClient.mapRequest(
      HttpClientRequest.setHeaders({ authorization: `Bearer ${token}`, accept: "application/json" })
    ),
    HttpClient.filterStatusOk
  )
  const bareJson = (request: HttpClientRequest.HttpClientRequest) =>
    bareRuntime.runPromise(Effect.flatMap(bare.execute(request), (response) => response.json))
  const project = encodeURIComponent(Contenders.demo.projectId)
  const numberUrl = Contenders.activeNumberUrl(emulator.baseUrl, phoneNumber)
  const listQuery = { regionCode: "US", type: "LOCAL", pageSize: 50 } as const
  const listUrl = `${emulator.baseUrl}/numbers/v1/projects/${project}/activeNumbers`
  const sendUrl = `${emulator.baseUrl}/conversation/eu/v1/projects/${project}/messages:send`
  const message = {
    app_id: app.id,
    recipient: { contact_id: contact.id },
    message: { text_message: { text: "Your parcel is out for delivery" } }
  }
  const pageSize = (await ours.run(Stream.runCollect(ours.numbers.listActiveNumbers(listQuery)))).length
  log(`   list: one page of ${pageSize} active numbers`)

  const operations: ReadonlyArray<{ readonly operation: string; readonly contenders: ReadonlyArray<Contender> }> = [
    {
      operation: "GET one active number",
      contenders: [
        { name: names.ours, call: () => ours.run(ours.numbers.getActiveNumber(phoneNumber)) },
        { name: names.bare, call: () => bareJson(HttpClientRequest.get(numberUrl)).then(decodeActiveNumber) },
        { name: names.official, call: () => sdk.numbers.get({ phoneNumber }) }
      ]
    },
    {
      operation: "POST a Conversation message",
      contenders: [
        { name: names.ours, call: () => ours.run(ours.conversation.sendMessage(message as never)) },
        {
          name: names.bare,
          call: () =>
            bareJson(HttpClientRequest.bodyUnsafeJson(HttpClientRequest.post(sendUrl), message)).then(decodeSent)
        },
        {
          name: names.official,
          call: () => sdk.conversation.messages.send({ sendMessageRequestBody: message as never })
        }
      ]
    },
    {
      operation: "one-page list of active numbers, drained",
      contenders: [
        { name: names.ours, call: () => ours.run(Stream.runCollect(ours.numbers.listActiveNumbers(listQuery))) },
        {
          name: names.bare,
          call: () =>
            bareJson(HttpClientRequest.get(listUrl, { urlParams: listQuery })).then((json) =>
              decodePage(json).activeNumbers
            )
        },
        { name: names.official, call: async () => (await sdk.numbers.list(listQuery)).data }
      ]
    }
  ]

  const results: Array<OperationResult> = []
  try {
    for (const concurrency of settings.concurrencies) {
      for (const { operation, contenders } of operations) {
        for (let round = 0; round < settings.warmupRounds; round++) {
          for (const c of rotate(contenders, round)) await closedLoop(c.call, settings.callsPerRound, concurrency)
        }
        const samples = new Map(
          contenders.map((c) => [c.name, { failures: 0, wallUs: [] as Array<number>, cpuUs: [] as Array<number> }])
        )
        for (let round = 0; round < settings.rounds; round++) {
          for (const c of rotate(contenders, round)) {
            const m = await measureOne(c, settings.callsPerRound, concurrency)
            const s = samples.get(c.name)!
            s.failures += m.failures
            s.wallUs.push(m.wallUs)
            s.cpuUs.push(m.cpuUs)
          }
        }
        const o = samples.get(names.ours)!
        const b = samples.get(names.bare)!
        const f = samples.get(names.official)!
        const ratios = (a: ReadonlyArray<number>, z: ReadonlyArray<number>) => spread(a.map((x, i) => x / z[i]!))
        const result: OperationResult = {
          operation,
          concurrency,
          contenders: contenders.map((c) => ({ name: c.name, ...samples.get(c.name)! })),
          oursVsBare: { wall: ratios(o.wallUs, b.wallUs), cpu: ratios(o.cpuUs, b.cpuUs) },
          oursVsOfficial: { wall: ratios(o.wallUs, f.wallUs), cpu: ratios(o.cpuUs, f.cpuUs) }
        }
        log(
          `   c${concurrency} ${operation}: ours/bare wall ${formatSpread(result.oursVsBare.wall)} cpu ${
            formatSpread(result.oursVsBare.cpu)
          }; ours/official wall ${formatSpread(result.oursVsOfficial.wall)} cpu ${
            formatSpread(result.oursVsOfficial.cpu)
          }`
        )
        results.push(result)
      }
    }
  } finally {
    await bareRuntime.dispose()
    await ours.dispose()
  }
  return { settings, operations: results }
}

/**
 * @since 0.2.0
 * @category reporting
 */
export const table = (result: Result): Table => ({
  title:
    "1. Per call on the user's path (ManagedRuntime once, runPromise per call, UndiciHttpClient.layer, lists as Streams)",
  headers: [
    "operation",
    "c",
    "ours wall µs",
    "bare wall µs",
    "official wall µs",
    "ours CPU µs",
    "bare CPU µs",
    "official CPU µs",
    "ours/bare wall (target ≤ 1.10)",
    "ours/official wall (target < 1.0)",
    "ours/bare CPU",
    "ours/official CPU",
    "failed"
  ],
  rows: result.operations.map((op) => {
    const med = (name: string, key: "wallUs" | "cpuUs") =>
      fixed(spread(op.contenders.find((c) => c.name === name)![key]).median)
    return [
      op.operation,
      String(op.concurrency),
      med(names.ours, "wallUs"),
      med(names.bare, "wallUs"),
      med(names.official, "wallUs"),
      med(names.ours, "cpuUs"),
      med(names.bare, "cpuUs"),
      med(names.official, "cpuUs"),
      `${formatSpread(op.oursVsBare.wall)} ${op.oursVsBare.wall.median <= 1.1 ? "met" : "MISSED"}`,
      `${formatSpread(op.oursVsOfficial.wall)} ${op.oursVsOfficial.wall.median < 1 ? "met" : "MISSED"}`,
      formatSpread(op.oursVsBare.cpu),
      formatSpread(op.oursVsOfficial.cpu),
      String(op.contenders.reduce((n, c) => n + c.failures, 0))
    ]
  }),
  notes: [
    `${result.settings.rounds} interleaved rounds of ${result.settings.callsPerRound} calls per contender after ${result.settings.warmupRounds} warm-up round(s); µs columns are medians of the per-round means; ratios are the median of per-round ratios (min–max in brackets).`,
    "CPU is this process's user + system time per call (process.cpuUsage); the emulator runs in its own process and is not counted.",
    "The official SDK uses its own HTTP stack (it accepts no other); ours and the bare client share UndiciHttpClient.layer (table 1c compares the transports)."
  ]
})
