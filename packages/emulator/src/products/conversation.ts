/**
 * The emulated Conversation API (`https://{region}.conversation.api.sinch.com/v1/projects/{project_id}`),
 * written from Sinch's API reference: messages (send, list, get, update metadata, delete, last message
 * per channel identity, transcode), apps, contacts (with merge, channel profile and identity conflicts),
 * conversations (with stop, inject a message or an event, and the recent list), events, capability
 * queries, webhooks, consents and project settings. Every region
 * keeps its own data; the seeded demo app of "eu" answers 404 in "us" and "br", as Sinch does.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Random, Ref } from "effect"
import type { EmulatedRegion, ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"
import * as Apps from "./conversation/apps.js"
import * as Consents from "./conversation/consents.js"
import * as Contacts from "./conversation/contacts.js"
import * as Conversations from "./conversation/conversations.js"
import * as Events from "./conversation/events.js"
import * as Messages from "./conversation/messages.js"
import { notFound, permissionDenied } from "./conversation/responses.js"
import * as Settings from "./conversation/settings.js"
import { demo, type Handler, seed, type State, ulid } from "./conversation/state.js"
import * as Webhooks from "./conversation/webhooks.js"

/**
 * The ids of the seeded demo data: `euApp`, `usApp`, contacts and conversations of each region.
 *
 * @since 0.1.0
 * @category constants
 */
export const demoData = demo

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Replaces the demo data (given `Clock` millis at creation). */
  readonly seed?: ((now: number) => State) | undefined
}

type Method = ProductRequest["method"]

const splitAction = (segment: string): readonly [string, string | undefined] => {
  const at = segment.lastIndexOf(":")
  return at < 0 ? [segment, undefined] : [segment.slice(0, at), segment.slice(at + 1)]
}

const crud = (
  method: Method,
  id: string | undefined,
  handlers: {
    readonly list: Handler
    readonly create: Handler
    readonly get: (id: string) => Handler
    readonly update: (id: string) => Handler
    readonly remove: (id: string) => Handler
  }
): Handler | undefined => {
  if (id === undefined) {
    return method === "GET" ? handlers.list : method === "POST" ? handlers.create : undefined
  }
  switch (method) {
    case "GET":
      return handlers.get(id)
    case "PATCH":
      return handlers.update(id)
    case "DELETE":
      return handlers.remove(id)
    default:
      return undefined
  }
}

/**
 * Maps a path below `/v1/projects/{project_id}` to its handler.
 *
 * @since 0.1.0
 * @category routing
 */
export const route = (method: Method, rest: ReadonlyArray<string>, messageId: string): Handler | undefined => {
  if (rest[0] === "apps" && rest.length >= 3) return appRoute(method, rest)
  if (rest.length === 0 || rest.length > 2) return undefined
  const [collection, action] = splitAction(rest[0]!)
  const [id, idAction] = rest.length === 2 ? splitAction(rest[1]!) : [undefined, undefined]
  if (action !== undefined) {
    if (rest.length !== 1) return undefined
    if (method === "GET") {
      if (collection === "contacts" && action === "identityConflicts") return Contacts.identityConflicts
      if (collection === "conversations" && action === "recent") return Conversations.recent
      return undefined
    }
    if (method !== "POST") return undefined
    if (collection === "messages" && action === "send") return Messages.send(messageId)
    if (collection === "messages" && action === "fetch-last-message") return Messages.fetchLast
    if (collection === "messages" && action === "transcode") return Messages.transcode
    if (collection === "contacts" && action === "getChannelProfile") return Contacts.channelProfile
    if (collection === "events" && action === "send") return Events.send
    if (collection === "capability" && action === "query") return Messages.capability
    return undefined
  }
  if (idAction !== undefined) {
    if (method !== "POST" || id === undefined) return undefined
    if (collection === "contacts" && idAction === "merge") return Contacts.merge(id)
    if (collection === "conversations" && idAction === "stop") return Conversations.stop(id)
    if (collection === "conversations" && idAction === "inject-message") return Conversations.inject(id)
    if (collection === "conversations" && idAction === "inject-event") return Events.inject(id)
    return undefined
  }
  switch (collection) {
    case "messages":
      // Messages are created only by `messages:send` (or injected): there is no `POST /messages`.
      return method === "POST" && id === undefined ? undefined : crud(method, id, {
        list: Messages.list,
        create: Messages.list,
        get: Messages.get,
        update: Messages.update,
        remove: Messages.remove
      })
    case "events":
      // Events are created only by `events:send` (or injected), and never updated.
      return (method === "POST" || method === "PATCH") ? undefined : crud(method, id, {
        list: Events.list,
        create: Events.list,
        get: Events.get,
        update: Events.get,
        remove: Events.remove
      })
    case "webhooks":
      // Webhooks are listed per app (`GET /apps/{app_id}/webhooks`).
      return method === "GET" && id === undefined ? undefined : crud(method, id, {
        list: Webhooks.create,
        create: Webhooks.create,
        get: Webhooks.get,
        update: Webhooks.update,
        remove: Webhooks.remove
      })
    case "settings":
      if (id !== undefined) return undefined
      return method === "GET"
        ? Settings.get
        : method === "POST"
        ? Settings.create
        : method === "PATCH"
        ? Settings.update
        : method === "DELETE"
        ? Settings.remove
        : undefined
    case "apps":
      return crud(method, id, Apps)
    case "contacts":
      return crud(method, id, Contacts)
    case "conversations":
      return crud(method, id, Conversations)
    default:
      return undefined
  }
}

