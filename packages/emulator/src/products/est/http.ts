/**
 * How the emulated EST API answers: Sinch's JSON error envelope, numbered pagination
 * (`page` 1-based, `size`; answered with `totalItems`, `pageNumber`, `size`), request-body decoding
 * into field violations, and the context each route handler receives.
 *
 * @since 0.1.0
 */
import { Effect, Either, ParseResult, Schema } from "effect"
import * as Responses from "../../internal/responses.js"
import type { ProductRequest, ProductResponse } from "../../ProductApi.js"
import type { ProjectState } from "./model.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface FieldViolation {
  readonly field: string
  readonly description: string
}

/**
 * What a route handler sees.
 *
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly request: ProductRequest
  readonly projectId: string
  /** Path parameters, already percent-decoded. */
  readonly params: Readonly<Record<string, string>>
  readonly now: number
  readonly nowIso: string
}

/**
 * A handler answers and returns the project state to keep (the same one when nothing changed).
 *
 * @since 0.1.0
 * @category models
 */
export type Handler = (
  context: Context,
  state: ProjectState
) => Effect.Effect<readonly [ProductResponse, ProjectState]>

/**
 * @since 0.1.0
 * @category constructors
 */
export const json = (status: number, body: unknown): ProductResponse => ({ status, body })

/**
 * @since 0.1.0
 * @category constructors
 */
export const noContent: ProductResponse = { status: 204 }

const failure = (code: number, status: string, message: string, details: ReadonlyArray<unknown>): ProductResponse =>
  Responses.sinchError(code, message, { code: status, details })

/**
 * 400 `INVALID_ARGUMENT` with a `BadRequest` detail listing the field violations.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidArgument = (message: string, violations: ReadonlyArray<FieldViolation>): ProductResponse =>
  failure(400, "INVALID_ARGUMENT", message, [{ type: "BadRequest", fieldViolations: violations }])

/**
 * 400 `FAILED_PRECONDITION`: the API refuses to orphan resources (delete dependents first).
 *
 * @since 0.1.0
 * @category constructors
 */
export const failedPrecondition = (message: string): ProductResponse => failure(400, "FAILED_PRECONDITION", message, [])

/**
 * @since 0.1.0
 * @category constructors
 */
export const notFound = (message: string): ProductResponse => failure(404, "NOT_FOUND", message, [])

/**
 * @since 0.1.0
 * @category constructors
 */
export const permissionDenied = (message: string): ProductResponse => failure(403, "PERMISSION_DENIED", message, [])

/**
 * @since 0.1.0
 * @category constructors
 */
export const methodNotAllowed = (method: string, path: string): ProductResponse =>
  failure(405, "METHOD_NOT_ALLOWED", `${method} is not supported on ${path}`, [])

/**
 * The answer only (state unchanged).
 *
 * @since 0.1.0
 * @category constructors
 */
export const reply = (response: ProductResponse, state: ProjectState) => Effect.succeed([response, state] as const)

const fieldOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (field, key) =>
      typeof key === "number" ? `${field}[${key}]` : field === "" ? String(key) : `${field}.${String(key)}`,
    ""
  )

const withoutNulls = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutNulls)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => v === null ? [] : [[k, withoutNulls(v)]]))
    : value

/**
 * Decodes a JSON body with `schema`, or answers 400 with one violation per failing field. A `null`
 * field counts as absent: a PUT sends the whole object, with `null` for what is not set.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I>, body: unknown): Either.Either<A, ProductResponse> =>
  Either.mapLeft(
    Schema.decodeUnknownEither(schema, { errors: "all" })(withoutNulls(body ?? {})),
    (error) =>
      invalidArgument(
        "Request body is invalid",
        ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
          field: fieldOf(issue.path) || "body",
          description: issue.message
        }))
      )
  )

/**
 * One page of a list, and what the response says about it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly totalItems: number
  readonly pageNumber: number
  readonly size: number
}

const integerParam = (
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number
): Either.Either<number, FieldViolation> => {
  const raw = query.get(name)
  if (raw === null || raw === "") return Either.right(fallback)
  const value = Number(raw)
  return Number.isInteger(value) && value >= min && value <= max
    ? Either.right(value)
    : Either.left({ field: name, description: `must be an integer between ${min} and ${max}` })
}

/**
 * Cuts `items` to the page asked for by `page` (1-based, default 1) and `size`. A page past the end
 * is empty, not an error.
 *
 * @since 0.1.0
 * @category pagination
 */
export const paginate = <A>(
  query: URLSearchParams,
  items: ReadonlyArray<A>,
  limits: { readonly defaultSize: number; readonly maxSize: number }
): Either.Either<Page<A>, ProductResponse> => {
  const page = integerParam(query, "page", 1, 1, Number.MAX_SAFE_INTEGER)
  const size = integerParam(query, "size", limits.defaultSize, 1, limits.maxSize)
  const violations = [page, size].flatMap((either) => Either.isLeft(either) ? [either.left] : [])
  if (Either.isLeft(page) || Either.isLeft(size)) {
    return Either.left(invalidArgument("Invalid pagination parameters", violations))
  }
  const start = (page.right - 1) * size.right
  return Either.right({
    items: items.slice(start, start + size.right),
    totalItems: items.length,
    pageNumber: page.right,
    size: size.right
  })
}

/**
 * The list envelope: the items under `key`, then `totalItems`, `pageNumber` and `size`. The
 * reference's Pagination schema types `pageNumber` as a string but its own examples send it both as
 * `"1"` and as `1` (listTrunkAcls); we send the number, and repeat `size` as `pageSize`, the name
 * clients of numbered Sinch pagination read.
 *
 * @since 0.1.0
 * @category pagination
 */
export const pageBody = <A>(key: string, page: Page<A>, encode: (a: A) => unknown = (a) => a) => ({
  [key]: page.items.map(encode),
  totalItems: page.totalItems,
  pageNumber: page.pageNumber,
  size: page.size,
  pageSize: page.size
})

/**
 * A paginated 200, or the 400 for bad paging parameters.
 *
 * @since 0.1.0
 * @category pagination
 */
export const listReply = <A>(
  context: Context,
  state: ProjectState,
  key: string,
  items: ReadonlyArray<A>,
  encode?: (a: A) => unknown,
  limits: { readonly defaultSize: number; readonly maxSize: number } = { defaultSize: 500, maxSize: 500 }
) =>
  reply(
    Either.match(paginate(context.request.query, items, limits), {
      onLeft: (response) => response,
      onRight: (page) => json(200, pageBody(key, page, encode))
    }),
    state
  )
