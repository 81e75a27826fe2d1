/**
 * Access control lists, their IP ranges, and the trunks that use them.
 *
 * @since 0.1.0
 */
import { Effect, Either } from "effect"
import { AclCreateBody, AclUpdateBody, IpRangeBody } from "./bodies.js"
import type { Context, Handler } from "./http.js"
import { decodeBody, failedPrecondition, json, listReply, noContent, notFound, reply } from "./http.js"
import type { AccessControlList, IpRange, ProjectState } from "./model.js"
import { aclJson, removeIn, setIn, trunksLinkedTo } from "./model.js"
import * as Ulid from "./ulid.js"

const withAcl = (
  context: Context,
  state: ProjectState,
  paramName: string,
  f: (acl: AccessControlList) => ReturnType<Handler>
): ReturnType<Handler> => {
  const id = context.params[paramName]!
  const acl = state.acls.get(id)
  return acl === undefined ? reply(notFound(`Access control list ${id} not found`), state) : f(acl)
}

const newRange = (
  context: Context,
  aclId: string,
  body: typeof IpRangeBody.Type
): Effect.Effect<IpRange> =>
  Effect.map(Ulid.make, (id) => ({
    id,
    description: body.description ?? "",
    ipAddress: body.ipAddress,
    range: body.range ?? 32,
    projectId: context.projectId,
    accessControlListId: aclId,
    createTime: context.nowIso,
    updateTime: null
  }))

const save = (state: ProjectState, acl: AccessControlList): ProjectState => ({
  ...state,
  acls: setIn(state.acls, acl.id, acl)
})

/**
 * @since 0.1.0
 * @category handlers
 */
export const listAcls: Handler = (context, state) =>
  listReply(context, state, "accessControlLists", [...state.acls.values()], (acl) => aclJson(state, acl))

/**
 * @since 0.1.0
 * @category handlers
 */
export const createAcl: Handler = (context, state) =>
  Either.match(decodeBody(AclCreateBody, context.request.body), {
    onLeft: (response) => reply(response, state),
    onRight: (body) =>
      Effect.gen(function*() {
        const id = yield* Ulid.make
        const ipRanges = yield* Effect.forEach(body.ipRanges, (range) => newRange(context, id, range))
        const acl: AccessControlList = {
          id,
          name: body.name,
          enabled: body.enabled ?? true,
          ipRanges,
          createTime: context.nowIso,
          updateTime: null,
          projectId: context.projectId
        }
        const next = save(state, acl)
        return [json(200, aclJson(next, acl)), next] as const
      })
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const getAcl: Handler = (context, state) =>
  withAcl(context, state, "id", (acl) => reply(json(200, aclJson(state, acl)), state))

/**
 * `ipRanges`, when sent, replaces the ranges; when omitted, they are kept.
 *
 * @since 0.1.0
 * @category handlers
 */
export const updateAcl: Handler = (context, state) =>
  withAcl(context, state, "id", (acl) =>
    Either.match(decodeBody(AclUpdateBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: (body) =>
        Effect.gen(function*() {
          const ipRanges = body.ipRanges == null
            ? acl.ipRanges
            : yield* Effect.forEach(body.ipRanges, (range) => newRange(context, acl.id, range))
          const updated: AccessControlList = {
            ...acl,
            name: body.name,
            enabled: body.enabled ?? true,
            ipRanges,
            updateTime: context.nowIso
          }
          const next = save(state, updated)
          return [json(200, aclJson(next, updated)), next] as const
        })
    }))

/**
 * @since 0.1.0
 * @category handlers
 */
export const deleteAcl: Handler = (context, state) =>
  withAcl(context, state, "id", (acl) => {
    const trunks = trunksLinkedTo(state.trunkAcls, acl.id)
    return trunks.length > 0
      ? reply(
        failedPrecondition(
          `Access control list ${acl.id} is used by SIP trunks ${trunks.join(", ")}; remove it from them first`
        ),
        state
      )
      : reply(noContent, { ...state, acls: removeIn(state.acls, acl.id) })
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const listAclTrunks: Handler = (context, state) =>
  withAcl(context, state, "id", (acl) =>
    listReply(
      context,
      state,
      "trunks",
      trunksLinkedTo(state.trunkAcls, acl.id).flatMap((id) => state.trunks.get(id) ?? [])
    ))

/**
 * @since 0.1.0
 * @category handlers
 */
export const listIpRanges: Handler = (context, state) =>
  withAcl(context, state, "accessControlListId", (acl) => listReply(context, state, "ipRanges", acl.ipRanges))

/**
 * @since 0.1.0
 * @category handlers
 */
export const addIpRange: Handler = (context, state) =>
  withAcl(context, state, "accessControlListId", (acl) =>
    Either.match(decodeBody(IpRangeBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: (body) =>
        Effect.map(newRange(context, acl.id, body), (range) =>
          [
            json(200, range),
            save(state, { ...acl, ipRanges: [...acl.ipRanges, range], updateTime: context.nowIso })
          ] as const)
    }))

const withRange = (
  context: Context,
  state: ProjectState,
  f: (acl: AccessControlList, range: IpRange) => ReturnType<Handler>
) =>
  withAcl(context, state, "accessControlListId", (acl) => {
    const id = context.params.ipRangeId!
    const range = acl.ipRanges.find((r) => r.id === id)
    return range === undefined
      ? reply(notFound(`IP range ${id} not found in access control list ${acl.id}`), state)
      : f(acl, range)
  })

/**
 * @since 0.1.0
 * @category handlers
 */
export const updateIpRange: Handler = (context, state) =>
  withRange(context, state, (acl, range) =>
    Either.match(decodeBody(IpRangeBody, context.request.body), {
      onLeft: (response) => reply(response, state),
      onRight: (body) => {
        const updated: IpRange = {
          ...range,
          description: body.description ?? range.description,
          ipAddress: body.ipAddress,
          range: body.range ?? 32,
          updateTime: context.nowIso
        }
        return reply(
          json(200, updated),
          save(state, { ...acl, ipRanges: acl.ipRanges.map((r) => r.id === range.id ? updated : r) })
        )
      }
    }))

/**
 * @since 0.1.0
 * @category handlers
 */
export const deleteIpRange: Handler = (context, state) =>
  withRange(
    context,
    state,
    (acl, range) => reply(noContent, save(state, { ...acl, ipRanges: acl.ipRanges.filter((r) => r.id !== range.id) }))
  )
