/**
 * Project-scoped access key (Key ID + Key Secret) used by Numbers, Elastic SIP Trunking, Conversation
 * and the other project APIs, either exchanged for OAuth2 tokens or sent as project Basic auth.
 *
 * @since 0.1.0
 */
import type { ConfigError, Redacted } from "effect"
import { Config, Context, Effect, Either, Layer, Option } from "effect"
import * as C from "./internal/credentialConfig.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly _tag: "ProjectCredentials"
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class ProjectCredentials extends Context.Tag("@sinch-effect/auth-core/ProjectCredentials")<
  ProjectCredentials,
  Credentials
>() {}

/**
 * What `make` and `layer` accept: the secret as a plain string or already `Redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Input {
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: string | Redacted.Redacted<string>
}

/**
 * Validates project credentials. Errors name the variable and what is wrong, never the secret.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: Input): Either.Either<Credentials, ConfigError.ConfigError> =>
  Either.all({
    projectId: C.checkValue("SINCH_PROJECT_ID", input.projectId, C.uuid),
    keyId: C.checkValue("SINCH_KEY_ID", input.keyId, C.uuid),
    keySecret: C.checkSecret("SINCH_KEY_SECRET", input.keySecret, C.nonBlank)
  }).pipe(Either.map((fields) => ({ _tag: "ProjectCredentials" as const, ...fields })))

/**
 * `SINCH_PROJECT_ID`, `SINCH_KEY_ID` and `SINCH_KEY_SECRET`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Credentials> = Config.all({
  projectId: C.string("SINCH_PROJECT_ID", C.uuid),
  keyId: C.string("SINCH_KEY_ID", C.uuid),
  keySecret: C.secret("SINCH_KEY_SECRET", C.nonBlank)
}).pipe(Config.map((fields) => ({ _tag: "ProjectCredentials" as const, ...fields })))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (input: Input): Layer.Layer<ProjectCredentials, ConfigError.ConfigError> =>
  Layer.effect(ProjectCredentials, make(input))

/**
 * Reads the credentials from the environment (or the current `ConfigProvider`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  credentials: Config.Config<Credentials> = config
): Layer.Layer<ProjectCredentials, ConfigError.ConfigError> => Layer.effect(ProjectCredentials, credentials)

/**
 * The credentials if all three variables are set, `None` if none is, and an error if only some are.
 *
 * @since 0.1.0
 * @category config
 */
export const configOptional: Config.Config<Option.Option<Credentials>> = Config.option(config)

/**
 * @since 0.1.0
 * @category accessors
 */
export const get: Effect.Effect<Credentials, never, ProjectCredentials> = ProjectCredentials
