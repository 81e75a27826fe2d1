/**
 * 1c. The HTTP transport under ours: the same call (GET one active number, concurrency 1, a runtime built
 * once, one `runPromise` per call) over `UndiciHttpClient.layer` (@sinch-effect/node), the platform's
 * `NodeHttpClient.layerUndici` and `FetchHttpClient.layer`, next to the official SDK, rounds interleaved.
 * Which transport the docs recommend follows from this table.
 *
 * @since 0.3.0
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { UndiciHttpClient } from "@sinch-effect/node"
import * as Contenders from "./contenders.js"
import type { BenchEmulator } from "./emulator.js"
import { closedLoop, rotate } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed } from "./stats.js"
import type { Spread } from "./userPath.js"
import { formatSpread, spread } from "./userPath.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Settings {
  readonly callsPerRound: number
  readonly rounds: number
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Result {
  readonly settings: Settings
  readonly contenders: ReadonlyArray<{
    readonly name: string
    readonly wallUs: ReadonlyArray<number>
    readonly cpuUs: ReadonlyArray<number>
    readonly failures: number
    /** Per-round ratios to the official SDK. */
    readonly vsOfficialWall: Spread
    readonly vsOfficialCpu: Spread
  }>
}

const official = "official @sinch/sdk-core (its own stack)"

/**
 * @since 0.3.0
 * @category benchmarks
 */
export const run = async (emulator: BenchEmulator, settings: Settings): Promise<Result> => {
  const transports = [
    { name: "ours over UndiciHttpClient.layer", layer: UndiciHttpClient.layer },
    { name: "ours over NodeHttpClient.layerUndici", layer: NodeHttpClient.layerUndici },
    { name: "ours over FetchHttpClient.layer", layer: FetchHttpClient.layer }
  ]
  const clients = await Promise.all(
    transports.map(async (t) => ({ name: t.name, client: await Contenders.ours(emulator.baseUrl, undefined, t.layer) }))
  )
  const phoneNumber = await Contenders.anActiveNumber(clients[0]!.client)
  const sdk = Contenders.official(emulator.baseUrl)
  const contenders = [
    ...clients.map(({ client, name }) => ({
      name,
      call: () => client.run(client.numbers.getActiveNumber(phoneNumber))
    })),
    { name: official, call: () => sdk.numbers.get({ phoneNumber }) }
  ]
  const samples = new Map(
    contenders.map((c) => [c.name, { wallUs: [] as Array<number>, cpuUs: [] as Array<number>, failures: 0 }])
  )
  try {
    for (const c of contenders) await closedLoop(c.call, settings.callsPerRound, 1)
    for (let round = 0; round < settings.rounds; round++) {
      for (const c of rotate(contenders, round)) {
        const cpu = process.cpuUsage()
        const run = await closedLoop(c.call, settings.callsPerRound, 1)
        const used = process.cpuUsage(cpu)
        const done = Math.max(1, run.latenciesUs.length + run.failures)
        const s = samples.get(c.name)!
        s.failures += run.failures
        s.wallUs.push(run.latenciesUs.reduce((a, b) => a + b, 0) / Math.max(1, run.latenciesUs.length))
        s.cpuUs.push((used.user + used.system) / done)
      }
    }
  } finally {
    await Promise.all(clients.map(({ client }) => client.dispose()))
  }
  const reference = samples.get(official)!
  return {
    settings,
    contenders: contenders.map((c) => {
      const s = samples.get(c.name)!
      return {
        name: c.name,
        ...s,
        vsOfficialWall: spread(s.wallUs.map((x, i) => x / reference.wallUs[i]!)),
        vsOfficialCpu: spread(s.cpuUs.map((x, i) => x / reference.cpuUs[i]!))
      }
    })
  }
}

/**
 * @since 0.3.0
 * @category reporting
 */
export const table = (result: Result): Table => ({
  title: "1c. The transport under ours (GET one active number, concurrency 1)",
  headers: ["contender", "wall µs", "CPU µs", "wall vs official", "CPU vs official", "failed"],
  rows: result.contenders.map((c) => [
    c.name,
    fixed(spread(c.wallUs).median),
    fixed(spread(c.cpuUs).median),
    formatSpread(c.vsOfficialWall),
    formatSpread(c.vsOfficialCpu),
    String(c.failures)
  ]),
  notes: [
    `${result.settings.rounds} interleaved rounds of ${result.settings.callsPerRound} calls per contender after a warm-up round; ratios are medians of per-round ratios (min–max).`
  ]
})
