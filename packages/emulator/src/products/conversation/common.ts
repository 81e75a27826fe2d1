/**
 * Small helpers shared by the Conversation handlers.
 *
 * @since 0.1.0
 */
import type { ChannelIdentity, Contact, RegionState } from "./state.js"

/**
 * The fields an update names: `update_mask` (the documented spelling) or `update_mask.paths`, repeated or
 * comma-separated; `undefined` when the caller sent no mask and every field of the body applies.
 *
 * @since 0.1.0
 * @category parsing
 */
export const updateMask = (query: URLSearchParams): ReadonlyArray<string> | undefined => {
  const paths = [...query.getAll("update_mask.paths"), ...query.getAll("update_mask")]
    .flatMap((value) => value.split(","))
    .map((path) => path.trim())
    .filter((path) => path !== "")
  return paths.length === 0 ? undefined : paths
}

/**
 * Applies the updatable fields of `patch` (restricted by the mask, if any) to `resource`.
 *
 * @since 0.1.0
 * @category combinators
 */
export const applyUpdate = <A extends object>(
  resource: A,
  patch: Readonly<Record<string, unknown>>,
  mask: ReadonlyArray<string> | undefined,
  immutable: ReadonlyArray<string>
): A => {
  const fields = (mask ?? Object.keys(patch)).filter((field) => !immutable.includes(field))
  const next: Record<string, unknown> = { ...(resource as Record<string, unknown>) }
  for (const field of fields) {
    if (field in patch) next[field] = patch[field]
  }
  return next as A
}

/**
 * @since 0.1.0
 * @category predicates
 */
export const sameIdentity = (a: ChannelIdentity, b: ChannelIdentity): boolean =>
  a.channel === b.channel && a.identity === b.identity

/**
 * The contact that owns one of these channel identities, if any.
 *
 * @since 0.1.0
 * @category queries
 */
export const findContactByIdentity = (
  state: RegionState,
  identities: ReadonlyArray<ChannelIdentity>
): Contact | undefined =>
  [...state.contacts.values()].find((contact) =>
    contact.channel_identities.some((own) => identities.some((wanted) => sameIdentity(own, wanted)))
  )

/**
 * Whether a value is a plain JSON object.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)
