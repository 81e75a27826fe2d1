/**
 * 1b. CPU per call with no network: an in-process `HttpClient` answers a canned body at once, so what
 * is left is the client's own work. Ours (`Numbers.getActiveNumber` over `Sinch.layer`, a token already
 * cached) against the same in-process client with a fixed header and the same Schema decode, each in a
 * `ManagedRuntime` built once with one `runPromise` per call; ours again under a tracer that records
 * (what a span and the platform's spans cost when someone observes them); and the decode alone.
 *
 * @since 0.2.0
 */
import { HttpClient, HttpClientError, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Numbers, NumbersSchema } from "@sinch-effect/products"
import { AttemptDeadline } from "@sinch-effect/sinch-http"
import { Effect, Layer, ManagedRuntime, Schema, Stream, Tracer } from "effect"
// The client's decoder as built: internal to sinch-http, measured here on its own.
import * as FastDecode from "../../packages/sinch-http/dist/internal/fastDecode.js"
import * as Contenders from "./contenders.js"
import { rotate } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed } from "./stats.js"
import type { Spread } from "./userPath.js"
import { formatSpread, spread } from "./userPath.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface Settings {
  readonly callsPerRound: number
  readonly rounds: number
}

/**
 * @since 0.2.0
 * @category models
 */
export interface Result {
  readonly settings: Settings
  readonly cpuUsPerCall: Readonly<Record<string, ReadonlyArray<number>>>
  readonly oursVsBare: Spread
  readonly tracedVsBare: Spread
  readonly decodeUs: number
  /** The client's compiled decoder (what `SinchClient.request` runs) on the same body. */
  readonly compiledDecodeUs: number
  readonly parseUs: number
}

const phoneNumber = "+12025550100"
const body = JSON.stringify({
  phoneNumber,
  projectId: Contenders.demo.projectId,
  displayName: "bench",
  regionCode: "US",
  type: "LOCAL",
  capability: ["SMS", "VOICE"],
  money: { currencyCode: "USD", amount: "2.00" },
  paymentIntervalMonths: 1,
  nextChargeDate: "2026-12-01T00:00:00Z",
  expireAt: "2026-12-31T00:00:00Z",
  smsConfiguration: { servicePlanId: "plan", campaignId: "" },
  voiceConfiguration: { type: "RTC", appId: "app" },
  callbackUrl: ""
})
const tokenBody = JSON.stringify({ access_token: "in-process-token", token_type: "bearer", expires_in: 3600 })

const answer = (request: HttpClientRequest.HttpClientRequest) => {
  const text = request.url.includes("/oauth2/token") ? tokenBody : body
  return HttpClientResponse.fromWeb(
    request,
    new Response(text, {
      status: 200,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }
    })
  )
}

/**
 * A lean in-process transport (no span of its own, like `UndiciHttpClient`) that answers at once. It
 * honours the attempt deadline (`AttemptDeadline`) as the recommended transport does: an answer that
 * is instant can only miss a deadline that has already passed, and then it fails.
 */
const canned = AttemptDeadline.enforcing(HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
  (effect) =>
    Effect.flatMap(effect, (request) => {
      const deadline = AttemptDeadline.deadlineOf(request)
      return deadline !== undefined && deadline <= Date.now()
        ? Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            cause: new AttemptDeadline.Exceeded(deadline)
          })
        )
        : Effect.succeed(answer(request))
    }),
  Effect.succeed
))
const cannedLayer = Layer.succeed(HttpClient.HttpClient, canned)

/** A tracer that keeps nothing but is not Effect's own: what an exporter-backed tracer pays at least. */
const observing = Layer.unwrapEffect(
  Effect.map(
    Effect.tracer,
    (base) =>
      Layer.setTracer(
        Tracer.make({ span: (...args) => base.span(...args), context: (f, fiber) => base.context(f, fiber) })
      )
  )
)

const decode = Schema.decodeUnknownSync(NumbersSchema.ActiveNumber)

const cpuOf = async (call: () => Promise<unknown>, n: number): Promise<number> => {
  const start = process.cpuUsage()
  for (let i = 0; i < n; i++) await call()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / n
}

/**
 * @since 0.2.0
 * @category benchmarks
 */
