/**
 * Credential lists (username / password pairs for digest authentication and registration), their
 * credentials, and the trunks that use them. Passwords are stored but never returned.
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import { CredentialBody, CredentialListCreateBody, CredentialListUpdateBody, PasswordBody } from "./bodies.js"
import type { Context, FieldViolation, Handler } from "./http.js"
import { decodeBody, failedPrecondition, invalidArgument, json, listReply, noContent, notFound, reply } from "./http.js"
import type { CredentialList, ProjectState, StoredCredential } from "./model.js"
import { credentialListJson, removeIn, setIn, trunksLinkedTo } from "./model.js"
import * as Ulid from "./ulid.js"

const withList = (
  context: Context,
  state: ProjectState,
  paramName: string,
  f: (list: CredentialList) => ReturnType<Handler>
): ReturnType<Handler> => {
  const id = context.params[paramName]!
  const list = state.credentialLists.get(id)
  return list === undefined ? reply(notFound(`Credential list ${id} not found`), state) : f(list)
}

const save = (state: ProjectState, list: CredentialList): ProjectState => ({
  ...state,
  credentialLists: setIn(state.credentialLists, list.id, list)
})

// Usernames identify registered endpoints project-wide, so they are unique across all lists.
const duplicateUsernames = (
  state: ProjectState,
  usernames: ReadonlyArray<string>,
  field: (i: number) => string
): Array<FieldViolation> => {
  const taken = new Set([...state.credentialLists.values()].flatMap((l) => l.credentials.map((c) => c.username)))
  return usernames.flatMap((username, i) =>
    taken.has(username) || usernames.indexOf(username) !== i
      ? [{ field: field(i), description: `${username} is already in use in this project` }]
      : []
  )
}

/**
 * @since 0.1.0
 * @category handlers
 */
export const listCredentialLists: Handler = (context, state) =>
  listReply(context, state, "credentialLists", [...state.credentialLists.values()], credentialListJson)

/**
 * @since 0.1.0
 * @category handlers
 */
export const createCredentialList: Handler = (context, state) =>
  Either.match(decodeBody(CredentialListCreateBody, context.request.body), {
    onLeft: (response) => reply(response, state),
    onRight: (body) =>
      Effect.gen(function*() {
        const requested = body.credentials ?? []
        const violations = duplicateUsernames(
          state,
          requested.map((c) => c.username),
          (i) => `credentials[${i}].username`
        )
        if (violations.length > 0) return [invalidArgument("Invalid credential list", violations), state] as const
        const credentials = yield* Effect.forEach(requested, (c) =>
          Effect.map(Ulid.make, (id): StoredCredential => ({ id, username: c.username, password: c.password })))
        const list: CredentialList = {
          id: yield* Ulid.make,
          name: body.name,
          projectId: context.projectId,
          credentials,
          createTime: context.nowIso,
          updateTime: null
        }
        return [json(201, credentialListJson(list)), save(state, list)] as const
      })
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const getCredentialList: Handler = (context, state) =>
  withList(context, state, "id", (list) => reply(json(200, credentialListJson(list)), state))

/**
 * @since 0.1.0
 * @category handlers
 */
export const updateCredentialList: Handler = (context, state) =>
  withList(context, state, "id", (list) =>
    Either.match(decodeBody(CredentialListUpdateBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: (body) => {
        const updated = { ...list, name: body.name, updateTime: context.nowIso }
        return reply(json(200, credentialListJson(updated)), save(state, updated))
      }
    }))

const endpointsUsing = (state: ProjectState, usernames: ReadonlyArray<string>) =>
  [...state.endpoints.values()].filter((e) =>
    e.credentialUsername !== undefined && usernames.includes(e.credentialUsername)
  )

/**
 * Refused while a trunk or a registered endpoint still uses the list.
 *
 * @since 0.1.0
 * @category handlers
 */
export const deleteCredentialList: Handler = (context, state) =>
  withList(context, state, "id", (list) => {
    const trunks = trunksLinkedTo(state.trunkCredentialLists, list.id)
    const endpoints = endpointsUsing(state, list.credentials.map((c) => c.username))
    if (trunks.length > 0 || endpoints.length > 0) {
      return reply(
        failedPrecondition(
          `Credential list ${list.id} is still used by ${
            [...trunks.map((t) => `SIP trunk ${t}`), ...endpoints.map((e) => `SIP endpoint ${e.id}`)].join(", ")
          }`
        ),
        state
      )
    }
    return reply(noContent, { ...state, credentialLists: removeIn(state.credentialLists, list.id) })
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const listCredentialListTrunks: Handler = (context, state) =>
  withList(context, state, "id", (list) =>
    listReply(
      context,
      state,
      "trunks",
      trunksLinkedTo(state.trunkCredentialLists, list.id).flatMap((id) => state.trunks.get(id) ?? [])
    ))

/**
 * @since 0.1.0
 * @category handlers
 */
export const addCredential: Handler = (context, state) =>
  withList(
    context,
    state,
    "credentialListId",
    (list) =>
      Either.match(decodeBody(CredentialBody, context.request.body), {
        onLeft: (response) => reply(response, state),
        onRight: (body) =>
          Effect.gen(function*() {
            const violations = duplicateUsernames(state, [body.username], () => "username")
            if (violations.length > 0) return [invalidArgument("Invalid credential", violations), state] as const
            const credential: StoredCredential = { id: yield* Ulid.make, ...body }
            const updated = { ...list, credentials: [...list.credentials, credential], updateTime: context.nowIso }
            return [json(201, { id: credential.id, username: credential.username }), save(state, updated)] as const
          })
      })
  )

const withCredential = (
  context: Context,
  state: ProjectState,
  f: (list: CredentialList, credential: StoredCredential) => ReturnType<Handler>
) =>
  withList(context, state, "credentialListId", (list) => {
    const username = context.params.username!
    const credential = list.credentials.find((c) => c.username === username)
    return credential === undefined
      ? reply(notFound(`Credential ${username} not found in credential list ${list.id}`), state)
      : f(list, credential)
  })

/**
 * The reference's response schema for this operation holds only `password`; echoing a secret back is
 * exactly what a client must never log, so the credential is answered as `{ id, username }`.
 *
 * @since 0.1.0
 * @category handlers
 */
export const updateCredential: Handler = (context, state) =>
  withCredential(context, state, (list, credential) =>
    Either.match(decodeBody(PasswordBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: ({ password }) =>
        reply(
          json(200, { id: credential.id, username: credential.username }),
          save(state, {
            ...list,
            credentials: list.credentials.map((c) => c.id === credential.id ? { ...c, password } : c),
            updateTime: context.nowIso
          })
        )
    }))

/**
 * @since 0.1.0
 * @category handlers
 */
export const deleteCredential: Handler = (context, state) =>
  withCredential(context, state, (list, credential) => {
    const endpoints = endpointsUsing(state, [credential.username])
    return endpoints.length > 0
      ? reply(
        failedPrecondition(
          `Credential ${credential.username} is used by SIP endpoints ${endpoints.map((e) => e.id).join(", ")}`
        ),
        state
      )
      : reply(
        noContent,
        save(state, {
          ...list,
          credentials: list.credentials.filter((c) => c.id !== credential.id),
          updateTime: context.nowIso
        })
      )
  })
