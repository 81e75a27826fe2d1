/**
 * What `npm start` runs. Without SINCH_* credentials in the environment: an embedded emulator on
 * 127.0.0.1, the doctor against it (demo credentials, given through an in-process `ConfigProvider`),
 * then a tour of every product, showing that one token served all the project-scoped ones. With
 * credentials: the doctor and the read-only tour against the configured Sinch (each product whose
 * credentials are set); writes only with `--write`.
 *
 * @since 0.1.0
 */
import type { CliApp } from "@effect/cli"
import { Command, Options } from "@effect/cli"
import type { HttpClient } from "@effect/platform"
import type { ServeError } from "@effect/platform/HttpServerError"
import type { AuthError } from "@sinch-effect/auth-core"
import { Region, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Conversation } from "@sinch-effect/products"
import type { ConfigError } from "effect"
import { Config, ConfigProvider, Console, Effect, Either, Option } from "effect"
import * as Cli from "./Cli.js"
import * as CliError from "./CliError.js"
import { runDoctor } from "./internal/commands/doctor.js"
import { demoApps, demoEnvironment } from "./internal/demo.js"
import * as Layers from "./internal/layers.js"
import * as Tour from "./Tour.js"

/**
 * The variables whose presence means "real credentials are configured".
 *
 * @since 0.1.0
 * @category constants
 */
export const credentialVariables: ReadonlyArray<string> = [
  "SINCH_PROJECT_ID",
  "SINCH_KEY_ID",
  "SINCH_KEY_SECRET",
  "SINCH_APPLICATION_KEY",
  "SINCH_APPLICATION_SECRET"
]

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Against real Sinch: also rent, create and send (billed). */
  readonly write: boolean
  readonly appId?: string | undefined
  readonly region?: Region.Region | undefined
  /** Recipient of the tour's message against real Sinch. */
  readonly to?: string | undefined
}

/** The demo recipient: a seeded contact of the demo eu app. */
const demoRecipient = "+46700000101"
/** The demo recipient of the Mailgun step. */
const demoMailRecipient = "tour@example.com"

const banner = (text: string) => Console.log(`\n== ${text}`)

/** The APIs whose requests carry the one token, as the emulator counts them, with their names. */
const projectApis = [
  ["numbers", "Numbers"],
  ["est", "Elastic SIP Trunking"],
  ["conversation", "Conversation"],
  ["account", "Access Keys"]
] as const

const emulated = Effect.gen(function*() {
  const server = yield* EmulatorServer.EmulatorServer
  const control = yield* EmulatorControl.EmulatorControl
  yield* Console.log(
    `No SINCH_* credentials in the environment: started the embedded Sinch emulator at ${server.baseUrl}, with its demo credentials.`
  )
  const session = Effect.gen(function*() {
    yield* banner("sinch doctor")
    const report = yield* runDoctor({ json: false, appId: demoApps.eu })
    if (!report.ok) return CliError.ExitCode.Failure

    yield* banner("Tour: every product; one token for the project-scoped ones")
    const before = yield* control.counters
    // The project-scoped products on one TokenProvider: Numbers, Elastic SIP Trunking,
    // Conversation, then Access Keys.
    const tokenRequests = yield* Effect.gen(function*() {
      const provider = yield* TokenProvider.TokenProvider
      const start = (yield* provider.snapshot).requests
      yield* Tour.write({ appId: demoApps.eu, to: demoRecipient })
      yield* Tour.accessKeys({ step: 4 })
      return (yield* provider.snapshot).requests - start
    }).pipe(Effect.provide(Layers.products("eu")))
    // No token: signed with the application key.
    yield* Tour.verification({
      step: 5,
      to: demoRecipient,
      code: demoRecipient.slice(-4),
      codeSource: "the emulator's code is the number's last four digits"
    }).pipe(Effect.provide(Layers.verification))
    // No token: Basic with the Mailgun key.
    yield* Tour.mailgun({ step: 6, domain: Emulator.demoCredentials.mailgunDomain, to: demoMailRecipient }).pipe(
      Effect.provide(Layers.mailgun)
    )
    // No token: signed with the application key.
    yield* Tour.voice({ step: 7, to: demoRecipient, text: "Hello from the sinch-effect tour." }).pipe(
      Effect.provide(Layers.voice())
    )
    const after = yield* control.counters
    const issued = (after.tokenRequests.byOutcome["issued"] ?? 0) - (before.tokenRequests.byOutcome["issued"] ?? 0)
    const calls = (api: string) => (after.requestsByApi[api] ?? 0) - (before.requestsByApi[api] ?? 0)
    const project = projectApis.map(([api, name]) => `${calls(api)} ${name}`)
    yield* Console.log(
      `\n${tokenRequests} token request(s) from the tour's TokenProvider; the emulator issued ${issued} token(s) ` +
        `while serving ${project.slice(0, -1).join(", ")} and ${project[project.length - 1]} request(s).`
    )
    yield* Console.log(
      `The ${calls("verification")} Verification and ${calls("voice")} Voice request(s) were signed with the ` +
        `application key and the ${calls("mailgun")} Mailgun request(s) sent the Mailgun key: they need no token.`
    )
    if (tokenRequests !== 1 || issued !== 1) {
      yield* Console.error("error: expected exactly one token to serve every project-scoped product")
      return CliError.ExitCode.Failure
    }
    yield* Console.log(
      "Exactly ONE token served all four project-scoped products (Numbers, Elastic SIP Trunking, Conversation, Access Keys)."
    )
    return CliError.ExitCode.Ok
  })
  return yield* Effect.withConfigProvider(session, ConfigProvider.fromMap(new Map(demoEnvironment(server.baseUrl))))
}).pipe(Effect.provide(EmulatorServer.layerEmulator()))

