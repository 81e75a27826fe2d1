import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Schema, TestClock } from "effect"
import * as SinchClient from "../src/SinchClient.js"
import type { Reply, Seen } from "./support.js"
import { basic, fakeClient } from "./support.js"

const setup = (reply: (seen: Seen, n: number) => Reply, options?: Partial<SinchClient.Options<"project">>) =>
  Effect.gen(function*() {
    const fake = fakeClient(reply)
    const client = yield* SinchClient.make({
      api: "Numbers",
      baseUrl: "https://numbers.test/v1/projects/p1",
      strategy: basic("Basic x"),
      ...options
    }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
    return { client, seen: fake.seen }
  })

const Any = Schema.Struct({ a: Schema.optional(Schema.String) })

describe("response body limit", () => {
  it.effect("a body over maxResponseBytes (streamed, no length) is MalformedResponse naming the limit", () =>
    Effect.gen(function*() {
      const { client } = yield* setup(() => ({ status: 200, body: { a: "x".repeat(2000) } }), {
        maxResponseBytes: 1024
      })
      const error = yield* Effect.flip(client.request("GET", "/x", Any))
      expect(error._tag).toBe("MalformedResponse")
      expect(error.message).toContain("1 KB")
    }))

  it.effect("a declared Content-Length over the limit fails before reading", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(
        () => ({ status: 200, body: { a: "x".repeat(100) }, headers: { "content-length": "5000" } }),
        { maxResponseBytes: 1024 }
      )
      const error = yield* Effect.flip(client.request("GET", "/x", Any))
      expect(error._tag === "MalformedResponse" && error.detail).toContain("Content-Length 5000")
      expect(seen.length).toBe(1)
    }))

  it.effect("a body within the limit decodes", () =>
    Effect.gen(function*() {
      const { client } = yield* setup(() => ({ status: 200, body: { a: "ok" } }), { maxResponseBytes: 1024 })
      expect(yield* client.request("GET", "/x", Any)).toEqual({ a: "ok" })
    }))
})

describe("total deadline", () => {
  it.effect("bounds every attempt and the waits between them: 3 s attempts, 5 s total -> fails at 5 s after 2 sends", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => "hang", {
        timeout: Duration.seconds(3),
        totalTimeout: Duration.seconds(5),
        retry: { base: Duration.millis(1) }
      })
      const fiber = yield* Effect.fork(Effect.flip(client.requestVoid("GET", "/x")))
      yield* TestClock.adjust(Duration.millis(4999))
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust(Duration.millis(1))
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TransportError" && error.reason).toBe("timeout")
      expect(error.message).toContain("total deadline")
      expect(seen.length).toBe(2)
    }))

  it.effect("a Retry-After longer than the time left fails at once with RateLimited", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => ({ status: 429, headers: { "retry-after": "8" } }), {
        totalTimeout: Duration.seconds(5)
      })
      const error = yield* Effect.flip(client.requestVoid("GET", "/x"))
      expect(error._tag).toBe("RateLimited")
      expect(seen.length).toBe(1)
    }))

  it.effect("without a total deadline, the per-attempt deadline alone applies (3 attempts of 3 s)", () =>
    Effect.gen(function*() {
      const { client, seen } = yield* setup(() => "hang", {
        timeout: Duration.seconds(3),
        retry: { base: Duration.millis(1) }
      })
      const fiber = yield* Effect.fork(Effect.flip(client.requestVoid("GET", "/x")))
      yield* TestClock.adjust(Duration.seconds(20))
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TransportError" && error.reason).toBe("timeout")
      expect(seen.length).toBe(3)
    }))
})
