import type { HttpClientError, HttpClientResponse } from "@effect/platform"
import { Effect, Stream } from "effect"

/** @internal */
export class TooLarge {
  readonly _tag = "TooLarge"
  constructor(readonly limit: number, readonly declared: number | undefined) {}
}

/**
 * The whole body as text, at most `limit` bytes. A body whose `Content-Length` is within the limit (and
 * not compressed, so the length is what gets buffered) is read in one go: the HTTP parser never delivers
 * more than the declared length. A larger declared length fails before reading; a body without a length
 * (chunked, compressed) is counted as it streams and cut at the limit, so an endless body costs at most
 * `limit` bytes of memory.
 *
 * @internal
 */
export const readText = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<string, HttpClientError.ResponseError | TooLarge> => {
  // No body by definition (a web Response has no stream to count for these).
  if (
    response.status === 204 || response.status === 205 || response.status === 304 || response.request.method === "HEAD"
  ) {
    return response.text
  }
  const length = response.headers["content-length"]
  const encoding = response.headers["content-encoding"]
  if (length !== undefined && (encoding === undefined || encoding === "identity")) {
    const declared = Number(length)
    if (Number.isSafeInteger(declared) && declared >= 0) {
      return declared > limit ? Effect.fail(new TooLarge(limit, declared)) : response.text
    }
  }
  return counted(response, limit)
}

interface Accumulated {
  readonly chunks: Array<Uint8Array>
  size: number
}

const counted = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<string, HttpClientError.ResponseError | TooLarge> =>
  Effect.map(
    Stream.runFoldEffect(
      response.stream,
      { chunks: [], size: 0 } as Accumulated,
      (state: Accumulated, chunk: Uint8Array): Effect.Effect<Accumulated, TooLarge> => {
        state.size += chunk.length
        if (state.size > limit) return Effect.fail(new TooLarge(limit, undefined))
        state.chunks.push(chunk)
        return Effect.succeed(state)
      }
    ),
    ({ chunks, size }) => {
      if (chunks.length === 1) return decoder.decode(chunks[0])
      const all = new Uint8Array(size)
      let offset = 0
      for (const chunk of chunks) {
        all.set(chunk, offset)
        offset += chunk.length
      }
      return decoder.decode(all)
    }
  )

const decoder = new TextDecoder()

/** `10 MB` style text for messages. @internal */
export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : bytes >= 1024 && bytes % 1024 === 0
    ? `${bytes / 1024} KB`
    : `${bytes} bytes`
