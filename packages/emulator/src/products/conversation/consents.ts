/**
 * Consents: the identities on an app's opt-out list, and one identity's audit records. Written from
 * sinch-sdk-node packages/conversation/src/rest/v1/consents/consents-api.ts (`GET
 * /apps/{app_id}/consents/{list_type}`, a token-paged list under `identities`; `GET
 * /apps/{app_id}/consents/identities/{identity}`) and the shapes of
 * packages/conversation/tests/rest/v1/consents/consents-api.test.ts (`{identity: {identity},
 * audit_records: [{operation, list_type, project_id, app_id, datetime, origin}]}`).
 *
 * @since 0.3.0
 */
import { Either } from "effect"
import { paginate } from "./pagination.js"
import { notFound, ok } from "./responses.js"
import { type Handler, unchanged } from "./state.js"
import { violation } from "./validation.js"

/**
 * The consent lists.
 *
 * @since 0.3.0
 * @category constants
 */
export const listTypes = ["OPT_OUT_ALL", "OPT_OUT_MARKETING", "OPT_OUT_NOTIFICATION"] as const

/**
 * `GET /apps/{app_id}/consents/{list_type}`: the identities whose last record on that list is not a
 * delete, in the order they joined; `page_size` 10 by default and at most 100.
 *
 * @since 0.3.0
 * @category handlers
 */
export const listIdentities = (appId: string, listType: string): Handler => (state, { request }) => {
  if (!(listTypes as ReadonlyArray<string>).includes(listType)) {
    return unchanged(state, violation("list_type", `must be one of ${listTypes.join(", ")}`))
  }
  if (!state.apps.has(appId)) return unchanged(state, notFound(`App ${appId} not found`))
  const onList = new Map<string, boolean>()
  for (const record of state.consents) {
    if (record.app_id !== appId || record.list_type !== listType) continue
    onList.delete(record.identity)
    onList.set(record.identity, record.operation !== "OPERATION_DELETE")
  }
  const identities = [...onList].filter(([, present]) => present).map(([identity]) => ({ identity }))
  const page = paginate(identities, request.query, { defaultSize: 10, maxSize: 100 })
  if (Either.isLeft(page)) return unchanged(state, page.left)
  return unchanged(
    state,
    ok({
      identities: page.right.items,
      next_page_token: page.right.next_page_token,
      total_size: page.right.total_size
    })
  )
}

/**
 * `GET /apps/{app_id}/consents/identities/{identity}`: every record of the identity, oldest first.
 *
 * @since 0.3.0
 * @category handlers
 */
export const auditRecords = (appId: string, identity: string): Handler => (state, { request }) => {
  if (!state.apps.has(appId)) return unchanged(state, notFound(`App ${appId} not found`))
  const records = state.consents.filter((record) => record.app_id === appId && record.identity === identity)
  return unchanged(
    state,
    ok({
      identity: { identity },
      audit_records: records.map((record) => ({
        operation: record.operation,
        list_type: record.list_type,
        project_id: request.projectId ?? "",
        app_id: record.app_id,
        datetime: record.datetime,
        origin: record.origin
      }))
    })
  )
}
