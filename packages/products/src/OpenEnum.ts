/**
 * Open enums for response fields. The Sinch references promise that "new features might result in
 * additional request and response parameters", and that includes new enum values: a number type, a
 * channel or a delivery status added tomorrow must not fail today's response. A response enum is
 * therefore open: its known values stay typed (editors complete them, `switch` narrows on them) and
 * any other string decodes as itself. Request enums stay closed `Schema.Literal`s, so a typo in what
 * we send is still a type error.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"

/**
 * A string that is one of the known literals `L`, or any other string. `string & {}` keeps the
 * literals visible in the type (a plain `L | string` collapses to `string`).
 *
 * @since 0.2.0
 * @category models
 */
export type Open<L extends string> = L | (string & {})

/**
 * The Schema of an open enum: decodes any string, its type shows the known set.
 *
 * @since 0.2.0
 * @category models
 */
export interface OpenEnum<L extends string> extends Schema.Schema<Open<L>, string> {
  /** The closed Schema of the known values (for requests, and for checking `isKnown`). */
  readonly known: Schema.Schema<L, L>
  /** Whether a decoded value is one of the known literals. */
  readonly isKnown: (value: string) => value is L
}

/**
 * Opens a closed literal Schema for use in responses.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { OpenEnum } from "@sinch-effect/products"
 *
 * const NumberType = Schema.Literal("MOBILE", "LOCAL", "TOLL_FREE")
 * const ReceivedNumberType = OpenEnum.open(NumberType)
 * // "MOBILE" | "LOCAL" | "TOLL_FREE" | (string & {})
 * type T = typeof ReceivedNumberType.Type
 * Schema.decodeUnknownSync(ReceivedNumberType)("SHORT_CODE") // "SHORT_CODE"
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const open = <const Literals extends readonly [string, ...Array<string>]>(
  known: Schema.Literal<Literals>
): OpenEnum<Literals[number]> => {
  const values = new Set<string>(known.literals)
  // Decoded as a plain string (a union with the literals would try each literal first, on every value
  // of every response); generated data (Arbitrary) still draws the known values as well as others.
  const schema = Schema.String.annotations({
    arbitrary: () => (fc) => fc.oneof(fc.constantFrom(...known.literals), fc.string())
  }) as unknown as Schema.Schema<Open<Literals[number]>, string>
  return Object.assign(schema, {
    known: known as unknown as Schema.Schema<Literals[number], Literals[number]>,
    isKnown: (value: string): value is Literals[number] => values.has(value)
  })
}
