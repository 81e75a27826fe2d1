// (d) The installed `sinch` bin, run by its own `#!/usr/bin/env node` line, against an emulator on 127.0.0.1.
import { Emulator, EmulatorServer } from "@sinch-effect/emulator"
import { Effect, Redacted } from "effect"
import { execFile } from "node:child_process"
import { dirname, join } from "node:path"

const bin = join(process.cwd(), "node_modules", ".bin", "sinch")

const sinch = (args, env) =>
  Effect.async((resume) => {
    const child = execFile(
      bin,
      args,
      { env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resume(Effect.succeed({ code: error ? (error.code ?? 1) : 0, stdout, stderr }))
    )
    return Effect.sync(() => child.kill("SIGKILL"))
  })

const main = Effect.gen(function*() {
  const { baseUrl } = yield* EmulatorServer.EmulatorServer
  const version = yield* sinch(["--version"], {})
  const doctor = yield* sinch(["doctor", "--json"], {
    SINCH_PROJECT_ID: Emulator.demoCredentials.projectId,
    SINCH_KEY_ID: Emulator.demoCredentials.keyId,
    SINCH_KEY_SECRET: Redacted.value(Emulator.demoCredentials.keySecret),
    SINCH_EMULATOR_URL: baseUrl,
    SINCH_CONVERSATION_REGION: "eu"
  })
  console.log(JSON.stringify({ version, doctor }))
})

await Effect.runPromise(Effect.scoped(Effect.provide(main, EmulatorServer.layerEmulator())))
