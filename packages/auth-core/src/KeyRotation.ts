/**
 * Rotating the project's access key without downtime: create a new key, prove it with a token exchange,
 * switch the live `TokenProvider` to it atomically, and delete the old key after a grace period.
 *
 * - **No call fails.** Until the switch, calls get the old key's token; from the switch on, the new
 *   key's. Callers waiting for a token while the switch happens get the new key's token.
 * - **No call sees the old key after the switch**, and a fetch or refresh with the old key that is
 *   still in flight is discarded (`TokenProvider.switchCredentials`).
 * - **The old key lives on for `gracePeriod`** (5 minutes, on the Effect `Clock`), so that requests
 *   already sent with one of its tokens, and other instances not yet switched, are not cut off.
 * - **Every failure leaves a working provider** and a `KeyRotationError` whose `reason` says how far
 *   the rotation got; no error or log ever contains a key secret or a token.
 *
 * The Access Keys API is reached through the `AccessKeys` service, so that any client of it (or a
 * test double) can drive a rotation.
 *
 * @since 0.3.0
 */
import { Clock, Context, Duration, Effect, Schema } from "effect"
import { AuthError } from "./AuthError.js"
import type { SinchError } from "./AuthError.js"
import * as TokenProvider from "./TokenProvider.js"

/**
 * What a rotation needs from the Access Keys API (`account.api.sinch.com`): create a key of the
 * project (its secret is returned once, `Redacted`), and delete one.
 *
 * @since 0.3.0
 * @category models
 */
export interface AccessKeysService {
  /** Creates an access key of the project; `displayName` must be unique within the project. */
  readonly createKey: (request: { readonly displayName: string }) => Effect.Effect<TokenProvider.AccessKey, SinchError>
  readonly deleteKey: (keyId: string) => Effect.Effect<void, SinchError>
}

/**
 * @since 0.3.0
 * @category tags
 */
export class AccessKeys extends Context.Tag("@sinch-effect/auth-core/KeyRotation/AccessKeys")<
  AccessKeys,
  AccessKeysService
>() {}

/**
 * How far a failed rotation got:
 * - `create-failed`: no key was created; the old key stays in use.
 * - `new-key-rejected`: the new key could not be proven with a token exchange; the old key stays in
 *   use, and the new key was deleted (`newKeyDeleted`) or is left for manual deletion.
 * - `delete-failed`: the provider uses the new key, but the old key could not be deleted.
 *
 * @since 0.3.0
 * @category models
 */
export const KeyRotationErrorReason = Schema.Literal("create-failed", "new-key-rejected", "delete-failed")

/**
 * @since 0.3.0
 * @category errors
 */