/** Whether any of `names` is set. */
const anySet = (names: ReadonlyArray<string>) =>
  Effect.map(
    Effect.filter(names, (name) => Effect.map(Effect.either(Config.string(name)), Either.isRight)),
    (set) => set.length > 0
  )

const configured = (options: Options) =>
  Effect.gen(function*() {
    const envRegion = yield* Effect.mapError(
      Config.option(Config.literal(...Region.all)("SINCH_CONVERSATION_REGION")),
      CliError.fromConfigError
    )
    const region = options.region ?? Option.getOrUndefined(envRegion)
    const writeTo = options.write
      ? options.appId !== undefined && options.to !== undefined && region !== undefined
        ? Option.some({ appId: options.appId, to: options.to, region })
        : Option.none()
      : undefined
    if (writeTo !== undefined && Option.isNone(writeTo)) {
      return yield* CliError.usage(
        "--write against real Sinch needs --app-id, --region and --to (the message recipient)"
      )
    }
    yield* Console.log("SINCH_* credentials found: running against the configured Sinch endpoints.")
    yield* banner("sinch doctor")
    const report = yield* runDoctor({ json: false, appId: options.appId, region })
    if (!report.ok) return CliError.ExitCode.Failure

    yield* banner("Read-only tour")
    const hasProject = yield* anySet(["SINCH_PROJECT_ID", "SINCH_KEY_ID", "SINCH_KEY_SECRET"])
    const hasApplication = yield* anySet(["SINCH_APPLICATION_KEY", "SINCH_APPLICATION_SECRET"])
    const hasMailgun = yield* anySet(["MAILGUN_API_KEY"])
    if (hasProject) {
      const regions = region === undefined ? Region.all : [region]
      const tokenRequests = yield* Effect.gen(function*() {
        const provider = yield* TokenProvider.TokenProvider
        const start = (yield* provider.snapshot).requests
        yield* Tour.readOnly({ regions, conversation: (region) => Conversation.make({ region }) })
        yield* Tour.accessKeys({ step: 5 })
        return (yield* provider.snapshot).requests - start
      }).pipe(Effect.provide(Layers.products(regions[0]!)))
      yield* Console.log(`     ${tokenRequests} token request(s) served the project-scoped steps.`)
    }
    if (hasMailgun) yield* Tour.mailgunDomains({ step: 6 }).pipe(Effect.provide(Layers.mailgun))
    if (hasApplication) {
      yield* Tour.voiceNumbers({ step: 7 }).pipe(Effect.provide(Layers.voice()))
      // Its read-only requests need a verification in progress: the doctor's check above is the
      // read-only proof that the application key works.
      yield* Tour.step(
        8,
        "Verification: nothing to read without a verification in progress (the doctor checked the key)"
      )
    }

    if (writeTo !== undefined && Option.isSome(writeTo)) {
      const { appId, region, to } = writeTo.value
      yield* banner("Write tour (--write: this rents a number, which is billed)")
      const written = yield* Tour.write({ appId, to }).pipe(
        Effect.provide(Layers.products(region))
      )
      yield* Console.log(`\n${written.tokenRequests} token request(s) served all three products.`)
    } else {
      yield* Console.log("\nNothing was rented, created, sent or called; pass --write to run the write tour.")
    }
    return CliError.ExitCode.Ok
  })

/**
 * Runs the demo or the configured tour and answers the exit code.
 *
 * @since 0.1.0
 * @category running
 */
export const start = (
  options: Options
): Effect.Effect<
  CliError.ExitCode,
  CliError.CliError | ConfigError.ConfigError | AuthError.SinchError | ServeError,
  HttpClient.HttpClient
> =>
  Effect.gen(function*() {
    const present = yield* Effect.filter(
      credentialVariables,
      (name) => Effect.map(Effect.either(Config.string(name)), Either.isRight)
    )
    return present.length === 0 ? yield* emulated : yield* configured(options)
  })

/**
 * `npm start [--write] [--app-id id] [--region us|eu|br] [--to +E164]`.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "start",
  {
    write: Options.boolean("write").pipe(
      Options.withDescription("Against real Sinch, also rent a number, create a trunk and send a message")
    ),
    appId: Options.text("app-id").pipe(
      Options.optional,
      Options.withDescription("Conversation app to check (and send from)")
    ),
    region: Options.choice("region", Region.all).pipe(Options.optional, Options.withDescription("Region of the app")),
    to: Options.text("to").pipe(Options.optional, Options.withDescription("Recipient of the --write tour's message"))
  },
  (args) =>
    Effect.flatMap(
      start({
        write: args.write,
        appId: Option.getOrUndefined(args.appId),
        region: Option.getOrUndefined(args.region),
        to: Option.getOrUndefined(args.to)
      }),
      (code) => (code === CliError.ExitCode.Ok ? Effect.void : Effect.fail(CliError.failure("")))
    )
).pipe(
  Command.withDescription(
    "Doctor and tour: against an embedded emulator without credentials, else read-only against Sinch"
  )
)

/**
 * Runs `npm start` with `argv` (as in `process.argv`) and answers the exit code.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<CliError.ExitCode | 130, never, CliApp.CliApp.Environment | HttpClient.HttpClient> =>
  Cli.runCommand(command, argv, "npm start")
