/**
 * The emulated Elastic SIP Trunking API (`/est` on the emulator; in production
 * `https://elastic-trunking.api.sinch.com/v1/projects/{projectId}`), written from the EST API
 * reference: https://developers.sinch.com/docs/est/api-reference/est.
 *
 * Every project gets its own in-memory state, seeded with demo data the first time it is used.
 *
 * @since 0.1.0
 */
import { Clock, Effect, SynchronizedRef } from "effect"
import type { ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"
import * as Acls from "./est/acls.js"
import * as Calls from "./est/calls.js"
import * as Credentials from "./est/credentials.js"
import type { Handler } from "./est/http.js"
import { methodNotAllowed, permissionDenied } from "./est/http.js"
import type { ProjectState } from "./est/model.js"
import * as Numbers from "./est/numbers.js"
import * as Seed from "./est/seed.js"
import * as Trunks from "./est/trunks.js"

type Method = ProductRequest["method"]

interface Route {
  readonly pattern: ReadonlyArray<string>
  readonly methods: Partial<Record<Method, Handler>>
}

const route = (path: string, methods: Partial<Record<Method, Handler>>): Route => ({
  pattern: path.split("/").filter((s) => s !== ""),
  methods
})

// Paths relative to /v1/projects/{projectId}.
const routes: ReadonlyArray<Route> = [
  route("/trunks", { GET: Trunks.listTrunks, POST: Trunks.createTrunk }),
  route("/trunks/:sipTrunkId", { GET: Trunks.getTrunk, PUT: Trunks.updateTrunk, DELETE: Trunks.deleteTrunk }),
  route("/trunks/:sipTrunkId/endpoints", { GET: Trunks.listEndpoints, POST: Trunks.createEndpoint }),
  route("/trunks/:sipTrunkId/endpoints/:sipEndpointId", {
    GET: Trunks.getEndpoint,
    PUT: Trunks.updateEndpoint,
    DELETE: Trunks.deleteEndpoint
  }),
  route("/trunks/:trunkId/accessControlLists", { GET: Trunks.listTrunkAcls, POST: Trunks.addTrunkAcls }),
  route("/trunks/:trunkId/accessControlLists/:accessControlListId", { DELETE: Trunks.removeTrunkAcl }),
  route("/trunks/:trunkId/credentialLists", {
    GET: Trunks.listTrunkCredentialLists,
    POST: Trunks.addTrunkCredentialLists,
    PUT: Trunks.replaceTrunkCredentialLists
  }),
  route("/trunks/:trunkId/credentialLists/:credentialListId", { DELETE: Trunks.removeTrunkCredentialList }),
  route("/accessControlLists", { GET: Acls.listAcls, POST: Acls.createAcl }),
  route("/accessControlLists/:id", { GET: Acls.getAcl, PUT: Acls.updateAcl, DELETE: Acls.deleteAcl }),
  route("/accessControlLists/:id/trunks", { GET: Acls.listAclTrunks }),
  route("/accessControlLists/:accessControlListId/ipRanges", { GET: Acls.listIpRanges, POST: Acls.addIpRange }),
  route("/accessControlLists/:accessControlListId/ipRanges/:ipRangeId", {
    PUT: Acls.updateIpRange,
    DELETE: Acls.deleteIpRange
  }),
  route("/credentialLists", { GET: Credentials.listCredentialLists, POST: Credentials.createCredentialList }),
  route("/credentialLists/:id", {
    GET: Credentials.getCredentialList,
    PUT: Credentials.updateCredentialList,
    DELETE: Credentials.deleteCredentialList
  }),
  route("/credentialLists/:id/trunks", { GET: Credentials.listCredentialListTrunks }),
  route("/credentialLists/:credentialListId/credentials", { POST: Credentials.addCredential }),
  route("/credentialLists/:credentialListId/credentials/:username", {
    PUT: Credentials.updateCredential,
    DELETE: Credentials.deleteCredential
  }),
  route("/countryPermissions", { GET: Numbers.listCountryPermissions }),
  route("/countryPermissions/:isoCode", {
    GET: Numbers.getCountryPermission,
    PUT: Numbers.updateCountryPermission
  }),
  route("/phoneNumbers", { GET: Numbers.listPhoneNumbers }),
  route("/phoneNumbers/:phoneNumber", { GET: Numbers.getPhoneNumber }),
  route("/calls", { GET: Calls.findCalls }),
  route("/calls/export", { GET: Calls.exportCalls }),
  route("/addProjects", { POST: Calls.addProjects }),
  route("/callBlockingRules", { GET: Calls.listBlockingRules, POST: Calls.createBlockingRule }),
  route("/callBlockingRules/:id", { PUT: Calls.updateBlockingRule, DELETE: Calls.deleteBlockingRule })
]

const match = (
  segments: ReadonlyArray<string>
): { readonly route: Route; readonly params: Record<string, string> } | undefined => {
  for (const candidate of routes) {
    if (candidate.pattern.length !== segments.length) continue
    const params: Record<string, string> = {}
    const matched = candidate.pattern.every((part, i) => {
      if (part.startsWith(":")) {
        params[part.slice(1)] = segments[i]!
        return true
      }
      return part === segments[i]
    })
    if (matched) return { route: candidate, params }
  }
  return undefined
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi> = Effect.gen(function*() {
  const projects = yield* SynchronizedRef.make<ReadonlyMap<string, ProjectState>>(new Map())

  const handle = (request: ProductRequest): Effect.Effect<ProductResponse | undefined> => {
    const [v1, projectsSegment, projectId, ...rest] = request.segments
    if (v1 !== "v1" || projectsSegment !== "projects" || projectId === undefined) return Effect.succeed(undefined)
    const found = match(rest)
    if (found === undefined) return Effect.succeed(undefined)
    const handler = found.route.methods[request.method]
    if (handler === undefined) return Effect.succeed(methodNotAllowed(request.method, request.path))
    if (request.projectId !== undefined && request.projectId !== projectId) {
      return Effect.succeed(
        permissionDenied(`The credentials used belong to project ${request.projectId}, not to project ${projectId}`)
      )
    }
    return SynchronizedRef.modifyEffect(projects, (all) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const state = all.get(projectId) ?? (yield* Seed.make(projectId, now))
        const [response, next] = yield* handler(
          { request, projectId, params: found.params, now, nowIso: new Date(now).toISOString() },
          state
        )
        return [response, next === state && all.has(projectId) ? all : new Map(all).set(projectId, next)] as const
      }))
  }

  return { api: "est", handle }
})