export class KeyRotationError extends Schema.TaggedError<KeyRotationError>(
  "@sinch-effect/auth-core/KeyRotation/KeyRotationError"
)("KeyRotationError", {
  reason: KeyRotationErrorReason,
  /** The key the provider used when the rotation started. */
  previousKeyId: Schema.String,
  /** The key the rotation created, if it got that far. */
  newKeyId: Schema.optional(Schema.String),
  /** With `new-key-rejected`: whether the rejected new key was deleted again. */
  newKeyDeleted: Schema.optional(Schema.Boolean),
  /** The failure of the step that stopped the rotation (it never carries a secret either). */
  cause: Schema.optional(AuthError)
}) {
  /** @since 0.3.0 */
  override get message(): string {
    const because = this.cause === undefined ? "" : ` (${this.cause._tag}: ${this.cause.message})`
    switch (this.reason) {
      case "create-failed":
        return `Key rotation stopped before changing anything: no new access key could be created${because}. Access key ${this.previousKeyId} stays in use. A project holds at most 10 access keys: delete unused ones, and check that the key in use may manage access keys.`
      case "new-key-rejected": {
        const cleanup = this.newKeyDeleted
          ? "The new key was deleted again."
          : `The new key could not be deleted: delete access key ${this.newKeyId} in the Sinch dashboard (Settings > Access Keys).`
        return `Key rotation stopped: the new access key ${this.newKeyId} could not be proven with a token exchange${because}. Access key ${this.previousKeyId} stays in use. ${cleanup}`
      }
      case "delete-failed":
        return `Key rotation switched to access key ${this.newKeyId}, which is now in use, but the old access key ${this.previousKeyId} could not be deleted${because}. Delete it in the Sinch dashboard (Settings > Access Keys) once no instance uses it.`
    }
  }
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Rotated {
  /** The key replaced (and deleted). */
  readonly previousKeyId: string
  /** The key now in use. */
  readonly keyId: string
  /** `Clock` millis of the switch. */
  readonly switchedAt: number
  /** `Clock` millis of the deletion of the old key. */
  readonly deletedAt: number
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Options<E = never, R = never> {
  /** The display name of the new key (unique within the project). Default `rotated-<ISO time>`. */
  readonly displayName?: string | undefined
  /** How long the old key lives on after the switch. Default 5 minutes, on the Effect `Clock`. */
  readonly gracePeriod?: Duration.DurationInput | undefined
  /**
   * Runs right after the switch, with the new key: the only moment its secret is available, to save it
   * where the next start will read it. If it fails, the rotation fails with its error and the old key
   * is not deleted (a restart with the old configuration still works).
   */
  readonly onSwitched?: ((key: TokenProvider.AccessKey) => Effect.Effect<void, E, R>) | undefined
}

/**
 * The default grace period: 5 minutes.
 *
 * @since 0.3.0
 * @category constants
 */
export const defaultGracePeriod: Duration.Duration = Duration.minutes(5)

/**
 * Creates a new access key, switches the `TokenProvider` to it (which proves it with a token exchange),
 * runs `onSwitched`, waits `gracePeriod` and deletes the key that was replaced. It returns after the
 * deletion: fork it to go on meanwhile; interrupting it during the grace period keeps the old key.
 *
 * @since 0.3.0
 * @category rotation
 */
export const rotate = <E = never, R = never>(
  options: Options<E, R> = {}
): Effect.Effect<Rotated, KeyRotationError | E, TokenProvider.TokenProvider | AccessKeys | R> =>
  Effect.gen(function*() {
    const provider = yield* TokenProvider.TokenProvider
    const accessKeys = yield* AccessKeys
    const previousKeyId = (yield* provider.snapshot).keyId
    const gracePeriod = options.gracePeriod === undefined ? defaultGracePeriod : Duration.decode(options.gracePeriod)
    const startedAt = yield* Clock.currentTimeMillis
    const displayName = options.displayName ?? `rotated-${new Date(startedAt).toISOString()}`

    const created = yield* accessKeys.createKey({ displayName }).pipe(
      Effect.mapError((cause) => new KeyRotationError({ reason: "create-failed", previousKeyId, cause }))
    )
    yield* Effect.logInfo("Sinch access key created; proving it with a token exchange").pipe(
      Effect.annotateLogs({ keyId: created.keyId, previousKeyId })
    )
    const switched = yield* provider.switchCredentials(created).pipe(
      Effect.catchAll((cause) =>
        // The rejected key is of no use to anyone: delete it, but a failure to do so must not hide why.
        accessKeys.deleteKey(created.keyId).pipe(
          Effect.as(true),
          Effect.orElseSucceed(() => false),
          Effect.flatMap((newKeyDeleted) =>
            Effect.fail(
              new KeyRotationError({
                reason: "new-key-rejected",
                previousKeyId,
                newKeyId: created.keyId,
                newKeyDeleted,
                cause
              })
            )
          )
        )
      )
    )
    const switchedAt = yield* Clock.currentTimeMillis
    if (options.onSwitched !== undefined) {
      yield* options.onSwitched(created)
    }
    yield* Effect.logInfo("Sinch access key switched; the old key is deleted after the grace period").pipe(
      Effect.annotateLogs({
        keyId: created.keyId,
        previousKeyId: switched.previousKeyId,
        deleteAt: switchedAt + Duration.toMillis(gracePeriod)
      })
    )
    yield* Effect.sleep(gracePeriod)
    yield* accessKeys.deleteKey(switched.previousKeyId).pipe(
      Effect.mapError((cause) =>
        new KeyRotationError({
          reason: "delete-failed",
          previousKeyId: switched.previousKeyId,
          newKeyId: created.keyId,
          cause
        })
      )
    )
    const deletedAt = yield* Clock.currentTimeMillis
    yield* Effect.logInfo("Sinch access key rotated; the old key was deleted").pipe(
      Effect.annotateLogs({ keyId: created.keyId, previousKeyId: switched.previousKeyId })
    )
    return { previousKeyId: switched.previousKeyId, keyId: created.keyId, switchedAt, deletedAt }
  }).pipe(Effect.withSpan("KeyRotation.rotate"))
