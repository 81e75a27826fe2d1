/**
 * The emulator's mutable state and the records in it. State lives in one plain object touched only
 * inside `Effect.sync` blocks: JavaScript runs one block at a time, so each block is atomic without
 * locks, and the hot path stays cheap for benchmarks. A reset replaces the whole object.
 *
 * @internal
 */
import { Redacted } from "effect"
import { timingSafeEqual } from "node:crypto"
import type { EmulatorResponse } from "../Emulator.js"
import type { Fault, LoggedRequest, Target as FaultTarget } from "../EmulatorControl.js"
import type { ApiName, ProductApi, ProductResponse } from "../ProductApi.js"
import * as Bucket from "./bucket.js"

/** @internal */
export interface KeyRecord {
  readonly secret: Redacted.Redacted<string>
  readonly projectIds: ReadonlyArray<string>
  readonly displayName: string
  readonly createTime: number
  readonly updateTime: number
}

/** @internal */
export interface ApplicationRecord {
  readonly secret: Redacted.Redacted<string>
  readonly projectId: string | undefined
}

/** The credentials the emulator accepts; a reset restores the configured ones. @internal */
export interface Credentials {
  readonly keys: Map<string, KeyRecord>
  readonly applications: Map<string, ApplicationRecord>
  readonly mailgunKeys: Array<Redacted.Redacted<string>>
}

/** @internal */
export interface TokenRecord {
  readonly keyId: string
  readonly projectIds: ReadonlyArray<string>
  readonly expiresAt: number
  revoked: boolean
}

/** @internal */
export interface QueuedFault {
  readonly fault: Fault
  remaining: number
}

/** @internal */
export interface State {
  tokenTtlMillis: number
  tokens: Map<string, TokenRecord>
  tokenBucket: Bucket.Bucket
  basicBuckets: Map<string, Bucket.Bucket>
  faults: Map<FaultTarget, Array<QueuedFault>>
  tokenTotal: number
  tokenByOutcome: Record<string, number>
  tokenInFlight: number
  tokenMaxInFlight: number
  byApi: Record<string, number>
  byRoute: Map<string, number>
  recent: Array<LoggedRequest>
  products: ReadonlyMap<ApiName, ReadonlyArray<ProductApi>>
}

/** @internal */
export const fresh = (
  now: number,
  tokenTtlMillis: number,
  tokenBucket: Bucket.BucketOptions,
  products: ReadonlyMap<ApiName, ReadonlyArray<ProductApi>>
): State => ({
  tokenTtlMillis,
  tokens: new Map(),
  tokenBucket: Bucket.full(tokenBucket, now),
  basicBuckets: new Map(),
  faults: new Map(),
  tokenTotal: 0,
  tokenByOutcome: {},
  tokenInFlight: 0,
  tokenMaxInFlight: 0,
  byApi: {},
  byRoute: new Map(),
  recent: [],
  products
})

/** @internal */
export type TokenOutcome =
  | "issued"
  | "invalid_client"
  | "invalid_request"
  | "unsupported_grant_type"
  | "rate_limited"
  | "fault"

/** A response, and for the token endpoint how the request ended. @internal */
export interface Answer {
  readonly response: EmulatorResponse
  readonly tokenOutcome?: TokenOutcome | undefined
}

/** @internal */
export const equalSecret = (presented: string, expected: Redacted.Redacted<string>): boolean => {
  const a = Buffer.from(presented, "utf8")
  const b = Buffer.from(Redacted.value(expected), "utf8")
  return a.length === b.length && timingSafeEqual(a, b)
}

/** @internal */
export const render = (response: ProductResponse): EmulatorResponse => {
  const noBody = response.status === 204 || response.status === 205 || response.status === 304
  const text = response.text !== undefined
  return {
    _tag: "Response",
    status: response.status,
    headers: {
      ...(noBody
        ? {}
        : { "content-type": response.contentType ?? (text ? "text/plain; charset=utf-8" : "application/json") }),
      ...response.headers
    },
    body: noBody ? "" : text ? response.text! : response.body === undefined ? "" : JSON.stringify(response.body)
  }
}
