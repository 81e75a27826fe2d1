import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { AccessKeys, AccessKeysSchema } from "@sinch-effect/products"
import * as Chunk from "effect/Chunk"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as CliError from "../../CliError.js"
import * as Table from "../table.js"
import { json, library, limit, output, positive } from "./common.js"

/** Runs `f` with the service; acquired only once the arguments are valid, so usage errors come first. */
const withKeys = <A, E>(f: (keys: AccessKeys.Service) => Effect.Effect<A, E>) =>
  Effect.flatMap(
    library,
    ({ Layers, products }) => Effect.provide(Effect.flatMap(products.AccessKeys.AccessKeys, f), Layers.accessKeys)
  )

const writeEnvOption = Options.file("write-env").pipe(
  Options.withDescription(
    "Write SINCH_KEY_ID and SINCH_KEY_SECRET of the new key to this file (created with mode 0600; other lines kept)"
  )
)

const keyLine = /^\s*(?:export\s+)?SINCH_KEY_(?:ID|SECRET)\s*=/

/** Fails before anything is created when the file's directory cannot take it. */
const checkWritable = (file: string) =>
  Effect.tryPromise({
    try: () => fs.access(path.dirname(path.resolve(file)), fs.constants.W_OK),
    catch: () => CliError.usage(`--write-env: cannot write into the directory of ${file}`)
  })

/**
 * Writes the key into `file`, replacing any SINCH_KEY_ID / SINCH_KEY_SECRET lines: through a file of
 * mode 0600 renamed over it, so the secret is never readable by others, not even for a moment.
 */
const writeEnv = (file: string, keyId: string, keySecret: Redacted.Redacted<string>) =>
  Effect.tryPromise({
    try: async () => {
      const existing = await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return ""
        throw error
      })
      const kept = existing.split("\n").filter((line) => !keyLine.test(line))
      while (kept.length > 0 && kept[kept.length - 1]!.trim() === "") kept.pop()
      const text = [...kept, `SINCH_KEY_ID=${keyId}`, `SINCH_KEY_SECRET=${Redacted.value(keySecret)}`].join("\n") + "\n"
      const temporary = `${file}.${process.pid}.tmp`
      await fs.writeFile(temporary, text, { mode: 0o600, flag: "wx" })
      await fs.chmod(temporary, 0o600)
      await fs.rename(temporary, file)
    },
    // The message names the file only: the error of a write never carries what was written.
    catch: (error) =>
      CliError.failure(
        `could not write ${file} (${
          (error as NodeJS.ErrnoException).code ?? "error"
        }); the new key ${keyId} was created`
      )
  })

const rows = (keys: ReadonlyArray<AccessKeysSchema.AccessKey>) =>
  Table.render(
    ["key id", "display name", "created", "updated"],
    keys.map((key) => [key.accessKeyId, key.displayName, key.createTime, key.updateTime])
  )

