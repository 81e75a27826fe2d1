/**
 * Checks of SVAML bodies (`{instructions, action}`), as the Voice reference's SVAML page describes its
 * instructions and actions (https://developers.sinch.com/docs/voice/api-reference/svaml) and the
 * official SDK models them (node_modules/@sinch/voice/dist/models/v1/mod-svaml).
 *
 * @since 0.3.0
 */
import { destination, isObject } from "./model.js"

/** @since 0.3.0 */
export const instructionNames = [
  "playFiles",
  "say",
  "sendDtmf",
  "setCookie",
  "answer",
  "startRecording",
  "stopRecording"
] as const

/** @since 0.3.0 */
export const actionNames = [
  "hangup",
  "continue",
  "connectPstn",
  "connectMxp",
  "connectConf",
  "connectSip",
  "connectStream",
  "runMenu",
  "park"
] as const

/**
 * @since 0.3.0
 * @category models
 */
export interface Svaml {
  readonly instructions: ReadonlyArray<{ readonly name: string; readonly [key: string]: unknown }>
  readonly action: { readonly name: string; readonly [key: string]: unknown } | undefined
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Allowed {
  readonly instructions: ReadonlyArray<string>
  readonly actions: ReadonlyArray<string>
}

/** @since 0.3.0 */
export const everything: Allowed = { instructions: instructionNames, actions: actionNames }

const isString = (value: unknown): value is string => typeof value === "string" && value !== ""

// The fields without which an instruction or action cannot be carried out.
const instructionProblem = (item: { readonly [key: string]: unknown }, at: string): string | undefined => {
  switch (item["name"]) {
    case "playFiles": {
      const ids = item["ids"]
      return Array.isArray(ids) && ids.length > 0 && ids.every(isString)
        ? undefined
        : `${at}.ids must be a non-empty array of strings`
    }
    case "say":
      return isString(item["text"]) ? undefined : `${at}.text is required`
    case "sendDtmf":
      return typeof item["value"] === "string" && /^[0-9#w]+$/.test(item["value"])
        ? undefined
        : `${at}.value must be DTMF (0-9, #, w)`
    case "setCookie":
      return isString(item["key"]) && typeof item["value"] === "string" ? undefined : `${at}.key and value are required`
  }
  return undefined
}

const actionProblem = (action: { readonly [key: string]: unknown }): string | undefined => {
  switch (action["name"]) {
    case "connectConf": {
      const id = action["conferenceId"]
      return isString(id) && id.length <= 64 ? undefined : "action.conferenceId is required (at most 64 characters)"
    }
    case "connectPstn":
      return action["number"] === undefined || typeof action["number"] === "string"
        ? undefined
        : "action.number must be a string"
    case "connectMxp":
    case "connectSip": {
      const problem = destination(action["destination"], "action.destination")
      return typeof problem === "string" ? problem : undefined
    }
  }
  return undefined
}

/**
 * The SVAML of a request body, or what is wrong with it. At least one of `instructions` and `action`.
 *
 * @since 0.3.0
 */
export const parse = (body: unknown, allowed: Allowed): Svaml | string => {
  if (!isObject(body)) return "The request body must be an SVAML object"
  const instructions = body["instructions"]
  const action = body["action"]
  if (instructions === undefined && action === undefined) return "instructions or action is required"
  if (instructions !== undefined && !Array.isArray(instructions)) return "instructions must be an array"
  const items = (instructions ?? []) as ReadonlyArray<unknown>
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const name = isObject(item) ? item["name"] : undefined
    if (typeof name !== "string" || !allowed.instructions.includes(name)) {
      return `instructions[${i}].name must be one of ${allowed.instructions.join(", ")}`
    }
    const problem = instructionProblem(item as { readonly [key: string]: unknown }, `instructions[${i}]`)
    if (problem !== undefined) return problem
  }
  if (action !== undefined) {
    const name = isObject(action) ? action["name"] : undefined
    if (typeof name !== "string" || !allowed.actions.includes(name)) {
      return `action.name must be one of ${allowed.actions.join(", ")}`
    }
    const problem = actionProblem(action as { readonly [key: string]: unknown })
    if (problem !== undefined) return problem
  }
  return {
    instructions: items as Svaml["instructions"],
    action: action as Svaml["action"]
  }
}
