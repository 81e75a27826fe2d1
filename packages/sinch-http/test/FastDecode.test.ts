/**
 * The compiled decoder against Effect's own, node kind by node kind: every valid input decodes to exactly
 * what `Schema.decodeUnknownEither` gives (same values, same classes, same keys), and every input Effect
 * refuses is refused (`fail`, after which the client runs Effect's decoder for the error).
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck, Schema } from "effect"
import * as FastDecode from "../src/internal/fastDecode.js"

const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })

class Money extends Schema.Class<Money>("Money")({
  currencyCode: nullable(Schema.String),
  amount: nullable(Schema.String)
}) {}

class Item extends Schema.Class<Item>("Item")({
  id: Schema.String,
  kind: Schema.Literal("A", "B", "C"),
  count: Schema.optional(Schema.Int),
  price: nullable(Money),
  tags: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true, default: () => [] }),
  flag: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  note: Schema.NullOr(Schema.String),
  extra: Schema.optional(Schema.Union(Schema.String, Schema.Number))
}) {}

interface Tree {
  readonly name: string
  readonly children: ReadonlyArray<Tree>
}
const Tree: Schema.Schema<Tree> = Schema.Struct({
  name: Schema.String,
  children: Schema.Array(Schema.suspend(() => Tree))
})

const cases: Record<string, Schema.Schema<any, any>> = {
  "a class with nullable, default and nested class fields": Item,
  "a page of classes": Schema.Struct({
    items: Schema.optionalWith(Schema.Array(Item), { nullable: true, default: () => [] }),
    nextPageToken: nullable(Schema.String),
    totalSize: nullable(Schema.Number)
  }),
  "a union of structs (Effect orders it)": Schema.Union(
    Schema.Struct({ type: Schema.Literal("a"), a: Schema.String }),
    Schema.Struct({ type: Schema.Literal("b"), b: Schema.Number })
  ),
  "a recursive schema": Tree,
  "a record (index signature)": Schema.Record({ key: Schema.String, value: Money }),
  "a string transformed to a number": Schema.Struct({ n: Schema.NumberFromString }),
  "a refinement": Schema.Struct({ size: Schema.Int.pipe(Schema.between(1, 500)) }),
  "an empty struct": Schema.Struct({}),
  "a tuple": Schema.Tuple(Schema.String, Schema.Number),
  "a template literal": Schema.TemplateLiteral("+", Schema.Number)
}

const effect = (schema: Schema.Schema<any, any>) => {
  const decode = Schema.decodeUnknownEither(schema)
  return (input: unknown) => decode(input, { errors: "first" })
}

describe("FastDecode", () => {
  for (const [name, schema] of Object.entries(cases)) {
    it(`${name}: valid wire values decode exactly as Effect decodes them`, () => {
      const fast = FastDecode.compile(schema.ast)
      const reference = effect(schema)
      const wire = Arbitrary.make(schema).map((value) => JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))))
      FastCheck.assert(
        FastCheck.property(wire, (input) => {
          const expected = reference(input)
          expect(Either.isRight(expected)).toBe(true)
          // Nodes it does not cover are decoded by Effect's parser inside it: a valid value never fails.
          expect(fast(input)).toStrictEqual(Either.getOrThrow(expected))
        }),
        { numRuns: 60, seed: 7 }
      )
    })

    it(`${name}: whatever Effect refuses, it refuses too`, () => {
      const fast = FastDecode.compile(schema.ast)
      const reference = effect(schema)
      FastCheck.assert(
        FastCheck.property(FastCheck.jsonValue(), (input) => {
          const expected = reference(input)
          const got = fast(input)
          if (Either.isLeft(expected)) expect(got).toBe(FastDecode.fail)
          else if (got !== FastDecode.fail) expect(got).toStrictEqual(expected.right)
        }),
        { numRuns: 200, seed: 11 }
      )
    })
  }

  it("decodes the common shapes itself, without Effect: classes, defaults, nulls, nested arrays", () => {
    const fast = FastDecode.compile(Item.ast)
    const input = { id: "i1", kind: "B", price: { currencyCode: "USD", amount: null }, tags: null, note: null }
    const got = fast(input)
    expect(got).toBeInstanceOf(Item)
    expect((got as Item).price).toBeInstanceOf(Money)
    expect(got).toStrictEqual(Schema.decodeUnknownSync(Item)(input))
    expect(got).toStrictEqual(
      new Item({ id: "i1", kind: "B", price: new Money({ currencyCode: "USD" }), tags: [], flag: false, note: null })
    )
  })

  it("refuses a wrong type, a missing required field and an unknown literal", () => {
    const fast = FastDecode.compile(Item.ast)
    expect(fast({ id: 1, kind: "A", note: null })).toBe(FastDecode.fail)
    expect(fast({ kind: "A", note: null })).toBe(FastDecode.fail)
    expect(fast({ id: "i", kind: "Z", note: null })).toBe(FastDecode.fail)
    expect(fast({ id: "i", kind: "A", count: 1.5, note: null })).toBe(FastDecode.fail)
    expect(fast(null)).toBe(FastDecode.fail)
    expect(fast([])).toBe(FastDecode.fail)
  })
})
