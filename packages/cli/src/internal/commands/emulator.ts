import { Command, Options } from "@effect/cli"
import { Emulator, EmulatorServer } from "@sinch-effect/emulator"
import { demoData } from "@sinch-effect/emulator/products/conversation"
import { Console, Effect, Redacted } from "effect"
import * as CliError from "../../CliError.js"

/**
 * What a shell needs to point everything at an emulator: the variables to export, with the demo
 * credentials. These are public demo values, accepted only by the emulator.
 *
 * @internal
 */
export const demoEnvironment = (baseUrl: string): ReadonlyArray<readonly [string, string]> => {
  const demo = Emulator.demoCredentials
  return [
    ["SINCH_EMULATOR_URL", baseUrl],
    ["SINCH_PROJECT_ID", demo.projectId],
    ["SINCH_KEY_ID", demo.keyId],
    ["SINCH_KEY_SECRET", Redacted.value(demo.keySecret)],
    ["SINCH_APPLICATION_KEY", demo.applicationKey],
    ["SINCH_APPLICATION_SECRET", Redacted.value(demo.applicationSecret)],
    ["MAILGUN_API_KEY", Redacted.value(demo.mailgunApiKey)]
  ]
}

/** The seeded Conversation apps. @internal */
export const demoApps = { eu: demoData.euApp, us: demoData.usApp } as const

/** `sinch emulator`: a local Sinch in the foreground. @internal */
export const command = Command.make(
  "emulator",
  {
    port: Options.integer("port").pipe(
      Options.withDefault(0),
      Options.withDescription("Port on 127.0.0.1 (default 0: any free port)")
    )
  },
  ({ port }) =>
    Effect.gen(function*() {
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        return yield* CliError.usage(`--port must be 0 to 65535, got ${port}`)
      }
      const server = yield* EmulatorServer.EmulatorServer
      const lines = [
        `Sinch emulator listening on ${server.baseUrl}`,
        "",
        "Point the library, the sinch command or the official SDK at it (demo credentials, public values):",
        ...demoEnvironment(server.baseUrl).map(([name, value]) => `  export ${name}=${value}`),
        "",
        `Demo Conversation apps: ${demoApps.eu} (region eu), ${demoApps.us} (region us)`,
        `Try: sinch doctor --app-id ${demoApps.eu}`,
        "Control API: POST /_emulator/faults, /_emulator/reset; GET /_emulator/counters",
        "Press Ctrl-C to stop."
      ]
      yield* Console.log(lines.join("\n"))
      return yield* Effect.never
    }).pipe(
      Effect.provide(EmulatorServer.layerEmulator({ port })),
      Effect.catchTag("ServeError", (error) =>
        Effect.fail(CliError.failure(`cannot listen on 127.0.0.1:${port}: ${String(error.cause)}`)))
    )
).pipe(Command.withDescription("Run a local Sinch (token endpoint and product APIs) on 127.0.0.1 in the foreground"))
