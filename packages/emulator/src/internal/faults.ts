/**
 * Fault injection: faults queue per target and are taken one request at a time, before the target
 * answers.
 *
 * @internal
 */
import { Duration, Effect } from "effect"
import type { EmulatorResponse } from "../Emulator.js"
import type { Fault, Target } from "../EmulatorControl.js"
import * as Responses from "./responses.js"
import type { Answer, State } from "./state.js"
import { render } from "./state.js"

/** Queues `fault` for the next `times` requests to `target`. @internal */
export const inject = (state: State, target: Target, fault: Fault, times: number | undefined): void => {
  const queue = state.faults.get(target) ?? []
  queue.push({ fault, remaining: Math.max(1, Math.floor(times ?? 1)) })
  state.faults.set(target, queue)
}

/** The fault the next request to `target` gets, if any. @internal */
export const take = (state: State, target: Target): Fault | undefined => {
  const queue = state.faults.get(target)
  const head = queue?.[0]
  if (queue === undefined || head === undefined) return undefined
  head.remaining -= 1
  if (head.remaining <= 0) queue.shift()
  return head.fault
}

const malformed = (target: Target): EmulatorResponse => ({
  _tag: "Response",
  status: 200,
  headers: { "content-type": "application/json" },
  body: target === "auth" ? `{"access_token":"eyJhbGciOi` : `{"error":{"code":`
})

/** Applies a fault; `undefined` means "continue normally" (after a delay, if any). @internal */
export const apply = (target: Target, fault: Fault): Effect.Effect<Answer | undefined> => {
  switch (fault._tag) {
    case "Status": {
      const base = "body" in fault
        ? { status: fault.status, body: fault.body }
        : Responses.injected(target, fault.status)
      const headers = fault.retryAfter === undefined
        ? base.headers
        : { ...base.headers, "retry-after": String(fault.retryAfter) }
      return Effect.succeed({ response: render({ ...base, headers }), tokenOutcome: "fault" })
    }
    case "Delay":
      return Effect.as(Effect.sleep(Duration.millis(fault.millis)), undefined)
    case "Hang":
      return Effect.never
    case "MalformedJson":
      return Effect.succeed({ response: malformed(target), tokenOutcome: "fault" })
    case "Drop":
      return Effect.succeed({ response: { _tag: "Drop" }, tokenOutcome: "fault" })
  }
}
