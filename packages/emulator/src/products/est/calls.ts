/**
 * Call history (`GET /calls`, paginated; `GET /calls/export`, CSV) and call-blocking rules.
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import type { ProductResponse } from "../../ProductApi.js"
import { AddProjectsBody, BlockingRuleBody } from "./bodies.js"
import type { Context, FieldViolation, Handler } from "./http.js"
import { decodeBody, invalidArgument, json, listReply, noContent, notFound, paginate, reply } from "./http.js"
import type { Call, CallBlockingRule, CallResult, Direction, Money } from "./model.js"
import { removeIn, setIn } from "./model.js"
import * as Ulid from "./ulid.js"

const callResults: ReadonlyArray<CallResult> = ["COMPLETED", "NO_ANSWER", "CANCEL", "BUSY", "FAILED"]
const directions: ReadonlyArray<Direction> = ["INBOUND", "OUTBOUND"]

// A full or partial ISO 8601 date-time: 2021-02, 2021-02-01, 2021-02-01T14, 2021-02-01T14:00:00Z, ...
const partialDateTime = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?)?)?Z?$/

const day = 24 * 60 * 60 * 1000

const list = <A extends string>(
  query: URLSearchParams,
  name: string,
  allowed: ReadonlyArray<A>
): Either.Either<ReadonlyArray<A> | undefined, FieldViolation> => {
  const raw = query.get(name)
  if (raw === null || raw === "") return Either.right(undefined)
  // Upper-cased: the official SDK's enums allow `inbound` as well as `INBOUND`.
  const values = raw.split(",").map((v) => v.trim().toUpperCase())
  const bad = values.find((v) => !(allowed as ReadonlyArray<string>).includes(v))
  return bad === undefined
    ? Either.right(values as ReadonlyArray<string> as ReadonlyArray<A>)
    : Either.left({ field: name, description: `${bad} is not one of ${allowed.join(", ")}` })
}

const strip = (value: string) => value.replace(/Z$/, "")

/**
 * The `createTime` filter: `createTime=2021-02-01` matches that whole day (a partial value matches
 * everything it is a prefix of), and `createTime>=…` / `createTime<=…` bound a range; in a query string
 * those arrive as the keys `createTime>` and `createTime<`. Without any, the last 24 hours.
 */
const timeFilter = (
  context: Context
): Either.Either<(call: Call) => boolean, ReadonlyArray<FieldViolation>> => {
  const { query } = context.request
  const exact = query.get("createTime")
  const from = query.get("createTime>")
  const to = query.get("createTime<")
  const violations = [["createTime", exact], ["createTime>", from], ["createTime<", to]].flatMap(([name, value]) =>
    value !== null && value !== "" && !partialDateTime.test(value!)
      ? [{ field: "createTime", description: `${name}=${value} is not an ISO 8601 date or date-time` }]
      : []
  )
  if (violations.length > 0) return Either.left(violations)
  if (!exact && !from && !to) {
    const since = new Date(context.now - day).toISOString()
    return Either.right((call) => call.createTime >= since)
  }
  return Either.right((call) => {
    const time = strip(call.createTime)
    return (!exact || time.startsWith(strip(exact))) &&
      (!from || time >= strip(from)) &&
      (!to || time.slice(0, strip(to).length) <= strip(to))
  })
}

const filterCalls = (context: Context, calls: ReadonlyArray<Call>) => {
  const { query } = context.request
  const results = list(query, "callResult", callResults)
  const wanted = list(query, "direction", directions)
  const time = timeFilter(context)
  const violations = [
    ...(Either.isLeft(results) ? [results.left] : []),
    ...(Either.isLeft(wanted) ? [wanted.left] : []),
    ...(Either.isLeft(time) ? time.left : [])
  ]
  if (Either.isLeft(results) || Either.isLeft(wanted) || Either.isLeft(time)) {
    return Either.left(invalidArgument("Invalid call filter", violations))
  }
  const from = query.get("from")
  const to = query.get("to")
  const trunkId = query.get("trunkId")
  return Either.right(calls.filter((call) =>
    (!from || call.from.startsWith(from)) &&
    (!to || call.to.startsWith(to)) &&
    (!trunkId || call.trunkId === trunkId) &&
    (results.right === undefined || results.right.includes(call.callResult)) &&
    (wanted.right === undefined || wanted.right.includes(call.direction)) &&
    time.right(call)
  ))
}

