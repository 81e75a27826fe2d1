import { Either, Option, ParseResult, Schema, SchemaAST } from "effect"

/** What a compiled decoder answers when it cannot decode: the caller then runs Effect's own decoder. */
export const fail: unique symbol = Symbol("@sinch-effect/sinch-http/fastDecode/fail")

/** @internal */
export type Fast = (input: unknown) => unknown

const options: SchemaAST.ParseOptions = { errors: "first" }

/**
 * A decoder compiled from the schema's AST that gives, for every input it accepts, exactly what
 * `ParseResult.decodeUnknownEither` gives, without building a `ParseIssue` or an `Either` per node.
 * It answers `fail` for anything it does not accept, and every node it does not cover (unions it could
 * not order like Effect, index signatures, tuples with fixed elements, templates, enums) is decoded by
 * Effect's own parser for that node. Failures are never explained here: the caller runs Effect's decoder
 * then, so errors stay Effect's, word for word.
 *
 * @internal
 */
export const compile = (ast: SchemaAST.AST): Fast => {
  const known = compiled.get(ast)
  if (known !== undefined) return known
  // A placeholder first: a recursive schema reaches its own node while it is being compiled.
  const cell: { built?: Fast } = {}
  compiled.set(ast, (input) => cell.built!(input))
  const built = cell.built = build(ast)
  compiled.set(ast, built)
  return built
}

const compiled = new WeakMap<SchemaAST.AST, Fast>()

const viaEffect = (ast: SchemaAST.AST): Fast => {
  const parse = ParseResult.decodeUnknownEither(Schema.make(ast))
  return (input) => {
    const result = parse(input, options)
    return result._tag === "Right" ? result.right : fail
  }
}

const identityWhen = (accept: (input: unknown) => boolean): Fast => (input) => accept(input) ? input : fail

/** The `Either` a transformation or declaration answered synchronously; anything else is not ours to run. */
const settled = (result: unknown): unknown =>
  Either.isEither(result) ? (result._tag === "Right" ? result.right : fail) : fail

/** Members whose decoding is the identity on a primitive: which of them accepts first changes nothing. */
const isIdentityPrimitive = (ast: SchemaAST.AST): boolean => {
  switch (ast._tag) {
    case "Literal":
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "UndefinedKeyword":
    case "VoidKeyword":
      return true
    default:
      return false
  }
}

const build = (ast: SchemaAST.AST): Fast => {
  switch (ast._tag) {
    case "StringKeyword":
      return identityWhen((input) => typeof input === "string")
    case "NumberKeyword":
      return identityWhen((input) => typeof input === "number")
    case "BooleanKeyword":
      return identityWhen((input) => typeof input === "boolean")
    case "UndefinedKeyword":
    case "VoidKeyword":
      return identityWhen((input) => input === undefined)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (input) => input
    case "Literal": {
      const literal = ast.literal
      return identityWhen((input) => input === literal)
    }
    case "Refinement": {
      const from = compile(ast.from)
      const refinement = ast
      return (input) => {
        const value = from(input)
        if (value === fail) return fail
        return Option.isNone(refinement.filter(value, options, refinement)) ? value : fail
      }
    }
    case "TupleType": {
      if (ast.elements.length > 0 || ast.rest.length !== 1) return viaEffect(ast)
      const item = compile(ast.rest[0]!.type)
      return (input) => {
        if (!Array.isArray(input)) return fail
        const output = new Array(input.length)
        for (let i = 0; i < input.length; i++) {
          const value = item(input[i])
          if (value === fail) return fail
          output[i] = value
        }
        return output
      }
    }
    case "TypeLiteral": {
      if (ast.indexSignatures.length > 0) return viaEffect(ast)
      // Effect's own rule for `{}`: anything but null and undefined, as it is.
      if (ast.propertySignatures.length === 0) return identityWhen((input) => input !== null && input !== undefined)
      const names = ast.propertySignatures.map((ps) => ps.name)
      const optional = ast.propertySignatures.map((ps) => ps.isOptional)
      const parsers = ast.propertySignatures.map((ps) => compile(ps.type))
      const count = names.length
      return (input) => {
        if (typeof input !== "object" || input === null || Array.isArray(input)) return fail
        const record = input as Record<PropertyKey, unknown>
        const output: Record<PropertyKey, unknown> = {}
        for (let i = 0; i < count; i++) {
          const name = names[i]!
          // A missing required key is decoded as `undefined`, as Effect does without `exact`.
          if (optional[i] && !Object.prototype.hasOwnProperty.call(record, name)) continue
          const value = parsers[i]!(record[name])
          if (value === fail) return fail
          output[name] = value
        }
        return output
      }
    }
    case "Union": {
      const members = ast.types
      const others = members.filter((member) => !isIdentityPrimitive(member))
      if (others.length > 1) return viaEffect(ast)
      const parsers = members.map((member) => compile(member))
      return (input) => {
        for (const parser of parsers) {
          const value = parser(input)
          if (value !== fail) return value
        }
        return fail
      }
    }
    case "Suspend": {
      const suspended = ast
      let inner: Fast | undefined
      return (input) => (inner ??= compile(suspended.f()))(input)
    }
    case "Declaration": {
      const declaration = ast
      const decode = declaration.decodeUnknown(...declaration.typeParameters)
      return (input) => settled(decode(input, options, declaration))
    }
    case "Transformation":
      return transformation(ast)
    default:
      return viaEffect(ast)
  }
}

