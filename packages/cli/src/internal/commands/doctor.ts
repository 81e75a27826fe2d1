import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Region } from "@sinch-effect/auth-core"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CliError from "../../CliError.js"
import type * as Doctor from "../../Doctor.js"
import { Colour, paint } from "../style.js"
import * as Table from "../table.js"
import { json, regions } from "./common.js"

const label: { readonly [S in Doctor.Status]: string } = { pass: "PASS", fail: "FAIL", skip: "SKIP" }
const tint = { pass: "green", fail: "red", skip: "yellow" } as const

const line = (check: Doctor.CheckResult, colour: boolean): string =>
  [
    `${paint(colour, tint[check.status], label[check.status])}  ${check.title}: ${check.detail}`,
    ...(check.fix === undefined ? [] : [`      fix: ${check.fix}`])
  ].join("\n")

const credentialChecks: ReadonlyArray<Doctor.CheckId> = [
  "project-credentials",
  "application-credentials",
  "mailgun-credentials"
]

const noCredentials = (report: Doctor.Report): boolean =>
  report.checks.filter((check) => credentialChecks.includes(check.id)).every((check) => check.status === "skip")

/** How many checks were skipped. @internal */
export const skipped = (report: Doctor.Report): number =>
  report.checks.filter((check) => check.status === "skip").length

/** The verdict line: "All checks passed" only when every check ran and passed. @internal */
export const verdict = (report: Doctor.Report): string => {
  const skips = skipped(report)
  if (!report.ok) return "Some checks failed: each FAIL line above says what to do."
  if (skips === 0) return "All checks passed."
  return `No check failed, but ${skips} of ${report.checks.length} checks were skipped (each SKIP line says why); ` +
    "pass --allow-skipped to accept that."
}

/** The human summary after the checks. @internal */
export const summary = (report: Doctor.Report): string => {
  const count = (status: Doctor.Status) => report.checks.filter((check) => check.status === status).length
  return [
    Table.render(
      ["check", "result", "detail"],
      report.checks.map((check) => [check.title, label[check.status], check.detail])
    ),
    "",
    `${count("pass")} passed, ${count("fail")} failed, ${
      count("skip")
    } skipped; ${report.tokenRequests} token request(s).`,
    verdict(report),
    ...(noCredentials(report)
      ? [
        "No credentials are set: export SINCH_PROJECT_ID, SINCH_KEY_ID and SINCH_KEY_SECRET, or try `sinch emulator` or `npm start`."
      ]
      : [])
  ].join("\n")
}

/** Runs the doctor, printing each check as it completes unless `json`. @internal */
export const runDoctor = (options: {
  readonly json: boolean
  readonly appId?: string | undefined
  readonly region?: Region.Region | undefined
}) =>
  Effect.gen(function*() {
    const colour = yield* Colour
    if (!options.json) yield* Console.log("Checking the Sinch configuration…")
    // Loaded only when the doctor runs: it brings the whole library.
    const Doctor = yield* Effect.promise(() => import("../../Doctor.js"))
    const report = yield* Doctor.run({
      appId: options.appId,
      region: options.region,
      ...(options.json ? {} : { onCheck: (check) => Console.log(line(check, colour)) })
    })
    yield* Console.log(options.json ? JSON.stringify(report, null, 2) : `\n${summary(report)}`)
    return report
  })

/** `sinch doctor`. @internal */
export const command = Command.make(
  "doctor",
  {
    json,
    appId: Options.text("app-id").pipe(
      Options.optional,
      Options.withDescription("A Conversation app id: check which region it is in")
    ),
    region: Options.choice("region", regions).pipe(
      Options.optional,
      Options.withDescription(
        "The region the app should be in (default: SINCH_CONVERSATION_REGION, else probe us, eu and br)"
      )
    ),
    allowSkipped: Options.boolean("allow-skipped").pipe(
      Options.withDescription(
        "Exit 0 when no check failed, even if some were skipped (without it, skipped checks exit 1)"
      )
    )
  },
  (args) =>
    Effect.gen(function*() {
      const region = Option.isSome(args.region) ? args.region : yield* configuredRegion
      const report = yield* runDoctor({
        json: args.json,
        appId: Option.getOrUndefined(args.appId),
        region: Option.getOrUndefined(region)
      })
      // Everything was printed already: fail silently, with the exit code. A skipped check fails
      // too unless allowed, so that `sinch doctor` can gate a pipeline.
      if (!report.ok || (skipped(report) > 0 && !args.allowSkipped)) return yield* CliError.failure("")
    })
).pipe(
  Command.withDescription(
    "Check credentials, token exchange, clock, project access, Conversation region, application (Voice, Verification) and Mailgun keys"
  )
)

const configuredRegion = Effect.mapError(
  Config.option(Config.literal(...regions)("SINCH_CONVERSATION_REGION")),
  CliError.fromConfigError
)
