/**
 * Project settings: get, create, update, delete (`/settings`). Written from sinch-sdk-node
 * packages/conversation/src/rest/v1/project-settings/project-settings-api.ts and the shapes of
 * packages/conversation/tests/rest/v1/project-settings/project-settings-api.test.ts
 * (`{project_id, settings: {contact_settings: {unified_contact_id_enabled}}}`).
 *
 * @since 0.3.0
 */
import { Either } from "effect"
import type { ProductResponse } from "../../ProductApi.js"
import { isObject } from "./common.js"
import { notFound, ok } from "./responses.js"
import { type Handler, type RegionState, unchanged } from "./state.js"
import { ProjectSettingsRequest, validate } from "./validation.js"

const answer = (projectId: string | undefined, settings: Readonly<Record<string, unknown>>): ProductResponse =>
  ok({ project_id: projectId ?? "", settings })

const merge = (
  current: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>
): Readonly<Record<string, unknown>> =>
  Object.fromEntries(
    [...new Set([...Object.keys(current), ...Object.keys(patch)])].map((key) => {
      const [a, b] = [current[key], patch[key]]
      return [key, isObject(a) && isObject(b) ? merge(a, b) : b === undefined ? a : b]
    })
  )

/**
 * `GET /settings`: 404 until settings were created.
 *
 * @since 0.3.0
 * @category handlers
 */
export const get: Handler = (state, { request }) =>
  unchanged(
    state,
    state.settings === undefined ? notFound("No settings for this project") : answer(request.projectId, state.settings)
  )

const write =
  (existing: (state: RegionState) => Readonly<Record<string, unknown>>): Handler => (state, { request }) => {
    const decoded = validate(ProjectSettingsRequest, request.body)
    if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
    const settings = merge(existing(state), isObject(request.body) ? request.body : {})
    return [answer(request.projectId, settings), { ...state, settings }]
  }

/**
 * `POST /settings`: the initial settings (replacing any).
 *
 * @since 0.3.0
 * @category handlers
 */
export const create: Handler = write(() => ({}))

/**
 * `PATCH /settings`: merges the fields sent into the current settings.
 *
 * @since 0.3.0
 * @category handlers
 */
export const update: Handler = write((state) => state.settings ?? {})

/**
 * `DELETE /settings`.
 *
 * @since 0.3.0
 * @category handlers
 */
export const remove: Handler = (state) => [ok({}), { ...state, settings: undefined }]
