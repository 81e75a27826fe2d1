/** A tracer that records every span, for assertions on names and attributes. */
import { Option, Tracer } from "effect"
import type { Context, Exit } from "effect"

export interface Recorded {
  readonly name: string
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
  exit: Exit.Exit<unknown, unknown> | undefined
}

export const recordingTracer = () => {
  const spans: Array<Recorded> = []
  let ids = 0
  const tracer = Tracer.make({
    span(name, parent, context: Context.Context<never>, links, startTime, kind) {
      const record: Recorded = { name, kind, attributes: new Map(), events: [], exit: undefined }
      spans.push(record)
      const spanId = `span-${++ids}`
      const traceId = Option.match(parent, { onNone: () => `trace-${ids}`, onSome: (p) => p.traceId })
      let status: Tracer.SpanStatus = { _tag: "Started", startTime }
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId,
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
          record.events.push({ name: eventName, attributes })
        },
        addLinks() {}
      }
      return span
    },
    context: (f) => f()
  })
  return { spans, tracer }
}
