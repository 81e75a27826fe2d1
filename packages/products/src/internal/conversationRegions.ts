import { AuthError, type Region } from "@sinch-effect/auth-core"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { Clock, Deferred, Effect, Exit, Ref, Schema } from "effect"

/** Where a probe found an app: a region, nowhere else, or no answer worth remembering. @internal */
type Located =
  | { readonly _tag: "Found"; readonly region: Region.Region }
  | { readonly _tag: "Nowhere" }
  | { readonly _tag: "Unknown" }

/** One app id's answer (or the probe in flight) and when it stops counting. */
interface Entry {
  readonly located: Deferred.Deferred<Located>
  expiresAt: number
}

/** At most this many app ids are remembered; the least recently used goes first. */
const maxEntries = 1_000
/** How long "found in region X" is remembered. */
const foundTtlMillis = 60 * 60 * 1000
/** How long "found nowhere else" is remembered: briefly, the app may be created meanwhile. */
const nowhereTtlMillis = 60 * 1000
/**
 * Probe rounds allowed: a bucket of 10, refilled one every 6 s. Past it a 404 is returned as it is:
 * a stream of unknown ids must not triple the traffic (each round asks every other region).
 */
const probeBurst = 10
const probeRefillMillis = 6_000

/** @internal */
export interface Locator {
  /**
   * Turns a 404 of a call about `appId` into `WrongRegion` when the app lives in another region; any
   * other error, or a 404 for an app found nowhere else, is returned as it was.
   */
  readonly explain: (appId: string, error: AuthError.SinchError) => Effect.Effect<never, AuthError.SinchError>
  /** Probe requests sent so far (for diagnostics). */
  readonly probes: Effect.Effect<number>
  /** App ids remembered now (bounded by the LRU's size). */
  readonly entries: Effect.Effect<number>
}

const AnyBody = Schema.Unknown

/** @internal */
export const isNotFound = (error: AuthError.SinchError): boolean =>
  error._tag === "SinchApiError" && error.status === 404

/** @internal */
export const make = (options: {
  readonly api: string
  readonly configured: Region.Region
  /** One client per other region, sharing the configured client's strategy (and so its token). */
  readonly others: ReadonlyArray<readonly [Region.Region, SinchClient.SinchClient]>
  /** The URL to suggest for a region (the host the service would need). */
  readonly suggestedUrl: (region: Region.Region) => string
}): Effect.Effect<Locator> =>
  Effect.gen(function*() {
    // One entry per app id: concurrent 404s on the same app share one probe, and an answer is kept
    // for its TTL, in an LRU of bounded size (a Map iterates in insertion order: first = least recent).
    const cache = new Map<string, Entry>()
    const sent = yield* Ref.make(0)
    let tokens = probeBurst
    let refilledAt: number | undefined

    const probeOne = (appId: string, region: Region.Region, client: SinchClient.SinchClient) =>
      Ref.update(sent, (n) => n + 1).pipe(
        Effect.zipRight(client.request("GET", "/apps/{app_id}", AnyBody, { path: { app_id: appId } })),
        Effect.match({
          onSuccess: (): Located => ({ _tag: "Found", region }),
          onFailure: (error): Located => isNotFound(error) ? { _tag: "Nowhere" } : { _tag: "Unknown" }
        })
      )

    const probeAll = (appId: string): Effect.Effect<Located> =>
      Effect.map(
        Effect.forEach(options.others, ([region, client]) => probeOne(appId, region, client), {
          concurrency: "unbounded"
        }),
        (answers): Located =>
          answers.find((a) => a._tag === "Found") ??
            (answers.every((a) => a._tag === "Nowhere") ? { _tag: "Nowhere" } : { _tag: "Unknown" })
      )

    /** Takes one probe round from the bucket, if any is left. */
    const takeToken = (now: number): boolean => {
      if (refilledAt === undefined) refilledAt = now
      const refills = Math.floor((now - refilledAt) / probeRefillMillis)
      if (refills > 0) {
        tokens = Math.min(probeBurst, tokens + refills)
        refilledAt += refills * probeRefillMillis
      }
      if (tokens === 0) return false
      tokens--
      return true
    }

    /** The entry to wait on, a new one to fill, or none when the probe budget is spent. */
    const claim = (appId: string, now: number, mine: Deferred.Deferred<Located>): Entry | "mine" | "none" => {
      const existing = cache.get(appId)
      if (existing !== undefined) {
        cache.delete(appId)
        if (existing.expiresAt > now) {
          cache.set(appId, existing)
          return existing
        }
      }
      if (!takeToken(now)) return "none"
      cache.set(appId, { located: mine, expiresAt: Number.POSITIVE_INFINITY })
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value!)
      return "mine"
    }

    const locate = (appId: string): Effect.Effect<Located> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const mine = yield* Deferred.make<Located>()
          const now = yield* Clock.currentTimeMillis
          const claimed = claim(appId, now, mine)
          if (claimed === "none") return { _tag: "Unknown" } as Located
          if (claimed !== "mine") return yield* restore(Deferred.await(claimed.located))
          const exit = yield* Effect.exit(restore(probeAll(appId)))
          const located: Located = Exit.isSuccess(exit) ? exit.value : { _tag: "Unknown" }
          const entry = cache.get(appId)
          if (entry !== undefined && entry.located === mine) {
            const at = yield* Clock.currentTimeMillis
            // An inconclusive probe (5xx, timeout, interruption) is not remembered: the next 404 asks again.
            if (located._tag === "Unknown") cache.delete(appId)
            else entry.expiresAt = at + (located._tag === "Found" ? foundTtlMillis : nowhereTtlMillis)
          }
          yield* Deferred.succeed(mine, located)
          return located
        })
      )

    const explain = (appId: string, error: AuthError.SinchError): Effect.Effect<never, AuthError.SinchError> =>
      !isNotFound(error) || options.others.length === 0
        ? Effect.fail(error)
        : Effect.flatMap(locate(appId), (located) =>
          located._tag === "Found"
            ? Effect.fail(
              new AuthError.WrongRegion({
                api: options.api,
                resource: `App ${appId}`,
                configured: options.configured,
                actual: located.region,
                suggestedUrl: options.suggestedUrl(located.region)
              })
            )
            : Effect.fail(error))

    return { explain, probes: Ref.get(sent), entries: Effect.sync(() => cache.size) }
  })
