/**
 * The Sinch Elastic SIP Trunking API as an Effect service: SIP trunks and their endpoints, access
 * control lists, credential lists and their links to trunks, country permissions, phone numbers, the
 * call history (a lazy `Stream` over `page` / `size` pages, and its CSV export) and call-blocking
 * rules. Every path segment and query value is percent-encoded, every body encoded from its Schema.
 *
 * @since 0.1.0
 */
import type { AuthError } from "@sinch-effect/auth-core"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { Pagination } from "@sinch-effect/sinch-http"
import type { Layer, Redacted, Stream } from "effect"
import { Context, Effect } from "effect"
import * as EstSchema from "./ElasticSipTrunkingSchema.js"
import * as Product from "./Product.js"

type Result<A> = Effect.Effect<A, AuthError.SinchError>
type Items<A> = Stream.Stream<A, AuthError.SinchError>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /trunks`, every page, fetched only as the stream is pulled. */
  readonly listSipTrunks: (params?: EstSchema.ListSipTrunksParams | undefined) => Items<EstSchema.SipTrunk>
  /** `GET /trunks/{sipTrunkId}`. */
  readonly getSipTrunk: (sipTrunkId: string) => Result<EstSchema.SipTrunk>
  /** `POST /trunks`. */
  readonly createSipTrunk: (request: EstSchema.SipTrunkRequest) => Result<EstSchema.SipTrunk>
  /** `PUT /trunks/{sipTrunkId}`: replaces the whole trunk. */
  readonly updateSipTrunk: (sipTrunkId: string, request: EstSchema.SipTrunkRequest) => Result<EstSchema.SipTrunk>
  /** `DELETE /trunks/{sipTrunkId}`: refused while numbers, endpoints, ACLs or credential lists remain on it. */
  readonly deleteSipTrunk: (sipTrunkId: string) => Result<void>

  /** `GET /trunks/{sipTrunkId}/endpoints`, lazily paged. */
  readonly listSipEndpoints: (
    sipTrunkId: string,
    params?: EstSchema.PageSizeParams | undefined
  ) => Items<EstSchema.SipEndpoint>
  /** `GET /trunks/{sipTrunkId}/endpoints/{sipEndpointId}`. */
  readonly getSipEndpoint: (sipTrunkId: string, sipEndpointId: string) => Result<EstSchema.SipEndpoint>
  /** `POST /trunks/{sipTrunkId}/endpoints`: a static or a registered endpoint. */
  readonly createSipEndpoint: (
    sipTrunkId: string,
    request: EstSchema.SipEndpointRequest
  ) => Result<EstSchema.SipEndpoint>
  /** `PUT /trunks/{sipTrunkId}/endpoints/{sipEndpointId}`: replaces the whole endpoint. */
  readonly updateSipEndpoint: (
    sipTrunkId: string,
    sipEndpointId: string,
    request: EstSchema.SipEndpointRequest
  ) => Result<EstSchema.SipEndpoint>
  /** `DELETE /trunks/{sipTrunkId}/endpoints/{sipEndpointId}`. */
  readonly deleteSipEndpoint: (sipTrunkId: string, sipEndpointId: string) => Result<void>

  /** `GET /accessControlLists`, lazily paged. */
  readonly listAccessControlLists: (
    params?: EstSchema.PageSizeParams | undefined
  ) => Items<EstSchema.AccessControlList>
  /** `GET /accessControlLists/{id}`. */
  readonly getAccessControlList: (id: string) => Result<EstSchema.AccessControlList>
  /** `POST /accessControlLists`, with at least one IP range. */
  readonly createAccessControlList: (
    request: EstSchema.CreateAccessControlListRequest
  ) => Result<EstSchema.AccessControlList>
  /** `PUT /accessControlLists/{id}`. */
  readonly updateAccessControlList: (
    id: string,
    request: EstSchema.UpdateAccessControlListRequest
  ) => Result<EstSchema.AccessControlList>
  /** `DELETE /accessControlLists/{id}`: refused while a trunk uses the ACL. */
  readonly deleteAccessControlList: (id: string) => Result<void>
  /** `GET /accessControlLists/{id}/trunks`: the trunks using the ACL. */
  readonly listTrunksForAccessControlList: (id: string) => Items<EstSchema.SipTrunk>
  /** `GET /accessControlLists/{accessControlListId}/ipRanges`. */
  readonly listIpRanges: (accessControlListId: string) => Items<EstSchema.IpRange>
  /** `POST /accessControlLists/{accessControlListId}/ipRanges`. */
  readonly addIpRange: (accessControlListId: string, request: EstSchema.IpRangeRequest) => Result<EstSchema.IpRange>
  /** `PUT /accessControlLists/{accessControlListId}/ipRanges/{ipRangeId}`. */
  readonly updateIpRange: (
    accessControlListId: string,
    ipRangeId: string,
    request: EstSchema.IpRangeRequest
  ) => Result<EstSchema.IpRange>
  /** `DELETE /accessControlLists/{accessControlListId}/ipRanges/{ipRangeId}`. */
  readonly deleteIpRange: (accessControlListId: string, ipRangeId: string) => Result<void>

  /** `GET /trunks/{trunkId}/accessControlLists`: the ids of the ACLs on a trunk. */
  readonly listAccessControlListsForTrunk: (trunkId: string) => Items<string>
  /** `POST /trunks/{trunkId}/accessControlLists`: appends; answers the ids sent, not the whole set. */
  readonly addAccessControlListsToTrunk: (
    trunkId: string,
    accessControlListIds: ReadonlyArray<string>
  ) => Result<ReadonlyArray<string>>
  /** `DELETE /trunks/{trunkId}/accessControlLists/{accessControlListId}`. */
  readonly removeAccessControlListFromTrunk: (trunkId: string, accessControlListId: string) => Result<void>

  /** `GET /credentialLists`, lazily paged. */
  readonly listCredentialLists: (params?: EstSchema.PageSizeParams | undefined) => Items<EstSchema.CredentialList>
  /** `GET /credentialLists/{id}`. */
  readonly getCredentialList: (id: string) => Result<EstSchema.CredentialList>
  /** `POST /credentialLists`. */
  readonly createCredentialList: (
    request: EstSchema.CreateCredentialListRequest
  ) => Result<EstSchema.CredentialList>
  /** `PUT /credentialLists/{id}`: renames the list. */
  readonly updateCredentialList: (
    id: string,
    request: EstSchema.UpdateCredentialListRequest
  ) => Result<EstSchema.CredentialList>
  /** `DELETE /credentialLists/{id}`: refused while a trunk or a registered endpoint uses it. */
  readonly deleteCredentialList: (id: string) => Result<void>
  /** `GET /credentialLists/{id}/trunks`. */
  readonly listTrunksForCredentialList: (id: string) => Items<EstSchema.SipTrunk>
  /** `POST /credentialLists/{credentialListId}/credentials`. */
  readonly addCredential: (
    credentialListId: string,
    request: EstSchema.CredentialRequest
  ) => Result<EstSchema.Credential>
  /** `PUT /credentialLists/{credentialListId}/credentials/{username}`: sets a new password. */
  readonly updateCredentialPassword: (
    credentialListId: string,
    username: string,
    password: Redacted.Redacted<string>
  ) => Result<EstSchema.Credential>
  /** `DELETE /credentialLists/{credentialListId}/credentials/{username}`. */
  readonly deleteCredential: (credentialListId: string, username: string) => Result<void>

  /** `GET /trunks/{trunkId}/credentialLists`: the credential lists on a trunk. */
  readonly listCredentialListsForTrunk: (trunkId: string) => Items<EstSchema.CredentialList>
  /** `POST /trunks/{trunkId}/credentialLists`: appends; answers the ids sent. */
  readonly addCredentialListsToTrunk: (
    trunkId: string,
    credentialListIds: ReadonlyArray<string>
  ) => Result<ReadonlyArray<string>>
  /** `PUT /trunks/{trunkId}/credentialLists`: replaces the whole set (an id left out is detached). */
  readonly replaceCredentialListsForTrunk: (
    trunkId: string,
    credentialListIds: ReadonlyArray<string>
  ) => Result<ReadonlyArray<string>>
  /** `DELETE /trunks/{trunkId}/credentialLists/{credentialListId}`. */
  readonly removeCredentialListFromTrunk: (trunkId: string, credentialListId: string) => Result<void>

  /** `GET /countryPermissions`: which countries the project may dial (per project, not per trunk). */
  readonly listCountryPermissions: Result<ReadonlyArray<EstSchema.CountryPermission>>
  /** `GET /countryPermissions/{isoCode}`. */
  readonly getCountryPermission: (isoCode: string) => Result<EstSchema.CountryPermission>
  /** `PUT /countryPermissions/{isoCode}`. */
  readonly updateCountryPermission: (
    isoCode: string,
    request: EstSchema.UpdateCountryPermissionRequest
  ) => Result<EstSchema.CountryPermission>

  /** `GET /phoneNumbers`, optionally only those of one trunk, lazily paged. */
  readonly listPhoneNumbers: (params?: EstSchema.ListPhoneNumbersParams | undefined) => Items<EstSchema.PhoneNumber>
  /** `GET /phoneNumbers/{phoneNumber}` (E.164; the `+` is sent as `%2B`). */
  readonly getPhoneNumber: (phoneNumber: string) => Result<EstSchema.PhoneNumber>

  /** `GET /calls`: the call history, newest first, fetched a page at a time as the stream is pulled. */
  readonly findCalls: (params?: EstSchema.FindCallsParams | undefined) => Items<EstSchema.Call>
  /** `GET /calls/export`: the calls matching the filters (those of `findCalls` and the export-only ones), as CSV text. */
  readonly exportCalls: (params?: EstSchema.ExportCallsParams | undefined) => Result<string>
  /** `POST /addProjects`: lets this project read other projects' calls; answers the projects added. */
  readonly addProjects: (request: EstSchema.AddProjectsRequest) => Result<ReadonlyArray<string>>

  /** `GET /callBlockingRules`, lazily paged. */
  readonly listCallBlockingRules: (
    params?: EstSchema.PageSizeParams | undefined
  ) => Items<EstSchema.CallBlockingRule>
  /** `POST /callBlockingRules`. */
  readonly createCallBlockingRule: (
    request: EstSchema.CallBlockingRuleRequest
  ) => Result<EstSchema.CallBlockingRule>
  /** `PUT /callBlockingRules/{id}`. */
  readonly updateCallBlockingRule: (
    id: string,
    request: EstSchema.CallBlockingRuleRequest
  ) => Result<EstSchema.CallBlockingRule>
  /** `DELETE /callBlockingRules/{id}`. */
  readonly deleteCallBlockingRule: (id: string) => Result<void>

  /** The underlying client, for endpoints this service does not cover. */
  readonly client: SinchClient.SinchClient
}

/**
 * @since 0.1.0
 * @category tags
 */
export class ElasticSipTrunking
  extends Context.Tag("@sinch-effect/products/ElasticSipTrunking")<ElasticSipTrunking, Service>()
{}

/**
 * @since 0.1.0
 * @category models
 */
export type Options<R = never> = Product.ProjectOptions<R>

/**
 * Walks `page` = 1, 2, … until `totalItems` items were seen (or, when an answer has no total, until
 * a page comes back shorter than its size). An empty page always ends the stream.
 */
const numbered = <P extends EstSchema.Paging, A>(
  fetch: (page: number) => Result<P>,
  items: (page: P) => ReadonlyArray<A>
): Items<A> =>
  Pagination.numberedPages({
    fetch,
    items,
    hasNext: (page, _, seen) => {
      if (page.totalItems !== undefined) return seen < page.totalItems
      const size = page.size ?? page.pageSize
      return size === undefined || items(page).length >= size
    }
  })

const filterQuery = (params: EstSchema.FindCallsParams) => ({
  from: params.from,
  to: params.to,
  trunkId: params.trunkId,
  callResult: typeof params.callResult === "string" ? params.callResult : params.callResult?.join(","),
  direction: typeof params.direction === "string" ? params.direction : params.direction?.join(","),
  createTime: params.createTime,
  // `createTime>=2021-10-01` in the reference: the key is `createTime>` and the value follows `=`.
  "createTime>": params.createdAfter,
  "createTime<": params.createdBefore
})

/**
 * The service over an existing client (its `baseUrl` must end with `/v1/projects/{projectId}`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: SinchClient.SinchClient): Service => {
  const trunkPath = (sipTrunkId: string) => ({ path: { sipTrunkId } })
  const endpointPath = (sipTrunkId: string, sipEndpointId: string) => ({ path: { sipTrunkId, sipEndpointId } })
  const aclPath = (id: string) => ({ path: { id } })
  const rangePath = (accessControlListId: string, ipRangeId: string) => ({ path: { accessControlListId, ipRangeId } })
  const listPath = (id: string) => ({ path: { id } })
  const credentialPath = (credentialListId: string, username: string) => ({ path: { credentialListId, username } })

  return {
    client,

    listSipTrunks: (params = {}) =>
      numbered(
        (page) =>
          client.request("GET", "/trunks", EstSchema.SipTrunksPage, {
            query: { domain: params.domain, page, size: params.size }
          }),
        EstSchema.sipTrunksOf
      ),
    getSipTrunk: (sipTrunkId) =>
      client.request("GET", "/trunks/{sipTrunkId}", EstSchema.SipTrunk, trunkPath(sipTrunkId)),
    createSipTrunk: (request) =>
      Product.send(client, "POST", "/trunks", EstSchema.SipTrunkRequest, request, EstSchema.SipTrunk),
    updateSipTrunk: (sipTrunkId, request) =>
      Product.send(client, "PUT", "/trunks/{sipTrunkId}", EstSchema.SipTrunkRequest, request, EstSchema.SipTrunk, {
        ...trunkPath(sipTrunkId)
      }),
    deleteSipTrunk: (sipTrunkId) => client.requestVoid("DELETE", "/trunks/{sipTrunkId}", trunkPath(sipTrunkId)),

    listSipEndpoints: (sipTrunkId, params = {}) =>
      numbered(
        (page) =>
          client.request("GET", "/trunks/{sipTrunkId}/endpoints", EstSchema.SipEndpointsPage, {
            ...trunkPath(sipTrunkId),
            query: { page, size: params.size }
          }),
        (page) => page.endpoints
      ),
    getSipEndpoint: (sipTrunkId, sipEndpointId) =>
      client.request(
        "GET",
        "/trunks/{sipTrunkId}/endpoints/{sipEndpointId}",
        EstSchema.SipEndpoint,
        endpointPath(sipTrunkId, sipEndpointId)
      ),
    createSipEndpoint: (sipTrunkId, request) =>
      Product.send(
        client,
        "POST",
        "/trunks/{sipTrunkId}/endpoints",
        EstSchema.SipEndpointRequest,
        request,
        EstSchema.SipEndpoint,
        trunkPath(sipTrunkId)
      ),
    updateSipEndpoint: (sipTrunkId, sipEndpointId, request) =>
      Product.send(
        client,
        "PUT",
        "/trunks/{sipTrunkId}/endpoints/{sipEndpointId}",
        EstSchema.SipEndpointRequest,
        request,
        EstSchema.SipEndpoint,
        endpointPath(sipTrunkId, sipEndpointId)
      ),
    deleteSipEndpoint: (sipTrunkId, sipEndpointId) =>
      client.requestVoid(
        "DELETE",
        "/trunks/{sipTrunkId}/endpoints/{sipEndpointId}",
        endpointPath(sipTrunkId, sipEndpointId)
      ),

    listAccessControlLists: (params = {}) =>
      numbered(
        (page) =>
          client.request("GET", "/accessControlLists", EstSchema.AccessControlListsPage, {
            query: { page, size: params.size }
          }),
        (page) => page.accessControlLists
      ),
    getAccessControlList: (id) =>
      client.request("GET", "/accessControlLists/{id}", EstSchema.AccessControlList, aclPath(id)),
    createAccessControlList: (request) =>
      Product.send(
        client,
        "POST",
        "/accessControlLists",
        EstSchema.CreateAccessControlListRequest,
        request,
        EstSchema.AccessControlList
      ),
    updateAccessControlList: (id, request) =>
      Product.send(
        client,
        "PUT",
        "/accessControlLists/{id}",
        EstSchema.UpdateAccessControlListRequest,
        request,
        EstSchema.AccessControlList,
        aclPath(id)
      ),
    deleteAccessControlList: (id) => client.requestVoid("DELETE", "/accessControlLists/{id}", aclPath(id)),
    listTrunksForAccessControlList: (id) =>
      numbered(
        (page) =>
          client.request("GET", "/accessControlLists/{id}/trunks", EstSchema.TrunksPage, {
            ...aclPath(id),
            query: { page }
          }),
        (page) => page.trunks
      ),
    listIpRanges: (accessControlListId) =>
      numbered(
        (page) =>
          client.request("GET", "/accessControlLists/{accessControlListId}/ipRanges", EstSchema.IpRangesPage, {
            path: { accessControlListId },
            query: { page }
          }),
        (page) => page.ipRanges
      ),
    addIpRange: (accessControlListId, request) =>
      Product.send(
        client,
        "POST",
        "/accessControlLists/{accessControlListId}/ipRanges",
        EstSchema.IpRangeRequest,
        request,
        EstSchema.IpRange,
        { path: { accessControlListId } }
      ),
    updateIpRange: (accessControlListId, ipRangeId, request) =>
      Product.send(
        client,
        "PUT",
        "/accessControlLists/{accessControlListId}/ipRanges/{ipRangeId}",
        EstSchema.IpRangeRequest,
        request,
        EstSchema.IpRange,
        rangePath(accessControlListId, ipRangeId)
      ),
    deleteIpRange: (accessControlListId, ipRangeId) =>
      client.requestVoid(
        "DELETE",
        "/accessControlLists/{accessControlListId}/ipRanges/{ipRangeId}",
        rangePath(accessControlListId, ipRangeId)
      ),

    listAccessControlListsForTrunk: (trunkId) =>
      numbered(
        (page) =>
          client.request("GET", "/trunks/{trunkId}/accessControlLists", EstSchema.AccessControlListIdsPage, {
            path: { trunkId },
            query: { page }
          }),
        (page) => page.accessControlListIds
      ),
    addAccessControlListsToTrunk: (trunkId, accessControlListIds) =>
      Product.send(
        client,
        "POST",
        "/trunks/{trunkId}/accessControlLists",
        EstSchema.AccessControlListIds,
        { accessControlListIds },
        EstSchema.AccessControlListIds,
        { path: { trunkId } }
      ).pipe(Effect.map((response) => response.accessControlListIds)),
    removeAccessControlListFromTrunk: (trunkId, accessControlListId) =>
      client.requestVoid("DELETE", "/trunks/{trunkId}/accessControlLists/{accessControlListId}", {
        path: { trunkId, accessControlListId }
      }),

    listCredentialLists: (params = {}) =>
      numbered(
        (page) =>
          client.request("GET", "/credentialLists", EstSchema.CredentialListsPage, {
            query: { page, size: params.size }
          }),
        (page) => page.credentialLists
      ),
    getCredentialList: (id) => client.request("GET", "/credentialLists/{id}", EstSchema.CredentialList, listPath(id)),
    createCredentialList: (request) =>
      Product.send(
        client,
        "POST",
        "/credentialLists",
        EstSchema.CreateCredentialListRequest,
        request,
        EstSchema.CredentialList
      ),
    updateCredentialList: (id, request) =>
      Product.send(
        client,
        "PUT",
        "/credentialLists/{id}",
        EstSchema.UpdateCredentialListRequest,
        request,
        EstSchema.CredentialList,
        listPath(id)
      ),
    deleteCredentialList: (id) => client.requestVoid("DELETE", "/credentialLists/{id}", listPath(id)),
    listTrunksForCredentialList: (id) =>
      numbered(
        (page) =>
          client.request("GET", "/credentialLists/{id}/trunks", EstSchema.TrunksPage, {
            ...listPath(id),
            query: { page }
          }),
        (page) => page.trunks
      ),
    addCredential: (credentialListId, request) =>
      Product.send(
        client,
        "POST",
        "/credentialLists/{credentialListId}/credentials",
        EstSchema.CredentialRequest,
        request,
        EstSchema.Credential,
        { path: { credentialListId } }
      ),
    updateCredentialPassword: (credentialListId, username, password) =>
      Product.send(
        client,
        "PUT",
        "/credentialLists/{credentialListId}/credentials/{username}",
        EstSchema.PasswordRequest,
        { password },
        EstSchema.Credential,
        credentialPath(credentialListId, username)
      ),
    deleteCredential: (credentialListId, username) =>
      client.requestVoid(
        "DELETE",
        "/credentialLists/{credentialListId}/credentials/{username}",
        credentialPath(credentialListId, username)
      ),

    listCredentialListsForTrunk: (trunkId) =>
      numbered(
        (page) =>
          client.request("GET", "/trunks/{trunkId}/credentialLists", EstSchema.TrunkCredentialListsPage, {
            path: { trunkId },
            query: { page }
          }),
        EstSchema.trunkCredentialListsOf
      ),
    addCredentialListsToTrunk: (trunkId, credentialListIds) =>
      Product.send(
        client,
        "POST",
        "/trunks/{trunkId}/credentialLists",
        EstSchema.CredentialListIds,
        { credentialListIds },
        EstSchema.CredentialListIds,
        { path: { trunkId } }
      ).pipe(Effect.map((response) => response.credentialListIds)),
    replaceCredentialListsForTrunk: (trunkId, credentialListIds) =>
      Product.send(
        client,
        "PUT",
        "/trunks/{trunkId}/credentialLists",
        EstSchema.CredentialListIds,
        { credentialListIds },
        EstSchema.CredentialListIds,
        { path: { trunkId } }
      ).pipe(Effect.map((response) => response.credentialListIds)),
    removeCredentialListFromTrunk: (trunkId, credentialListId) =>
      client.requestVoid("DELETE", "/trunks/{trunkId}/credentialLists/{credentialListId}", {
        path: { trunkId, credentialListId }
      }),

    listCountryPermissions: client.request("GET", "/countryPermissions", EstSchema.CountryPermissionsResponse).pipe(
      Effect.map((response) => response.countryPermissions)
    ),
    getCountryPermission: (isoCode) =>
      client.request("GET", "/countryPermissions/{isoCode}", EstSchema.CountryPermission, { path: { isoCode } }),
    updateCountryPermission: (isoCode, request) =>
      Product.send(
        client,
        "PUT",
        "/countryPermissions/{isoCode}",
        EstSchema.UpdateCountryPermissionRequest,
        request,
        EstSchema.CountryPermission,
        { path: { isoCode } }
      ),

    listPhoneNumbers: (params = {}) =>
      numbered(
        (page) =>
          client.request("GET", "/phoneNumbers", EstSchema.PhoneNumbersPage, {
            query: { sipTrunkId: params.sipTrunkId, page, size: params.size }
          }),
        (page) => page.phoneNumbers
      ),
    getPhoneNumber: (phoneNumber) =>
      client.request("GET", "/phoneNumbers/{phoneNumber}", EstSchema.PhoneNumber, { path: { phoneNumber } }),

    findCalls: (params = {}) =>
      numbered(
        (page) =>
          client.request("GET", "/calls", EstSchema.CallsPage, {
            query: { ...filterQuery(params), page, size: params.size }
          }),
        (page) => page.calls
      ),
    exportCalls: (params = {}) =>
      client.requestText("GET", "/calls/export", {
        query: {
          ...filterQuery(params),
          fromCountryCode: params.fromCountryCode,
          toCountryCode: params.toCountryCode,
          emergencyOnly: params.emergencyOnly === undefined ? undefined : String(params.emergencyOnly),
          region: params.region,
          // One comma-separated value, as the official SDK sends `projectIds` (a string).
          projectIds: params.projectIds?.join(","),
          fileName: params.fileName,
          groupId: params.groupId,
          parentId: params.parentId,
          relationshipType: params.relationshipType,
          hasChildren: params.hasChildren === undefined ? undefined : String(params.hasChildren),
          page: params.page,
          size: params.size
        }
      }),
    addProjects: (request) =>
      Product.send(client, "POST", "/addProjects", EstSchema.AddProjectsRequest, request, EstSchema.AddProjectsResponse)
        .pipe(
          Effect.map((response) => response.addedProjects)
        ),

    listCallBlockingRules: (params = {}) => {
      // A paged object with totals, or (older reference) a bare array without them, where a short page
      // is the last one, so the size must be known.
      const size = params.size ?? 500
      return Pagination.numberedPages({
        fetch: (page) =>
          client.request("GET", "/callBlockingRules", EstSchema.CallBlockingRules, { query: { page, size } }),
        items: EstSchema.callBlockingRulesOf,
        hasNext: (answer, _, seen) =>
          !Array.isArray(answer) && (answer as EstSchema.Paging).totalItems !== undefined
            ? seen < (answer as EstSchema.Paging).totalItems!
            : EstSchema.callBlockingRulesOf(answer).length >= size
      })
    },
    createCallBlockingRule: (request) =>
      Product.send(
        client,
        "POST",
        "/callBlockingRules",
        EstSchema.CallBlockingRuleRequest,
        request,
        EstSchema.CallBlockingRule
      ),
    updateCallBlockingRule: (id, request) =>
      Product.send(
        client,
        "PUT",
        "/callBlockingRules/{id}",
        EstSchema.CallBlockingRuleRequest,
        request,
        EstSchema.CallBlockingRule,
        { path: { id } }
      ),
    deleteCallBlockingRule: (id) => client.requestVoid("DELETE", "/callBlockingRules/{id}", { path: { id } })
  }
}

const product = Product.project({ tag: ElasticSipTrunking, api: "est", fromClient })

/**
 * Builds the service with a chosen authentication strategy.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith: <R = never>(
  options: Options<R>
) => Effect.Effect<Service, never, R | Product.ProjectContext> = product.makeWith

/**
 * Builds the service with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, Product.OAuth2Context> = product.make

/**
 * The service with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<ElasticSipTrunking, never, Product.OAuth2Context> = product.layer

/**
 * The service with another strategy, e.g. `AuthStrategy.projectBasic` (for tests and scripts: Sinch
 * rate limits Basic auth much more tightly than OAuth2).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith: <R = never>(
  options: Options<R>
) => Layer.Layer<ElasticSipTrunking, never, R | Product.ProjectContext> = product.layerWith
