/**
 * 6. Heap retained by our client, in a child process started with `--expose-gc`: one client against the
 * in-process emulator makes 100 000 Numbers calls, with the heap read after a full GC at checkpoints;
 * then more clients are built and kept, to read the bytes each one retains. Prints one JSON line.
 *
 * @since 0.1.0
 */
import { EmulatorClient } from "@sinch-effect/emulator"
import { Numbers } from "@sinch-effect/products"
import { Context, Effect, Layer, Option, Stream } from "effect"
import * as Contenders from "./contenders.js"

const gc = (globalThis as { gc?: () => void }).gc

const heapAfterGc = (): number => {
  if (gc === undefined) throw new Error("run with node --expose-gc")
  // Twice: the first collection can leave objects that only the second one frees (weak references, finalizers).
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

const settings = {
  calls: 100_000,
  checkpointEvery: 10_000,
  warmupCalls: 1_000,
  concurrency: 8,
  extraClients: 50,
  callsPerExtraClient: 20
}

const program = Effect.gen(function*() {
  // A bucket large enough for every client's first token: this part measures memory, not rate limits.
  const emulator = yield* Layer.build(
    EmulatorClient.layerEmulator({ tokenBucket: { capacity: 10_000, refillPerSecond: 10_000 } })
  )
  // Never connected: the in-process client answers every URL under the emulator's prefixes.
  const build = Layer.build(Contenders.sinchLayer("http://127.0.0.1:9")).pipe(Effect.provide(emulator))
  const baseline = heapAfterGc()

  const first = yield* build
  const numbers = Context.get(first, Numbers.Numbers)
  const phoneNumber =
    Option.getOrThrow(yield* Stream.runHead(numbers.listActiveNumbers({ pageSize: 1 }))).phoneNumber ?? ""
  const calls = (n: number, service: Numbers.Service) =>
    Effect.forEach(Array.from({ length: n }), () => service.getActiveNumber(phoneNumber), {
      concurrency: settings.concurrency,
      discard: true
    })
  yield* calls(settings.warmupCalls, numbers)
  const afterWarmup = heapAfterGc()
  const checkpoints: Array<{ calls: number; heapUsed: number }> = [{
    calls: settings.warmupCalls,
    heapUsed: afterWarmup
  }]
  let made = settings.warmupCalls
  const start = performance.now()
  while (made < settings.calls) {
    const batch = Math.min(settings.checkpointEvery, settings.calls - made)
    yield* calls(batch, numbers)
    made += batch
    checkpoints.push({ calls: made, heapUsed: heapAfterGc() })
  }
  const callsMs = performance.now() - start
  const afterCalls = checkpoints[checkpoints.length - 1]!.heapUsed

  const extra = yield* Effect.forEach(
    Array.from({ length: settings.extraClients }),
    () => Effect.tap(build, (context) => calls(settings.callsPerExtraClient, Context.get(context, Numbers.Numbers)))
  )
  const afterClients = heapAfterGc()
  return {
    settings,
    baseline,
    afterFirstClientWarm: afterWarmup,
    afterCalls,
    callsMs,
    checkpoints,
    afterExtraClients: afterClients,
    extraClientsKept: extra.length,
    bytesPerExtraClient: (afterClients - afterCalls) / extra.length,
    growthFromWarmToAllCalls: afterCalls - afterWarmup,
    bytesPerCall: (afterCalls - afterWarmup) / (settings.calls - settings.warmupCalls)
  }
})

Effect.runPromise(Effect.scoped(program)).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exitCode = 1
  }
)
