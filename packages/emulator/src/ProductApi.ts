/**
 * The contract between the emulator's core and each emulated product API. The core owns transport
 * (real HTTP server and in-process `HttpClient`), routing by API prefix, authentication, fault
 * injection and JSON parsing; a product only maps an already-authenticated request to a response.
 *
 * Written from the Sinch API documents, never from the client packages (which it must not import).
 *
 * @since 0.1.0
 */
import type { Effect, Redacted } from "effect"
import { Context } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export type EmulatedRegion = "us" | "eu" | "br"

/**
 * @since 0.3.0
 * @category constants
 */
export const regions: ReadonlyArray<EmulatedRegion> = ["us", "eu", "br"]

/**
 * How an API authenticates its callers: `project` (OAuth2 bearer token or project Basic auth, and the
 * project in the path must be one of the key's), `application` (a request signed with the application
 * key, or application Basic auth), `mailgun` (Basic `api:KEY`).
 *
 * @since 0.3.0
 * @category models
 */
export type Scope = "project" | "application" | "mailgun"

/**
 * The error-body shape an API answers with: `sinch` (`{error:{code,message,status,details}}`),
 * `application` (`{errorCode,message,reference}`), `mailgun` (`{message}`).
 *
 * @since 0.3.0
 * @category models
 */
export type ErrorBody = "sinch" | "application" | "mailgun"

/**
 * One emulated API, as its documents describe it.
 *
 * @since 0.3.0
 * @category models
 */
export interface Description {
  /**
   * Production host names it is reached at in-process. For a regional API a pattern whose first group
   * is the region.
   */
  readonly hosts: ReadonlyArray<string | RegExp>
  /** Its path prefix under the emulator's base URL (followed by `/{region}` for a regional API). */
  readonly prefix: string
  readonly regional: boolean
  readonly scope: Scope
  readonly errorBody: ErrorBody
  /**
   * Path beginnings (`/calling/`) at which the API also answers at the emulator's root, for clients that
   * sign only the API's own path (the official SDKs' application signing) and so cannot use its prefix.
   *
   * @since 0.3.0
   */
  readonly rootPaths?: ReadonlyArray<string> | undefined
}

/**
 * Every API the emulator serves, in order. A new API is one entry here (and a `ProductApi` in
 * `products/index.ts`): routing, authentication, fault targets and error bodies follow.
 *
 * @since 0.3.0
 * @category registry
 */
export const apis = {
  numbers: {
    hosts: ["numbers.api.sinch.com"],
    prefix: "numbers",
    regional: false,
    scope: "project",
    errorBody: "sinch"
  },
  est: {
    hosts: ["elastic-trunking.api.sinch.com"],
    prefix: "est",
    regional: false,
    scope: "project",
    errorBody: "sinch"
  },
  conversation: {
    hosts: [/^([a-z]+)\.conversation\.api\.sinch\.com$/],
    prefix: "conversation",
    regional: true,
    scope: "project",
    errorBody: "sinch"
  },
  templates: {
    hosts: [/^([a-z]+)\.template\.api\.sinch\.com$/],
    prefix: "templates",
    regional: true,
    scope: "project",
    errorBody: "sinch"
  },
  voice: {
    // calling.api.sinch.com and the regional calling-euc1, -use1, -sae1, -apse1, -apse2 hosts; the
    // application-management routes (numbers, callbacks) at callingapi.sinch.com, as the Voice reference's
    // samples and the official SDK (sdk-client domain-helper.js VOICE_APPLICATION_MANAGEMENT_HOSTNAME) send them.
    hosts: [/^calling(-(?:euc1|use1|sae1|apse1|apse2))?\.api\.sinch\.com$/, "callingapi.sinch.com"],
    prefix: "voice",
    regional: false,
    scope: "application",
    errorBody: "application",
    // The official SDK signs `/calling/v1/...` and `/v1/configuration/...` as the path, so it reaches
    // Voice at the emulator's root.
    rootPaths: ["/calling/", "/v1/configuration/", "/v1/calling/"]
  },
  verification: {
    hosts: ["verification.api.sinch.com"],
    prefix: "verification",
    regional: false,
    scope: "application",
    errorBody: "application"
  },
  mailgun: {
    hosts: ["api.mailgun.net", "api.eu.mailgun.net"],
    prefix: "mailgun",
    regional: false,
    scope: "mailgun",
    errorBody: "mailgun"
  },
  // The Access Keys Management API: "Security: OAuth2 or Basic", project-scoped.
  account: {
    hosts: ["account.api.sinch.com"],
    prefix: "account",
    regional: false,
    scope: "project",
    errorBody: "sinch"
  }
} as const satisfies Record<string, Description>

