/**
 * Conversation pagination: `page_size` and an opaque `page_token` in, `next_page_token` (empty on the
 * last page) and `total_size` out.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import type { ProductResponse } from "../../ProductApi.js"
import { violation } from "./validation.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next_page_token: string
  readonly total_size: number
}

const encodeToken = (offset: number): string => Buffer.from(`offset:${offset}`, "utf8").toString("base64url")

const decodeToken = (token: string): number | undefined => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"))
  return match ? Number(match[1]) : undefined
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const paginate = <A>(
  items: ReadonlyArray<A>,
  query: URLSearchParams,
  limits: { readonly defaultSize: number; readonly maxSize: number }
): Either.Either<Page<A>, ProductResponse> => {
  const rawSize = query.get("page_size")
  const size = rawSize === null || rawSize === "" ? limits.defaultSize : Number(rawSize)
  if (!Number.isInteger(size) || size < 0 || size > limits.maxSize) {
    return Either.left(violation("page_size", `must be an integer between 0 and ${limits.maxSize}`))
  }
  const pageSize = size === 0 ? limits.defaultSize : size
  const token = query.get("page_token")
  const offset = token === null || token === "" ? 0 : decodeToken(token)
  if (offset === undefined) {
    return Either.left(violation("page_token", "is not a page token returned by this list"))
  }
  const end = offset + pageSize
  return Either.right({
    items: items.slice(offset, end),
    next_page_token: end < items.length ? encodeToken(end) : "",
    total_size: items.length
  })
}