// As `GET /calls` writes a call: `direction` in lower case and `amount` as a number, as the official
// Node SDK's calls-history test payload shows (`direction: 'inbound'`, `amount: 0.0040`) and its
// `Money.amount` is typed (`number`).
const moneyJson = (money: Money) => ({ currencyCode: money.currencyCode, amount: Number(money.amount) })
const callJson = (call: Call) => ({
  ...call,
  direction: call.direction.toLowerCase(),
  pricePerMinute: moneyJson(call.pricePerMinute),
  price: moneyJson(call.price)
})

/**
 * Newest first; `size` defaults to 100 and goes up to 1000 on this operation.
 *
 * @since 0.1.0
 * @category handlers
 */
export const findCalls: Handler = (context, state) =>
  Either.match(filterCalls(context, state.calls), {
    onLeft: (response) => reply(response, state),
    onRight: (calls) => listReply(context, state, "calls", calls, callJson, { defaultSize: 100, maxSize: 1000 })
  })

const csvColumns = [
  "callId",
  "createTime",
  "direction",
  "from",
  "to",
  "trunkId",
  "callResult",
  "answerTime",
  "endTime",
  "durationSeconds",
  "billingDurationSeconds",
  "pricePerMinute",
  "price",
  "currencyCode"
] as const

const csvCell = (value: string | number | null): string => {
  const text = value === null ? "" : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, "\"\"")}"` : text
}

const csvRow = (call: Call): string =>
  [
    call.callId,
    call.createTime,
    call.direction,
    call.from,
    call.to,
    call.trunkId,
    call.callResult,
    call.answerTime,
    call.endTime,
    call.durationSeconds,
    call.billingDurationSeconds,
    call.pricePerMinute.amount,
    call.price.amount,
    call.price.currencyCode
  ].map(csvCell).join(",")

// Short numbers a call to which is an emergency call (`emergencyOnly`).
const emergencyNumbers = ["911", "112", "999", "000", "+1911", "+46112", "+44999"]

/**
 * The export's own filters. `fromCountryCode` / `toCountryCode` (ISO 3166-1 alpha-2) match a number by
 * the country's dialing codes, as `countryPermissions` lists them (so `US` and `CA` both match `+1`);
 * `emergencyOnly` and `hasChildren` are `true` / `false`. `region`, `projectIds`, `fileName`, `groupId`,
 * `parentId` and `relationshipType` are accepted and select nothing here: a project's calls have no
 * region, child calls or groups in this emulator.
 */
const exportFilter = (
  context: Context,
  state: Parameters<Handler>[1]
): Either.Either<(call: Call) => boolean, ProductResponse> => {
  const { query } = context.request
  const violations: Array<FieldViolation> = []
  const country = (name: string): ReadonlyArray<string> | undefined => {
    const code = query.get(name)
    if (code === null || code === "") return undefined
    const found = state.countries.get(code.toUpperCase())
    if (found === undefined) {
      violations.push({ field: name, description: `${code} is not an ISO 3166-1 alpha-2 country code` })
      return undefined
    }
    return found.countryDialingCodes
  }
  const flag = (name: string): boolean | undefined => {
    const value = query.get(name)
    if (value === null || value === "") return undefined
    if (value === "true" || value === "false") return value === "true"
    violations.push({ field: name, description: `${value} is not true or false` })
    return undefined
  }
  const fromCodes = country("fromCountryCode")
  const toCodes = country("toCountryCode")
  const emergencyOnly = flag("emergencyOnly")
  const hasChildren = flag("hasChildren")
  if (violations.length > 0) return Either.left(invalidArgument("Invalid export filter", violations))
  const inCountry = (number: string, codes: ReadonlyArray<string> | undefined) =>
    codes === undefined || codes.some((code) => number.startsWith(code))
  return Either.right((call) =>
    inCountry(call.from, fromCodes) &&
    inCountry(call.to, toCodes) &&
    (emergencyOnly !== true || emergencyNumbers.includes(call.to)) &&
    hasChildren !== true
  )
}

/**
 * The same filters as `GET /calls` and the export's own, answered as `application/csv`. Without
 * `page`/`size`, every match.
 *
 * @since 0.1.0
 * @category handlers
 */
