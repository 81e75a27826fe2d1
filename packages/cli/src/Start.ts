/**
 * What `npm start` runs. Without SINCH_* credentials in the environment: an embedded emulator on
 * 127.0.0.1, the doctor against it (demo credentials, given through an in-process `ConfigProvider`),
 * then the write tour, showing that one token served all three products. With credentials: the
 * doctor and the read-only tour against the configured Sinch; writes only with `--write`.
 *
 * @since 0.1.0
 */
import type { CliApp } from "@effect/cli"
import { Command, Options } from "@effect/cli"
import type { HttpClient } from "@effect/platform"
import type { ServeError } from "@effect/platform/HttpServerError"
import type { AuthError } from "@sinch-effect/auth-core"
import { Region } from "@sinch-effect/auth-core"
import { EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
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

const banner = (text: string) => Console.log(`\n== ${text}`)

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

    yield* banner("Tour: one token for Numbers, Elastic SIP Trunking and Conversation")
    const before = yield* control.counters
    const result = yield* Tour.write({ appId: demoApps.eu, to: demoRecipient }).pipe(
      Effect.provide(Layers.products("eu"))
    )
    const after = yield* control.counters
    const issued = (after.tokenRequests.byOutcome["issued"] ?? 0) - (before.tokenRequests.byOutcome["issued"] ?? 0)
    const calls = (api: string) => (after.requestsByApi[api] ?? 0) - (before.requestsByApi[api] ?? 0)
    yield* Console.log(
      `\n${result.tokenRequests} token request(s) from the tour's TokenProvider; the emulator issued ${issued} token(s) ` +
        `while serving ${calls("numbers")} Numbers, ${calls("est")} Elastic SIP Trunking and ${
          calls("conversation")
        } Conversation request(s).`
    )
    if (result.tokenRequests !== 1 || issued !== 1) {
      yield* Console.error("error: expected exactly one token to serve all three products")
      return CliError.ExitCode.Failure
    }
    yield* Console.log("Exactly ONE token served all three products.")
    return CliError.ExitCode.Ok
  })
  return yield* Effect.withConfigProvider(session, ConfigProvider.fromMap(new Map(demoEnvironment(server.baseUrl))))
}).pipe(Effect.provide(EmulatorServer.layerEmulator()))

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
    const regions = region === undefined ? Region.all : [region]
    const result = yield* Tour.readOnly({ regions, conversation: (region) => Conversation.make({ region }) }).pipe(
      Effect.provide(Layers.products(regions[0]!))
    )
    yield* Console.log(`\n${result.tokenRequests} token request(s) served the whole read-only tour.`)

    if (writeTo !== undefined && Option.isSome(writeTo)) {
      const { appId, region, to } = writeTo.value
      yield* banner("Write tour (--write: this rents a number, which is billed)")
      const written = yield* Tour.write({ appId, to }).pipe(
        Effect.provide(Layers.products(region))
      )
      yield* Console.log(`\n${written.tokenRequests} token request(s) served all three products.`)
    } else {
      yield* Console.log("Nothing was rented, created or sent; pass --write to run the write tour.")
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
