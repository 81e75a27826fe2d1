/**
 * Conversations: list, create, get, update, delete, stop, inject a message.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { applyUpdate, isObject, updateMask } from "./common.js"
import { paginate } from "./pagination.js"
import { notFound, ok } from "./responses.js"
import { channels, type Conversation, type Handler, type Message, removeEntry, setEntry, unchanged } from "./state.js"
import {
  CreateConversationRequest,
  InjectMessageRequest,
  UpdateConversationRequest,
  validate,
  violation
} from "./validation.js"

/**
 * `GET /conversations`: needs `app_id` or `contact_id`; `page_size` 10 by default and at most 20.
 *
 * @since 0.1.0
 * @category handlers
 */
export const list: Handler = (state, { request }) => {
  const { query } = request
  const appId = query.get("app_id") || undefined
  const contactId = query.get("contact_id") || undefined
  if (appId === undefined && contactId === undefined) {
    return unchanged(state, violation("app_id", "app_id or contact_id is required"))
  }
  if (appId !== undefined && !state.apps.has(appId)) return unchanged(state, notFound(`App ${appId} not found`))
  const onlyActive = query.get("only_active")
  const activeChannel = query.get("active_channel") || undefined
  if (activeChannel !== undefined && !(channels as ReadonlyArray<string>).includes(activeChannel)) {
    return unchanged(state, violation("active_channel", `must be one of ${channels.join(", ")}`))
  }
  const conversations = [...state.conversations.values()].filter((c) =>
    (appId === undefined || c.app_id === appId) &&
    (contactId === undefined || c.contact_id === contactId) &&
    (onlyActive === null || onlyActive === "" || c.active === (onlyActive === "true")) &&
    (activeChannel === undefined || c.active_channel === activeChannel)
  )
  const page = paginate(conversations, query, { defaultSize: 10, maxSize: 20 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  return unchanged(
    state,
    ok({
      conversations: page.right.items,
      next_page_token: page.right.next_page_token,
      total_size: page.right.total_size
    })
  )
}

/**
 * `POST /conversations`: an empty conversation. There is at most one active conversation per app and
 * contact, so an active one replaces (stops) the previous active one.
 *
 * @since 0.1.0
 * @category handlers
 */
export const create: Handler = (state, context) => {
  const decoded = validate(CreateConversationRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  if (!state.apps.has(body.app_id)) return unchanged(state, notFound(`App ${body.app_id} not found`))
  if (!state.contacts.has(body.contact_id)) return unchanged(state, notFound(`Contact ${body.contact_id} not found`))
  const active = body.active ?? true
  const conversation: Conversation = {
    id: context.newId(),
    app_id: body.app_id,
    contact_id: body.contact_id,
    active,
    active_channel: body.active_channel ?? "CHANNEL_UNSPECIFIED",
    last_received: context.now,
    metadata: body.metadata ?? "",
    ...(body.metadata_json === undefined ? {} : { metadata_json: body.metadata_json }),
    correlation_id: body.correlation_id ?? ""
  }
  const previous = new Map(
    [...state.conversations].map(([id, c]) => [
      id,
      active && c.active && c.app_id === body.app_id && c.contact_id === body.contact_id ? { ...c, active: false } : c
    ])
  )
  return [ok(conversation), { ...state, conversations: setEntry(previous, conversation.id, conversation) }]
}

/**
 * `GET /conversations/{conversation_id}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const get = (id: string): Handler => (state) => {
  const conversation = state.conversations.get(id)
  return unchanged(state, conversation ? ok(conversation) : notFound(`Conversation ${id} not found`))
}

/**
 * `PATCH /conversations/{conversation_id}`, honouring `update_mask.paths`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const update = (id: string): Handler => (state, { request }) => {
  const decoded = validate(UpdateConversationRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const conversation = state.conversations.get(id)
  if (!conversation) return unchanged(state, notFound(`Conversation ${id} not found`))
  const next = applyUpdate(
    conversation,
    isObject(request.body) ? request.body : {},
    updateMask(request.query),
    ["id", "app_id", "contact_id"]
  )
  return [ok(next), { ...state, conversations: setEntry(state.conversations, id, next) }]
}

/**
 * `DELETE /conversations/{conversation_id}`: the conversation, its messages and its events.
 *
 * @since 0.1.0
 * @category handlers
 */
export const remove = (id: string): Handler => (state) =>
  state.conversations.has(id)
    ? [ok({}), {
      ...state,
      conversations: removeEntry(state.conversations, id),
      messages: state.messages.filter(({ message }) => message.conversation_id !== id),
      events: state.events.filter(({ event }) => event.conversation_id !== id)
    }]
    : unchanged(state, notFound(`Conversation ${id} not found`))

/**
 * `POST /conversations/{conversation_id}:stop`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const stop = (id: string): Handler => (state) => {
  const conversation = state.conversations.get(id)
  if (!conversation) return unchanged(state, notFound(`Conversation ${id} not found`))
  return [ok({}), { ...state, conversations: setEntry(state.conversations, id, { ...conversation, active: false }) }]
}

/**
 * `POST /conversations/{conversation_id}:inject-message`: a message recorded as `injected`, kept in
 * the list in `accept_time` order.
 *
 * @since 0.1.0
 * @category handlers
 */
export const inject = (id: string): Handler => (state, context) => {
  const decoded = validate(InjectMessageRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  if ((body.app_message === undefined) === (body.contact_message === undefined)) {
    return unchanged(state, violation("app_message", "exactly one of app_message or contact_message must be set"))
  }
  const acceptMillis = Date.parse(body.accept_time)
  if (Number.isNaN(acceptMillis)) return unchanged(state, violation("accept_time", "must be an RFC 3339 timestamp"))
  const conversation = state.conversations.get(id)
  if (!conversation) return unchanged(state, notFound(`Conversation ${id} not found`))
  if (!state.contacts.has(body.contact_id)) return unchanged(state, notFound(`Contact ${body.contact_id} not found`))
  const message: Message = {
    id: context.newId(),
    direction: body.direction,
    ...(body.app_message === undefined ? { contact_message: body.contact_message } : { app_message: body.app_message }),
    channel_identity: body.channel_identity,
    conversation_id: id,
    contact_id: body.contact_id,
    metadata: body.metadata ?? "",
    accept_time: new Date(acceptMillis).toISOString(),
    sender_id: "",
    processing_mode: "CONVERSATION",
    injected: true
  }
  const index = state.messages.findIndex((stored) => Date.parse(stored.message.accept_time) < acceptMillis)
  const messages = state.messages.slice()
  messages.splice(index < 0 ? messages.length : index, 0, { appId: conversation.app_id, message })
  return [ok({}), { ...state, messages }]
}

/**
 * `GET /conversations:recent`: the app's conversations, each with its most recent message, ordered by
 * that message's time (`order` `DESC` by default, or `ASC`); a conversation without messages sorts by
 * its `last_received`. `page_size` 10 by default and at most 100. Written from the reference ("lists
 * conversations and their most recent message, ordered by when the most recent message was sent") and
 * sinch-sdk-node packages/conversation/src/rest/v1/conversation/conversation-api.ts (`listRecent`, a
 * token-paged list under `conversations` of `{conversation, last_message}`).
 *
 * @since 0.3.0
 * @category handlers
 */
export const recent: Handler = (state, { request }) => {
  const { query } = request
  const appId = query.get("app_id") || undefined
  if (appId === undefined) return unchanged(state, violation("app_id", "app_id is required"))
  if (!state.apps.has(appId)) return unchanged(state, notFound(`App ${appId} not found`))
  const order = query.get("order") || "DESC"
  if (order !== "ASC" && order !== "DESC") return unchanged(state, violation("order", "must be ASC or DESC"))
  const onlyActive = query.get("only_active") === "true"
  const entries = [...state.conversations.values()]
    .filter((c) => c.app_id === appId && (!onlyActive || c.active))
    .map((conversation) => {
      const last = state.messages.find(({ message }) => message.conversation_id === conversation.id)?.message
      return { conversation, last, at: Date.parse(last?.accept_time ?? conversation.last_received) }
    })
    .sort((a, b) => order === "DESC" ? b.at - a.at : a.at - b.at)
    .map(({ conversation, last }) => ({ conversation, ...(last === undefined ? {} : { last_message: last }) }))
  const page = paginate(entries, query, { defaultSize: 10, maxSize: 100 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  return unchanged(
    state,
    ok({
      conversations: page.right.items,
      next_page_token: page.right.next_page_token,
      total_size: page.right.total_size
    })
  )
}
