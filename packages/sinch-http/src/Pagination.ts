/**
 * Lists as lazy `Stream`s: a page is fetched only when the consumer pulls past the items already
 * received, so `Stream.take(n)` fetches exactly the pages that hold the first `n` items.
 *
 * @since 0.1.0
 */
import { Chunk, Effect, Option, Stream } from "effect"

/**
 * Token pagination (Numbers `pageToken` / `nextPageToken`, Conversation `page_token` /
 * `next_page_token`). An empty or missing token ends the stream; so does a token equal to the one
 * just used, which would otherwise fetch the same page forever.
 *
 * @since 0.1.0
 * @category constructors
 */
export const tokenPages = <Page, Item, E, R>(options: {
  readonly fetch: (pageToken: string | undefined) => Effect.Effect<Page, E, R>
  readonly items: (page: Page) => ReadonlyArray<Item>
  readonly next: (page: Page) => string | undefined
}): Stream.Stream<Item, E, R> =>
  Stream.paginateChunkEffect(
    undefined as string | undefined,
    (token) =>
      Effect.map(options.fetch(token), (page) => {
        const next = options.next(page)
        const more = next !== undefined && next !== "" && next !== token
        return [Chunk.fromIterable(options.items(page)), more ? Option.some(next) : Option.none()] as const
      })
  )

/**
 * Numbered pagination (Elastic SIP Trunking `page`, 1-based). `hasNext` receives the page, its number and
 * the count of items received so far (this page included). An empty page always ends the stream, so a
 * wrong `totalItems` cannot loop forever.
 *
 * @since 0.1.0
 * @category constructors
 */
export const numberedPages = <Page, Item, E, R>(options: {
  readonly fetch: (page: number) => Effect.Effect<Page, E, R>
  readonly items: (page: Page) => ReadonlyArray<Item>
  readonly hasNext: (page: Page, pageNumber: number, seenSoFar: number) => boolean
}): Stream.Stream<Item, E, R> =>
  Stream.paginateChunkEffect(
    { page: 1, seen: 0 },
    ({ page, seen }) =>
      Effect.map(options.fetch(page), (result) => {
        const items = options.items(result)
        const seenSoFar = seen + items.length
        const more = items.length > 0 && options.hasNext(result, page, seenSoFar)
        return [
          Chunk.fromIterable(items),
          more ? Option.some({ page: page + 1, seen: seenSoFar }) : Option.none()
        ] as const
      })
  )
