/**
 * The resources of the emulated Elastic SIP Trunking API, as they travel on the wire (field names
 * and casing from the EST API reference, https://developers.sinch.com/docs/est/api-reference/est),
 * and the per-project state that holds them.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 * @category models
 */
export interface SipTrunk {
  readonly id: string
  readonly hostName: string
  readonly topLevelDomain: string
  readonly domain: string
  readonly name: string
  readonly callsPerSecond: number
  readonly enableCallerName: boolean
  readonly callForwardNumber: string
  readonly enableCallForward: boolean
  readonly createTime: string
  readonly updateTime: string | null
  readonly projectId: string
}

/**
 * A static endpoint carries `address` / `port`; a registered one `isRegistered` / `credentialUsername`.
 *
 * @since 0.1.0
 * @category models
 */
export interface SipEndpoint {
  readonly id: string
  readonly sipTrunkId: string
  readonly name: string
  readonly transport: "TCP" | "UDP" | "TLS"
  readonly priority: number
  readonly enabled: boolean
  readonly address?: string | undefined
  readonly port?: number | undefined
  readonly isRegistered?: boolean | undefined
  readonly credentialUsername?: string | undefined
  readonly createTime: string
  readonly updateTime: string | null
}

/**
 * @since 0.1.0
 * @category models
 */
export interface IpRange {
  readonly id: string
  readonly description: string
  readonly ipAddress: string
  readonly range: number
  readonly projectId: string
  readonly accessControlListId: string
  readonly createTime: string
  readonly updateTime: string | null
}

/**
 * An ACL as stored; the wire form adds `trunks`, computed from the trunk links.
 *
 * @since 0.1.0
 * @category models
 */
export interface AccessControlList {
  readonly id: string
  readonly name: string
  readonly enabled: boolean
  readonly ipRanges: ReadonlyArray<IpRange>
  readonly createTime: string
  readonly updateTime: string | null
  readonly projectId: string
}

/**
 * A credential as stored. The password never leaves the emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredCredential {
  readonly id: string
  readonly username: string
  readonly password: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface CredentialList {
  readonly id: string
  readonly name: string
  readonly projectId: string
  readonly credentials: ReadonlyArray<StoredCredential>
  readonly createTime: string
  readonly updateTime: string | null
}

/**
 * @since 0.1.0
 * @category models
 */
export interface CountryPermission {
  readonly isoCode: string
  readonly name: string
  readonly continent: string
  readonly countryDialingCodes: ReadonlyArray<string>
  readonly enabled: boolean
}

/**
 * @since 0.1.0
 * @category models
 */
export interface PhoneNumber {
  readonly id: string
  readonly sipTrunkId?: string | undefined
  readonly phoneNumber: string
  readonly countryCode: string
  readonly createTime: string
  readonly updateTime: string | null
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Money {
  readonly currencyCode: string
  readonly amount: string
}

/**
 * @since 0.1.0
 * @category models
 */
export type CallResult = "COMPLETED" | "NO_ANSWER" | "CANCEL" | "BUSY" | "FAILED"

/**
 * @since 0.1.0
 * @category models
 */
export type Direction = "INBOUND" | "OUTBOUND"

/**
 * @since 0.1.0
 * @category models
 */
export interface Call {
  readonly callId: string
  readonly to: string
  readonly from: string
  readonly direction: Direction
  readonly answerTime: string | null
  readonly endTime: string
  readonly durationSeconds: number
  readonly callResult: CallResult
  readonly pricePerMinute: Money
  readonly billingDurationSeconds: number
  readonly price: Money
  readonly createTime: string
  readonly projectId: string
  readonly trunkId: string
  readonly pcapId: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface CallBlockingRule {
  readonly id: string
  readonly name?: string | undefined
  readonly direction: Direction
  readonly callerCountry?: string | undefined
  readonly calleeCountry?: string | undefined
  readonly callerMatch?: string | undefined
  readonly calleeMatch?: string | undefined
}

/**
 * Everything one project owns. Maps keep insertion order, which is the order lists are served in.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProjectState {
  readonly trunks: ReadonlyMap<string, SipTrunk>
  readonly endpoints: ReadonlyMap<string, SipEndpoint>
  readonly acls: ReadonlyMap<string, AccessControlList>
  readonly trunkAcls: ReadonlyMap<string, ReadonlyArray<string>>
  readonly credentialLists: ReadonlyMap<string, CredentialList>
  readonly trunkCredentialLists: ReadonlyMap<string, ReadonlyArray<string>>
  readonly countries: ReadonlyMap<string, CountryPermission>
  readonly numbers: ReadonlyMap<string, PhoneNumber>
  /** Newest first. */
  readonly calls: ReadonlyArray<Call>
  readonly blockingRules: ReadonlyMap<string, CallBlockingRule>
}

/**
 * A copy of `map` with `key` set.
 *
 * @since 0.1.0
 * @category utils
 */
export const setIn = <V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> =>
  new Map(map).set(key, value)

/**
 * A copy of `map` without `key`.
 *
 * @since 0.1.0
 * @category utils
 */
export const removeIn = <V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> => {
  const copy = new Map(map)
  copy.delete(key)
  return copy
}

/**
 * The trunk ids linked to a resource through one of the link tables.
 *
 * @since 0.1.0
 * @category utils
 */
export const trunksLinkedTo = (links: ReadonlyMap<string, ReadonlyArray<string>>, id: string): ReadonlyArray<string> =>
  [...links].filter(([, ids]) => ids.includes(id)).map(([trunkId]) => trunkId)

/**
 * The wire form of an ACL.
 *
 * @since 0.1.0
 * @category encoding
 */
export const aclJson = (state: ProjectState, acl: AccessControlList) => ({
  ...acl,
  trunks: trunksLinkedTo(state.trunkAcls, acl.id)
})

/**
 * The wire form of a credential list: credentials without their passwords.
 *
 * @since 0.1.0
 * @category encoding
 */
export const credentialListJson = (list: CredentialList) => ({
  ...list,
  credentials: list.credentials.map(({ id, username }) => ({ id, username }))
})
