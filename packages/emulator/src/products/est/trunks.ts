/**
 * SIP trunks, their SIP endpoints, and the trunk links to ACLs and credential lists.
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import { AclIdsBody, CredentialListIdsBody, EndpointBody, TrunkBody } from "./bodies.js"
import type { Context, Handler } from "./http.js"
import { decodeBody, failedPrecondition, invalidArgument, json, listReply, noContent, notFound, reply } from "./http.js"
import type { ProjectState, SipEndpoint, SipTrunk } from "./model.js"
import { credentialListJson, removeIn, setIn } from "./model.js"
import * as Ulid from "./ulid.js"

/**
 * Trunk domains are `{hostName}.pstn.sinch.com`: the domain SIP traffic must be addressed to
 * (https://developers.sinch.com/docs/est/getting-started).
 *
 * @since 0.1.0
 * @category constants
 */
export const topLevelDomain = ".pstn.sinch.com"

const trunkNotFound = (id: string) => notFound(`SIP trunk ${id} not found`)

const withTrunk = (
  context: Context,
  state: ProjectState,
  paramName: string,
  f: (trunk: SipTrunk) => ReturnType<Handler>
): ReturnType<Handler> => {
  const id = context.params[paramName]!
  const trunk = state.trunks.get(id)
  return trunk === undefined ? reply(trunkNotFound(id), state) : f(trunk)
}

const hostNameTaken = (state: ProjectState, hostName: string, except?: string) =>
  [...state.trunks.values()].some((t) => t.id !== except && t.hostName.toLowerCase() === hostName.toLowerCase())

const checkForward = (body: typeof TrunkBody.Type) =>
  body.enableCallForward === true && !body.callForwardNumber
    ? [{ field: "callForwardNumber", description: "is required when enableCallForward is true" }]
    : []

/**
 * @since 0.1.0
 * @category handlers
 */
export const listTrunks: Handler = (context, state) => {
  const domain = context.request.query.get("domain")
  const trunks = [...state.trunks.values()].filter((t) => !domain || t.domain === domain)
  // The answer's key is `trunks`: the official Node SDK pages this list with `dataKey: 'trunks'`
  // (rest/v1/sip-trunks/sip-trunks-api.ts); an earlier version of the reference named it `sipTrunks`.
  return listReply(context, state, "trunks", trunks)
}

/**
 * @since 0.1.0
 * @category handlers
 */
