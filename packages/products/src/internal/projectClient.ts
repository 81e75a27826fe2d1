import type { HttpClient } from "@effect/platform"
import type { AuthStrategy } from "@sinch-effect/auth-core"
import { ProjectCredentials } from "@sinch-effect/auth-core"
import { SinchClient } from "@sinch-effect/sinch-http"
import type { Duration } from "effect"
import { Effect, Schema } from "effect"

/** The client options every project product accepts. */
export interface ClientOptions {
  readonly timeout?: Duration.DurationInput | undefined
  readonly totalTimeout?: Duration.DurationInput | undefined
  readonly maxResponseBytes?: number | undefined
  readonly retry?: SinchClient.Options<"project">["retry"]
  readonly transformClient?: SinchClient.Options<"project">["transformClient"]
}

/** A `SinchClient` for `/{version}/projects/{projectId}` under `host`, for the project in context. */
export const make = (
  api: SinchClient.ApiName,
  host: string,
  strategy: AuthStrategy.ProjectStrategy,
  options: ClientOptions,
  version: "v1" | "v2" = "v1"
): Effect.Effect<SinchClient.SinchClient, never, ProjectCredentials.ProjectCredentials | HttpClient.HttpClient> =>
  Effect.flatMap(ProjectCredentials.ProjectCredentials, (credentials) =>
    SinchClient.make({
      api,
      baseUrl: `${host}/${version}/projects/${encodeURIComponent(credentials.projectId)}`,
      strategy,
      projectId: credentials.projectId,
      timeout: options.timeout,
      totalTimeout: options.totalTimeout,
      maxResponseBytes: options.maxResponseBytes,
      retry: options.retry,
      transformClient: options.transformClient
    }))

// Request values are typed, so an encoding failure is a defect (e.g. a non-integer `size`), not an API error.
export const encode = <A, I>(schema: Schema.Schema<A, I>) => (value: A): Effect.Effect<I> =>
  Effect.orDie(Schema.encode(schema)(value))