const transformation = (ast: SchemaAST.Transformation): Fast => {
  const from = compile(ast.from)
  const to = compile(ast.to)
  const kind = ast.transformation
  switch (kind._tag) {
    case "ComposeTransformation":
      return (input) => {
        const value = from(input)
        return value === fail ? fail : to(value)
      }
    case "FinalTransformation":
      return (input) => {
        const value = from(input)
        if (value === fail) return fail
        const transformed = settled(kind.decode(value, options, ast, input))
        return transformed === fail ? fail : to(transformed)
      }
    case "TypeLiteralTransformation": {
      const steps = kind.propertySignatureTransformations
      const moved = new Set(steps.map((step) => step.from))
      // Every step reads and writes its own key (optional, nullable, default): no step sees another's
      // result, so each reads the decoded value and writes a new object, with no `delete`.
      const stringKeys = steps.every((step) => typeof step.from === "string") &&
        (!SchemaAST.isTypeLiteral(ast.from) || ast.from.propertySignatures.every((ps) => typeof ps.name === "string"))
      if (stringKeys && moved.size === steps.length && steps.every((step) => step.from === step.to)) {
        return (input) => {
          const value = from(input)
          if (value === fail) return fail
          const source = value as Record<PropertyKey, unknown>
          const record: Record<PropertyKey, unknown> = {}
          for (const key in source) {
            if (!moved.has(key) && Object.prototype.hasOwnProperty.call(source, key)) record[key] = source[key]
          }
          for (const step of steps) {
            const result = step.decode(
              Object.prototype.hasOwnProperty.call(source, step.from) ? Option.some(source[step.from]) : Option.none()
            )
            if (Option.isSome(result)) record[step.to] = result.value
          }
          return to(record)
        }
      }
      return (input) => {
        const value = from(input)
        if (value === fail) return fail
        // The same moves as Effect's, on the same object when it is one the decoder just made: read the
        // key as an Option, drop it, write the result under the new key.
        const record = value === input ?
          { ...(value as Record<PropertyKey, unknown>) } :
          value as Record<PropertyKey, unknown>
        for (const step of steps) {
          const result = step.decode(
            Object.prototype.hasOwnProperty.call(record, step.from) ? Option.some(record[step.from]) : Option.none()
          )
          delete record[step.from]
          if (Option.isSome(result)) record[step.to] = result.value
        }
        return to(record)
      }
    }
  }
}