// `/apps/{app_id}/webhooks`, `/apps/{app_id}/consents/{list_type}`,
// `/apps/{app_id}/consents/identities/{identity}`: read-only.
const appRoute = (method: Method, rest: ReadonlyArray<string>): Handler | undefined => {
  if (method !== "GET") return undefined
  const [, appId, sub, ...tail] = rest as [string, string, string, ...Array<string>]
  if (sub === "webhooks" && tail.length === 0) return Webhooks.list(appId)
  if (sub === "consents" && tail.length === 1) return Consents.listIdentities(appId, tail[0]!)
  if (sub === "consents" && tail.length === 2 && tail[0] === "identities") {
    return Consents.auditRecords(appId, tail[1]!)
  }
  return undefined
}

const freshId = Effect.gen(function*() {
  const now = yield* Clock.currentTimeMillis
  const digits: Array<number> = []
  for (let i = 0; i < 16; i++) digits.push(yield* Random.nextIntBetween(0, 32))
  return ulid(now, digits)
})

/**
 * Creates the Conversation API with its own in-memory state, seeded by `options.seed`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (options: Options): Effect.Effect<ProductApi> =>
  Effect.gen(function*() {
    const now = yield* Clock.currentTimeMillis
    const state = yield* Ref.make<State>((options.seed ?? seed)(now))

    const handle = (request: ProductRequest): Effect.Effect<ProductResponse | undefined> =>
      Effect.gen(function*() {
        const [version, projects, projectId, ...rest] = request.segments
        if (version !== "v1" || projects !== "projects" || projectId === undefined) return undefined
        const region: EmulatedRegion | undefined = request.region
        if (region === undefined) return notFound("The Conversation API is regional: use /conversation/{us|eu|br}")
        if (request.projectId !== undefined && request.projectId !== projectId) {
          return permissionDenied(`The credentials do not grant access to project ${projectId}`)
        }
        // Every id a handler may need is drawn up front, so that the state changes in one atomic step.
        const ids = [yield* freshId, yield* freshId, yield* freshId]
        const handler = route(request.method, rest, ids[0]!)
        if (handler === undefined) return undefined
        const millis = yield* Clock.currentTimeMillis
        let next = 1
        const context = {
          request,
          region,
          now: new Date(millis).toISOString(),
          newId: () => ids[Math.min(next++, ids.length - 1)]!
        }
        return yield* Ref.modify(state, (all) => {
          const [response, regionState] = handler(all[region], context)
          return [response, regionState === all[region] ? all : { ...all, [region]: regionState }]
        })
      })

    return { api: "conversation", handle } satisfies ProductApi
  })

/**
 * Creates the Conversation API with its own in-memory state, seeded with the demo data.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi> = makeWith({})
