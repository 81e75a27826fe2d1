import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as CliError from "../../CliError.js"

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
      // The emulator is loaded only when this command runs.
      const [{ EmulatorServer }, { demoApps, demoEnvironment }] = yield* Effect.promise(() =>
        Promise.all([import("@sinch-effect/emulator"), import("../demo.js")])
      )
      return yield* Effect.gen(function*() {
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
    })
).pipe(Command.withDescription("Run a local Sinch (token endpoint and product APIs) on 127.0.0.1 in the foreground"))
