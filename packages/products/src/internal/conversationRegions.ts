import { AuthError, type Region } from "@sinch-effect/auth-core"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { Deferred, Effect, Exit, HashMap, Option, Ref, Schema } from "effect"

/** Where a probe found an app: a region, nowhere else, or no answer worth remembering. @internal */
type Located =
  | { readonly _tag: "Found"; readonly region: Region.Region }
  | { readonly _tag: "Nowhere" }
  | { readonly _tag: "Unknown" }

type Cache = HashMap.HashMap<string, Deferred.Deferred<Located>>

/** @internal */
export interface Locator {
  /**
   * Turns a 404 of a call about `appId` into `WrongRegion` when the app lives in another region; any
   * other error, or a 404 for an app found nowhere else, is returned as it was.
   */
  readonly explain: (appId: string, error: AuthError.SinchError) => Effect.Effect<never, AuthError.SinchError>
  /** Probe requests sent so far (for diagnostics). */
  readonly probes: Effect.Effect<number>
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
    // One entry per app id: concurrent 404s on the same app share one probe, and a conclusive answer is kept.
    const cache = yield* Ref.make<Cache>(HashMap.empty())
    const sent = yield* Ref.make(0)

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

    const locate = (appId: string): Effect.Effect<Located> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const mine = yield* Deferred.make<Located>()
          const existing = yield* Ref.modify(
            cache,
            (map: Cache): readonly [Option.Option<Deferred.Deferred<Located>>, Cache] => {
              const found = HashMap.get(map, appId)
              return Option.isSome(found) ? [found, map] : [Option.none(), HashMap.set(map, appId, mine)]
            }
          )
          if (Option.isSome(existing)) return yield* restore(Deferred.await(existing.value))
          const exit = yield* Effect.exit(restore(probeAll(appId)))
          const located: Located = Exit.isSuccess(exit) ? exit.value : { _tag: "Unknown" }
          // An inconclusive probe (5xx, timeout, interruption) is not remembered: the next 404 asks again.
          if (located._tag === "Unknown") yield* Ref.update(cache, HashMap.remove(appId))
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

    return { explain, probes: Ref.get(sent) }
  })
