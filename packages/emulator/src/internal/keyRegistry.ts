/**
 * The emulator's access keys as the Access Keys API sees them: the same map the token endpoint and
 * project Basic auth read, so a created key works at once and a deleted one stops working.
 *
 * @internal
 */
import type { KeyInfo, KeyRegistryService } from "../ProductApi.js"
import type { KeyRecord, State } from "./state.js"

const info = (keyId: string, record: KeyRecord): KeyInfo => ({
  keyId,
  projectIds: record.projectIds,
  displayName: record.displayName,
  createTime: record.createTime,
  updateTime: record.updateTime
})

/** @internal */
export const make = (keys: Map<string, KeyRecord>, state: () => State): KeyRegistryService => ({
  list: (projectId) =>
    [...keys.entries()]
      .filter(([, record]) => record.projectIds.includes(projectId))
      .map(([keyId, record]) => info(keyId, record))
      // A stable sort: keys created in the same millisecond stay in the order they were created.
      .sort((a, b) => a.createTime - b.createTime),
  get: (keyId) => {
    const record = keys.get(keyId)
    return record === undefined ? undefined : info(keyId, record)
  },
  add: ({ keyId, secret, ...rest }) => {
    const record: KeyRecord = { secret, ...rest }
    keys.set(keyId, record)
    return info(keyId, record)
  },
  update: (keyId, change) => {
    const record = keys.get(keyId)
    if (record === undefined) return undefined
    const next: KeyRecord = { ...record, displayName: change.displayName, updateTime: change.updateTime }
    keys.set(keyId, next)
    return info(keyId, next)
  },
  remove: (keyId) => {
    if (!keys.delete(keyId)) return false
    // Sinch: "Existing access token might be valid for up to 1 minute." The emulator takes the strict
    // end of that, so that a client still using a deleted key's token is caught.
    const current = state()
    for (const token of current.tokens.values()) {
      if (token.keyId === keyId) token.revoked = true
    }
    current.basicBuckets.delete(keyId)
    return true
  }
})
