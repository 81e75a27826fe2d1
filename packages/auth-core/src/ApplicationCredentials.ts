/**
 * Application-scoped credentials (Application Key + base64 Application Secret) used by Voice and
 * Verification, either as application Basic auth or to sign requests with HMAC-SHA256.
 *
 * @since 0.1.0
 */
import type { ConfigError, Redacted } from "effect"
import { Config, Context, Either, Layer } from "effect"
import * as C from "./internal/credentialConfig.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly _tag: "ApplicationCredentials"
  readonly applicationKey: string
  /** Base64 text, validated strictly; decode it to get the HMAC key. */
  readonly applicationSecret: Redacted.Redacted<string>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class ApplicationCredentials extends Context.Tag("@sinch-effect/auth-core/ApplicationCredentials")<
  ApplicationCredentials,
  Credentials
>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Input {
  readonly applicationKey: string
  readonly applicationSecret: string | Redacted.Redacted<string>
}

/**
 * Validates application credentials: the secret must be strict base64.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: Input): Either.Either<Credentials, ConfigError.ConfigError> =>
  Either.all({
    applicationKey: C.checkValue("SINCH_APPLICATION_KEY", input.applicationKey, C.nonBlank),
    applicationSecret: C.checkSecret("SINCH_APPLICATION_SECRET", input.applicationSecret, C.base64)
  }).pipe(Either.map((fields) => ({ _tag: "ApplicationCredentials" as const, ...fields })))

/**
 * `SINCH_APPLICATION_KEY` and `SINCH_APPLICATION_SECRET`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Credentials> = Config.all({
  applicationKey: C.string("SINCH_APPLICATION_KEY", C.nonBlank),
  applicationSecret: C.secret("SINCH_APPLICATION_SECRET", C.base64)
}).pipe(Config.map((fields) => ({ _tag: "ApplicationCredentials" as const, ...fields })))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (input: Input): Layer.Layer<ApplicationCredentials, ConfigError.ConfigError> =>
  Layer.effect(ApplicationCredentials, make(input))

/**
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  credentials: Config.Config<Credentials> = config
): Layer.Layer<ApplicationCredentials, ConfigError.ConfigError> => Layer.effect(ApplicationCredentials, credentials)
