import { Either, Option } from "effect"
import { createHash, timingSafeEqual } from "node:crypto"

/** Headers as the servers hand them over: `@effect/platform`, Node's `IncomingHttpHeaders`, a plain record, or web `Headers`. */
export type HeadersInput =
  | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  | {
    readonly get: (name: string) => string | null
    readonly forEach: (f: (value: string, name: string) => void) => void
  }

const isWebHeaders = (
  headers: HeadersInput
): headers is {
  readonly get: (name: string) => string | null
  readonly forEach: (f: (value: string, name: string) => void) => void
} =>
  typeof (headers as { get?: unknown }).get === "function" &&
  typeof (headers as { forEach?: unknown }).forEach === "function"

/**
 * The one value of a header, looked up case-insensitively: `None` when absent or empty, `Left` when the
 * header is repeated (two signatures or two `Authorization` headers are never accepted).
 */
export const header = (headers: HeadersInput, name: string): Either.Either<Option.Option<string>, "repeated"> => {
  const wanted = name.toLowerCase()
  if (isWebHeaders(headers)) {
    const value = headers.get(wanted)
    return Either.right(value === null || value === "" ? Option.none() : Option.some(value))
  }
  const found: Array<string> = []
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue
    const value = (headers as Record<string, string | ReadonlyArray<string> | undefined>)[key]
    if (value === undefined) continue
    if (typeof value === "string") found.push(value)
    else found.push(...value)
  }
  if (found.length > 1) return Either.left("repeated")
  const value = found[0]
  return Either.right(value === undefined || value === "" ? Option.none() : Option.some(value))
}

const digest = (value: string | Uint8Array): Buffer => createHash("sha256").update(value).digest()

/**
 * Constant-time equality for values of any length: both sides are hashed to 32 bytes first, so
 * neither the position of the first difference nor a length difference shows in the timing.
 */
export const safeEqual = (a: string | Uint8Array, b: string | Uint8Array): boolean =>
  timingSafeEqual(digest(a), digest(b))

export const sha256Hex = (value: string): string => createHash("sha256").update(value).digest("hex")

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const bytesOf = (body: Uint8Array | string): Uint8Array => typeof body === "string" ? encoder.encode(body) : body

export const textOf = (body: Uint8Array | string): string => typeof body === "string" ? body : decoder.decode(body)

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export const isStrictBase64 = (value: string): boolean => value.length % 4 === 0 && strictBase64.test(value)

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i

/** Epoch millis of an ISO-8601 timestamp with a zone, or `None`. */
export const parseIso = (value: string): Option.Option<number> => {
  if (!isoTimestamp.test(value)) return Option.none()
  const millis = Date.parse(value)
  return Number.isFinite(millis) ? Option.some(millis) : Option.none()
}

const unixSeconds = /^\d{1,12}$/

/** Epoch millis of a unix-seconds timestamp, or `None`. */
export const parseUnixSeconds = (value: string): Option.Option<number> =>
  unixSeconds.test(value) ? Option.some(Number(value) * 1000) : Option.none()
