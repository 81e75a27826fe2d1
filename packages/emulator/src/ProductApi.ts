/**
 * The contract between the emulator's core and each emulated product API. The core owns transport
 * (real HTTP server and in-process `HttpClient`), routing by API prefix, authentication, fault
 * injection and JSON parsing; a product only maps an already-authenticated request to a response.
 *
 * Written from the Sinch API documents, never from the client packages (which it must not import).
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"

/**
 * The APIs the emulator serves, each under its own path prefix of the emulator's base URL:
 * `/auth`, `/numbers`, `/est`, `/conversation/{region}`, `/templates/{region}`, `/voice`,
 * `/verification`, `/mailgun`.
 *
 * @since 0.1.0
 * @category models
 */
export type ApiName = "numbers" | "est" | "conversation" | "templates" | "voice" | "verification" | "mailgun"

/**
 * @since 0.1.0
 * @category models
 */
export type EmulatedRegion = "us" | "eu" | "br"

/**
 * An authenticated request, already parsed.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProductRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
  /** Path after the API prefix, e.g. `/v1/projects/abc/activeNumbers/%2B12025550100` (still percent-encoded). */
  readonly path: string
  /** The path split on `/` and percent-decoded, without empty segments: `["v1","projects","abc","activeNumbers","+12025550100"]`. */
  readonly segments: ReadonlyArray<string>
  readonly query: URLSearchParams
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>
  /** The parsed JSON body, `undefined` when there is none. A body that is not JSON never reaches a product (400). */
  readonly body: unknown
  /** The raw body text (for signature checks). */
  readonly rawBody: string
  /** Region of a regional API (`/conversation/{region}`), else `undefined`. */
  readonly region: EmulatedRegion | undefined
  /** The project the caller authenticated as (bearer token or project Basic auth). */
  readonly projectId: string | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ProductResponse {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Serialized as JSON unless `text` is set. */
  readonly body?: unknown
  /** A non-JSON body (e.g. CSV export), sent as is. */
  readonly text?: string | undefined
  readonly contentType?: string | undefined
}

/**
 * One emulated API. `handle` answers `undefined` when no route matches (the core then answers 404).
 *
 * @since 0.1.0
 * @category models
 */
export interface ProductApi {
  readonly api: ApiName
  readonly handle: (request: ProductRequest) => Effect.Effect<ProductResponse | undefined>
}
