/**
 * The emulated Template Management API (`https://{region}.template.api.sinch.com`), v1 and v2, served
 * under `/templates/{region}`. Written from the Template Management API reference
 * (https://developers.sinch.com/docs/conversation/api-reference/template/ and
 * https://developers.sinch.com/docs/conversation/api-reference/template2/) and the answers in sinch-sdk-node
 * packages/conversation/tests/rest/v1/templates-v1/templates-v1-api.test.ts and
 * templates-v2/templates-v2-api.test.ts: a v1 template holds text translations with `${variables}`
 * and a `channel` (`UNSPECIFIED` by default); an update replaces the translations it sends (their
 * `version` is `""` when not given). A v2 template holds one app message kind per translation, starts
 * at `version` 1, and is replaced by `PUT` with the current `version` (optimistic locking), which
 * bumps it. Every region keeps its own templates.
 *
 * @since 0.3.0
 */
import { Clock, Effect, Either, ParseResult, Random, Ref, Schema } from "effect"
import * as Responses from "../internal/responses.js"
import type { EmulatedRegion, ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Template {
  readonly id: string
  readonly version: number
  readonly [field: string]: unknown
}

/**
 * @since 0.3.0
 * @category models
 */
export interface RegionTemplates {
  readonly v1: ReadonlyMap<string, Template>
  readonly v2: ReadonlyMap<string, Template>
}

/**
 * @since 0.3.0
 * @category models
 */
export type State = Readonly<Record<EmulatedRegion, RegionTemplates>>

const failure = (code: number, status: string, message: string, details: ReadonlyArray<unknown> = []) =>
  Responses.sinchError(code, message, { code: status, details })
const ok = (body: unknown): ProductResponse => ({ status: 200, body })
const notFound = (id: string) => failure(404, "NOT_FOUND", `Template ${id} not found`)
const invalid = (field: string, description: string) =>
  failure(400, "INVALID_ARGUMENT", "Invalid argument", [{
    type: "BadRequest",
    fieldViolations: [{ field, description }]
  }])

const NonEmpty = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))
const Text = Schema.optional(Schema.String)
const Variable = Schema.Struct({ key: NonEmpty, preview_value: Text })

const V1Translation = Schema.Struct({
  language_code: NonEmpty,
  content: Schema.String,
  version: Text,
  variables: Schema.optional(Schema.Array(Variable))
})

const V1Create = Schema.Struct({
  id: Text,
  description: Text,
  channel: Text,
  default_translation: NonEmpty,
  translations: Schema.Array(V1Translation)
})

const V1Update = Schema.partial(V1Create)

const messageKinds = [
  "text_message",
  "media_message",
  "template_message",
  "choice_message",
  "card_message",
  "carousel_message",
  "list_message",
  "location_message",
  "contact_info_message"
] as const

const V2Translation = Schema.Struct({
  language_code: NonEmpty,
  version: Text,
  channel_template_overrides: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  variables: Schema.optional(Schema.Array(Variable))
})

const V2Create = Schema.Struct({
  id: Text,
  description: Text,
  default_translation: NonEmpty,
  translations: Schema.Array(V2Translation)
})

const V2Update = Schema.Struct({
  version: Schema.Int,
  description: Text,
  default_translation: NonEmpty,
  translations: Schema.Array(V2Translation)
})

const validate = <A, I>(schema: Schema.Schema<A, I>, body: unknown): Either.Either<A, ProductResponse> =>
  Schema.decodeUnknownEither(schema, { onExcessProperty: "preserve" })(body).pipe(
    Either.mapLeft((error) => {
      const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
      return invalid(issue?.path.map(String).join(".") || "body", issue?.message ?? "invalid")
    })
  )

const checkDefault = (
  defaultTranslation: string | undefined,
  translations: ReadonlyArray<{ readonly language_code: string }> | undefined
): ProductResponse | undefined =>
  defaultTranslation !== undefined && translations !== undefined &&
    !translations.some((t) => t.language_code === defaultTranslation)
    ? invalid("default_translation", "must be the language_code of one of the translations")
    : undefined

const checkKinds = (translations: ReadonlyArray<Readonly<Record<string, unknown>>>): ProductResponse | undefined => {
  const index = translations.findIndex((t) => messageKinds.filter((kind) => t[kind] !== undefined).length !== 1)
  return index < 0
    ? undefined
    : invalid(`translations[${index}]`, `exactly one of ${messageKinds.join(", ")} must be set`)
}

