/**
 * Collectors and a scanner for the secret scan: a scripted in-process Sinch whose token endpoint issues
 * recognisable tokens, a logger keeping every line at every level, a tracer keeping every span, and
 * the renderings a value commonly gets in logs, traces and bug reports.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import type { Context, Exit } from "effect"
import { Cause, Effect, Layer, Logger, Option, Tracer } from "effect"
import { inspect } from "node:util"

/** What the fake server saw of one request (headers included: the test reads the secrets it was sent). */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
}

export type Answer =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> | undefined }
  | "hang"

/** An in-process `HttpClient` answering every request with `answer(seen)`. */
export const fakeSinch = (answer: (seen: Seen) => Answer) => {
  const seen: Array<Seen> = []
  const client = HttpClient.make((request, url) =>
    Effect.suspend(() => {
      const entry: Seen = { method: request.method, url, headers: { ...request.headers } }
      seen.push(entry)
      const reply = answer(entry)
      if (reply === "hang") return Effect.never
      const body = reply.body === undefined
        ? null
        : typeof reply.body === "string"
        ? reply.body
        : JSON.stringify(reply.body)
      return Effect.succeed(HttpClientResponse.fromWeb(
        request,
        new Response(body, { status: reply.status, headers: { "content-type": "application/json", ...reply.headers } })
      ))
    })
  )
  return { seen, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** Every way a value commonly ends up in a log, a trace or a bug report. */
export const renderings = (value: unknown): Array<string> => [
  value instanceof Error ? value.message : "",
  String(value),
  JSON.stringify(value) ?? "",
  inspect(value, { depth: 10 }),
  Cause.isCause(value) ? Cause.pretty(value) : Cause.pretty(Cause.fail(value))
]

/** A logger keeping, for every entry at any level, the logfmt line and the inspected message, annotations and cause. */
export const capturingLogger = () => {
  const lines: Array<string> = []
  const logger = Logger.make((options) => {
    lines.push(Logger.logfmtLogger.log(options))
    lines.push(inspect(options.message, { depth: 10 }))
    lines.push(inspect(options.annotations, { depth: 10 }))
    lines.push(Cause.pretty(options.cause))
    lines.push(inspect(options.cause, { depth: 10 }))
  })
  return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
}

export interface RecordedSpan {
  readonly name: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<readonly [string, Record<string, unknown> | undefined]>
  exit: Exit.Exit<unknown, unknown> | undefined
}

/** A tracer keeping every span: name, attributes, events and exit. */
export const recordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  let ids = 0
  const tracer = Tracer.make({
    span(name, parent, context: Context.Context<never>, links, startTime, kind) {
      const record: RecordedSpan = { name, attributes: new Map(), events: [], exit: undefined }
      spans.push(record)
      const spanId = `span-${++ids}`
      let status: Tracer.SpanStatus = { _tag: "Started", startTime }
      return {
        _tag: "Span",
        name,
        spanId,
        traceId: Option.match(parent, { onNone: () => `trace-${ids}`, onSome: (p) => p.traceId }),
        parent,
        context,
        get status() {
          return status
        },
        attributes: record.attributes,
        links: [...links],
        sampled: true,
        kind,
        end(endTime, exit) {
          status = { _tag: "Ended", startTime, endTime, exit }
          record.exit = exit
        },
        attribute(key, value) {
          record.attributes.set(key, value)
        },
        event(eventName, _startTime, attributes) {
          record.events.push([eventName, attributes])
        },
        addLinks() {}
      } satisfies Tracer.Span
    },
    context: (f) => f()
  })
  return { spans, tracer }
}

/** The texts of a span an exporter could ship. */
export const spanTexts = (span: RecordedSpan): Array<string> => [
  span.name,
  inspect(Object.fromEntries(span.attributes), { depth: 10 }),
  JSON.stringify(Object.fromEntries(span.attributes), (_, v) => (typeof v === "bigint" ? String(v) : v)),
  inspect(span.events, { depth: 10 }),
  span.exit === undefined ? "" : inspect(span.exit, { depth: 10 }),
  span.exit === undefined ? "" : Cause.pretty(span.exit._tag === "Failure" ? span.exit.cause : Cause.empty)
]

/** Every planted value found in `texts`, with a little context for the failure message. */
export const hits = (texts: ReadonlyArray<string>, planted: ReadonlyArray<readonly [string, string]>) => {
  const found: Array<string> = []
  for (const text of texts) {
    for (const [label, secret] of planted) {
      const at = text.indexOf(secret)
      if (at >= 0) found.push(`${label} in: ${text.slice(Math.max(0, at - 200), at + secret.length + 40)}`)
    }
  }
  return found
}
