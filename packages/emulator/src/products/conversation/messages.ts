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
import {
  LastMessagesRequest,
  messageKinds,
  QueryCapabilityRequest,
  SendMessageRequest,
  TranscodeMessageRequest,
  UpdateMessageRequest,
  validate,
  violation
} from "./validation.js"

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

/**
 * `POST /messages:fetch-last-message`: the newest message of each channel identity (or contact) named,
 * in the order named, with the filters of the message list; the page token travels in the body.
 * Written from sinch-sdk-node packages/conversation/src/rest/v1/messages/messages-api.ts
 * (`listLastMessagesByChannelIdentity`: a token-paged list under `messages`) and its request model
 * (`ListLastMessagesByChannelIdentityRequest`: "use either contact_ids OR channel_identities per
 * request, not both. DISPATCH_SOURCE mode does not support contact_ids").
 *
 * @since 0.3.0
 * @category handlers
 */
export const fetchLast: Handler = (state, { request }) => {
  const decoded = validate(LastMessagesRequest, request.body ?? {})
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  const byIdentity = body.channel_identities !== undefined && body.channel_identities.length > 0
  const byContact = body.contact_ids !== undefined && body.contact_ids.length > 0
  if (byIdentity === byContact) {
    return unchanged(
      state,
      violation("channel_identities", "exactly one of channel_identities or contact_ids is required")
    )
  }
  if (byContact && body.messages_source === "DISPATCH_SOURCE") {
    return unchanged(state, violation("contact_ids", "DISPATCH_SOURCE does not support contact_ids"))
  }
  for (const [name, value] of [["start_time", body.start_time], ["end_time", body.end_time]] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      return unchanged(state, violation(name, "must be an RFC 3339 timestamp"))
    }
  }
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string" || typeof value === "number") query.set(name, String(value))
  }
  const keys = byIdentity ? body.channel_identities! : body.contact_ids!
  const newest = keys.flatMap((key) => {
    const found = state.messages.find((stored) =>
      matches(query)(stored) &&
      (byIdentity ? stored.message.channel_identity.identity === key : stored.message.contact_id === key)
    )
    return found ? [found] : []
  })
  const page = paginate(newest, query, { defaultSize: 10, maxSize: 1000 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  const withoutMetadata = body.view === "WITHOUT_METADATA"
  return unchanged(
    state,
    ok({
      messages: page.right.items.map(({ message }) => withoutMetadata ? { ...message, metadata: "" } : message),
      next_page_token: page.right.next_page_token,
      total_size: page.right.total_size
    })
  )
}

// Illustrative channel-native forms: the reference promises one JSON string per channel requested
// (tag Transcoding: `transcoded_message`, "a map of channel to the transcoded message"), not their content.
const transcodeFor = (channel: string, message: Readonly<Record<string, unknown>>): string => {
  const text = isObject(message["text_message"]) ? String(message["text_message"]["text"]) : undefined
  const media = isObject(message["media_message"]) ? String(message["media_message"]["url"]) : undefined
  switch (channel) {
    case "WHATSAPP":
      return JSON.stringify(
        text !== undefined
          ? { messaging_product: "whatsapp", type: "text", text: { body: text } }
          : { messaging_product: "whatsapp", type: "image", image: { link: media ?? "" } }
      )
    case "SMS":
      return JSON.stringify({ body: text ?? media ?? "" })
    default:
      return JSON.stringify(text !== undefined ? { text } : { attachment: { url: media ?? "" } })
  }
}

/**
 * `POST /messages:transcode`: the message in each channel's native form, as JSON strings keyed by
 * channel (reference tag Transcoding; sinch-sdk-node packages/conversation/tests/rest/v1/transcoding/
 * transcoding-api.test.ts answers `{transcoded_message: {<key>: "string"}}`).
 *
 * @since 0.3.0
 * @category handlers
 */
export const transcode: Handler = (state, { request }) => {
  const decoded = validate(TranscodeMessageRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  const kinds = messageKinds.filter((kind) => body.app_message[kind] !== undefined)
  if (kinds.length !== 1) {
    return unchanged(state, violation("app_message", `exactly one of ${messageKinds.join(", ")} must be set`))
  }
  if (!state.apps.has(body.app_id)) return unchanged(state, notFound(`App ${body.app_id} not found`))
  const message = body.app_message as Readonly<Record<string, unknown>>
  return unchanged(
    state,
    ok({
      transcoded_message: Object.fromEntries(body.channels.map((channel) => [channel, transcodeFor(channel, message)]))
    })
  )
}

/**
 * `POST /capability:query`: accepted for a known app and recipient; the result itself is delivered on
 * the `CAPABILITY` webhook. The answer echoes `app_id`, `recipient` and `request_id` (reference tag
 * Capability; sinch-sdk-node packages/conversation/tests/rest/v1/capability/capability-api.test.ts).
 *
 * @since 0.3.0
 * @category handlers
 */
export const capability: Handler = (state, context) => {
  const decoded = validate(QueryCapabilityRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  const byContact = body.recipient.contact_id !== undefined
  if (byContact === (body.recipient.identified_by !== undefined)) {
    return unchanged(state, violation("recipient", "exactly one of contact_id or identified_by must be set"))
  }
  if (!state.apps.has(body.app_id)) return unchanged(state, notFound(`App ${body.app_id} not found`))
  if (byContact && !state.contacts.has(body.recipient.contact_id!)) {
    return unchanged(state, notFound(`Contact ${body.recipient.contact_id} not found`))
  }
  return unchanged(
    state,
    ok({ app_id: body.app_id, recipient: body.recipient, request_id: body.request_id ?? context.newId() })
  )
}
