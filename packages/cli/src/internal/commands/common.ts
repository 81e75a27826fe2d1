import * as Options from "@effect/cli/Options"
import type { Region } from "@sinch-effect/auth-core"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CliError from "../../CliError.js"

/**
 * The library, loaded when a command runs: the command tree (all `--help` needs) loads only
 * `@effect/cli`.
 *
 * @internal
 */
export const library = Effect.promise(() =>
  Promise.all([
    import("@sinch-effect/auth-core"),
    import("@sinch-effect/products"),
    import("../layers.js")
  ]).then(([auth, products, layers]) => ({ auth, products, Layers: layers }))
)

/**
 * The Conversation regions, here rather than from auth-core so that parsing loads no library; the
 * type makes the compiler report a region added there and missing here.
 *
 * @internal
 */
export const regions = ["us", "eu", "br"] as const satisfies ReadonlyArray<Region.Region>
/** @internal */
export type MissingRegion = Exclude<Region.Region, typeof regions[number]>
// Fails to compile when auth-core has a region this list lacks.
const _allRegions: [MissingRegion] extends [never] ? true : never = true
void _allRegions

/** @internal */
export const json = Options.boolean("json").pipe(
  Options.withDescription("Print machine-readable JSON on stdout, and nothing else")
)

/**
 * `--region`, else SINCH_CONVERSATION_REGION (read by `resolveRegion` when the command runs, so that
 * a bad value is a configuration error, exit 3, and a missing one names both).
 *
 * @internal
 */
export const region = Options.choice("region", regions).pipe(
  Options.optional,
  Options.withDescription("Conversation region of the app: us, eu or br (default: SINCH_CONVERSATION_REGION)")
)

/** @internal */
export const resolveRegion = (
  flag: Option.Option<Region.Region>
): Effect.Effect<Region.Region, CliError.CliError> =>
  Option.match(flag, {
    onSome: Effect.succeed,
    onNone: () =>
      Config.option(Config.literal(...regions)("SINCH_CONVERSATION_REGION")).pipe(
        Effect.mapError(CliError.fromConfigError),
        Effect.flatMap(Option.match({
          onSome: Effect.succeed,
          onNone: () =>
            Effect.fail(
              CliError.usage(
                "the Conversation region is required: pass --region us|eu|br or set SINCH_CONVERSATION_REGION"
              )
            )
        }))
      )
  })

/** @internal */
export const limit = Options.integer("limit").pipe(
  Options.withDefault(50),
  Options.withDescription("At most this many items (pages are fetched only as needed)")
)

/** JSON for scripts, or the human rendering. @internal */
export const output = (asJson: boolean, value: unknown, human: () => string): Effect.Effect<void> =>
  Console.log(asJson ? JSON.stringify(value, null, 2) : human())

const e164 = /^\+[1-9]\d{5,14}$/

/** @internal */
export const phoneNumber = (value: string, flag: string): Effect.Effect<string, CliError.CliError> =>
  e164.test(value)
    ? Effect.succeed(value)
    : Effect.fail(CliError.usage(`${flag} must be an E.164 phone number such as +12025550123, got "${value}"`))

/** @internal */
export const positive = (value: number, flag: string): Effect.Effect<number, CliError.CliError> =>
  Number.isInteger(value) && value > 0
    ? Effect.succeed(value)
    : Effect.fail(CliError.usage(`${flag} must be a positive integer, got ${value}`))

/**
 * An option that may be given any number of times, zero included, and whose usage says so
 * (`[--type T]...` rather than `--type T...`, which reads as required).
 *
 * @internal
 */
export const repeatable = <A>(option: Options.Options<A>): Options.Options<ReadonlyArray<A>> =>
  option.pipe(Options.repeated, Options.optional, Options.map(Option.getOrElse((): ReadonlyArray<A> => [])))