export const exportCalls: Handler = (context, state) =>
  Either.match(
    Either.flatMap(
      filterCalls(context, state.calls),
      (calls) => Either.map(exportFilter(context, state), (keep) => calls.filter(keep))
    ),
    {
      onLeft: (response) => reply(response, state),
      onRight: (calls) => {
        const paged: Either.Either<{ readonly items: ReadonlyArray<Call> }, ProductResponse> =
          context.request.query.has("page") || context.request.query.has("size")
            ? paginate(context.request.query, calls, { defaultSize: 100, maxSize: 1000 })
            : Either.right({ items: calls })
        return reply(
          Either.match(paged, {
            onLeft: (response) => response,
            onRight: ({ items }) => ({
              status: 200,
              contentType: "application/csv",
              text: [csvColumns.join(","), ...items.map(csvRow)].join("\r\n") + "\r\n"
            })
          }),
          state
        )
      }
    }
  )

/**
 * A paged object `{callBlockingRules, totalItems, pageNumber, pageSize}`, as the official Node SDK pages
 * this list (`dataKey: 'callBlockingRules'`, rest/v1/call-blocking-rules/call-blocking-rules-api.ts). An
 * earlier version of the reference shows a bare array.
 *
 * @since 0.1.0
 * @category handlers
 */
export const listBlockingRules: Handler = (context, state) =>
  listReply(context, state, "callBlockingRules", [...state.blockingRules.values()], ruleJson)

// The rule as the API answers it: `direction` in lower case (the answer to an `INBOUND` request is
// `"inbound"`; the official Node SDK's `DirectionEnum` lists both spellings).
const ruleJson = (rule: CallBlockingRule) => ({ ...rule, direction: rule.direction.toLowerCase() })

const ruleFrom = (id: string, body: typeof BlockingRuleBody.Type): CallBlockingRule => ({
  id,
  direction: body.direction,
  ...(body.name == null ? {} : { name: body.name }),
  ...(body.callerCountry == null ? {} : { callerCountry: body.callerCountry }),
  ...(body.calleeCountry == null ? {} : { calleeCountry: body.calleeCountry }),
  ...(body.callerMatch == null ? {} : { callerMatch: body.callerMatch }),
  ...(body.calleeMatch == null ? {} : { calleeMatch: body.calleeMatch })
})

/**
 * @since 0.1.0
 * @category handlers
 */
export const createBlockingRule: Handler = (context, state) =>
  Either.match(decodeBody(BlockingRuleBody, context.request.body), {
    onLeft: (response) => reply(response, state),
    onRight: (body) =>
      Effect.map(Ulid.make, (id) => {
        const rule = ruleFrom(id, body)
        return [json(200, ruleJson(rule)), { ...state, blockingRules: setIn(state.blockingRules, id, rule) }] as const
      })
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const updateBlockingRule: Handler = (context, state) => {
  const id = context.params.id!
  if (!state.blockingRules.has(id)) return reply(notFound(`Call blocking rule ${id} not found`), state)
  return Either.match(decodeBody(BlockingRuleBody, context.request.body), {
    onLeft: (response) => reply(response, state),
    onRight: (body) => {
      const rule = ruleFrom(id, body)
      return reply(json(200, ruleJson(rule)), { ...state, blockingRules: setIn(state.blockingRules, id, rule) })
    }
  })
}

/**
 * @since 0.1.0
 * @category handlers
 */
export const deleteBlockingRule: Handler = (context, state) => {
  const id = context.params.id!
  return state.blockingRules.has(id)
    ? reply(noContent, { ...state, blockingRules: removeIn(state.blockingRules, id) })
    : reply(notFound(`Call blocking rule ${id} not found`), state)
}

/**
 * `POST /addProjects` (reference: "Add projects"; official Node SDK `projects.addProjects`): lets
 * this project read the calls of other projects. The answer lists the projects added.
 *
 * @since 0.2.0
 * @category handlers
 */
export const addProjects: Handler = (context, state) =>
  Either.match(decodeBody(AddProjectsBody, context.request.body), {
    onLeft: (response) => reply(response, state),
    onRight: (body) =>
      body.projectIds.length === 0
        ? reply(invalidArgument("Invalid request", [{ field: "projectIds", description: "must not be empty" }]), state)
        : reply(json(200, { addedProjects: body.projectIds }), state)
  })