const mask = (query: URLSearchParams): ReadonlyArray<string> | undefined => {
  const paths = [...query.getAll("update_mask"), ...query.getAll("update_mask.paths")]
    .flatMap((value) => value.split(","))
    .map((path) => path.trim())
    .filter((path) => path !== "")
  return paths.length === 0 ? undefined : paths
}

// Sinch answers second-precision times (`2024-02-07T15:25:42Z`).
const seconds = (iso: string) => iso.replace(/\.\d+Z$/, "Z")

type Context = { readonly now: string; readonly id: string }
type Handler = (state: RegionTemplates, request: ProductRequest, context: Context) => readonly [
  ProductResponse,
  RegionTemplates
]

const stamp = (translations: ReadonlyArray<Readonly<Record<string, unknown>>>, now: string, extra: object) =>
  translations.map((t) => ({ ...extra, ...t, create_time: now, update_time: now }))

const v1: Record<string, (id?: string) => Handler | undefined> = {
  GET: (id) => (state) =>
    id === undefined
      ? [ok({ templates: [...state.v1.values()].map(({ version: _, ...t }) => t) }), state]
      : [state.v1.has(id) ? ok(withoutVersion(state.v1.get(id)!)) : notFound(id), state],
  POST: (id) =>
    id !== undefined ? undefined : (state, request, { id: fresh, now }) => {
      const decoded = validate(V1Create, request.body)
      if (Either.isLeft(decoded)) return [decoded.left, state]
      const body = decoded.right
      const wrongDefault = checkDefault(body.default_translation, body.translations)
      if (wrongDefault) return [wrongDefault, state]
      const templateId = body.id || fresh
      if (state.v1.has(templateId)) {
        return [failure(409, "ALREADY_EXISTS", `Template ${templateId} already exists`), state]
      }
      const template: Template = {
        ...(request.body as object),
        id: templateId,
        version: 1,
        description: body.description ?? "",
        channel: body.channel ?? "UNSPECIFIED",
        translations: stamp(body.translations, now, { version: "", variables: [] }),
        create_time: now,
        update_time: now
      }
      return [ok(withoutVersion(template)), { ...state, v1: new Map(state.v1).set(templateId, template) }]
    },
  PATCH: (id) =>
    id === undefined ? undefined : (state, request, { now }) => {
      const decoded = validate(V1Update, request.body)
      if (Either.isLeft(decoded)) return [decoded.left, state]
      const current = state.v1.get(id)
      if (!current) return [notFound(id), state]
      const body = decoded.right as Readonly<Record<string, unknown>>
      const fields = (mask(request.query) ?? Object.keys(body)).filter((f) => f !== "id" && f in body)
      const next: Record<string, unknown> = { ...current, update_time: now }
      for (const field of fields) {
        next[field] = field === "translations"
          ? stamp(decoded.right.translations ?? [], now, { version: "", variables: [] })
          : body[field]
      }
      const wrongDefault = checkDefault(
        next["default_translation"] as string,
        next["translations"] as ReadonlyArray<{ language_code: string }>
      )
      if (wrongDefault) return [wrongDefault, state]
      const template = next as Template
      return [ok(withoutVersion(template)), { ...state, v1: new Map(state.v1).set(id, template) }]
    },
  DELETE: (id) =>
    id === undefined ? undefined : (state) => {
      if (!state.v1.has(id)) return [notFound(id), state]
      const v1 = new Map(state.v1)
      v1.delete(id)
      return [ok({}), { ...state, v1 }]
    }
}

const withoutVersion = ({ version: _, ...template }: Template) => template

const v2Write = (
  state: RegionTemplates,
  templateId: string,
  version: number,
  createTime: string,
  now: string,
  body: {
    readonly description?: string | undefined
    readonly default_translation: string
    readonly translations: ReadonlyArray<Readonly<Record<string, unknown>>>
  }
): readonly [ProductResponse, RegionTemplates] => {
  const wrongKind = checkKinds(body.translations)
  if (wrongKind) return [wrongKind, state]
  const wrongDefault = checkDefault(body.default_translation, body.translations as never)
  if (wrongDefault) return [wrongDefault, state]
  const template: Template = {
    id: templateId,
    description: body.description ?? "",
    version,
    translations: stamp(body.translations, now, { channel_template_overrides: {} }).map((t) => ({
      ...t,
      version: (t as { version?: string }).version || String(version)
    })),
    default_translation: body.default_translation,
    create_time: createTime,
    update_time: now
  }
  return [ok(template), { ...state, v2: new Map(state.v2).set(templateId, template) }]
}

