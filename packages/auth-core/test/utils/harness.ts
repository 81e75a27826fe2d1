import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Chunk, Clock, Duration, Effect, Layer, Logger, Metric, TestClock, TestServices } from "effect"
import type { Scope } from "effect"
import type { TokenEndpoint } from "./TokenEndpoint.js"

export const PROJECT_ID = "37b62a7b-0177-4b6c-9f6e-e10f848de123"
export const KEY_ID = "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
/** Planted so that leak checks can search for it; contains every character RFC 6749 2.3.1 cares about. */
export const KEY_SECRET = "planted-secret:%+ é/&="

export const credentialsLayer = (keySecret: string = KEY_SECRET) =>
  ProjectCredentials.layer({ projectId: PROJECT_ID, keyId: KEY_ID, keySecret }).pipe(Layer.orDie)

/** A provider in the current scope, talking to `endpoint`. */
export const provider = (
  endpoint: TokenEndpoint,
  options: TokenProvider.Options = {},
  keySecret?: string
): Effect.Effect<TokenProvider.Service, never, Scope.Scope> =>
  TokenProvider.make({ seed: 7, ...options }).pipe(
    Effect.provide(Layer.merge(credentialsLayer(keySecret), endpoint.layer))
  )

/**
 * Waits, in real time but bounded, until `condition` holds: work forked into the provider's scope is
 * not supervised by the test fiber, and reading a response body resolves a real promise.
 */
export const eventually = (condition: (() => boolean) | Effect.Effect<boolean>, what: string): Effect.Effect<void> => {
  const check = Effect.isEffect(condition) ? condition : Effect.sync(condition)
  return Effect.gen(function*() {
    for (let i = 0; i < 400; i++) {
      if (yield* check) return
      yield* TestServices.provideLive(Effect.sleep("2 millis"))
    }
    return yield* Effect.dieMessage(`timed out waiting for: ${what}`)
  })
}

/** Lets forked work run for a little real time, for assertions that nothing happened. */
export const quiesce: Effect.Effect<void> = TestServices.provideLive(Effect.sleep("20 millis"))

/** Waits until some fiber sleeps on the `TestClock` until exactly `at`. */
export const sleepingUntil = (at: number, what: string): Effect.Effect<void> =>
  eventually(Effect.map(TestClock.sleeps(), Chunk.some((time) => time === at)), what)

/** Moves the `TestClock` to `at` (millis), which must not be in the past. */
export const adjustTo = (at: number): Effect.Effect<void> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => TestClock.adjust(Duration.millis(Math.max(0, at - now))))

export const count = (counter: Metric.Metric.Counter<number>): Effect.Effect<number> =>
  Effect.map(Metric.value(counter), (state) => state.count)

export const gauge = (metric: Metric.Metric.Gauge<number>): Effect.Effect<number> =>
  Effect.map(Metric.value(metric), (state) => state.value)

/** A logger that keeps every formatted line (message, level, annotations, cause). */
export const captureLogs = () => {
  const lines: Array<string> = []
  const logger = Logger.make((options) => {
    lines.push(Logger.logfmtLogger.log(options))
  })
  return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
}
