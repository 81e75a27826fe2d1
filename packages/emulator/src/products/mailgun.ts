/**
 * The emulated Mailgun API (`/mailgun` on the emulator; in production `https://api.mailgun.net` and
 * `https://api.eu.mailgun.net`), written from Mailgun's API reference
 * (https://documentation.mailgun.com/docs/mailgun/api-reference/send/mailgun) and user manual (Events):
 *
 * - `POST /v3/{domain_name}/messages` (form or multipart): answers `{id, message: "Queued. Thank you."}`
 *   and records an `accepted` and a `delivered` event per recipient;
 * - `GET /v3/{domain_name}/events`: pages of events with `paging` links; `next` is always present
 *   and a page past the last one is empty, as the reference says;
 * - `GET /v4/domains` (`limit`, `skip`, `state`, `sort`) and `GET /v4/domains/{name}`.
 *
 * Authentication (Basic `api:KEY`) is the core's; errors are `{"message": ...}`.
 *
 * @since 0.3.0
 */
import { Clock, Effect, Ref } from "effect"
import * as demo from "../internal/demo.js"
import type { ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"
import * as Form from "./mailgun/form.js"

interface Domain {
  readonly name: string
  readonly id: string
  readonly state: "active" | "unverified" | "disabled"
  readonly type: "sandbox" | "custom"
  readonly created_at: string
}

type Event = Record<string, unknown> & { readonly timestamp: number }

interface State {
  readonly domains: ReadonlyArray<Domain>
  /** Per domain, in the order they happened. */
  readonly events: ReadonlyMap<string, ReadonlyArray<Event>>
  readonly sent: number
}

const seed: ReadonlyArray<Domain> = [
  {
    name: demo.credentials.mailgunDomain,
    id: "64d2b1f0e4b0c1a2b3c4d5e6",
    state: "active",
    type: "sandbox",
    created_at: "Mon, 02 Jan 2023 10:00:00 GMT"
  },
  {
    name: "mg.example.com",
    id: "64d2b1f0e4b0c1a2b3c4d5e7",
    state: "unverified",
    type: "custom",
    created_at: "Tue, 03 Jan 2023 10:00:00 GMT"
  }
]

const error = (status: number, message: string): ProductResponse => ({ status, body: { message } })
const ok = (body: unknown): ProductResponse => ({ status: 200, body })

/** The v4 list shape (reference sample of `GET /v4/domains`). */
const domainJson = (domain: Domain) => ({
  created_at: domain.created_at,
  id: domain.id,
  is_disabled: domain.state === "disabled",
  name: domain.name,
  require_tls: false,
  skip_verification: false,
  smtp_login: `postmaster@${domain.name}`,
  spam_action: "disabled",
  state: domain.state,
  type: domain.type,
  use_automatic_sender_security: true,
  web_prefix: "email",
  web_scheme: "https",
  wildcard: false
})

const dnsRecords = (domain: Domain) => ({
  receiving_dns_records: [
    { cached: [], priority: "10", record_type: "MX", valid: "unknown", value: "mxa.mailgun.org" },
    { cached: [], priority: "10", record_type: "MX", valid: "unknown", value: "mxb.mailgun.org" }
  ],
  sending_dns_records: [
    {
      cached: [],
      name: domain.name,
      record_type: "TXT",
      valid: domain.state === "active" ? "valid" : "unknown",
      value: "v=spf1 include:mailgun.org ~all"
    },
    {
      cached: [],
      name: `email.${domain.name}`,
      record_type: "CNAME",
      valid: domain.state === "active" ? "valid" : "unknown",
      value: "mailgun.org"
    }
  ]
})

const integer = (value: string | null, fallback: number): number | undefined => {
  if (value === null) return fallback
  return /^\d+$/.test(value) ? Number(value) : undefined
}

// --- domains ----------------------------------------------------------------------------------

const listDomains = (state: State, query: URLSearchParams): ProductResponse => {
  const limit = integer(query.get("limit"), 100)
  const skip = integer(query.get("skip"), 0)
  if (limit === undefined || limit < 1 || limit > 1000) return error(400, "limit must be between 1 and 1000")
  if (skip === undefined) return error(400, "skip must be a non-negative integer")
  const wanted = query.get("state")
  const sort = query.get("sort")
  let domains = wanted === null ? [...state.domains] : state.domains.filter((domain) => domain.state === wanted)
  // Without `sort`, newest first (the reference: "reverse creation date order").
  domains = sort === null
    ? domains.reverse()
    : domains.sort((a, b) => (sort === "name:desc" ? b.name.localeCompare(a.name) : a.name.localeCompare(b.name)))
  return ok({ total_count: domains.length, items: domains.slice(skip, skip + limit).map(domainJson) })
}

const getDomain = (state: State, name: string): ProductResponse => {
  const domain = state.domains.find((candidate) => candidate.name === name)
  return domain === undefined
    ? error(404, "Domain not found")
    : ok({ domain: domainJson(domain), ...dnsRecords(domain) })
}

// --- messages ---------------------------------------------------------------------------------

const all = (fields: ReadonlyArray<Form.Field>, name: string): Array<string> =>
  fields.filter((field) => field.name === name && field.file === undefined).map((field) => field.value)

const one = (fields: ReadonlyArray<Form.Field>, name: string): string | undefined => all(fields, name)[0]

/** `Bob <bob@host.com>, alice@host.com` -> the bare addresses. */
const addresses = (values: ReadonlyArray<string>): Array<string> =>
  values.flatMap((value) => value.split(",")).map((part) => part.trim()).filter((part) => part !== "").map(
    (part) => /<([^>]+)>/.exec(part)?.[1] ?? part
  )

const pad = (value: number, width = 2) => String(value).padStart(width, "0")

const messageId = (now: number, count: number, domain: string): string => {
  const date = new Date(now)
  const stamp = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${
    pad(date.getUTCHours())
  }${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  return `${stamp}.${count}.${pad(count * 7919 % 10000, 4)}@${domain}`
}

const send = (
  ref: Ref.Ref<State>,
  request: ProductRequest,
  domainName: string
): Effect.Effect<ProductResponse> =>
  Effect.gen(function*() {
    const state = yield* Ref.get(ref)
    if (!state.domains.some((domain) => domain.name === domainName)) {
      return error(404, `Domain not found: ${domainName}`)
    }
    const parsed = Form.parse(request.headers["content-type"], request.bodyBytes ?? new Uint8Array(), request.rawBody)
    if ("error" in parsed) return error(400, parsed.error)
    const fields = parsed.fields
    const from = one(fields, "from")
    if (from === undefined || from.trim() === "") return error(400, "from parameter is missing")
    const to = addresses([...all(fields, "to"), ...all(fields, "cc"), ...all(fields, "bcc")])
    if (all(fields, "to").length === 0) return error(400, "to parameter is missing")
    if (["text", "html", "amp-html", "template"].every((name) => one(fields, name) === undefined)) {
      return error(400, "Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified")
    }
    const tags = all(fields, "o:tag")
    if (tags.length > 3) return error(400, "Too many tags: at most 3 per message")
    const now = yield* Clock.currentTimeMillis
    const count = state.sent + 1
    const id = messageId(now, count, domainName)
    const variables = Object.fromEntries(
      fields.filter((field) => field.name.startsWith("v:")).map((field) => [field.name.slice(2), field.value])
    )
    const attachments = fields.filter((field) => field.file !== undefined && field.name === "attachment").map((
      field
    ) => ({ filename: field.file!.filename, "content-type": field.file!.contentType, size: field.file!.size }))
    const size = request.bodyBytes?.length ?? request.rawBody.length
    const message = {
      headers: { "message-id": id, from, to: all(fields, "to").join(", "), subject: one(fields, "subject") ?? "" },
      attachments,
      size
    }
    const seconds = now / 1000
    const events: Array<Event> = to.flatMap((recipient, index) => {
      const common = {
        recipient,
        "recipient-domain": recipient.split("@")[1] ?? "",
        tags,
        "user-variables": variables,
        message,
        flags: { "is-test-mode": one(fields, "o:testmode") === "yes" }
      }
      return [
        {
          id: `acc-${count}-${index}`,
          event: "accepted",
          timestamp: seconds,
          "log-level": "info",
          method: "HTTP",
          ...common
        },
        {
          id: `del-${count}-${index}`,
          event: "delivered",
          timestamp: seconds + 0.5,
          "log-level": "info",
          "delivery-status": {
            code: 250,
            message: "OK",
            description: "",
            "attempt-no": 1,
            "session-seconds": 0.5
          },
          ...common
        }
      ]
    })
    yield* Ref.update(ref, (current) => {
      const map = new Map(current.events)
      map.set(domainName, [...(map.get(domainName) ?? []), ...events])
      return { ...current, events: map, sent: current.sent + 1 }
    })
    return ok({ id: `<${id}>`, message: "Queued. Thank you." })
  })

// --- events -----------------------------------------------------------------------------------

/** What a page link carries: the filters of the first request and where the page starts. */
interface Cursor {
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly offset: number
}

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url")

const decodeCursor = (token: string): Cursor | undefined => {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Cursor
    return Array.isArray(value.query) && Number.isSafeInteger(value.offset) && value.offset >= 0 ? value : undefined
  } catch {
    return undefined
  }
}

const filters = ["event", "recipient", "message-id", "from", "to", "subject", "tags", "severity"] as const

const matches = (event: Event, query: URLSearchParams): boolean =>
  filters.every((name) => {
    const wanted = query.get(name)
    if (wanted === null) return true
    const message = event["message"] as { headers?: Record<string, string> } | undefined
    switch (name) {
      case "message-id":
        return message?.headers?.["message-id"] === wanted.replace(/^<|>$/g, "")
      case "from":
      case "to":
      case "subject":
        return (message?.headers?.[name] ?? "").includes(wanted)
      case "tags":
        return ((event["tags"] as ReadonlyArray<string> | undefined) ?? []).includes(wanted)
      default:
        return event[name] === wanted
    }
  })

const listEvents = (
  state: State,
  request: ProductRequest,
  domainName: string,
  cursor: Cursor
): ProductResponse => {
  if (!state.domains.some((domain) => domain.name === domainName)) return error(404, `Domain not found: ${domainName}`)
  const query = new URLSearchParams(cursor.query as Array<[string, string]>)
  const limit = integer(query.get("limit"), 300)
  if (limit === undefined || limit < 1 || limit > 300) return error(400, "limit must be between 1 and 300")
  const ascending = query.get("ascending")
  if (ascending !== null && ascending !== "yes" && ascending !== "no") return error(400, "ascending must be yes or no")
  const begin = query.get("begin")
  const end = query.get("end")
  const seconds = (value: string | null) => (value === null || Number.isNaN(Number(value)) ? undefined : Number(value))
  const [low, high] = ascending === "yes" ? [seconds(begin), seconds(end)] : [seconds(end), seconds(begin)]
  const selected = (state.events.get(domainName) ?? []).filter((event) =>
    matches(event, query) && (low === undefined || event.timestamp >= low) &&
    (high === undefined || event.timestamp <= high)
  )
  const ordered = ascending === "yes" ? selected : [...selected].reverse()
  const page = ordered.slice(cursor.offset, cursor.offset + limit)
  const base = `${request.baseUrl ?? ""}/v3/${encodeURIComponent(domainName)}/events`
  const link = (offset: number) => `${base}/${encodeCursor({ query: cursor.query, offset })}`
  return ok({
    items: page,
    paging: {
      first: link(0),
      last: link(Math.max(0, Math.floor((ordered.length - 1) / limit) * limit)),
      next: link(cursor.offset + limit),
      previous: link(Math.max(0, cursor.offset - limit))
    }
  })
}

// --- routing ----------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi> = Effect.map(
  Ref.make<State>({ domains: seed, events: new Map(), sent: 0 }),
  (ref): ProductApi => ({
    api: "mailgun",
    handle: (request) =>
      Effect.flatMap(Ref.get(ref), (state): Effect.Effect<ProductResponse | undefined> => {
        const [version, first, second, third] = request.segments
        const length = request.segments.length
        if (version === "v4" && first === "domains" && length <= 3) {
          if (request.method !== "GET") return Effect.succeed(error(405, `Method ${request.method} not allowed`))
          return Effect.succeed(length === 2 ? listDomains(state, request.query) : getDomain(state, second!))
        }
        if (version !== "v3" || first === undefined || length < 3) return Effect.succeed(undefined)
        if (second === "messages" && length === 3) {
          return request.method === "POST"
            ? send(ref, request, first)
            : Effect.succeed(error(405, `Method ${request.method} not allowed`))
        }
        if (second === "events" && (length === 3 || length === 4)) {
          if (request.method !== "GET") return Effect.succeed(error(405, `Method ${request.method} not allowed`))
          if (third === undefined) {
            return Effect.succeed(listEvents(state, request, first, { query: [...request.query], offset: 0 }))
          }
          const cursor = decodeCursor(third)
          return Effect.succeed(
            cursor === undefined ? error(400, "Invalid page token") : listEvents(state, request, first, cursor)
          )
        }
        return Effect.succeed(undefined)
      })
  })
)