/**
 * The APIs the emulator serves, each under its own path prefix of the emulator's base URL:
 * `/auth`, `/numbers`, `/est`, `/conversation/{region}`, `/templates/{region}`, `/voice`,
 * `/verification`, `/mailgun`, `/account` (the keys of `apis`).
 *
 * @since 0.1.0
 * @category models
 */
export type ApiName = keyof typeof apis

/**
 * The names of `apis`, in order.
 *
 * @since 0.3.0
 * @category constants
 */
export const apiNames: ReadonlyArray<ApiName> = Object.keys(apis) as Array<ApiName>

/**
 * An API's description.
 *
 * @since 0.3.0
 * @category accessors
 */
export const describe = (api: ApiName): Description => apis[api]

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
  /**
   * The raw body bytes (for a `multipart/form-data` body with binary files).
   *
   * @since 0.3.0
   */
  readonly bodyBytes?: Uint8Array | undefined
  /**
   * The URL this API was reached at, without the path after its prefix (`http://127.0.0.1:4010/mailgun`,
   * or `https://api.mailgun.net` in-process): for absolute links such as Mailgun's `paging.next`.
   *
   * @since 0.3.0
   */
  readonly baseUrl?: string | undefined
  /** Region of a regional API (`/conversation/{region}`), else `undefined`. */
  readonly region: EmulatedRegion | undefined
  /** The project the caller authenticated as (bearer token or project Basic auth). */
  readonly projectId: string | undefined
  /**
   * The application an application-scoped request authenticated as (signed, or application Basic auth).
   *
   * @since 0.3.0
   */
  readonly applicationKey?: string | undefined
  /**
   * The application keys the emulator accepts in the caller's project (only the caller's own when its
   * application has no project): the applications it may manage.
   *
   * @since 0.3.0
   */
  readonly applicationKeys?: ReadonlyArray<string> | undefined
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

/**
 * An access key the emulator accepts (never its secret).
 *
 * @since 0.3.0
 * @category models
 */
export interface KeyInfo {
  readonly keyId: string
  readonly projectIds: ReadonlyArray<string>
  readonly displayName: string
  /** `Clock` millis. */
  readonly createTime: number
  readonly updateTime: number
}

/**
 * The emulator's own access keys, the ones its token endpoint and project Basic auth accept, for a
 * product that manages them (the Access Keys API). A key added here works at the token endpoint at
 * once; a removed key gets no new token, and the tokens it already had stop working.
 *
 * The functions are synchronous on purpose: call them inside one `Effect.sync`, so that a check and the
 * change it guards happen in one step.
 *
 * @since 0.3.0
 * @category models
 */
export interface KeyRegistryService {
  /** The keys of a project, oldest first. */
  readonly list: (projectId: string) => ReadonlyArray<KeyInfo>
  readonly get: (keyId: string) => KeyInfo | undefined
  readonly add: (
    key: { readonly keyId: string; readonly secret: Redacted.Redacted<string> } & Omit<KeyInfo, "keyId">
  ) => KeyInfo
  /** `undefined` when there is no such key. */
  readonly update: (keyId: string, change: { readonly displayName: string; readonly updateTime: number }) =>
    | KeyInfo
    | undefined
  /** Whether the key existed. Its tokens are revoked with it. */
  readonly remove: (keyId: string) => boolean
}

/**
 * Provided by the emulator to the product constructors it runs (`Options.products`, `Products.defaults`).
 *
 * @since 0.3.0
 * @category tags
 */
export class KeyRegistry extends Context.Tag("@sinch-effect/emulator/ProductApi/KeyRegistry")<
  KeyRegistry,
  KeyRegistryService
>() {}
