/**
 * The per-attempt deadline handed to a transport that enforces it (`AttemptDeadline`): when the client
 * hands it over (Effect's own clock, an enforcing client as given, no total deadline), what the transport
 * receives, and how a transport's `Exceeded` becomes the same `TransportError` as the fiber path's.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, Supervisor, TestClock } from "effect"
import type { Context, Exit } from "effect"
import { AttemptDeadline, SinchClient } from "../src/index.js"
import { bearer, testTokens } from "./support.js"

/** Counts the fibers started under it: the fiber path forks one per attempt, the enforced path none. */
class StartCounter extends Supervisor.AbstractSupervisor<number> {
  started = 0
  get value() {
    return Effect.sync(() => this.started)
  }
  override onStart<A, E, R>(
    _context: Context.Context<R>,
    _effect: Effect.Effect<A, E, R>,
    _parent: Option.Option<Fiber.RuntimeFiber<any, any>>,
    _fiber: Fiber.RuntimeFiber<A, E>
  ): void {
    this.started++
  }
  override onEnd<A, E>(_value: Exit.Exit<A, E>, _fiber: Fiber.RuntimeFiber<A, E>): void {}
}

type Answer = "ok" | "exceeded-on-send" | "exceeded-on-read" | "hang"

/** An in-process transport declared enforcing, recording the deadline each request carried. */
const enforcingClient = (answer: Answer) => {
  const deadlines: Array<number | undefined> = []
  const client = AttemptDeadline.enforcing(HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (effect) =>
      Effect.flatMap(effect, (request) => {
        const deadline = AttemptDeadline.deadlineOf(request)
        deadlines.push(deadline)
        const exceeded = new AttemptDeadline.Exceeded(deadline ?? 0)
        switch (answer) {
          case "hang":
            return Effect.never
          case "exceeded-on-send":
            return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: exceeded }))
          case "exceeded-on-read": {
            const response = HttpClientResponse.fromWeb(
              request,
              new Response("{}", { status: 200, headers: { "content-length": "2" } })
            )
            const failing = new HttpClientError.ResponseError({ request, response, reason: "Decode", cause: exceeded })
            return Effect.succeed(Object.create(response, { text: { value: Effect.fail(failing) } }))
          }
          case "ok":
            // With its length: a body without one is read as a counted stream, which forks fibers of its own.
            return Effect.succeed(HttpClientResponse.fromWeb(
              request,
              new Response("{\"a\":1}", { status: 200, headers: { "content-length": "7" } })
            ))
        }
      }),
    Effect.succeed
  ))
  return { client, deadlines }
}

const setup = (answer: Answer, options?: Partial<SinchClient.Options<"project">>) =>
  Effect.gen(function*() {
    const tokens = yield* testTokens
    const transport = enforcingClient(answer)
    const client = yield* SinchClient.make({
      api: "Numbers",
      baseUrl: "https://numbers.test/v1/projects/p1",
      strategy: bearer(tokens).strategy,
      timeout: Duration.seconds(5),
      ...options
    }).pipe(Effect.provideService(HttpClient.HttpClient, transport.client))
    return { client, deadlines: transport.deadlines }
  })

describe("AttemptDeadline", () => {
  it("a client declared enforcing says so; any other does not", () => {
    const { client } = enforcingClient("ok")
    expect(AttemptDeadline.isEnforcing(client)).toBe(true)
    expect(AttemptDeadline.isEnforcing(HttpClient.mapRequest(client, (request) => request))).toBe(false)
  })

  it.live("on Effect's own clock the transport gets the deadline, now + timeout, and no fiber is forked", () =>
    Effect.gen(function*() {
      const { client, deadlines } = yield* setup("ok")
      // The first call fetches the token (on a fiber of the provider's); the second only reads it.
      yield* client.requestText("GET", "/x")
      const counter = new StartCounter()
      const before = Date.now()
      const text = yield* Effect.supervised(client.requestText("GET", "/x"), counter)
      const after = Date.now()
      expect(text).toBe("{\"a\":1}")
      expect(deadlines.length).toBe(2)
      expect(deadlines[1]).toBeGreaterThanOrEqual(before + 5000)
      expect(deadlines[1]).toBeLessThanOrEqual(after + 5000)
      expect(counter.started).toBe(0)
    }))

  it.live("a transport's Exceeded, on send or on reading the body, is TransportError(timeout) with the timeout", () =>
    Effect.gen(function*() {
      for (const answer of ["exceeded-on-send", "exceeded-on-read"] as const) {
        const { client } = yield* setup(answer, { retry: { maxAttempts: 1 } })
        const error = yield* Effect.flip(client.requestText("GET", "/x"))
        expect(error._tag === "TransportError" && error.reason).toBe("timeout")
        expect(error.message).toContain("no answer within 5s")
      }
    }))

  it.live("wrapped by transformClient, or with a total deadline, the attempt runs on a fiber as before", () =>
    Effect.gen(function*() {
      for (
        const options of [
          { transformClient: HttpClient.mapRequest((request) => request) },
          { totalTimeout: Duration.minutes(1) }
        ]
      ) {
        const { client, deadlines } = yield* setup("ok", options)
        yield* client.requestText("GET", "/x")
        const counter = new StartCounter()
        yield* Effect.supervised(client.requestText("GET", "/x"), counter)
        expect(deadlines).toEqual([undefined, undefined])
        expect(counter.started).toBe(1)
      }
    }))

  it.effect("under TestClock the deadline is a fiber on that clock: the transport gets none, and it still fires", () =>
    Effect.gen(function*() {
      const { client, deadlines } = yield* setup("hang")
      const fiber = yield* Effect.fork(Effect.flip(client.requestVoid("POST", "/x")))
      yield* TestClock.adjust(Duration.millis(4999))
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust(Duration.millis(1))
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TransportError" && error.reason).toBe("timeout")
      expect(deadlines).toEqual([undefined])
    }))
})
