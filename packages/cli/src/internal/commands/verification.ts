import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Verification, VerificationSchema } from "@sinch-effect/products"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CliError from "../../CliError.js"
import { json, library, output, phoneNumber } from "./common.js"

/** The schema's methods, here so that parsing loads no library (the type keeps them in step). @internal */
export const methods = ["sms", "flashcall", "callout", "seamless"] as const satisfies ReadonlyArray<
  VerificationSchema.Method
>

const reportable = ["sms", "flashcall", "callout"] as const satisfies ReadonlyArray<VerificationSchema.ReportableMethod>

/** Runs `f` with the Verification service (the library loaded only now). */
const withVerification = <A, E>(f: (verification: Verification.Service) => Effect.Effect<A, E>) =>
  Effect.flatMap(
    library,
    ({ Layers, products }) => Effect.provide(Effect.flatMap(products.Verification.Verification, f), Layers.verification)
  )

const to = Options.text("to").pipe(Options.withDescription("The phone number to verify, E.164"))

const human = (v: VerificationSchema.Verification) =>
  `Verification ${v.id}${v.method ? ` (${v.method})` : ""}: ${v.status ?? "unknown"}${v.reason ? `, ${v.reason}` : ""}.`

const start = Command.make(
  "start",
  {
    json,
    to,
    method: Options.choice("method", methods).pipe(
      Options.withDefault("sms" as const),
      Options.withDescription("sms, flashcall, callout (a call speaks the code) or seamless (data); default sms")
    ),
    reference: Options.text("reference").pipe(
      Options.optional,
      Options.withDescription("Your own reference, unique per verification")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const endpoint = yield* phoneNumber(args.to, "--to")
      const request = {
        identity: { type: "number" as const, endpoint },
        ...Option.match(args.reference, { onNone: () => ({}), onSome: (reference) => ({ reference }) })
      }
      const started = yield* withVerification((verification) => {
        switch (args.method) {
          case "sms":
            return verification.startSms(request)
          case "flashcall":
            return verification.startFlashCall(request)
          case "callout":
            return verification.startPhoneCall(request)
          case "seamless":
            return verification.startData(request)
        }
      })
      yield* output(args.json, started, () => `Started ${args.method} verification ${started.id} of ${endpoint}.`)
    })
).pipe(Command.withDescription("Start a verification of a phone number"))

const report = Command.make(
  "report",
  {
    json,
    id: Options.text("id").pipe(Options.optional, Options.withDescription("The verification's id")),
    to: to.pipe(Options.optional, Options.withDescription("Or the number whose verification is in progress")),
    method: Options.choice("method", reportable).pipe(
      Options.withDefault("sms" as const),
      Options.withDescription("The verification's method (default sms)")
    ),
    code: Options.text("code").pipe(
      Options.withDescription("The code the user received (for a flash call: the number that called)")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const body: VerificationSchema.Report = args.method === "sms"
        ? { method: "sms", sms: { code: args.code } }
        : args.method === "flashcall"
        ? { method: "flashcall", flashCall: { cli: args.code } }
        : { method: "callout", callout: { code: args.code } }
      const reported = yield* Option.match(args.id, {
        onSome: (id) => withVerification((verification) => verification.reportById(id, body)),
        onNone: () =>
          Option.match(args.to, {
            onSome: (number) =>
              Effect.flatMap(
                phoneNumber(number, "--to"),
                (endpoint) => withVerification((verification) => verification.reportByIdentity(endpoint, body))
              ),
            onNone: () => Effect.fail(CliError.usage("pass --id or --to"))
          })
      })
      yield* output(args.json, reported, () => human(reported))
    })
).pipe(Command.withDescription("Report the code the user received"))

const status = Command.make(
  "status",
  {
    json,
    id: Options.text("id").pipe(Options.optional, Options.withDescription("The verification's id")),
    reference: Options.text("reference").pipe(Options.optional, Options.withDescription("Or your reference")),
    to: to.pipe(Options.optional, Options.withDescription("Or the number (its latest verification by --method)")),
    method: Options.choice("method", reportable).pipe(
      Options.withDefault("sms" as const),
      Options.withDescription("With --to: the method (default sms)")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const found = yield* Option.match(args.id, {
        onSome: (id) => withVerification((verification) => verification.getById(id)),
        onNone: () =>
          Option.match(args.reference, {
            onSome: (reference) => withVerification((verification) => verification.getByReference(reference)),
            onNone: () =>
              Option.match(args.to, {
                onSome: (number) =>
                  Effect.flatMap(
                    phoneNumber(number, "--to"),
                    (endpoint) => withVerification((verification) => verification.getByIdentity(endpoint, args.method))
                  ),
                onNone: () => Effect.fail(CliError.usage("pass --id, --reference or --to"))
              })
          })
      })
      yield* output(args.json, found, () => human(found))
    })
).pipe(Command.withDescription("Read a verification's status"))

/** `sinch verification …`. @internal */
export const command = Command.make("verification").pipe(
  Command.withDescription("Verify phone numbers: start, report the code, read the status (Verification API)"),
  Command.withSubcommands([start, report, status])
)
