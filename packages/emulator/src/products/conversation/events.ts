/**
 * Events: send, list, get, delete, and inject an event into a conversation. Written from the API
 * reference (https://developers.sinch.com/docs/conversation/api-reference/conversation/tag/Events/:
 * `POST /events:send` answers `{accepted_time, event_id}`; a stored event carries `id`, `direction`,
 * `app_event`, `channel_identity`, `contact_id`, `conversation_id`, `accept_time`, `processing_mode`,
 * as in sinch-sdk-node packages/conversation/tests/rest/v1/events/events.steps.ts).
 *
 * @since 0.3.0
 */
import { Either } from "effect"
import { findContactByIdentity } from "./common.js"
import { paginate } from "./pagination.js"
import { notFound, ok } from "./responses.js"
import type { Contact, Event, Handler, RegionState } from "./state.js"
import { unchanged } from "./state.js"
import { eventKinds, InjectEventRequest, SendEventRequest, validate, violation } from "./validation.js"

const oneKind = (event: Readonly<Record<string, unknown>>, field: string) =>
  eventKinds.filter((kind) => event[kind] !== undefined).length === 1
    ? undefined
    : violation(field, `exactly one of ${eventKinds.join(", ")} must be set`)

/** Keeps only the event kind that was sent, so that the stored event reads as the caller wrote it. */
const eventOf = (event: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(eventKinds.filter((kind) => event[kind] !== undefined).map((kind) => [kind, event[kind]]))

const activeConversation = (state: RegionState, appId: string, contactId: string) =>
  [...state.conversations.values()].find((c) => c.active && c.app_id === appId && c.contact_id === contactId)

/**
 * `POST /events:send`: to a known contact (by id or by one of its channel identities). The event is
 * queued on the channel the priority order (or the contact's) picks, in the contact's active conversation.
 *
 * @since 0.3.0
 * @category handlers
 */
export const send: Handler = (state, context) => {
  const decoded = validate(SendEventRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  const wrongKind = oneKind(body.event, "event")
  if (wrongKind) return unchanged(state, wrongKind)
  const byContact = body.recipient.contact_id !== undefined
  if (byContact === (body.recipient.identified_by !== undefined)) {
    return unchanged(state, violation("recipient", "exactly one of contact_id or identified_by must be set"))
  }
  if (!state.apps.has(body.app_id)) return unchanged(state, notFound(`App ${body.app_id} not found`))
  const contact: Contact | undefined = byContact
    ? state.contacts.get(body.recipient.contact_id!)
    : findContactByIdentity(state, body.recipient.identified_by!.channel_identities)
  if (!contact) return unchanged(state, notFound("Contact not found"))
  const order = body.channel_priority_order?.length ? body.channel_priority_order : contact.channel_priority
  const identity = order.map((channel) => contact.channel_identities.find((own) => own.channel === channel))
    .find((found) => found !== undefined) ?? contact.channel_identities[0]!
  const event: Event = {
    id: context.newId(),
    direction: "TO_CONTACT",
    app_event: eventOf(body.event),
    channel_identity: identity,
    contact_id: contact.id,
    conversation_id: activeConversation(state, body.app_id, contact.id)?.id ?? "",
    accept_time: context.now,
    processing_mode: "CONVERSATION"
  }
  return [ok({ accepted_time: context.now, event_id: event.id }), {
    ...state,
    events: [{ appId: body.app_id, event }, ...state.events]
  }]
}

/**
 * `GET /events`: newest first, filters `conversation_id` and `contact_id`; `page_size` 10 by default
 * and at most 20.
 *
 * @since 0.3.0
 * @category handlers
 */
export const list: Handler = (state, { request }) => {
  const { query } = request
  const conversationId = query.get("conversation_id") || undefined
  const contactId = query.get("contact_id") || undefined
  const events = state.events.map(({ event }) => event).filter((event) =>
    (conversationId === undefined || event.conversation_id === conversationId) &&
    (contactId === undefined || event.contact_id === contactId)
  )
  const page = paginate(events, query, { defaultSize: 10, maxSize: 20 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  return unchanged(
    state,
    ok({ events: page.right.items, next_page_token: page.right.next_page_token, total_size: page.right.total_size })
  )
}

/**
 * `GET /events/{event_id}`.
 *
 * @since 0.3.0
 * @category handlers
 */
export const get = (id: string): Handler => (state) => {
  const found = state.events.find(({ event }) => event.id === id)
  return unchanged(state, found ? ok(found.event) : notFound(`Event ${id} not found`))
}

/**
 * `DELETE /events/{event_id}`.
 *
 * @since 0.3.0
 * @category handlers
 */
export const remove = (id: string): Handler => (state) =>
  state.events.some(({ event }) => event.id === id)
    ? [ok({}), { ...state, events: state.events.filter(({ event }) => event.id !== id) }]
    : unchanged(state, notFound(`Event ${id} not found`))

/**
 * `POST /conversations/{conversation_id}:inject-event` (the path of sinch-sdk-node
 * packages/conversation/src/rest/v1/conversation/conversation-api.ts, `injectEvent`): an app event
 * recorded into the conversation; answers `{event_id, accepted_time}` with the given `accept_time`
 * (packages/conversation/tests/rest/v1/conversation/conversations.steps.ts).
 *
 * @since 0.3.0
 * @category handlers
 */
export const inject = (conversationId: string): Handler => (state, context) => {
  const decoded = validate(InjectEventRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  const wrongKind = oneKind(body.app_event, "app_event")
  if (wrongKind) return unchanged(state, wrongKind)
  const acceptMillis = Date.parse(body.accept_time)
  if (Number.isNaN(acceptMillis)) return unchanged(state, violation("accept_time", "must be an RFC 3339 timestamp"))
  const conversation = state.conversations.get(conversationId)
  if (!conversation) return unchanged(state, notFound(`Conversation ${conversationId} not found`))
  const contact = state.contacts.get(body.contact_id ?? conversation.contact_id)
  if (!contact) return unchanged(state, notFound(`Contact ${body.contact_id} not found`))
  const acceptTime = new Date(acceptMillis).toISOString().replace(".000Z", "Z")
  const event: Event = {
    id: context.newId(),
    direction: "TO_CONTACT",
    app_event: eventOf(body.app_event),
    channel_identity: body.channel_identity ?? contact.channel_identities[0]!,
    contact_id: contact.id,
    conversation_id: conversationId,
    accept_time: acceptTime,
    processing_mode: body.processing_mode ?? "CONVERSATION"
  }
  const index = state.events.findIndex((stored) => Date.parse(stored.event.accept_time) < acceptMillis)
  const events = state.events.slice()
  events.splice(index < 0 ? events.length : index, 0, { appId: conversation.app_id, event })
  return [ok({ event_id: event.id, accepted_time: acceptTime }), { ...state, events }]
}
