/**
 * Apps: list, create, get, update, delete. An app lives in the region it was created in.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { applyUpdate, isObject, updateMask } from "./common.js"
import { notFound, ok } from "./responses.js"
import { type App, appDefaults, type Handler, removeEntry, setEntry, unchanged } from "./state.js"
import { ChannelCredential, CreateAppRequest, validate } from "./validation.js"

const withCredentialDefaults = (credentials: ReadonlyArray<Record<string, unknown>>) =>
  credentials.map((credential) => ({
    callback_secret: "",
    channel_known_id: "",
    state: { status: "ACTIVE", description: "" },
    ...credential
  }))

/**
 * `GET /apps`: every app of this region (the list is not paginated).
 *
 * @since 0.1.0
 * @category handlers
 */
export const list: Handler = (state) => unchanged(state, ok({ apps: [...state.apps.values()] }))

/**
 * `POST /apps`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const create: Handler = (state, context) => {
  const decoded = validate(CreateAppRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right as unknown as Record<string, unknown> & typeof decoded.right
  const app: App = {
    ...appDefaults,
    ...body,
    id: context.newId(),
    channel_credentials: withCredentialDefaults(body.channel_credentials as ReadonlyArray<Record<string, unknown>>)
  }
  return [ok(app), { ...state, apps: setEntry(state.apps, app.id, app) }]
}

/**
 * `GET /apps/{app_id}`: 404 in every region but the app's own.
 *
 * @since 0.1.0
 * @category handlers
 */
export const get = (id: string): Handler => (state) => {
  const app = state.apps.get(id)
  return unchanged(state, app ? ok(app) : notFound(`App ${id} not found`))
}

const UpdateAppRequest = Schema.Struct({
  display_name: Schema.optional(Schema.String.pipe(Schema.minLength(1))),
  channel_credentials: Schema.optional(Schema.Array(ChannelCredential))
})

/**
 * `PATCH /apps/{app_id}`, honouring `update_mask.paths`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const update = (id: string): Handler => (state, { request }) => {
  const decoded = validate(UpdateAppRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const app = state.apps.get(id)
  if (!app) return unchanged(state, notFound(`App ${id} not found`))
  const patch = isObject(request.body) ? request.body : {}
  const updated = applyUpdate(app, patch, updateMask(request.query), ["id"])
  const next: App = {
    ...updated,
    channel_credentials: withCredentialDefaults(updated.channel_credentials)
  }
  return [ok(next), { ...state, apps: setEntry(state.apps, id, next) }]
}

/**
 * `DELETE /apps/{app_id}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const remove = (id: string): Handler => (state) =>
  state.apps.has(id)
    ? [ok({}), {
      ...state,
      apps: removeEntry(state.apps, id),
      // An app's webhooks and consent lists go with it.
      webhooks: new Map([...state.webhooks].filter(([, webhook]) => webhook.app_id !== id)),
      consents: state.consents.filter((record) => record.app_id !== id)
    }]
    : unchanged(state, notFound(`App ${id} not found`))
