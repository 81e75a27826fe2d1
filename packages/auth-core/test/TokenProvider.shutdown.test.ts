import { describe, expect, it } from "@effect/vitest"
import { TokenProvider } from "@sinch-effect/auth-core"
import {
  Context,
  Duration,
  Effect,
  Either,
  Exit,
  Fiber,
  Layer,
  Logger,
  LogLevel,
  Redacted,
  Scope,
  Supervisor,
  TestClock
} from "effect"
import { adjustTo, captureLogs, credentialsLayer, eventually, provider, quiesce } from "./utils/harness.js"
import * as TokenEndpoint from "./utils/TokenEndpoint.js"

const { Reply } = TokenEndpoint

/** Tracks the fibers the provider forks, so tests can see when none is left. */
const tracking = Effect.map(Supervisor.track, (fibers) => ({
  fibers,
  live: (n: number) => eventually(Effect.map(fibers.value, (all) => all.length === n), `${n} live provider fibers`)
}))

describe("TokenProvider: shutdown", () => {
  it.effect("closing the scope interrupts the refresh timer; no request follows, even days later", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const { fibers, live } = yield* tracking
      const scope = yield* Scope.make()
      const tp = yield* provider(endpoint).pipe(Effect.supervised(fibers), Scope.extend(scope))
      const token = yield* tp.get.pipe(Effect.supervised(fibers))
      yield* live(1)
      yield* Scope.close(scope, Exit.void)
      yield* live(0)
      yield* TestClock.adjust(Duration.days(30))
      yield* quiesce
      expect(endpoint.stats.requests).toBe(1)
      expect(token.expiresAt).toBeLessThan(Duration.toMillis(Duration.days(30)))
      const after = yield* Effect.either(tp.get)
      expect(Either.isLeft(after) && after.left._tag).toBe("TokenUnavailable")
      expect(endpoint.stats.requests).toBe(1)
    }))

  it.effect("closing the scope interrupts a request in flight and its waiting callers", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.hang })
      const { fibers, live } = yield* tracking
      const scope = yield* Scope.make()
      const tp = yield* provider(endpoint).pipe(Effect.supervised(fibers), Scope.extend(scope))
      const caller = yield* Effect.fork(tp.get.pipe(Effect.supervised(fibers)))
      yield* eventually(() => endpoint.stats.inFlight === 1, "the hanging request")
      yield* Scope.close(scope, Exit.void)
      expect(endpoint.stats.inFlight).toBe(0)
      expect(endpoint.stats.interrupted).toBe(1)
      expect(Exit.isInterrupted(yield* Fiber.await(caller))).toBe(true)
      yield* live(0)
      yield* TestClock.adjust(Duration.days(1))
      yield* quiesce
      expect(endpoint.stats.requests).toBe(1)
    }))

  it.effect("closing the scope stops a failing refresh's retry loop", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.status(503) })
      endpoint.enqueue(Reply.token({ expiresIn: 1000 }))
      const { fibers, live } = yield* tracking
      const scope = yield* Scope.make()
      const tp = yield* provider(endpoint).pipe(Effect.supervised(fibers), Scope.extend(scope))
      const token = yield* tp.get.pipe(Effect.supervised(fibers))
      yield* adjustTo(token.refreshAt)
      yield* eventually(() => endpoint.stats.statuses.length === 2, "the failed refresh")
      const retryAt = (yield* tp.snapshot).nextAttemptAt
      expect(retryAt).toBeGreaterThan(token.refreshAt)
      yield* live(1)
      yield* Scope.close(scope, Exit.void)
      yield* live(0)
      yield* TestClock.adjust(Duration.days(2))
      yield* quiesce
      expect(endpoint.stats.requests).toBe(2)
    }))

  it.effect("the layer is one provider for everything built on it, and releases it with its scope", () =>
    Effect.gen(function*() {
      const endpoint = TokenEndpoint.make()
      const scope = yield* Scope.make()
      const layer = TokenProvider.layer({ seed: 1 }).pipe(
        Layer.provide(Layer.merge(credentialsLayer(), endpoint.layer))
      )
      const context = yield* Layer.buildWithScope(layer, scope)
      const numbers = Effect.flatMap(TokenProvider.TokenProvider, (tp) => tp.get)
      const conversation = Effect.flatMap(TokenProvider.TokenProvider, (tp) => tp.get)
      const [a, b] = yield* Effect.all([numbers, conversation], { concurrency: 2 }).pipe(Effect.provide(context))
      expect(Redacted.value(a.value)).toBe("planted-token-1")
      expect(b).toBe(a)
      expect(endpoint.stats.requests).toBe(1)
      yield* Scope.close(scope, Exit.void)
      yield* TestClock.adjust(Duration.days(3))
      yield* quiesce
      expect(endpoint.stats.requests).toBe(1)
      expect(Context.get(context, TokenProvider.TokenProvider)).toBeDefined()
    }))

  it.scoped("background failures and defects are values: no unhandled errors, one warning per failed refresh", () =>
    Effect.gen(function*() {
      const rejections: Array<unknown> = []
      const onRejection = (reason: unknown) => rejections.push(reason)
      process.on("unhandledRejection", onRejection)
      yield* Effect.addFinalizer(() => Effect.sync(() => process.off("unhandledRejection", onRejection)))
      const logs = captureLogs()
      const endpoint = TokenEndpoint.make({ defaultReply: Reply.die })
      endpoint.enqueue(
        Reply.token({ expiresIn: 100 }),
        Reply.status(500),
        Reply.transport(),
        Reply.die,
        Reply.status(429)
      )
      const tp = yield* provider(endpoint).pipe(Effect.provide(logs.layer), Logger.withMinimumLogLevel(LogLevel.All))
      const token = yield* tp.get.pipe(Effect.provide(logs.layer), Logger.withMinimumLogLevel(LogLevel.All))
      let next = token.refreshAt
      let failedRefreshes = 0
      for (let i = 0; i < 30 && next < token.expiresAt; i++) {
        const at = next
        yield* adjustTo(at)
        yield* eventually(
          Effect.map(tp.snapshot, (s) => s.nextAttemptAt !== undefined && s.nextAttemptAt > at),
          `refresh attempt ${i + 1} to settle`
        )
        failedRefreshes++
        next = (yield* tp.snapshot).nextAttemptAt!
      }
      yield* quiesce
      expect(failedRefreshes).toBeGreaterThanOrEqual(5)
      expect(endpoint.stats.requests).toBe(1 + failedRefreshes)
      expect(logs.lines).toHaveLength(failedRefreshes)
      for (const line of logs.lines) {
        expect(line).toContain("level=WARN")
        expect(line).toContain("token refresh failed")
      }
      expect(logs.lines.some((line) => /unhandled|Fiber terminated|exploded/i.test(line))).toBe(false)
      // The old token is still served.
      expect(yield* tp.get).toBe(token)
      expect((yield* tp.snapshot).lastError?._tag).toBe("TokenUnavailable")
      expect(rejections).toEqual([])
    }))
})