export const createTrunk: Handler = (context, state) =>
  Either.match(decodeBody(TrunkBody, context.request.body), {
    onLeft: (response) => reply(response, state),
    onRight: (body) =>
      Effect.gen(function*() {
        const violations = [
          ...(hostNameTaken(state, body.hostName)
            ? [{ field: "hostName", description: `${body.hostName} is already in use` }]
            : []),
          ...checkForward(body)
        ]
        if (violations.length > 0) return [invalidArgument("Invalid SIP trunk", violations), state] as const
        const trunk: SipTrunk = {
          id: yield* Ulid.make,
          hostName: body.hostName,
          topLevelDomain,
          domain: `${body.hostName}${topLevelDomain}`,
          name: body.name,
          callsPerSecond: 1,
          enableCallerName: body.enableCallerName ?? false,
          callForwardNumber: body.callForwardNumber ?? "",
          enableCallForward: body.enableCallForward ?? false,
          createTime: context.nowIso,
          updateTime: null,
          projectId: context.projectId
        }
        return [json(201, trunk), { ...state, trunks: setIn(state.trunks, trunk.id, trunk) }] as const
      })
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const getTrunk: Handler = (context, state) =>
  withTrunk(context, state, "sipTrunkId", (trunk) => reply(json(200, trunk), state))

/**
 * The whole object is replaced; omitted optional fields fall back to their defaults.
 *
 * @since 0.1.0
 * @category handlers
 */
export const updateTrunk: Handler = (context, state) =>
  withTrunk(context, state, "sipTrunkId", (trunk) =>
    Either.match(decodeBody(TrunkBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: (body) => {
        const violations = [
          ...(hostNameTaken(state, body.hostName, trunk.id)
            ? [{ field: "hostName", description: `${body.hostName} is already in use` }]
            : []),
          ...checkForward(body)
        ]
        if (violations.length > 0) return reply(invalidArgument("Invalid SIP trunk", violations), state)
        const updated: SipTrunk = {
          ...trunk,
          name: body.name,
          hostName: body.hostName,
          domain: `${body.hostName}${topLevelDomain}`,
          enableCallerName: body.enableCallerName ?? false,
          callForwardNumber: body.callForwardNumber ?? "",
          enableCallForward: body.enableCallForward ?? false,
          updateTime: context.nowIso
        }
        return reply(json(200, updated), { ...state, trunks: setIn(state.trunks, trunk.id, updated) })
      }
    }))

/**
 * Refused while anything still hangs off the trunk: the API never orphans resources.
 *
 * @since 0.1.0
 * @category handlers
 */
export const deleteTrunk: Handler = (context, state) =>
  withTrunk(context, state, "sipTrunkId", (trunk) => {
    const dependents = [
      [...state.numbers.values()].some((n) => n.sipTrunkId === trunk.id) && "phone numbers",
      [...state.endpoints.values()].some((e) => e.sipTrunkId === trunk.id) && "SIP endpoints",
      (state.trunkAcls.get(trunk.id) ?? []).length > 0 && "access control lists",
      (state.trunkCredentialLists.get(trunk.id) ?? []).length > 0 && "credential lists"
    ].filter((d): d is string => typeof d === "string")
    if (dependents.length > 0) {
      return reply(
        failedPrecondition(`SIP trunk ${trunk.id} still has ${dependents.join(", ")}; remove them first`),
        state
      )
    }
    return reply(noContent, {
      ...state,
      trunks: removeIn(state.trunks, trunk.id),
      trunkAcls: removeIn(state.trunkAcls, trunk.id),
      trunkCredentialLists: removeIn(state.trunkCredentialLists, trunk.id)
    })
  })

const endpointFrom = (
  context: Context,
  state: ProjectState,
  body: typeof EndpointBody.Type,
  base: {
    readonly id: string
    readonly sipTrunkId: string
    readonly createTime: string
    readonly updateTime: string | null
  }
): Either.Either<SipEndpoint, ReturnType<typeof invalidArgument>> => {
  const common = {
    ...base,
    name: body.name,
    transport: body.transport ?? "UDP",
    priority: body.priority,
    enabled: body.enabled ?? true
  }
  if (body.isRegistered === true) {
    const username = body.credentialUsername ?? ""
    if (username === "") {
      return Either.left(invalidArgument("Invalid SIP endpoint", [{
        field: "credentialUsername",
        description: "is required for a registered endpoint"
      }]))
    }
    // Only existence in the project is checked, not that the list is linked to this trunk.
    const known = [...state.credentialLists.values()].some((l) => l.credentials.some((c) => c.username === username))
    if (!known) {
      return Either.left(invalidArgument("Invalid SIP endpoint", [{
        field: "credentialUsername",
        description: `${username} is not in any credential list of project ${context.projectId}`
      }]))
    }
    return Either.right({ ...common, isRegistered: true, credentialUsername: username })
  }
  if (!body.address) {
    return Either.left(invalidArgument("Invalid SIP endpoint", [{
      field: "address",
      description: "is required for a static endpoint (an IP address or a domain name)"
    }]))
  }
  return Either.right({ ...common, address: body.address, port: body.port ?? 5060 })
}

/**
 * @since 0.1.0
 * @category handlers
 */
export const listEndpoints: Handler = (context, state) =>
  withTrunk(
    context,
    state,
    "sipTrunkId",
    (trunk) =>
      listReply(context, state, "endpoints", [...state.endpoints.values()].filter((e) => e.sipTrunkId === trunk.id))
  )

/**
 * The reference documents the 200 of this operation with the list envelope, yet `PUT` on the same
 * resource answers the endpoint itself; we answer the created endpoint, which is what every caller reads.
 *
 * @since 0.1.0
 * @category handlers
 */
export const createEndpoint: Handler = (context, state) =>
  withTrunk(context, state, "sipTrunkId", (trunk) =>
    Either.match(decodeBody(EndpointBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: (body) =>
        Effect.gen(function*() {
          const id = yield* Ulid.make
          return Either.match(
            endpointFrom(context, state, body, {
              id,
              sipTrunkId: trunk.id,
              createTime: context.nowIso,
              updateTime: null
            }),
            {
              onLeft: (response) => [response, state] as const,
              onRight: (endpoint) =>
                [json(200, endpoint), { ...state, endpoints: setIn(state.endpoints, id, endpoint) }] as const
            }
          )
        })
    }))

const withEndpoint = (
  context: Context,
  state: ProjectState,
  f: (trunk: SipTrunk, endpoint: SipEndpoint) => ReturnType<Handler>
) =>
  withTrunk(context, state, "sipTrunkId", (trunk) => {
    const id = context.params.sipEndpointId!
    const endpoint = state.endpoints.get(id)
    return endpoint === undefined || endpoint.sipTrunkId !== trunk.id
      ? reply(notFound(`SIP endpoint ${id} not found on SIP trunk ${trunk.id}`), state)
      : f(trunk, endpoint)
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const getEndpoint: Handler = (context, state) =>
  withEndpoint(context, state, (_, endpoint) => reply(json(200, endpoint), state))

/**
 * @since 0.1.0
 * @category handlers
 */
export const updateEndpoint: Handler = (context, state) =>
  withEndpoint(context, state, (trunk, endpoint) =>
    Either.match(decodeBody(EndpointBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: (body) =>
        Either.match(
          endpointFrom(context, state, body, {
            id: endpoint.id,
            sipTrunkId: trunk.id,
            createTime: endpoint.createTime,
            updateTime: context.nowIso
          }),
          {
            onLeft: (response) => reply(response, state),
            onRight: (updated) =>
              reply(json(200, updated), { ...state, endpoints: setIn(state.endpoints, endpoint.id, updated) })
          }
        )
    }))

/**
 * @since 0.1.0
 * @category handlers
 */
export const deleteEndpoint: Handler = (context, state) =>
  withEndpoint(
    context,
    state,
    (_, endpoint) => reply(noContent, { ...state, endpoints: removeIn(state.endpoints, endpoint.id) })
  )

const unknownIds = (field: string, ids: ReadonlyArray<string>, known: ReadonlyMap<string, unknown>) =>
  ids.flatMap((id, i) => known.has(id) ? [] : [{ field: `${field}[${i}]`, description: `${id} does not exist` }])

const appendUnique = (current: ReadonlyArray<string>, added: ReadonlyArray<string>) => [
  ...current,
  ...added.filter((id, i) => !current.includes(id) && added.indexOf(id) === i)
]

/**
 * @since 0.1.0
 * @category handlers
 */
export const listTrunkAcls: Handler = (context, state) =>
  withTrunk(
    context,
    state,
    "trunkId",
    (trunk) => listReply(context, state, "accessControlListIds", state.trunkAcls.get(trunk.id) ?? [])
  )

/**
 * Appends; the answer echoes the ids of this request, not the whole set.
 *
 * @since 0.1.0
 * @category handlers
 */
export const addTrunkAcls: Handler = (context, state) =>
  withTrunk(context, state, "trunkId", (trunk) =>
    Either.match(decodeBody(AclIdsBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: ({ accessControlListIds: ids }) => {
        const violations = unknownIds("accessControlListIds", ids, state.acls)
        if (violations.length > 0) return reply(invalidArgument("Unknown access control lists", violations), state)
        const linked = appendUnique(state.trunkAcls.get(trunk.id) ?? [], ids)
        return reply(json(200, { accessControlListIds: ids }), {
          ...state,
          trunkAcls: setIn(state.trunkAcls, trunk.id, linked)
        })
      }
    }))

/**
 * @since 0.1.0
 * @category handlers
 */
export const removeTrunkAcl: Handler = (context, state) =>
  withTrunk(context, state, "trunkId", (trunk) => {
    const aclId = context.params.accessControlListId!
    const linked = state.trunkAcls.get(trunk.id) ?? []
    return linked.includes(aclId)
      ? reply(noContent, { ...state, trunkAcls: setIn(state.trunkAcls, trunk.id, linked.filter((id) => id !== aclId)) })
      : reply(notFound(`Access control list ${aclId} is not linked to SIP trunk ${trunk.id}`), state)
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const listTrunkCredentialLists: Handler = (context, state) =>
  withTrunk(context, state, "trunkId", (trunk) =>
    // Full credential lists under `credentialLists`, as the official Node SDK reads this page
    // (`dataKey: 'credentialLists'`, items typed `CredentialList`); an earlier reference showed bare ids.
    listReply(
      context,
      state,
      "credentialLists",
      (state.trunkCredentialLists.get(trunk.id) ?? []).flatMap((id) => {
        const found = state.credentialLists.get(id)
        return found === undefined ? [] : [found]
      }),
      credentialListJson
    ))

const linkCredentialLists = (replace: boolean): Handler => (context, state) =>
  withTrunk(context, state, "trunkId", (trunk) => {
    // The bulk update's body is `{"credentialListIds": [...]}` as the official Node SDK sends it
    // (rest/v1/sip-trunks/sip-trunks-api.ts); an earlier reference documents a bare array: both are accepted.
    const body = replace && Array.isArray(context.request.body)
      ? { credentialListIds: context.request.body }
      : context.request.body
    return Either.match(decodeBody(CredentialListIdsBody, body), {
      onLeft: (response) => reply(response, state),
      onRight: ({ credentialListIds: ids }) => {
        const violations = unknownIds("credentialListIds", ids, state.credentialLists)
        if (violations.length > 0) return reply(invalidArgument("Unknown credential lists", violations), state)
        const linked = replace
          ? appendUnique([], ids)
          : appendUnique(state.trunkCredentialLists.get(trunk.id) ?? [], ids)
        return reply(json(200, { credentialListIds: replace ? linked : ids }), {
          ...state,
          trunkCredentialLists: setIn(state.trunkCredentialLists, trunk.id, linked)
        })
      }
    })
  })

/**
 * Appends; the answer echoes the ids of this request.
 *
 * @since 0.1.0
 * @category handlers
 */
export const addTrunkCredentialLists: Handler = linkCredentialLists(false)

/**
 * Replaces the whole set.
 *
 * @since 0.1.0
 * @category handlers
 */
export const replaceTrunkCredentialLists: Handler = linkCredentialLists(true)

/**
 * @since 0.1.0
 * @category handlers
 */
export const removeTrunkCredentialList: Handler = (context, state) =>
  withTrunk(context, state, "trunkId", (trunk) => {
    const listId = context.params.credentialListId!
    const linked = state.trunkCredentialLists.get(trunk.id) ?? []
    return linked.includes(listId)
      ? reply(noContent, {
        ...state,
        trunkCredentialLists: setIn(state.trunkCredentialLists, trunk.id, linked.filter((id) => id !== listId))
      })
      : reply(notFound(`Credential list ${listId} is not linked to SIP trunk ${trunk.id}`), state)
  })
