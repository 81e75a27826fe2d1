/**
 * The emulator of a bench run, in its own process so that serving requests does not share an event loop
 * with the clients being measured. Prints one JSON line `{ "baseUrl": … }` once listening on 127.0.0.1,
 * and exits when its parent closes stdin (or on SIGTERM).
 *
 * Argument 1 (optional): JSON `Emulator.Options` restricted to plain values (e.g. `tokenBucket`).
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import type { Emulator } from "@sinch-effect/emulator"
import { EmulatorServer } from "@sinch-effect/emulator"
import { Deferred, Effect, Layer } from "effect"

const options: Emulator.Options = process.argv[2] === undefined ? {} : JSON.parse(process.argv[2]) as Emulator.Options

const program = Effect.gen(function*() {
  const server = yield* EmulatorServer.EmulatorServer
  process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`)
  const closed = yield* Deferred.make<void>()
  process.stdin.on("end", () => Deferred.unsafeDone(closed, Effect.void))
  process.stdin.on("close", () => Deferred.unsafeDone(closed, Effect.void))
  process.stdin.resume()
  yield* Deferred.await(closed)
})

NodeRuntime.runMain(program.pipe(Effect.provide(Layer.orDie(EmulatorServer.layerEmulator(options)))), {
  disableErrorReporting: false
})
