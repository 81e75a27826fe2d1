/**
 * The emulated Voice API (`https://calling.api.sinch.com`, the regional `calling-{euc1|use1|sae1|apse1|apse2}`
 * hosts and `https://callingapi.sinch.com`, served under `/voice`): callouts (text-to-speech,
 * conference, custom), call information and management with SVAML, conferences and their participants,
 * the project's numbers and their applications, callback URLs and number information.
 *
 * Written from the Voice API reference (https://developers.sinch.com/docs/voice/api-reference/voice) and
 * the payloads in sinch-sdk-node packages/voice/tests/rest/v1 (callouts, calls, conferences,
 * applications .steps.ts), with the paths the official `@sinch/voice` client sends
 * (dist/rest/v1/{callouts,calls,conferences,applications}/*-api.js), never from a client of this project.
 *
 * Calls and conferences belong to the application that placed them; numbers to the caller's project; an
 * application's callback URLs may be read and changed by the applications of its project.
 *
 * @since 0.3.0
 */
import { Clock, Effect, Ref } from "effect"
import type { ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"
import * as Applications from "./voice/applications.js"
import * as Calls from "./voice/calls.js"
import * as Conferences from "./voice/conferences.js"
import type { Context, Result, State } from "./voice/model.js"
import { empty } from "./voice/model.js"

const route = (context: Context, request: ProductRequest): Result | undefined => {
  const method = request.method
  const body = request.body
  const s = request.segments
  const path = s.join("/")
  if (s[0] === "calling" && s[1] === "v1") {
    // POST /calling/v1/callouts (callouts-api.js)
    if (path === "calling/v1/callouts") return method === "POST" ? Calls.callout(context, body) : undefined
    // /calling/v1/calls/id/{callId}[/leg/{callLeg}] (calls-api.js: get, update, manageWithCallLeg)
    if (s[2] === "calls" && s[3] === "id" && s.length === 5) {
      if (method === "GET") return Calls.information(context, s[4]!)
      if (method === "PATCH") return Calls.update(context, s[4]!, body)
      return undefined
    }
    if (s[2] === "calls" && s[3] === "id" && s.length === 7 && s[5] === "leg") {
      return method === "PATCH" ? Calls.manageLeg(context, s[4]!, s[6]!, body) : undefined
    }
    // /calling/v1/conferences/id/{conferenceId}[/{callId}] (conferences-api.js: get, kickAll,
    // manageParticipant, kickParticipant)
    if (s[2] === "conferences" && s[3] === "id" && s.length === 5) {
      if (method === "GET") return Conferences.conference(context, s[4]!)
      if (method === "DELETE") return Conferences.kickAll(context, s[4]!)
      return undefined
    }
    if (s[2] === "conferences" && s[3] === "id" && s.length === 6) {
      if (method === "PATCH") return Conferences.manageParticipant(context, s[4]!, s[5]!, body)
      if (method === "DELETE") return Conferences.kick(context, s[4]!, s[5]!)
      return undefined
    }
    return undefined
  }
  // applications-api.js: listNumbers, assignNumbers, unassignNumber
  if (path === "v1/configuration/numbers") {
    if (method === "GET") return Applications.list(context)
    if (method === "POST") return Applications.assign(context, body)
    if (method === "DELETE") return Applications.unassign(context, body)
    return undefined
  }
  // applications-api.js: getCallbackURLs, updateCallbackURLs
  if (s.length === 5 && path.startsWith("v1/configuration/callbacks/applications/")) {
    if (method === "GET") return Applications.callbacks(context, s[4]!)
    if (method === "POST") return Applications.updateCallbacks(context, s[4]!, body)
    return undefined
  }
  // applications-api.js: queryNumber
  if (s.length === 5 && path.startsWith("v1/calling/query/number/")) {
    return method === "GET" ? Applications.query(context, s[4]!) : undefined
  }
  return undefined
}

/**
 * An emulated Voice API with its own state.
 *
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi> = Effect.gen(function*() {
  const state = yield* Ref.make<State>(empty)
  const handle = (request: ProductRequest): Effect.Effect<ProductResponse | undefined> =>
    Effect.flatMap(
      Clock.currentTimeMillis,
      (now) =>
        Ref.modify(state, (current): readonly [ProductResponse | undefined, State] => {
          const applicationKey = request.applicationKey ?? ""
          const result = route({
            state: current,
            applicationKey,
            applicationKeys: request.applicationKeys ?? [applicationKey],
            owner: request.projectId === undefined ? `application:${applicationKey}` : `project:${request.projectId}`,
            now
          }, request)
          return result === undefined ? [undefined, current] : result
        })
    )
  return { api: "voice", handle } satisfies ProductApi
})
