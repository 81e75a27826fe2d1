/**
 * Manage the project's access keys, and rotate the key of a running service through the Access Keys
 * API, with no failed call.
 *
 *   SINCH_PROJECT_ID=… SINCH_KEY_ID=… SINCH_KEY_SECRET=… npx tsx examples/accessKeys.ts
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> to run it against the local emulator instead.
 */
import { FetchHttpClient } from "@effect/platform"
import { KeyRotation } from "@sinch-effect/auth-core"
import type { TokenProvider } from "@sinch-effect/auth-core"
import { AccessKeys, Sinch } from "@sinch-effect/products"
import { Chunk, Effect, Layer, Redacted, Stream } from "effect"
import * as fs from "node:fs/promises"

// Every key of the project (never a secret: the API returns one only when it creates the key).
export const listKeys = Effect.gen(function*() {
  const accessKeys = yield* AccessKeys.AccessKeys
  const keys = yield* Stream.runCollect(accessKeys.listAccessKeys())
  for (const key of Chunk.toReadonlyArray(keys)) {
    yield* Effect.logInfo(`${key.accessKeyId} ${key.displayName} created ${key.createTime}`)
  }
})

// A new key for another service: its secret is Redacted, and read only where it is stored.
export const createKey = (displayName: string, file: string) =>
  Effect.gen(function*() {
    const accessKeys = yield* AccessKeys.AccessKeys
    const created = yield* accessKeys.createAccessKey({ displayName })
    const text = `SINCH_KEY_ID=${created.accessKey.accessKeyId}\nSINCH_KEY_SECRET=${Redacted.value(created.secret)}\n`
    yield* Effect.promise(() => fs.writeFile(file, text, { mode: 0o600 }))
    return created.accessKey
  })

const saveKey = (key: TokenProvider.AccessKey) =>
  Effect.promise(() =>
    fs.writeFile(".env.sinch", `SINCH_KEY_ID=${key.keyId}\nSINCH_KEY_SECRET=${Redacted.value(key.keySecret)}\n`, {
      mode: 0o600
    })
  )

// Rotation through this API: AccessKeys.layerKeyRotation is the KeyRotation.AccessKeys that rotate needs.
export const rotate = KeyRotation.rotate({ gracePeriod: "5 minutes", onSwitched: saveKey }).pipe(
  Effect.provide(AccessKeys.layerKeyRotation)
)

// AccessKeys on the shared core: the rotation switches the token provider every other product uses too.
const MainLive = AccessKeys.layer.pipe(
  Layer.provideMerge(Sinch.layerCoreConfig()),
  Layer.provide(FetchHttpClient.layer)
)

export const main = Effect.zipRight(listKeys, rotate).pipe(Effect.provide(MainLive))