const v2: Record<string, (id?: string, sub?: string) => Handler | undefined> = {
  GET: (id, sub) => (state, request) => {
    if (id === undefined) return [ok({ templates: [...state.v2.values()] }), state]
    const template = state.v2.get(id)
    if (!template) return [notFound(id), state]
    if (sub === undefined) return [ok(template), state]
    if (sub !== "translations") return [failure(404, "NOT_FOUND", "Not found"), state]
    const language = request.query.get("language_code") || undefined
    const version = request.query.get("translation_version") || undefined
    const all = (template["translations"] as ReadonlyArray<Readonly<Record<string, unknown>>>).filter((t) =>
      language === undefined || t["language_code"] === language
    )
    // `latest` (or no version): the highest version of each language.
    const translations = version !== undefined && version !== "latest"
      ? all.filter((t) => t["version"] === version)
      : all.filter((t) =>
        !all.some((other) =>
          other["language_code"] === t["language_code"] && Number(other["version"]) > Number(t["version"])
        )
      )
    return [ok({ translations }), state]
  },
  POST: (id) =>
    id !== undefined ? undefined : (state, request, { id: fresh, now }) => {
      const decoded = validate(V2Create, request.body)
      if (Either.isLeft(decoded)) return [decoded.left, state]
      const templateId = decoded.right.id || fresh
      if (state.v2.has(templateId)) {
        return [failure(409, "ALREADY_EXISTS", `Template ${templateId} already exists`), state]
      }
      return v2Write(state, templateId, 1, now, now, decoded.right)
    },
  PUT: (id) =>
    id === undefined ? undefined : (state, request, { now }) => {
      const decoded = validate(V2Update, request.body)
      if (Either.isLeft(decoded)) return [decoded.left, state]
      const current = state.v2.get(id)
      if (!current) return [notFound(id), state]
      if (decoded.right.version !== current.version) {
        return [
          failure(
            409,
            "ABORTED",
            `Template ${id} is at version ${current.version}, not ${decoded.right.version}: read it again`
          ),
          state
        ]
      }
      return v2Write(state, id, current.version + 1, current["create_time"] as string, now, decoded.right)
    },
  DELETE: (id) =>
    id === undefined ? undefined : (state) => {
      if (!state.v2.has(id)) return [notFound(id), state]
      const next = new Map(state.v2)
      next.delete(id)
      return [ok({}), { ...state, v2: next }]
    }
}

const emptyRegion: RegionTemplates = { v1: new Map(), v2: new Map() }

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const freshId = Effect.gen(function*() {
  let id = ""
  for (let i = 0; i < 26; i++) id += crockford[yield* Random.nextIntBetween(0, 32)]
  return id
})

/**
 * Creates the Template Management API with its own, empty, in-memory state.
 *
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi> = Effect.gen(function*() {
  const state = yield* Ref.make<State>({ us: emptyRegion, eu: emptyRegion, br: emptyRegion })
  const handle = (request: ProductRequest): Effect.Effect<ProductResponse | undefined> =>
    Effect.gen(function*() {
      const [version, projects, projectId, collection, id, sub, ...more] = request.segments
      if (projects !== "projects" || projectId === undefined || collection !== "templates" || more.length > 0) {
        return undefined
      }
      const region = request.region
      if (region === undefined) {
        return failure(404, "NOT_FOUND", "The Templates API is regional: use /templates/{us|eu|br}")
      }
      if (request.projectId !== undefined && request.projectId !== projectId) {
        return failure(403, "PERMISSION_DENIED", `The credentials do not grant access to project ${projectId}`)
      }
      const handler = version === "v1"
        ? sub === undefined ? v1[request.method]?.(id) : undefined
        : version === "v2"
        ? v2[request.method]?.(id, sub)
        : undefined
      if (handler === undefined) {
        return undefined
      }
      const context = { now: seconds(new Date(yield* Clock.currentTimeMillis).toISOString()), id: yield* freshId }
      return yield* Ref.modify(state, (all) => {
        const [response, next] = handler(all[region], request, context)
        return [response, next === all[region] ? all : { ...all, [region]: next }]
      })
    })
  return { api: "templates", handle } satisfies ProductApi
})
