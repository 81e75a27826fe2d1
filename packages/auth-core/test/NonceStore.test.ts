import { describe, expect, it } from "@effect/vitest"
import { NonceStore } from "@sinch-effect/auth-core"
import { Effect, TestClock } from "effect"

describe("NonceStore.layerMemory", () => {
  it.effect("answers true the first time and false for a replay until the entry expires by Clock", () =>
    Effect.gen(function*() {
      const store = yield* NonceStore.NonceStore
      expect(yield* store.remember("a")).toBe(true)
      expect(yield* store.remember("a")).toBe(false)
      expect(yield* store.remember("b")).toBe(true)
      yield* TestClock.adjust("59 seconds")
      expect(yield* store.remember("a")).toBe(false)
      yield* TestClock.adjust("1 second")
      expect(yield* store.remember("a")).toBe(true)
      // An explicit expiry wins over the default ttl.
      expect(yield* store.remember("c", 60_000 + 5_000)).toBe(true)
      yield* TestClock.adjust("4 seconds")
      expect(yield* store.remember("c")).toBe(false)
      yield* TestClock.adjust("1 second")
      expect(yield* store.remember("c")).toBe(true)
    }).pipe(Effect.provide(NonceStore.layerMemory({ ttl: "1 minute" }))))

  it.effect("of 100 concurrent calls with one key, exactly one is first", () =>
    Effect.gen(function*() {
      const store = yield* NonceStore.NonceStore
      const answers = yield* Effect.all(Array.from({ length: 100 }, () => store.remember("same")), {
        concurrency: "unbounded"
      })
      expect(answers.filter((first) => first).length).toBe(1)
    }).pipe(Effect.provide(NonceStore.layerMemory())))

  it.effect("stays within maxEntries: expired entries go first, then the oldest", () =>
    Effect.gen(function*() {
      const store = yield* NonceStore.NonceStore
      for (let i = 0; i < 3; i++) expect(yield* store.remember(`old-${i}`, 1_000)).toBe(true)
      yield* TestClock.adjust("2 seconds")
      // The three expired entries make room; nothing unexpired is dropped.
      for (let i = 0; i < 3; i++) expect(yield* store.remember(`new-${i}`)).toBe(true)
      expect(yield* store.remember("new-0")).toBe(false)
      expect(yield* store.remember("new-2")).toBe(false)
      // Full with unexpired entries: the oldest is forgotten to stay bounded.
      expect(yield* store.remember("newest")).toBe(true)
      expect(yield* store.remember("new-0")).toBe(true)
      expect(yield* store.remember("newest")).toBe(false)
    }).pipe(Effect.provide(NonceStore.layerMemory({ maxEntries: 3 }))))
})
