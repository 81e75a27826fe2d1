/**
 * Contacts: list, create, get, update, delete, merge, and the channel profile lookup.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { applyUpdate, findContactByIdentity, isObject, updateMask } from "./common.js"
import { paginate } from "./pagination.js"
import { notFound, ok } from "./responses.js"
import { type Contact, type Handler, removeEntry, setEntry, unchanged } from "./state.js"
import {
  CreateContactRequest,
  GetChannelProfileRequest,
  MergeContactRequest,
  UpdateContactRequest,
  validate,
  violation
} from "./validation.js"

/**
 * `GET /contacts`: `page_size` 10 by default and at most 20; filters `external_id`, `channel`, `identity`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const list: Handler = (state, { request }) => {
  const { query } = request
  const externalId = query.get("external_id")
  const channel = query.get("channel")
  const identity = query.get("identity")
  const contacts = [...state.contacts.values()].filter((contact) =>
    (!externalId || contact.external_id === externalId) &&
    contact.channel_identities.some((own) =>
      (!channel || own.channel === channel) && (!identity || own.identity === identity)
    )
  )
  const page = paginate(contacts, query, { defaultSize: 10, maxSize: 20 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  return unchanged(
    state,
    ok({ contacts: page.right.items, next_page_token: page.right.next_page_token, total_size: page.right.total_size })
  )
}

/**
 * `POST /contacts`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const create: Handler = (state, context) => {
  const decoded = validate(CreateContactRequest, context.request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const body = decoded.right
  const contact: Contact = {
    id: context.newId(),
    channel_identities: body.channel_identities,
    channel_priority: body.channel_priority ?? [],
    display_name: body.display_name ?? "",
    email: body.email ?? "",
    external_id: body.external_id ?? "",
    metadata: body.metadata ?? "",
    language: body.language
  }
  return [ok(contact), { ...state, contacts: setEntry(state.contacts, contact.id, contact) }]
}

/**
 * `GET /contacts/{contact_id}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const get = (id: string): Handler => (state) => {
  const contact = state.contacts.get(id)
  return unchanged(state, contact ? ok(contact) : notFound(`Contact ${id} not found`))
}

/**
 * `PATCH /contacts/{contact_id}`, honouring `update_mask.paths`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const update = (id: string): Handler => (state, { request }) => {
  const decoded = validate(UpdateContactRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const contact = state.contacts.get(id)
  if (!contact) return unchanged(state, notFound(`Contact ${id} not found`))
  const next = applyUpdate(contact, isObject(request.body) ? request.body : {}, updateMask(request.query), ["id"])
  return [ok(next), { ...state, contacts: setEntry(state.contacts, id, next) }]
}

/**
 * `DELETE /contacts/{contact_id}`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const remove = (id: string): Handler => (state) =>
  state.contacts.has(id)
    ? [ok({}), { ...state, contacts: removeEntry(state.contacts, id) }]
    : unchanged(state, notFound(`Contact ${id} not found`))

/**
 * `POST /contacts/{destination_id}:merge`: the destination keeps its fields, gains the source's channel
 * identities for channels it lacks (at the bottom of its priority), fills its empty fields from the
 * source, and takes over the source's conversations and messages; the source is deleted.
 *
 * @since 0.1.0
 * @category handlers
 */
export const merge = (destinationId: string): Handler => (state, { request }) => {
  const decoded = validate(MergeContactRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const sourceId = decoded.right.source_id
  if (sourceId === destinationId) {
    return unchanged(state, violation("source_id", "must differ from the destination contact"))
  }
  const destination = state.contacts.get(destinationId)
  if (!destination) return unchanged(state, notFound(`Contact ${destinationId} not found`))
  const source = state.contacts.get(sourceId)
  if (!source) return unchanged(state, notFound(`Contact ${sourceId} not found`))
  const moved = source.channel_identities.filter((identity) =>
    !destination.channel_identities.some((own) => own.channel === identity.channel)
  )
  const fill = (own: string, other: string) => own === "" ? other : own
  const merged: Contact = {
    ...destination,
    channel_identities: [...destination.channel_identities, ...moved],
    channel_priority: [...destination.channel_priority, ...moved.map((identity) => identity.channel)],
    display_name: fill(destination.display_name, source.display_name),
    email: fill(destination.email, source.email),
    external_id: fill(destination.external_id, source.external_id),
    metadata: fill(destination.metadata, source.metadata)
  }
  const conversations = new Map(
    [...state.conversations].map(([id, c]) => [id, c.contact_id === sourceId ? { ...c, contact_id: destinationId } : c])
  )
  const messages = state.messages.map((stored) =>
    stored.message.contact_id === sourceId
      ? { ...stored, message: { ...stored.message, contact_id: destinationId } }
      : stored
  )
  return [ok(merged), {
    ...state,
    contacts: setEntry(removeEntry(state.contacts, sourceId), destinationId, merged),
    conversations,
    messages
  }]
}

/**
 * `POST /contacts:getChannelProfile`: the contact's name as the channel knows it.
 *
 * @since 0.1.0
 * @category handlers
 */
export const channelProfile: Handler = (state, { request }) => {
  const decoded = validate(GetChannelProfileRequest, request.body)
  if (Either.isLeft(decoded)) return unchanged(state, decoded.left)
  const { app_id, channel, recipient } = decoded.right
  if (!state.apps.has(app_id)) return unchanged(state, notFound(`App ${app_id} not found`))
  const contact = recipient.contact_id !== undefined
    ? state.contacts.get(recipient.contact_id)
    : recipient.identified_by
    ? findContactByIdentity(state, recipient.identified_by.channel_identities)
    : undefined
  if (!contact) return unchanged(state, notFound("Contact not found"))
  if (!contact.channel_identities.some((identity) => identity.channel === channel)) {
    return unchanged(state, notFound(`Contact ${contact.id} has no ${channel} channel identity`))
  }
  return unchanged(state, ok({ profile_name: contact.display_name }))
}

/**
 * `GET /contacts:identityConflicts`: every channel identity held by more than one contact, with the
 * channels and contacts that hold it; `page_size` 10 by default and at most 20. Written from
 * sinch-sdk-node packages/conversation/src/rest/v1/contact/contact-api.ts (`listIdentityConflicts`, a
 * token-paged list under `conflicts`) and packages/conversation/tests/models/v1/identity-conflicts.ts
 * (`{identity, channels, contact_ids}`).
 *
 * @since 0.3.0
 * @category handlers
 */
export const identityConflicts: Handler = (state, { request }) => {
  const holders = new Map<string, { channels: Set<string>; contacts: Set<string> }>()
  for (const contact of state.contacts.values()) {
    for (const own of contact.channel_identities) {
      const entry = holders.get(own.identity) ?? { channels: new Set(), contacts: new Set() }
      entry.channels.add(own.channel)
      entry.contacts.add(contact.id)
      holders.set(own.identity, entry)
    }
  }
  const conflicts = [...holders]
    .filter(([, entry]) => entry.contacts.size > 1)
    .map(([identity, entry]) => ({ identity, channels: [...entry.channels], contact_ids: [...entry.contacts] }))
  const page = paginate(conflicts, request.query, { defaultSize: 10, maxSize: 20 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  return unchanged(
    state,
    ok({ conflicts: page.right.items, next_page_token: page.right.next_page_token, total_size: page.right.total_size })
  )
}
