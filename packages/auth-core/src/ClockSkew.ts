/**
 * The offset between the local `Clock` and the clock of the Sinch servers, learnt from the `Date`
 * header of their responses. Application-signed requests carry an `x-timestamp` that Sinch checks
 * against its own clock: a local clock that is minutes off makes every signed call fail with 401.
 *
 * @since 0.1.0
 */
import { Clock, Context, Duration, Effect, Layer, Ref } from "effect"

/**
 * The current correction: add `millis` to the local `Clock` to get server time. `version` increases
 * with every change, so a caller can tell whether the correction moved since it last read it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Offset {
  readonly millis: number
  readonly version: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The current correction. */
  readonly offset: Effect.Effect<Offset>
  /** Server time as best known: the local `Clock` plus the correction, in epoch millis. */
  readonly now: Effect.Effect<number>
  /**
   * Learns from a server `Date` header (an HTTP-date). The correction changes only when the server
   * clock differs from the corrected local clock by more than the threshold; an unparseable or
   * missing header is ignored. Answers whether the correction changed.
   */
  readonly observe: (serverDate: string | undefined) => Effect.Effect<boolean>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class ClockSkew extends Context.Tag("@sinch-effect/auth-core/ClockSkew")<ClockSkew, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Differences up to this are tolerated without correction. Default one minute. */
  readonly threshold?: Duration.DurationInput | undefined
}

/**
 * A fresh correction, starting at zero.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options?: Options): Effect.Effect<Service> =>
  Effect.map(Ref.make<Offset>({ millis: 0, version: 0 }), (ref) => {
    const threshold = Duration.toMillis(options?.threshold ?? Duration.minutes(1))
    return ClockSkew.of({
      offset: Ref.get(ref),
      now: Effect.zipWith(Clock.currentTimeMillis, Ref.get(ref), (now, offset) => now + offset.millis),
      observe: (serverDate) => {
        const server = serverDate === undefined ? Number.NaN : Date.parse(serverDate)
        if (!Number.isFinite(server)) return Effect.succeed(false)
        return Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Ref.modify(ref, (current) => {
            const measured = server - now
            return Math.abs(measured - current.millis) > threshold
              ? [true, { millis: measured, version: current.version + 1 }]
              : [false, current]
          }))
      }
    })
  })

/**
 * A correction shared by every signed strategy built while it is provided.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<ClockSkew> => Layer.effect(ClockSkew, make(options))
