/**
 * Rotating the access key of a running service without downtime. `KeyRotation.AccessKeys` is the
 * Access Keys API (`account.api.sinch.com`): provide any implementation of it with the provider.
 */
import { KeyRotation } from "@sinch-effect/auth-core"
import type { TokenProvider } from "@sinch-effect/auth-core"
import { Effect, Redacted, Schedule } from "effect"
import * as fs from "node:fs/promises"

// The only moment the new secret is available: save it where the next start reads it (here an env
// file readable by its owner only); it is never printed.
const saveKey = (key: TokenProvider.AccessKey) =>
  Effect.tryPromise(async () => {
    const text = `SINCH_KEY_ID=${key.keyId}\nSINCH_KEY_SECRET=${Redacted.value(key.keySecret)}\n`
    await fs.writeFile(".env.sinch", text, { mode: 0o600 })
    await fs.chmod(".env.sinch", 0o600)
  })

export const rotateKey = KeyRotation.rotate({
  gracePeriod: "5 minutes", // the old key lives on this long after the switch (the default)
  onSwitched: saveKey // if saving fails, the rotation stops there and the old key is kept
}).pipe(
  Effect.tap(({ keyId, previousKeyId }) => Effect.logInfo(`now on access key ${keyId}; ${previousKeyId} deleted`)),
  Effect.catchTag("KeyRotationError", (error) =>
    // create-failed, new-key-rejected: the old key is still in use; delete-failed: the new one is.
    Effect.logError(`${error.reason}: ${error.message}`))
)

// Every 30 days, in the background of the service.
export const rotateMonthly = rotateKey.pipe(Effect.repeat(Schedule.spaced("30 days")))
