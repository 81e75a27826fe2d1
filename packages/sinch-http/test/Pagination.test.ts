import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import * as Pagination from "../src/Pagination.js"

interface TokenPage {
  readonly items: ReadonlyArray<number>
  readonly nextPageToken?: string
}

/** Pages of 3 items: tokens "", "p2", "p3"; the last page has no next token. */
const tokenSource = (lastToken: string | undefined = undefined) => {
  const requested: Array<string | undefined> = []
  const pages: Record<string, TokenPage> = {
    first: { items: [1, 2, 3], nextPageToken: "p2" },
    p2: { items: [4, 5, 6], nextPageToken: "p3" },
    p3: lastToken === undefined ? { items: [7] } : { items: [7], nextPageToken: lastToken }
  }
  const stream = Pagination.tokenPages({
    fetch: (token: string | undefined) =>
      Effect.sync(() => {
        requested.push(token)
        return pages[token ?? "first"]!
      }),
    items: (page) => page.items,
    next: (page) => page.nextPageToken
  })
  return { stream, requested }
}

describe("tokenPages", () => {
  it.effect("emits every item in order and stops when the token is missing", () =>
    Effect.gen(function*() {
      const { requested, stream } = tokenSource()
      const items = yield* Stream.runCollect(stream)
      expect(Chunk.toReadonlyArray(items)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(requested).toEqual([undefined, "p2", "p3"])
    }))

  it.effect("an empty next token ends the stream", () =>
    Effect.gen(function*() {
      const { requested, stream } = tokenSource("")
      yield* Stream.runDrain(stream)
      expect(requested).toEqual([undefined, "p2", "p3"])
    }))

  it.effect("a next token equal to the current one ends the stream instead of looping", () =>
    Effect.gen(function*() {
      const { requested, stream } = tokenSource("p3")
      yield* Stream.runDrain(stream)
      expect(requested).toEqual([undefined, "p2", "p3"])
    }))

  it.effect("is lazy: take(n) fetches only the pages holding the first n items", () =>
    Effect.gen(function*() {
      const first = tokenSource()
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(first.stream, 3)))).toEqual([1, 2, 3])
      expect(first.requested).toEqual([undefined])
      const second = tokenSource()
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(second.stream, 4)))).toEqual([1, 2, 3, 4])
      expect(second.requested).toEqual([undefined, "p2"])
      const third = tokenSource()
      yield* Stream.runDrain(third.stream.pipe(Stream.take(0)))
      expect(third.requested).toEqual([])
    }))

  it.effect("a failing page fails the stream after the items already fetched", () =>
    Effect.gen(function*() {
      const stream = Pagination.tokenPages({
        fetch: (token: string | undefined) =>
          token === undefined ? Effect.succeed({ items: [1], next: "x" }) : Effect.fail("boom" as const),
        items: (page) => page.items,
        next: (page) => page.next
      })
      const seen: Array<number> = []
      const error = yield* Effect.flip(Stream.runForEach(stream, (n) => Effect.sync(() => seen.push(n))))
      expect(error).toBe("boom")
      expect(seen).toEqual([1])
    }))
})

/** EST-style pages: `size` items per page out of `total`. */
const numberedSource = (total: number, size: number) => {
  const requested: Array<number> = []
  const stream = Pagination.numberedPages({
    fetch: (page) =>
      Effect.sync(() => {
        requested.push(page)
        const start = (page - 1) * size
        const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i + 1)
        return { items, totalItems: total, pageNumber: page, pageSize: size }
      }),
    items: (page) => page.items,
    hasNext: (page, _pageNumber, seenSoFar) => seenSoFar < page.totalItems
  })
  return { stream, requested }
}

describe("numberedPages", () => {
  it.effect("fetches pages 1..n until totalItems are seen", () =>
    Effect.gen(function*() {
      const { requested, stream } = numberedSource(7, 3)
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(requested).toEqual([1, 2, 3])
    }))

  it.effect("an exact multiple of the page size does not fetch an extra page", () =>
    Effect.gen(function*() {
      const { requested, stream } = numberedSource(6, 3)
      yield* Stream.runDrain(stream)
      expect(requested).toEqual([1, 2])
    }))

  it.effect("is lazy: take(n) fetches only the pages needed", () =>
    Effect.gen(function*() {
      const { requested, stream } = numberedSource(100, 10)
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(stream, 11))).length).toBe(11)
      expect(requested).toEqual([1, 2])
    }))

  it.effect("an empty page ends the stream even if hasNext says otherwise", () =>
    Effect.gen(function*() {
      const requested: Array<number> = []
      const stream = Pagination.numberedPages({
        fetch: (page) => Effect.sync(() => (requested.push(page), page === 1 ? [1, 2] : [])),
        items: (page) => page,
        hasNext: () => true
      })
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toEqual([1, 2])
      expect(requested).toEqual([1, 2])
    }))

  it.effect("hasNext receives the page number and the count seen so far", () =>
    Effect.gen(function*() {
      const calls: Array<[number, number]> = []
      const stream = Pagination.numberedPages({
        fetch: (page) => Effect.succeed([page * 10, page * 10 + 1]),
        items: (page) => page,
        hasNext: (_, pageNumber, seenSoFar) => (calls.push([pageNumber, seenSoFar]), pageNumber < 3)
      })
      yield* Stream.runDrain(stream)
      expect(calls).toEqual([[1, 2], [2, 4], [3, 6]])
    }))
})
