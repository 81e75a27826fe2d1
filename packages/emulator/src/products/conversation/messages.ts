/**
 * `messages:send`, and list, get, update (metadata) and delete of messages.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { findContactByIdentity, isObject } from "./common.js"
import { paginate } from "./pagination.js"
import { notFound, ok } from "./responses.js"
import {
  type ChannelIdentity,
  type Contact,
  type Conversation,
  type Handler,
  type Message,
  type RegionState,
  setEntry,
  unchanged
} from "./state.js"
import { messageKinds, SendMessageRequest, UpdateMessageRequest, validate, violation } from "./validation.js"

const chooseIdentity = (
  contact: Contact,
  priority: ReadonlyArray<string> | undefined
): ChannelIdentity => {
  const order = priority && priority.length > 0 ? priority : contact.channel_priority
  for (const channel of order) {
    const identity = contact.channel_identities.find((own) => own.channel === channel)
    if (identity) return identity
  }
  return contact.channel_identities[0]!
}

/**
 * `POST /messages:send`: resolves (or creates) the contact, picks the channel by the priority order,
 * joins the active conversation (or starts one) and stores the message.
 *
 * @since 0.1.0
 * @category handlers
 */
export const send = (messageId: string): Handler => (state, context) => {
  const decoded = validate(SendMessageRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  const kinds = messageKinds.filter((kind) => body.message[kind] !== undefined)
  if (kinds.length !== 1) {
    return unchanged(state, violation("message", `exactly one of ${messageKinds.join(", ")} must be set`))
  }
  const byContact = body.recipient.contact_id !== undefined
  if (byContact === (body.recipient.identified_by !== undefined)) {
    return unchanged(state, violation("recipient", "exactly one of contact_id or identified_by must be set"))
  }
  const app = state.apps.get(body.app_id)
  if (!app) return unchanged(state, notFound(`App ${body.app_id} not found`))

  let contacts = state.contacts
  let contact: Contact | undefined
  if (byContact) {
    contact = state.contacts.get(body.recipient.contact_id!)
    if (!contact) return unchanged(state, notFound(`Contact ${body.recipient.contact_id} not found`))
  } else {
    const identities = body.recipient.identified_by!.channel_identities
    contact = findContactByIdentity(state, identities)
    if (!contact) {
      // Sending to unknown channel identities creates the contact, as the API reference says.
      contact = {
        id: context.newId(),
        channel_identities: identities.map(({ app_id, channel, identity }) => ({
          channel,
          identity,
          ...(app_id ? { app_id } : {})
        })),
        channel_priority: identities.map((identity) => identity.channel),
        display_name: "",
        email: "",
        external_id: "",
        metadata: "",
        language: "LANGUAGE_UNSPECIFIED"
      }
      contacts = setEntry(contacts, contact.id, contact)
    }
  }
  const identity = chooseIdentity(contact, body.channel_priority_order)
  const existing = [...state.conversations.values()].find((c) =>
    c.active && c.app_id === app.id && c.contact_id === contact.id
  )
  const conversation: Conversation = {
    ...(existing ?? {
      id: context.newId(),
      app_id: app.id,
      contact_id: contact.id,
      active: true,
      last_received: context.now,
      metadata: "",
      correlation_id: body.correlation_id ?? ""
    }),
    active_channel: identity.channel,
    ...(isObject(body.conversation_metadata) ? { metadata_json: body.conversation_metadata } : {})
  }
  const message: Message = {
    id: messageId,
    direction: "TO_CONTACT",
    app_message: body.message,
    channel_identity: identity,
    conversation_id: conversation.id,
    contact_id: contact.id,
    metadata: body.message_metadata ?? "",
    accept_time: context.now,
    sender_id: "",
    processing_mode: "CONVERSATION",
    injected: false
  }
  return [ok({ message_id: messageId, accepted_time: context.now }), {
    ...state,
    contacts,
    conversations: setEntry(state.conversations, conversation.id, conversation),
    messages: [{ appId: app.id, message }, ...state.messages]
  }]
}

const matches = (query: URLSearchParams) => (stored: RegionState["messages"][number]): boolean => {
  const { message } = stored
  const equal = (name: string, value: string) => {
    const wanted = query.get(name)
    return wanted === null || wanted === "" || wanted === value
  }
  const start = query.get("start_time")
  const end = query.get("end_time")
  const source = query.get("messages_source") ?? "CONVERSATION_SOURCE"
  return equal("conversation_id", message.conversation_id) &&
    equal("contact_id", message.contact_id) &&
    equal("app_id", stored.appId) &&
    equal("channel_identity", message.channel_identity.identity) &&
    equal("channel", message.channel_identity.channel) &&
    equal("direction", message.direction) &&
    (query.get("only_recipient_originated") !== "true" || message.direction === "TO_APP") &&
    (start === null || Date.parse(message.accept_time) > Date.parse(start)) &&
    (end === null || Date.parse(message.accept_time) < Date.parse(end)) &&
    (source === "DISPATCH_SOURCE" ? message.processing_mode === "DISPATCH" : message.processing_mode === "CONVERSATION")
}

/**
 * `GET /messages`: newest first, `page_size` 10 by default and at most 1000.
 *
 * @since 0.1.0
 * @category handlers
 */
export const list: Handler = (state, { request }) => {
  const { query } = request
  const start = query.get("start_time")
  const end = query.get("end_time")
  if (start !== null && Number.isNaN(Date.parse(start))) {
    return unchanged(state, violation("start_time", "must be an RFC 3339 timestamp"))
  }
  if (end !== null && Number.isNaN(Date.parse(end))) {
    return unchanged(state, violation("end_time", "must be an RFC 3339 timestamp"))
  }
  const withoutMetadata = query.get("view") === "WITHOUT_METADATA"
  const page = paginate(state.messages.filter(matches(query)), query, { defaultSize: 10, maxSize: 1000 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  return unchanged(
    state,
    ok({
      messages: page.right.items.map(({ message }) => withoutMetadata ? { ...message, metadata: "" } : message),
      next_page_token: page.right.next_page_token,
      total_size: page.right.total_size
    })
  )
}

const find = (state: RegionState, id: string) => state.messages.findIndex(({ message }) => message.id === id)

/**
 * `GET /messages/{message_id}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const get = (id: string): Handler => (state) => {
  const index = find(state, id)
  return unchanged(state, index < 0 ? notFound(`Message ${id} not found`) : ok(state.messages[index]!.message))
}

/**
 * `PATCH /messages/{message_id}`: only the metadata can change.
 *
 * @since 0.1.0
 * @category handlers
 */
export const update = (id: string): Handler => (state, { request }) => {
  const decoded = validate(UpdateMessageRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const index = find(state, id)
  if (index < 0) return unchanged(state, notFound(`Message ${id} not found`))
  const stored = state.messages[index]!
  const message = { ...stored.message, metadata: decoded.right.metadata }
  const messages = state.messages.slice()
  messages[index] = { ...stored, message }
  return [ok(message), { ...state, messages }]
}

/**
 * `DELETE /messages/{message_id}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const remove = (id: string): Handler => (state) => {
  const index = find(state, id)
  if (index < 0) return unchanged(state, notFound(`Message ${id} not found`))
  return [ok({}), { ...state, messages: state.messages.filter((_, i) => i !== index) }]
}
