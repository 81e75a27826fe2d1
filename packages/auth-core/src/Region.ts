/**
 * The regions of Sinch's regional project APIs (Conversation, Templates).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * A Conversation / Templates region. The project's apps live in exactly one of them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Region = Schema.Literal("us", "eu", "br")

/**
 * @since 0.1.0
 * @category models
 */
export type Region = typeof Region.Type

/**
 * Every region, in the order a probe tries them.
 *
 * @since 0.1.0
 * @category constants
 */
export const all: ReadonlyArray<Region> = Region.literals

/**
 * @since 0.1.0
 * @category guards
 */
export const isRegion: (u: unknown) => u is Region = Schema.is(Region)
