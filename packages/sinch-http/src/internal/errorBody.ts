import { AuthError, SecretScrub } from "@sinch-effect/auth-core"
import { Either, Option, Schema } from "effect"

const Code = Schema.Union(Schema.String, Schema.Number)
const Text = Schema.optional(Schema.NullOr(Schema.String))

const FieldViolationBody = Schema.Struct({
  field: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String)
})

const DetailBody = Schema.Struct({
  fieldViolations: Schema.optional(Schema.Array(FieldViolationBody))
})

/** `{ error: { code, message, status, details } }` (Numbers, Conversation, Templates). */
const GoogleStyle = Schema.Struct({
  error: Schema.Struct({
    code: Schema.optional(Code),
    message: Text,
    status: Text,
    details: Schema.optional(Schema.Array(Schema.Unknown))
  })
})

/** `{ code, text }` (Voice). */
const CodeText = Schema.Struct({ code: Code, text: Schema.String })

/** `{ errorCode, message, reference }` (Verification, Voice). */
const ErrorCode = Schema.Struct({
  errorCode: Schema.optional(Code),
  message: Schema.String,
  reference: Text
})

/** RFC 7807 `{ type, title, detail, errors }` (Elastic SIP Trunking). */
const ProblemDetails = Schema.Struct({
  type: Text,
  title: Schema.String,
  detail: Text,
  errors: Schema.optional(Schema.Unknown)
})

const decodeOption = <A, I>(schema: Schema.Schema<A, I>) => Schema.decodeUnknownOption(schema)
const asGoogle = decodeOption(GoogleStyle)
const asCodeText = decodeOption(CodeText)
const asErrorCode = decodeOption(ErrorCode)
const asProblem = decodeOption(ProblemDetails)
const asDetail = decodeOption(DetailBody)

const text = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value === "" ? undefined : value

const violation = (field: unknown, description: unknown): AuthError.FieldViolation | undefined =>
  typeof description === "string"
    ? new AuthError.FieldViolation({ field: typeof field === "string" ? field : "", description })
    : undefined

const googleViolations = (details: ReadonlyArray<unknown> | undefined): Array<AuthError.FieldViolation> =>
  (details ?? []).flatMap((detail) =>
    Option.match(asDetail(detail), {
      onNone: () => [],
      onSome: (d) =>
        (d.fieldViolations ?? []).flatMap((v) => {
          const out = violation(v.field, v.description)
          return out ? [out] : []
        })
    })
  )

/** RFC 7807 `errors` as an array of `{ field|name|pointer, message|detail|description }` or a map `field -> message(s)`. */
const problemViolations = (errors: unknown): Array<AuthError.FieldViolation> => {
  if (Array.isArray(errors)) {
    return errors.flatMap((entry: unknown) => {
      if (typeof entry === "string") return [new AuthError.FieldViolation({ field: "", description: entry })]
      if (typeof entry !== "object" || entry === null) return []
      const e = entry as Record<string, unknown>
      const out = violation(e.field ?? e.name ?? e.pointer, e.message ?? e.detail ?? e.description)
      return out ? [out] : []
    })
  }
  if (typeof errors === "object" && errors !== null) {
    return Object.entries(errors as Record<string, unknown>).flatMap(([field, value]) =>
      (Array.isArray(value) ? value : [value]).flatMap((description: unknown) => {
        const out = violation(field, description)
        return out ? [out] : []
      })
    )
  }
  return []
}

/** The parts of an error body shared by every shape. @internal */
export interface Decoded {
  readonly code?: string | undefined
  readonly statusText?: string | undefined
  readonly detail?: string | undefined
  readonly reference?: string | undefined
  readonly violations: ReadonlyArray<AuthError.FieldViolation>
}