const list = Command.make("list", { json, limit }, (args) =>
  Effect.gen(function*() {
    const max = yield* positive(args.limit, "--limit")
    const found = yield* withKeys((keys) =>
      keys.listAccessKeys().pipe(Stream.take(max), Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
    )
    yield* output(args.json, found, () => (found.length === 0 ? "The project has no access keys." : rows(found)))
  })).pipe(Command.withDescription("List the project's access keys (never their secrets)"))

const create = Command.make(
  "create",
  {
    json,
    name: Options.text("name").pipe(Options.withDescription("Display name, unique within the project")),
    showSecret: Options.boolean("show-secret").pipe(
      Options.withDescription("Print the new key's secret (it is returned this once; keep it private)")
    ),
    writeEnv: Options.optional(writeEnvOption)
  },
  (args) =>
    Effect.gen(function*() {
      if (!args.showSecret && Option.isNone(args.writeEnv)) {
        return yield* Effect.fail(
          CliError.usage(
            "the secret of a new key is returned once: pass --write-env FILE to save it, or --show-secret to print it"
          )
        )
      }
      if (Option.isSome(args.writeEnv)) yield* checkWritable(args.writeEnv.value)
      const created = yield* withKeys((keys) => keys.createAccessKey({ displayName: args.name }))
      const keyId = created.accessKey.accessKeyId
      if (Option.isSome(args.writeEnv)) yield* writeEnv(args.writeEnv.value, keyId, created.secret)
      const value = {
        ...created.accessKey,
        ...(args.showSecret ? { secret: Redacted.value(created.secret) } : {}),
        ...Option.match(args.writeEnv, { onNone: () => ({}), onSome: (envFile) => ({ envFile }) })
      }
      yield* output(args.json, value, () =>
        Table.fields([
          ["key id", keyId],
          ["display name", created.accessKey.displayName],
          ["created", created.accessKey.createTime],
          ...Option.match(args.writeEnv, {
            onNone: () => [],
            onSome: (file) => [["saved to", `${file} (mode 0600)`] as const]
          }),
          ...(args.showSecret ? [] : [["secret", "hidden (pass --show-secret to print it)"] as const])
        ]))
      // On its own line, so it can be copied or piped.
      if (args.showSecret && !args.json) yield* Console.log(Redacted.value(created.secret))
    })
).pipe(
  Command.withDescription("Create an access key; its secret is saved with --write-env or printed with --show-secret")
)

const remove = Command.make(
  "delete",
  {
    json,
    keyId: Args.text({ name: "key-id" }).pipe(Args.withDescription("The access key to delete")),
    force: Options.boolean("force").pipe(
      Options.withDescription("Delete even the key this command runs with (SINCH_KEY_ID)")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const current = yield* Config.option(Config.string("SINCH_KEY_ID")).pipe(
        Effect.mapError(CliError.fromConfigError)
      )
      if (!args.force && Option.contains(current, args.keyId)) {
        return yield* Effect.fail(
          CliError.usage(
            `${args.keyId} is the key in use (SINCH_KEY_ID): deleting it locks this configuration out; pass --force to delete it anyway, or run 'sinch keys rotate'`
          )
        )
      }
      yield* withKeys((keys) => keys.deleteAccessKey(args.keyId))
      yield* output(args.json, { deleted: args.keyId }, () => `Deleted access key ${args.keyId}.`)
    })
).pipe(Command.withDescription("Delete an access key: no new token is issued for it"))

const rotate = Command.make(
  "rotate",
  {
    json,
    writeEnv: writeEnvOption,
    name: Options.text("name").pipe(
      Options.optional,
      Options.withDescription("Display name of the new key (default rotated-<ISO time>)")
    ),
    gracePeriod: Options.integer("grace-period").pipe(
      Options.withDefault(300),
      Options.withDescription("Seconds the old key lives on after the switch, for instances not yet switched")
    )
  },
  (args) =>
    Effect.gen(function*() {
      if (!Number.isInteger(args.gracePeriod) || args.gracePeriod < 0) {
        return yield* Effect.fail(CliError.usage(`--grace-period must be 0 or more seconds, got ${args.gracePeriod}`))
      }
      yield* checkWritable(args.writeEnv)
      const { Layers, auth, products } = yield* library
      const rotated = yield* auth.KeyRotation.rotate({
        displayName: Option.getOrUndefined(args.name),
        gracePeriod: `${args.gracePeriod} seconds`,
        onSwitched: (key) =>
          Effect.zipRight(
            writeEnv(args.writeEnv, key.keyId, key.keySecret),
            args.json ? Effect.void : Console.log(
              `Switched to access key ${key.keyId}; saved to ${args.writeEnv} (mode 0600). The old key is deleted in ${args.gracePeriod} s.`
            )
          )
      }).pipe(Effect.provide(products.AccessKeys.layerKeyRotation), Effect.provide(Layers.accessKeys))
      const value = {
        previousKeyId: rotated.previousKeyId,
        keyId: rotated.keyId,
        switchedAt: new Date(rotated.switchedAt).toISOString(),
        deletedAt: new Date(rotated.deletedAt).toISOString(),
        envFile: args.writeEnv
      }
      yield* output(
        args.json,
        value,
        () => `Rotated: now on access key ${rotated.keyId}; the old key ${rotated.previousKeyId} was deleted.`
      )
    })
).pipe(
  Command.withDescription(
    "Replace the key in use: create a key, prove it, save it with --write-env, delete the old key after the grace period"
  )
)

/** `sinch keys …`. @internal */
export const command = Command.make("keys").pipe(
  Command.withDescription("List, create, delete and rotate the project's access keys (Access Keys API)"),
  Command.withSubcommands([list, create, remove, rotate])
)
