/**
 * A local Sinch: the OAuth2 token endpoint, authentication of every API family, routing to the
 * emulated product APIs, fault injection and counters, behind one transport-neutral `handle`.
 * `EmulatorServer` serves it on 127.0.0.1 and `EmulatorClient` calls it in-process.
 *
 * All time comes from the Effect `Clock`, so `TestClock` drives token expiry, bucket refill and
 * injected delays of an in-process emulator.
 *
 * @since 0.1.0
 */
import type { Duration, Redacted } from "effect"
import { Context, Effect, Layer } from "effect"
import * as EmulatorControl from "./EmulatorControl.js"
import * as demo from "./internal/demo.js"
import * as internal from "./internal/emulator.js"
import type { KeyRegistry, ProductApi } from "./ProductApi.js"

/**
 * A request as it arrived, whatever the transport.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorRequest {
  readonly method: string
  /** The full URL, host included: production hosts are routed by host. */
  readonly url: URL
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/**
 * What the transport does: send a response, or end the connection without one.
 *
 * @since 0.1.0
 * @category models
 */
export type EmulatorResponse =
  | {
    readonly _tag: "Response"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    readonly body: string
  }
  | { readonly _tag: "Drop" }

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Answers one request. Never fails; may never complete (an injected hang), and is interruptible. */
  readonly handle: (request: EmulatorRequest) => Effect.Effect<EmulatorResponse>
  readonly control: EmulatorControl.Service
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Emulator extends Context.Tag("@sinch-effect/emulator/Emulator")<Emulator, Service>() {}

/**
 * An access key: what the token endpoint and project Basic auth accept.
 *
 * @since 0.1.0
 * @category models
 */
export interface AccessKey {
  readonly keyId: string
  readonly keySecret: string | Redacted.Redacted<string>
  /** The projects this key may access. */
  readonly projectIds: ReadonlyArray<string>
  /** Its name in the Access Keys API. Default: the key id. */
  readonly displayName?: string | undefined
}

/**
 * An application of Voice / Verification, signing requests with its base64 secret.
 *
 * @since 0.1.0
 * @category models
 */
export interface Application {
  readonly key: string
  /** Base64, as shown in the dashboard. */
  readonly secret: string | Redacted.Redacted<string>
  readonly projectId?: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface RateLimit {
  readonly capacity: number
  readonly refillPerSecond: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Keys besides the demo ones. Keys created through the Access Keys API are added to them until a reset. */
  readonly accessKeys?: ReadonlyArray<AccessKey> | undefined
  readonly applications?: ReadonlyArray<Application> | undefined
  readonly mailgunApiKeys?: ReadonlyArray<string | Redacted.Redacted<string>> | undefined
  /** Whether `demoCredentials` are accepted. Default true. */
  readonly demo?: boolean | undefined
  /** `expires_in` of issued tokens. Default 3600 seconds. */
  readonly tokenTtl?: Duration.DurationInput | undefined
  /** The token endpoint's bucket (429 without `Retry-After` when empty). Default 30, refilled 10/s. */
  readonly tokenBucket?: RateLimit | undefined
  /** Project Basic auth's limit, per key. Default 5, refilled 5/s. */
  readonly projectBasicRateLimit?: RateLimit | undefined
  /**
   * The product APIs; default `products/index.ts`. Voice, Verification and Mailgun have built-in fallbacks.
   * Each is built with the emulator's `KeyRegistry` (its access keys) in context.
   */
  readonly products?: ReadonlyArray<Effect.Effect<ProductApi, never, KeyRegistry>> | undefined
  /** Size of the log of recent requests. Default 200. */
  readonly recentRequests?: number | undefined
  /** When set, application-signed requests whose `x-timestamp` is further from `Clock` are rejected. */
  readonly signatureWindow?: Duration.DurationInput | undefined
}

/**
 * Fixed demo credentials, accepted by every emulator unless `demo: false`. They are public test
 * values, yet kept `Redacted` so that they show how real secrets travel.
 *
 * @since 0.1.0
 * @category demo
 */
export const demoCredentials: typeof demo.credentials = demo.credentials

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: (options?: Options) => Effect.Effect<Service> = internal.make

/**
 * Provides the emulator and its control service.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<Emulator | EmulatorControl.EmulatorControl> =>
  Layer.effectContext(
    Effect.map(
      make(options),
      (service) => Context.make(Emulator, service).pipe(Context.add(EmulatorControl.EmulatorControl, service.control))
    )
  )