const fromJson = (json: unknown): Option.Option<Decoded> =>
  Option.map(asGoogle(json), ({ error }): Decoded => ({
    code: error.code === undefined ? undefined : String(error.code),
    statusText: text(error.status),
    detail: text(error.message),
    violations: googleViolations(error.details)
  })).pipe(
    Option.orElse(() =>
      Option.map(asErrorCode(json), (body): Decoded => ({
        code: body.errorCode === undefined ? undefined : String(body.errorCode),
        detail: text(body.message),
        reference: text(body.reference),
        violations: []
      }))
    ),
    Option.orElse(() =>
      Option.map(asCodeText(json), (body): Decoded => ({
        code: String(body.code),
        detail: text(body.text),
        violations: []
      }))
    ),
    Option.orElse(() =>
      Option.map(asProblem(json), (body): Decoded => ({
        code: body.type === "about:blank" ? undefined : text(body.type),
        statusText: text(body.title),
        detail: text(body.detail),
        violations: problemViolations(body.errors)
      }))
    )
  )

/** Only this much of a body can reach a preview, so only this much is scrubbed. */
const previewSource = 4096

const preview = (body: string): string => {
  const flat = body.replace(/\s+/g, " ").trim()
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat
}

/**
 * An error body in any of the four Sinch shapes. An empty body decodes to no detail; a body that is
 * not JSON, or JSON of no known shape, is `MalformedResponse`.
 *
 * @internal
 */
export const decode = (body: string, authorization?: string | undefined): Either.Either<Decoded, string> => {
  if (body.trim() === "") return Either.right({ violations: [] })
  // A server may echo the credentials it received: none of them may reach a message or a preview.
  const scrub = SecretScrub.make(authorization)
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return Either.left(`the error body is not JSON: ${preview(scrub(body.slice(0, previewSource)))}`)
  }
  return Option.match(fromJson(json), {
    onNone: () =>
      Either.left(`the error body has no known Sinch shape: ${preview(scrub(body.slice(0, previewSource)))}`),
    onSome: (decoded) => Either.right(scrubDecoded(decoded, scrub))
  })
}

const scrubDecoded = (decoded: Decoded, scrub: (text: string) => string): Decoded => {
  const clean = (value: string | undefined) => value === undefined ? undefined : scrub(value)
  return {
    code: clean(decoded.code),
    statusText: clean(decoded.statusText),
    detail: clean(decoded.detail),
    reference: clean(decoded.reference),
    violations: decoded.violations.map((v) =>
      new AuthError.FieldViolation({ field: scrub(v.field), description: scrub(v.description) })
    )
  }
}

/** @internal */
export const toError = (
  api: string,
  status: number,
  method: string,
  body: string,
  authorization?: string | undefined
): AuthError.SinchApiError | AuthError.MalformedResponse =>
  Either.match(decode(body, authorization), {
    onLeft: (detail) => new AuthError.MalformedResponse({ api, status, detail }),
    onRight: (decoded) =>
      new AuthError.SinchApiError({
        api,
        status,
        method,
        code: decoded.code,
        statusText: decoded.statusText,
        detail: decoded.detail,
        reference: decoded.reference,
        violations: decoded.violations
      })
  })

const param = (header: string, name: string): string | undefined => {
  const match = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^,\\s]+))`, "i").exec(header)
  return match === null ? undefined : (match[1] ?? match[2])
}

/**
 * The final error of a bearer call rejected with 401 after the one refresh: `ExpiredToken` when the API
 * says so (in `WWW-Authenticate` or the body), else `InvalidToken`. The word "expired" only names the
 * error; it never decides whether to refresh.
 *
 * @internal
 */
export const unauthorized = (
  api: string,
  wwwAuthenticate: string | undefined,
  body: string,
  authorization?: string | undefined
): AuthError.ExpiredToken | AuthError.InvalidToken => {
  const described = wwwAuthenticate === undefined
    ? undefined
    : param(wwwAuthenticate, "error_description") ?? param(wwwAuthenticate, "error")
  const fromHeader = described === undefined ? undefined : SecretScrub.make(authorization)(described)
  const fromBody = Either.match(decode(body, authorization), {
    onLeft: () => undefined,
    onRight: (d) => d.detail ?? d.statusText
  })
  const description = fromHeader ?? fromBody
  const expired = /expired/i.test(`${wwwAuthenticate ?? ""} ${fromBody ?? ""}`)
  return expired
    ? new AuthError.ExpiredToken({ api, description })
    : new AuthError.InvalidToken({ api, description })
}
