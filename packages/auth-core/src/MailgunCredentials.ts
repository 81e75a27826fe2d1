/**
 * Mailgun API key and region (Basic auth as `api:KEY`).
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
export type MailgunRegion = "us" | "eu"

/**
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly _tag: "MailgunCredentials"
  readonly apiKey: Redacted.Redacted<string>
  readonly region: MailgunRegion
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MailgunCredentials extends Context.Tag("@sinch-effect/auth-core/MailgunCredentials")<
  MailgunCredentials,
  Credentials
>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Input {
  readonly apiKey: string | Redacted.Redacted<string>
  readonly region?: MailgunRegion | undefined
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: Input): Either.Either<Credentials, ConfigError.ConfigError> =>
  Either.all({
    apiKey: C.checkSecret("MAILGUN_API_KEY", input.apiKey, C.nonBlank),
    region: C.checkValue("MAILGUN_REGION", input.region ?? "us", C.oneOf("us", "eu"))
  }).pipe(
    Either.map(({ apiKey, region }) => ({
      _tag: "MailgunCredentials" as const,
      apiKey,
      region: region as MailgunRegion
    }))
  )

/**
 * `MAILGUN_API_KEY` and `MAILGUN_REGION` (`us` or `eu`, default `us`).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Credentials> = Config.all({
  apiKey: C.secret("MAILGUN_API_KEY", C.nonBlank),
  region: C.string("MAILGUN_REGION", C.oneOf("us", "eu")).pipe(Config.withDefault("us"))
}).pipe(
  Config.map(({ apiKey, region }) => ({ _tag: "MailgunCredentials" as const, apiKey, region: region as MailgunRegion }))
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (input: Input): Layer.Layer<MailgunCredentials, ConfigError.ConfigError> =>
  Layer.effect(MailgunCredentials, make(input))

/**
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  credentials: Config.Config<Credentials> = config
): Layer.Layer<MailgunCredentials, ConfigError.ConfigError> => Layer.effect(MailgunCredentials, credentials)
