import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as FileSystem from "@effect/platform/FileSystem"
import type { NonceStore, WebhookVerifier } from "@sinch-effect/auth-core"
import type { InvalidSignature } from "@sinch-effect/auth-core/WebhookError"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CliError from "../../CliError.js"
import { json, library, output } from "./common.js"

const kinds = ["conversation", "numbers", "application"] as const

/** A header file: a JSON object, or `Name: value` lines (an optional HTTP request line first). */
interface HeaderFile {
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string>>>
  readonly method: string | undefined
  readonly path: string | undefined
}

const parseHeaders = (text: string, file: string): Effect.Effect<HeaderFile, CliError.CliError> => {
  const trimmed = text.trim()
  if (trimmed.startsWith("{")) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      return Effect.fail(CliError.usage(`${file} starts with "{" but is not valid JSON`))
    }
    const entries = Object.entries(parsed as Record<string, unknown>)
    if (
      entries.some(([, value]) =>
        typeof value !== "string" && !(Array.isArray(value) && value.every((v) => typeof v === "string"))
      )
    ) {
      return Effect.fail(CliError.usage(`${file}: every header value must be a string (or an array of strings)`))
    }
    return Effect.succeed({
      headers: Object.fromEntries(entries) as HeaderFile["headers"],
      method: undefined,
      path: undefined
    })
  }
  const headers: Record<string, Array<string>> = {}
  let method: string | undefined
  let path: string | undefined
  const lines = trimmed.split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue
    const request = index === 0 ? /^([A-Z]+)\s+(\S+)\s+HTTP\/[\d.]+$/.exec(line.trim()) : null
    if (request !== null) {
      method = request[1]
      path = request[2]
      continue
    }
    const colon = line.indexOf(":")
    if (colon <= 0) {
      return Effect.fail(CliError.usage(`${file}, line ${index + 1}: expected "Name: value"`))
    }
    const name = line.slice(0, colon).trim().toLowerCase()
    ;(headers[name] ??= []).push(line.slice(colon + 1).trim())
  }
  return Effect.succeed({ headers, method, path })
}

const readFile = (path: string) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFile(path)).pipe(
    Effect.mapError((error) => CliError.usage(`cannot read ${path}: ${error.message}`))
  )

const secretConfig = Config.redacted("SINCH_WEBHOOK_SECRET")

/** `sinch verify-webhook`: check a saved callback against its secret. @internal */
export const command = Command.make(
  "verify-webhook",
  {
    json,
    kind: Options.choice("kind", kinds).pipe(
      Options.withDescription(
        "conversation (webhook secret), numbers (callback secret) or application (Voice/Verification, uses SINCH_APPLICATION_KEY/SECRET)"
      )
    ),
    body: Options.file("body", { exists: "yes" }).pipe(
      Options.withDescription("File with the raw request body, byte for byte")
    ),
    headers: Options.file("headers", { exists: "yes" }).pipe(
      Options.withDescription("File with the request headers: a JSON object, or \"Name: value\" lines")
    ),
    secret: Options.redacted("secret").pipe(
      Options.optional,
      Options.withDescription(
        "The webhook / callback secret (default: SINCH_WEBHOOK_SECRET; prefer the variable, argv is visible to other users)"
      )
    ),
    method: Options.text("method").pipe(
      Options.optional,
      Options.withDescription("application kind: the request method (default: from the headers file, else POST)")
    ),
    path: Options.text("path").pipe(
      Options.optional,
      Options.withDescription("application kind: the request path (default: from the headers file)")
    ),
    window: Options.integer("window").pipe(
      Options.withDefault(300),
      Options.withDescription("Accepted age of the signature timestamp, in seconds (raise it for old captures)")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const { auth: { ApplicationCredentials, NonceStore, WebhookVerifier } } = yield* library
      if (args.window <= 0) {
        return yield* CliError.usage(`--window must be a positive number of seconds, got ${args.window}`)
      }
      const body = yield* readFile(args.body)
      const headerFile = yield* parseHeaders(new TextDecoder().decode(yield* readFile(args.headers)), args.headers)
      const window = Duration.seconds(args.window)
      const incoming = { headers: headerFile.headers, body }

      const secret = () =>
        Option.match(args.secret, {
          onSome: Effect.succeed,
          onNone: () =>
            Effect.mapError(
              secretConfig,
              () => CliError.usage(`pass --secret or set SINCH_WEBHOOK_SECRET: a ${args.kind} check needs the secret`)
            )
        })

      const check = ((): Effect.Effect<
        WebhookVerifier.Verified,
        InvalidSignature | CliError.CliError | ConfigError.ConfigError,
        NonceStore.NonceStore
      > => {
        switch (args.kind) {
          case "conversation":
            return Effect.flatMap(
              secret(),
              (value) => WebhookVerifier.conversation({ secret: value, window })(incoming)
            )
          case "numbers":
            return Effect.flatMap(secret(), (value) => WebhookVerifier.numbers({ secret: value })(incoming))
          case "application": {
            const path = Option.getOrUndefined(args.path) ?? headerFile.path
            if (path === undefined) {
              return Effect.fail(
                CliError.usage(
                  "the application kind signs the path: pass --path (or start the headers file with the request line)"
                )
              )
            }
            const method = Option.getOrUndefined(args.method) ?? headerFile.method ?? "POST"
            return WebhookVerifier.application({ window })({ ...incoming, method: method.toUpperCase(), path }).pipe(
              Effect.provide(ApplicationCredentials.layerConfig())
            )
          }
        }
      })()
      const verified = yield* check.pipe(
        Effect.provide(NonceStore.layerMemory()),
        Effect.catchTag("InvalidSignature", (error) =>
          args.json
            ? Effect.zipRight(
              output(true, {
                valid: false,
                kind: args.kind,
                reason: error.reason,
                header: error.header ?? null,
                message: error.message
              }, () => ""),
              Effect.fail(CliError.failure(""))
            )
            : Effect.fail(CliError.failure(error.message)))
      )
      yield* output(
        args.json,
        { valid: true, kind: args.kind, bytes: verified.bytes.length },
        () => `Valid: the ${args.kind} signature matches (${verified.bytes.length} bytes of body).`
      )
    })
).pipe(Command.withDescription("Check a saved webhook or callback (body + headers files) against its secret"))
