import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Numbers, NumbersSchema } from "@sinch-effect/products"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Table from "../table.js"
import { json, library, limit, output, phoneNumber, positive, repeatable } from "./common.js"

// The schemas' literals, here so that parsing loads no library (the test compares them).
/** @internal */
export const numberTypes = ["MOBILE", "LOCAL", "TOLL_FREE"] as const satisfies ReadonlyArray<NumbersSchema.NumberType>
/** @internal */
export const capabilities = ["SMS", "VOICE"] as const satisfies ReadonlyArray<NumbersSchema.Capability>
/** @internal */
export const searchPatterns = ["START", "CONTAINS", "END"] as const satisfies ReadonlyArray<NumbersSchema.SearchPattern>

const numberType = Options.choice("type", numberTypes).pipe(
  Options.withDescription("MOBILE, LOCAL or TOLL_FREE")
)

const regionCode = Options.text("region-code").pipe(
  Options.withDescription("ISO 3166-1 alpha-2 country code, e.g. US or SE")
)

const capability = repeatable(
  Options.choice("capability", capabilities).pipe(
    Options.withDescription("Required capability (repeatable): SMS or VOICE")
  )
)

const phone = Args.text({ name: "phone-number" }).pipe(Args.withDescription("E.164, e.g. +12025550123"))

/** Runs `f` with the service; acquired only once the arguments are valid, so usage errors come first. */
const withNumbers = <A, E>(f: (numbers: Numbers.Service) => Effect.Effect<A, E>) =>
  Effect.flatMap(
    library,
    ({ Layers, products }) => Effect.provide(Effect.flatMap(products.Numbers.Numbers, f), Layers.numbers)
  )

const money = (value: NumbersSchema.Money | undefined) => (value ? `${value.amount} ${value.currencyCode}` : undefined)

const activeRows = (numbers: ReadonlyArray<NumbersSchema.ActiveNumber>) =>
  Table.render(
    ["number", "region", "type", "capability", "display name", "monthly", "next charge"],
    numbers.map((
      n
    ) => [n.phoneNumber, n.regionCode, n.type, n.capability, n.displayName, money(n.money), n.nextChargeDate])
  )

const describeActive = (n: NumbersSchema.ActiveNumber) =>
  Table.fields([
    ["number", n.phoneNumber],
    ["region", n.regionCode],
    ["type", n.type],
    ["capability", n.capability],
    ["display name", n.displayName],
    ["monthly price", money(n.money)],
    ["next charge", n.nextChargeDate],
    ["expires", n.expireAt],
    ["SMS service plan", n.smsConfiguration?.servicePlanId],
    ["voice", n.voiceConfiguration?.type],
    ["callback URL", n.callbackUrl]
  ])

const available = Command.make(
  "available",
  {
    json,
    regionCode,
    type: Options.withDefault(numberType, "LOCAL" as const),
    capability,
    pattern: Options.text("pattern").pipe(Options.optional, Options.withDescription("Digits the number must contain")),
    position: Options.choice("pattern-position", searchPatterns).pipe(
      Options.withDefault("CONTAINS" as const),
      Options.withDescription("Where the pattern must be: START, CONTAINS or END")
    ),
    size: Options.integer("size").pipe(Options.withDefault(10), Options.withDescription("At most this many numbers"))
  },
  (args) =>
    Effect.gen(function*() {
      const size = yield* positive(args.size, "--size")
      const found = yield* withNumbers((numbers) =>
        numbers.listAvailableNumbers({
          regionCode: args.regionCode.toUpperCase(),
          type: args.type,
          size,
          ...(args.capability.length > 0 ? { capabilities: [...args.capability] } : {}),
          ...(Option.isSome(args.pattern)
            ? { numberPattern: { pattern: args.pattern.value, searchPattern: args.position } }
            : {})
        })
      )
      yield* output(args.json, found, () =>
        found.length === 0
          ? "No available numbers match."
          : Table.render(
            ["number", "region", "type", "capability", "setup", "monthly"],
            found.map((
              n
            ) => [n.phoneNumber, n.regionCode, n.type, n.capability, money(n.setupPrice), money(n.monthlyPrice)])
          ))
    })
).pipe(Command.withDescription("Search numbers that can be rented"))

const active = Command.make(
  "active",
  {
    json,
    limit,
    regionCode: Options.optional(regionCode),
    type: Options.optional(numberType)
  },
  (args) =>
    Effect.gen(function*() {
      const max = yield* positive(args.limit, "--limit")
      const found = yield* withNumbers((numbers) =>
        numbers.listActiveNumbers({
          ...Option.match(args.regionCode, {
            onNone: () => ({}),
            onSome: (code) => ({ regionCode: code.toUpperCase() })
          }),
          ...Option.match(args.type, { onNone: () => ({}), onSome: (type) => ({ type }) })
        }).pipe(Stream.take(max), Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
      )
      yield* output(
        args.json,
        found,
        () => found.length === 0 ? "The project has no active numbers." : activeRows(found)
      )
    })
).pipe(Command.withDescription("List the project's active (rented) numbers"))

const get = Command.make("get", { json, phone }, (args) =>
  Effect.gen(function*() {
    const number = yield* phoneNumber(args.phone, "phone-number")
    const found = yield* withNumbers((numbers) => numbers.getActiveNumber(number))
    yield* output(args.json, found, () => describeActive(found))
  })).pipe(Command.withDescription("Show one active number"))

const rent = Command.make(
  "rent",
  {
    json,
    phone,
    callbackUrl: Options.text("callback-url").pipe(
      Options.optional,
      Options.withDescription("URL for Numbers callbacks")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const number = yield* phoneNumber(args.phone, "phone-number")
      const rented = yield* withNumbers((numbers) =>
        numbers.rentNumber(
          number,
          Option.match(args.callbackUrl, { onNone: () => ({}), onSome: (callbackUrl) => ({ callbackUrl }) })
        )
      )
      yield* output(args.json, rented, () => `Rented ${rented.phoneNumber}.\n${describeActive(rented)}`)
    })
).pipe(Command.withDescription("Rent an available number (this is billed)"))

const release = Command.make("release", { json, phone }, (args) =>
  Effect.gen(function*() {
    const number = yield* phoneNumber(args.phone, "phone-number")
    const released = yield* withNumbers((numbers) => numbers.releaseNumber(number))
    yield* output(args.json, released, () => `Released ${released.phoneNumber}.`)
  })).pipe(Command.withDescription("Release an active number"))

const regions = Command.make(
  "regions",
  { json, type: repeatable(numberType) },
  (args) =>
    Effect.gen(function*() {
      const found = yield* withNumbers((numbers) =>
        numbers.listAvailableRegions(args.type.length > 0 ? { types: [...args.type] } : {})
      )
      yield* output(args.json, found, () =>
        Table.render(["region", "name", "types"], found.map((r) => [r.regionCode, r.regionName, r.types])))
    })
).pipe(Command.withDescription("List the regions where numbers can be rented"))

/** `sinch numbers …`. @internal */
export const command = Command.make("numbers").pipe(
  Command.withDescription("Search, rent, list and release phone numbers (Numbers API)"),
  Command.withSubcommands([available, active, get, rent, release, regions])
)
