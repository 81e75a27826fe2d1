import type { Schema } from "effect"
import { Effect, Either, ParseResult } from "effect"

/**
 * A decoder of verified callback bodies: JSON, then the event Schema (every issue reported), failing
 * with the callback module's own error built from a readable detail.
 *
 * @internal
 */
export const decoder = <A, I, E>(
  schema: Schema.Schema<A, I>,
  invalid: (detail: string) => E
): (body: string | Uint8Array) => Effect.Effect<A, E> => {
  const decodeEvent = ParseResult.decodeUnknownEither(schema)
  const options = { errors: "all" } as const
  return (body) => {
    const text = typeof body === "string" ? body : new TextDecoder().decode(body)
    const json = Either.try(() => JSON.parse(text) as unknown)
    if (Either.isLeft(json)) return Effect.fail(invalid("the body is not JSON"))
    return Either.match(decodeEvent(json.right, options), {
      onLeft: (issue) => Effect.fail(invalid(ParseResult.TreeFormatter.formatIssueSync(issue))),
      onRight: Effect.succeed
    })
  }
}
