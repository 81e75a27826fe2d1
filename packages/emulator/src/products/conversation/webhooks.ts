/**
 * Webhooks: list (per app), create, get, update (with `update_mask`), delete. Written from the API
 * reference (https://developers.sinch.com/docs/conversation/api-reference/conversation/tag/Webhooks/:
 * a webhook is `{id, app_id, target, target_type, secret, triggers, client_credentials}`, at most 5 per
 * app; `GET /apps/{app_id}/webhooks` answers `{webhooks: [...]}`) and the shapes of sinch-sdk-node
 * packages/conversation/tests/rest/v1/webhooks/webhooks-api.test.ts.
 *
 * @since 0.3.0
 */
import { Either } from "effect"
import { applyUpdate, isObject, updateMask } from "./common.js"
import { notFound, ok } from "./responses.js"
import { type Handler, removeEntry, setEntry, unchanged, type Webhook } from "./state.js"
import { CreateWebhookRequest, UpdateWebhookRequest, validate, violation } from "./validation.js"

/**
 * The reference's limit of webhooks per app.
 *
 * @since 0.3.0
 * @category constants
 */
export const maxPerApp = 5

/**
 * `GET /apps/{app_id}/webhooks` (not paginated).
 *
 * @since 0.3.0
 * @category handlers
 */
export const list = (appId: string): Handler => (state) =>
  state.apps.has(appId)
    ? unchanged(state, ok({ webhooks: [...state.webhooks.values()].filter((webhook) => webhook.app_id === appId) }))
    : unchanged(state, notFound(`App ${appId} not found`))

/**
 * `POST /webhooks`.
 *
 * @since 0.3.0
 * @category handlers
 */
export const create: Handler = (state, context) => {
  const decoded = validate(CreateWebhookRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  if (!state.apps.has(body.app_id)) return unchanged(state, notFound(`App ${body.app_id} not found`))
  const count = [...state.webhooks.values()].filter((webhook) => webhook.app_id === body.app_id).length
  if (count >= maxPerApp) {
    return unchanged(state, violation("app_id", `an app can have at most ${maxPerApp} webhooks`))
  }
  const webhook: Webhook = {
    ...body,
    id: context.newId(),
    target_type: body.target_type ?? "HTTP",
    triggers: body.triggers ?? [],
    secret: body.secret ?? ""
  }
  return [ok(webhook), { ...state, webhooks: setEntry(state.webhooks, webhook.id, webhook) }]
}

/**
 * `GET /webhooks/{webhook_id}`.
 *
 * @since 0.3.0
 * @category handlers
 */
export const get = (id: string): Handler => (state) => {
  const webhook = state.webhooks.get(id)
  return unchanged(state, webhook ? ok(webhook) : notFound(`Webhook ${id} not found`))
}

/**
 * `PATCH /webhooks/{webhook_id}`, honouring `update_mask`.
 *
 * @since 0.3.0
 * @category handlers
 */
export const update = (id: string): Handler => (state, { request }) => {
  const decoded = validate(UpdateWebhookRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const webhook = state.webhooks.get(id)
  if (!webhook) return unchanged(state, notFound(`Webhook ${id} not found`))
  const next = applyUpdate(webhook, isObject(request.body) ? request.body : {}, updateMask(request.query), [
    "id",
    "app_id"
  ])
  return [ok(next), { ...state, webhooks: setEntry(state.webhooks, id, next) }]
}

/**
 * `DELETE /webhooks/{webhook_id}`.
 *
 * @since 0.3.0
 * @category handlers
 */
export const remove = (id: string): Handler => (state) =>
  state.webhooks.has(id)
    ? [ok({}), { ...state, webhooks: removeEntry(state.webhooks, id) }]
    : unchanged(state, notFound(`Webhook ${id} not found`))
