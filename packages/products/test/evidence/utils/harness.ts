/**
 * Shared pieces of the evidence tests: the three products wired on one `TokenProvider` against an
 * emulator (in-process or on 127.0.0.1), counters, and bounded waits on real signals.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import * as EmulatedConversation from "@sinch-effect/emulator/products/conversation"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Clock, Duration, Effect, Fiber, Layer, Order, Stream, TestClock, TestServices } from "effect"
import { Conversation, ElasticSipTrunking, Numbers, Sinch } from "../../../src/index.js"

export const demo = Emulator.demoCredentials
export const euApp = EmulatedConversation.demoData.euApp

/** The host the in-process client routes to the emulator (no socket involved). */
export const inProcessUrl = "https://emulator.test"

const sinch = (baseUrl: string, token?: Omit<TokenProvider.Options, "tokenUrl">) =>
  Sinch.layer({
    credentials: { projectId: demo.projectId, keyId: demo.keyId, keySecret: demo.keySecret },
    region: "eu",
    endpoints: SinchEndpoints.emulator(baseUrl),
    token: { seed: 7, ...token }
  }).pipe(Layer.orDie)

/** The products on one shared provider, calling an in-process emulator: time is entirely the `TestClock`'s. */
export const inProcess = (
  options?: {
    readonly emulator?: Emulator.Options | undefined
    readonly token?: Omit<TokenProvider.Options, "tokenUrl"> | undefined
  }
) => sinch(inProcessUrl, options?.token).pipe(Layer.provideMerge(EmulatorClient.layerEmulator(options?.emulator)))

/** The products on one shared provider, calling an emulator served on 127.0.0.1 through undici. */
export const overHttp = (
  options?: {
    readonly emulator?: Emulator.Options | undefined
    readonly token?: Omit<TokenProvider.Options, "tokenUrl"> | undefined
  }
) =>
  Layer.unwrapEffect(
    Effect.map(EmulatorServer.EmulatorServer, (server) => sinch(server.baseUrl, options?.token))
  ).pipe(
    Layer.provideMerge(
      Layer.merge(EmulatorServer.layerEmulator(options?.emulator).pipe(Layer.orDie), NodeHttpClient.layerUndici)
    )
  )

export const control = EmulatorControl.EmulatorControl
export const counters = Effect.flatMap(control, (c) => c.counters)
export const tokenRequests = Effect.map(counters, (c) => c.tokenRequests.total)
export const route = (method: string, path: string) =>
  Effect.map(counters, (c) => c.requestsByRoute[`${method} ${path}`] ?? 0)
export const numbersPath = (suffix: string) => `/numbers/v1/projects/${demo.projectId}${suffix}`

export const snapshot = Effect.flatMap(TokenProvider.TokenProvider, (provider) => provider.snapshot)

/** One call of each product: what steady traffic of a small service looks like. */
export const touchAllProducts = Effect.gen(function*() {
  const numbers = yield* Numbers.Numbers
  const trunks = yield* ElasticSipTrunking.ElasticSipTrunking
  const conversation = yield* Conversation.Conversation
  yield* Effect.all([
    Stream.runDrain(Stream.take(numbers.listActiveNumbers(), 1)),
    Stream.runDrain(Stream.take(trunks.listSipTrunks(), 1)),
    conversation.getApp(euApp)
  ], { concurrency: "unbounded", discard: true })
})

/** `GET /availableRegions`: the cheapest Numbers call, for storms. */
export const listRegions = Effect.flatMap(Numbers.Numbers, (numbers) => numbers.listAvailableRegions())

/**
 * Waits, in real time but bounded (about 2 s), until `check` holds: work forked into the provider's
 * scope and real sockets are not driven by the test fiber.
 */
export const eventually = <R>(check: Effect.Effect<boolean, never, R>, what: string, attempts = 1000) =>
  Effect.gen(function*() {
    for (let i = 0; i < attempts; i++) {
      if (yield* check) return
      yield* TestServices.provideLive(Effect.sleep("2 millis"))
    }
    return yield* Effect.dieMessage(`timed out waiting for: ${what}`)
  })

/** Moves the `TestClock` to `at` (millis); never backwards. */
export const adjustTo = (at: number) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => TestClock.adjust(Duration.millis(Math.max(0, at - now))))

/** Waits until `n` fibers sleep on the `TestClock` until exactly `at`. */
export const sleepersAt = (at: number, n: number, what: string) =>
  eventually(Effect.map(TestClock.sleeps(), (sleeps) => Chunk.size(Chunk.filter(sleeps, (t) => t === at)) >= n), what)

/**
 * Runs `fiber` to completion, advancing the `TestClock` to each sleep it starts within `horizon` of
 * now (retry backoffs), never further: later sleeps (the refresh timer) are left alone. Bounded.
 */
export const driveToEnd = <A, E>(fiber: Fiber.RuntimeFiber<A, E>, horizon: Duration.DurationInput = "30 seconds") =>
  Effect.gen(function*() {
    const limit = Duration.toMillis(horizon)
    for (let i = 0; i < 2000; i++) {
      if ((yield* Fiber.poll(fiber))._tag === "Some") return yield* Fiber.join(fiber)
      const now = yield* Clock.currentTimeMillis
      const next = Chunk.findFirst(
        Chunk.sort(yield* TestClock.sleeps(), Order.number),
        (t) => t <= now + limit
      )
      if (next._tag === "Some") yield* adjustTo(next.value)
      else yield* TestServices.provideLive(Effect.sleep("2 millis"))
    }
    return yield* Effect.dieMessage("the fiber did not finish")
  })
