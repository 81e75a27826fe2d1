/**
 * Conferences of the emulated Voice API: a conference is the set of connected calls of an application
 * that joined it (a conference callout, a custom callout whose ICE is `connectConf`, or an SVAML
 * `connectConf`); it exists while one is connected.
 *
 * @since 0.3.0
 */
import { mohClasses } from "./calls.js"
import type { Call, Context, Result } from "./model.js"
import { hangUp, invalid, isActive, isObject, noContent, notFound, ok, progress, replace } from "./model.js"

const participants = (context: Context, conferenceId: string) =>
  context.state.calls.filter((call) => call.conferenceId === conferenceId && isActive(context, call))

/**
 * `GET /calling/v1/conferences/id/{conferenceId}` (https://developers.sinch.com/docs/voice/api-reference/voice/conferences;
 * sinch-sdk-node packages/voice/tests/rest/v1/conferences/conferences.steps.ts): `{participants}`. The
 * reference's `cli`: the number of a PSTN participant, else what was passed as CLI.
 *
 * @since 0.3.0
 */
export const conference = (context: Context, conferenceId: string): Result => {
  const calls = participants(context, conferenceId)
  if (calls.length === 0) return [notFound("Conference"), context.state]
  return [
    ok({
      participants: calls.map((call) => ({
        cli: call.to?.type === "number" ? call.to.endpoint : call.from?.endpoint ?? call.to?.endpoint ?? "",
        id: call.callId,
        duration: progress(call, context.now).inConference,
        muted: call.muted,
        onhold: call.onhold
      }))
    }),
    context.state
  ]
}

/**
 * `DELETE /calling/v1/conferences/id/{conferenceId}`: every participant is hung up; 204.
 *
 * @since 0.3.0
 */
export const kickAll = (context: Context, conferenceId: string): Result => {
  const calls = participants(context, conferenceId)
  if (calls.length === 0) return [notFound("Conference"), context.state]
  const kicked = new Set(calls.map((call) => call.callId))
  return [noContent, {
    ...context.state,
    calls: context.state.calls.map((call) => (kicked.has(call.callId) ? hangUp(call, context.now) : call))
  }]
}

const participant = (context: Context, conferenceId: string, id: string): Call | Result => {
  const calls = participants(context, conferenceId)
  if (calls.length === 0) return [notFound("Conference"), context.state]
  const call = calls.find((c) => c.callId === id)
  return call === undefined ? [notFound("Participant"), context.state] : call
}

/**
 * `PATCH /calling/v1/conferences/id/{conferenceId}/{callId}`: `{command: mute|unmute|onhold|resume, moh?}`,
 * `moh` only with `onhold` (the reference's manageConferenceParticipantRequest); 204.
 *
 * @since 0.3.0
 */
export const manageParticipant = (context: Context, conferenceId: string, id: string, body: unknown): Result => {
  const fail = (message: string): Result => [invalid(message), context.state]
  if (!isObject(body)) return fail("The request body must be a JSON object")
  const command = body["command"]
  if (command !== "mute" && command !== "unmute" && command !== "onhold" && command !== "resume") {
    return fail("command must be one of mute, unmute, onhold, resume")
  }
  const moh = body["moh"]
  if (moh !== undefined && command !== "onhold") return fail("moh is only allowed with the onhold command")
  if (moh !== undefined && !mohClasses.includes(moh as string)) {
    return fail(`moh must be one of ${mohClasses.join(", ")}`)
  }
  const call = participant(context, conferenceId, id)
  if (Array.isArray(call)) return call as Result
  const current = call as Call
  const next: Call = command === "mute" || command === "unmute"
    ? { ...current, muted: command === "mute" }
    : { ...current, onhold: command === "onhold" }
  return [noContent, replace(context.state, next)]
}

/**
 * `DELETE /calling/v1/conferences/id/{conferenceId}/{callId}`: the participant is hung up; 204.
 *
 * @since 0.3.0
 */
export const kick = (context: Context, conferenceId: string, id: string): Result => {
  const call = participant(context, conferenceId, id)
  if (Array.isArray(call)) return call as Result
  return [noContent, replace(context.state, hangUp(call as Call, context.now))]
}