export const run = async (settings: Settings): Promise<Result> => {
  const sinch = Contenders.sinchLayer("https://numbers.in-process.invalid").pipe(Layer.provide(cannedLayer))
  const ours = ManagedRuntime.make(sinch)
  const traced = ManagedRuntime.make(Layer.merge(sinch, observing))
  const bareRuntime = ManagedRuntime.make(cannedLayer)
  const client = (await bareRuntime.runPromise(HttpClient.HttpClient)).pipe(
    HttpClient.mapRequest(
      HttpClientRequest.setHeaders({ authorization: "Bearer in-process-token", accept: "application/json" })
    ),
    HttpClient.filterStatusOk
  )
  const url = Contenders.activeNumberUrl("https://numbers.in-process.invalid", phoneNumber)
  const contenders = [
    {
      name: "ours",
      call: () => ours.runPromise(Effect.flatMap(Numbers.Numbers, (n) => n.getActiveNumber(phoneNumber)))
    },
    {
      name: "ours, under a recording tracer",
      call: () => traced.runPromise(Effect.flatMap(Numbers.Numbers, (n) => n.getActiveNumber(phoneNumber)))
    },
    {
      // What draining any list Stream costs, before its first request: Effect's channel executor.
      name: "drain an empty Stream",
      call: () => bareRuntime.runPromise(Stream.runCollect(Stream.empty))
    },
    {
      name: "bare + same decode",
      call: () => bareRuntime.runPromise(Effect.flatMap(client.get(url), (r) => r.json)).then(decode)
    }
  ]
  const cpu: Record<string, Array<number>> = Object.fromEntries(contenders.map((c) => [c.name, []]))
  try {
    for (const c of contenders) await cpuOf(c.call, settings.callsPerRound)
    for (let round = 0; round < settings.rounds; round++) {
      for (const c of rotate(contenders, round)) cpu[c.name]!.push(await cpuOf(c.call, settings.callsPerRound))
    }
  } finally {
    await Promise.all([ours.dispose(), traced.dispose(), bareRuntime.dispose()])
  }
  const bare = cpu["bare + same decode"]!
  const n = 20_000
  let start = process.cpuUsage()
  for (let i = 0; i < n; i++) JSON.parse(body)
  let used = process.cpuUsage(start)
  const parseUs = (used.user + used.system) / n
  start = process.cpuUsage()
  for (let i = 0; i < n; i++) decode(JSON.parse(body))
  used = process.cpuUsage(start)
  const decodeUs = (used.user + used.system) / n - parseUs
  const compiled = FastDecode.compile(NumbersSchema.ActiveNumber.ast)
  start = process.cpuUsage()
  for (let i = 0; i < n; i++) compiled(JSON.parse(body))
  used = process.cpuUsage(start)
  const compiledDecodeUs = (used.user + used.system) / n - parseUs
  return {
    settings,
    cpuUsPerCall: cpu,
    oursVsBare: spread(cpu["ours"]!.map((x, i) => x / bare[i]!)),
    tracedVsBare: spread(cpu["ours, under a recording tracer"]!.map((x, i) => x / bare[i]!)),
    decodeUs,
    compiledDecodeUs,
    parseUs
  }
}

/**
 * @since 0.2.0
 * @category reporting
 */
export const table = (result: Result): Table => ({
  title: "1b. CPU per call in process (an in-process HttpClient answering a canned ActiveNumber; no network)",
  headers: ["contender", "CPU µs per call (median round)", "vs bare + same decode (median, min–max)"],
  rows: [
    [
      "ours (Effect's own tracer: no span)",
      fixed(spread(result.cpuUsPerCall["ours"]!).median, 1),
      `${formatSpread(result.oursVsBare)} target ≤ 1.15 ${result.oursVsBare.median <= 1.15 ? "met" : "MISSED"}`
    ],
    [
      "ours under a recording tracer (our span + the platform's per attempt)",
      fixed(spread(result.cpuUsPerCall["ours, under a recording tracer"]!).median, 1),
      formatSpread(result.tracedVsBare)
    ],
    ["bare HttpClient + same decode", fixed(spread(result.cpuUsPerCall["bare + same decode"]!).median, 1), "1.00x"],
    ["the Schema decode alone (ActiveNumber, Schema.decodeUnknownSync)", fixed(result.decodeUs, 1), ""],
    ["the client's compiled decode alone (same schema, same body)", fixed(result.compiledDecodeUs, 1), ""],
    [
      "draining an empty Stream (Stream.runCollect(Stream.empty)): what any list drained as a Stream costs before its request",
      fixed(spread(result.cpuUsPerCall["drain an empty Stream"]!).median, 1),
      ""
    ],
    ["JSON.parse alone", fixed(result.parseUs, 1), ""]
  ],
  notes: [
    `${result.settings.rounds} interleaved rounds of ${result.settings.callsPerRound} sequential calls per contender after a warm-up round.`
  ]
})
