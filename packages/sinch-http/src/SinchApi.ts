/**
 * One description per Sinch API: its name, hosts and regions, the variable that moves it, the
 * credentials it takes and the shape of its error bodies. `SinchEndpoints` (URLs, variables, the
 * emulator's prefixes, the accessors of `Service`) and `SinchClient.ApiName` are derived from `apis`,
 * so a new API is one entry here.
 *
 * @since 0.3.0
 */
import type { AuthStrategy, MailgunCredentials } from "@sinch-effect/auth-core"
import { Region } from "@sinch-effect/auth-core"

/**
 * A regional Voice host (`calling-<region>.api.sinch.com`).
 *
 * @since 0.3.0
 * @category models
 */
export type VoiceRegion = "euc1" | "use1" | "sae1" | "apse1" | "apse2"

/**
 * @since 0.3.0
 * @category constants
 */
export const voiceRegions: ReadonlyArray<VoiceRegion> = ["euc1", "use1", "sae1", "apse1", "apse2"]

/**
 * @since 0.3.0
 * @category models
 */
export type MailgunRegion = MailgunCredentials.MailgunRegion

/**
 * The error-body shape an API answers with: `sinch` (`{error:{code,message,status,details}}`),
 * `application` (`{errorCode,message,reference}`, Voice and Verification), `mailgun` (`{message}`).
 * The client decodes every shape from every API; the emulator answers in the declared one.
 *
 * @since 0.3.0
 * @category models
 */
export type ErrorBody = "sinch" | "application" | "mailgun"

/**
 * Where one URL of an API lives: its production host (may contain `{region}`) and its path under an
 * emulator's base URL.
 *
 * @since 0.3.0
 * @category models
 */
export interface Host {
  readonly production: string
  readonly emulator: string
}

/**
 * One API. `hosts` names its URLs (the fields of `SinchEndpoints.Urls`); `endpoint` turns them into the
 * accessor `SinchEndpoints.Service` offers for it (a URL, or a function of a region).
 *
 * @since 0.3.0
 * @category models
 */
export interface Description<Name extends string = string, Url extends string = string, Endpoint = unknown> {
  /** Named in errors, spans and metrics. */
  readonly name: Name
  /** The environment variable that overrides every URL of the API. */
  readonly variable: string
  /** The credentials it is called with. */
  readonly scope: AuthStrategy.Scope
  readonly errorBody: ErrorBody
  /** The regions a caller chooses from; absent for a global API. */
  readonly regions?: ReadonlyArray<string> | undefined
  readonly hosts: { readonly [K in Url]: Host }
  readonly endpoint: (urls: { readonly [K in Url]: string }) => Endpoint
}

/**
 * A description, with its name and URL names kept literal.
 *
 * @since 0.3.0
 * @category constructors
 */
export const describe = <const Name extends string, Url extends string, Endpoint>(
  description: Description<Name, Url, Endpoint>
): Description<Name, Url, Endpoint> => description

/**
 * Fills `{region}` of a URL template.
 *
 * @since 0.3.0
 * @category utils
 */
export const fillRegion = (template: string, region: string): string => template.replaceAll("{region}", region)

/**
 * The OAuth2 token endpoint (a full URL, not a host), shared by every project-scoped API.
 *
 * @since 0.3.0
 * @category constants
 */
export const tokenEndpoint: Host & { readonly variable: string } = {
  production: "https://auth.sinch.com/oauth2/token",
  emulator: "/auth/oauth2/token",
  variable: "SINCH_AUTH_URL"
}

/**
 * Every API, in the order configuration is read and checked. Add a product here (one entry): the
 * endpoint lists, variables and accessors follow, and the compiler points at whatever else needs it.
 *
 * @since 0.3.0
 * @category registry
 */
export const apis = {
  numbers: describe({
    name: "Numbers",
    variable: "SINCH_NUMBERS_URL",
    scope: "project",
    errorBody: "sinch",
    hosts: { numbers: { production: "https://numbers.api.sinch.com", emulator: "/numbers" } },
    endpoint: (urls) => urls.numbers
  }),
  est: describe({
    name: "Elastic SIP Trunking",
    variable: "SINCH_EST_URL",
    scope: "project",
    errorBody: "sinch",
    hosts: { est: { production: "https://elastic-trunking.api.sinch.com", emulator: "/est" } },
    endpoint: (urls) => urls.est
  }),
  conversation: describe({
    name: "Conversation",
    variable: "SINCH_CONVERSATION_URL",
    scope: "project",
    errorBody: "sinch",
    regions: Region.all,
    hosts: {
      conversation: { production: "https://{region}.conversation.api.sinch.com", emulator: "/conversation/{region}" }
    },
    endpoint: (urls) => (region: Region.Region): string => fillRegion(urls.conversation, region)
  }),
  templates: describe({
    name: "Templates",
    variable: "SINCH_TEMPLATES_URL",
    scope: "project",
    errorBody: "sinch",
    regions: Region.all,
    hosts: { templates: { production: "https://{region}.template.api.sinch.com", emulator: "/templates/{region}" } },
    endpoint: (urls) => (region: Region.Region): string => fillRegion(urls.templates, region)
  }),
  voice: describe({
    name: "Voice",
    variable: "SINCH_VOICE_URL",
    scope: "application",
    errorBody: "application",
    regions: voiceRegions,
    hosts: {
      /** Voice without a region. */
      voice: { production: "https://calling.api.sinch.com", emulator: "/voice" },
      /** Voice in a region. */
      voiceRegional: { production: "https://calling-{region}.api.sinch.com", emulator: "/voice" },
      /**
       * Voice application management (numbers, callback URLs, number queries): one host for every
       * region, `callingapi.sinch.com` in the API reference's samples and in the official SDKs
       * (`VOICE_APPLICATION_MANAGEMENT_HOSTNAME`).
       */
      voiceApplications: { production: "https://callingapi.sinch.com", emulator: "/voice" }
    },
    endpoint: (urls) => (region?: VoiceRegion | undefined): string =>
      region === undefined ? urls.voice : fillRegion(urls.voiceRegional, region)
  }),
  verification: describe({
    name: "Verification",
    variable: "SINCH_VERIFICATION_URL",
    scope: "application",
    errorBody: "application",
    hosts: { verification: { production: "https://verification.api.sinch.com", emulator: "/verification" } },
    endpoint: (urls) => urls.verification
  }),
  mailgun: describe({
    name: "Mailgun",
    variable: "SINCH_MAILGUN_URL",
    scope: "mailgun",
    errorBody: "mailgun",
    regions: ["us", "eu"],
    hosts: {
      mailgunUs: { production: "https://api.mailgun.net", emulator: "/mailgun" },
      mailgunEu: { production: "https://api.eu.mailgun.net", emulator: "/mailgun" }
    },
    endpoint: (urls) => (region: MailgunRegion): string => (region === "eu" ? urls.mailgunEu : urls.mailgunUs)
  }),
  account: describe({
    name: "Account",
    variable: "SINCH_ACCOUNT_URL",
    scope: "project",
    errorBody: "sinch",
    hosts: { account: { production: "https://account.api.sinch.com", emulator: "/account" } },
    endpoint: (urls) => urls.account
  })
}

/**
 * @since 0.3.0
 * @category models
 */
export type Apis = typeof apis

/**
 * The key of an API in `apis` (and of its accessor in `SinchEndpoints.Service`).
 *
 * @since 0.3.0
 * @category models
 */
export type Key = keyof Apis

/**
 * The name of an API, as errors, spans and metrics show it.
 *
 * @since 0.3.0
 * @category models
 */
export type Name = Apis[Key]["name"]

/**
 * The name of one URL (a field of `SinchEndpoints.Urls`).
 *
 * @since 0.3.0
 * @category models
 */
export type UrlName = { readonly [K in Key]: keyof Apis[K]["hosts"] & string }[Key]

/**
 * The accessor of each API in `SinchEndpoints.Service`.
 *
 * @since 0.3.0
 * @category models
 */
export type Endpoints = { readonly [K in Key]: ReturnType<Apis[K]["endpoint"]> }

/**
 * The keys of `apis`, in order.
 *
 * @since 0.3.0
 * @category constants
 */
export const keys: ReadonlyArray<Key> = Object.keys(apis) as Array<Key>

/**
 * An API's description by its key, without the literal types (for code that walks every API).
 *
 * @since 0.3.0
 * @category accessors
 */
export const get = (key: Key): Description<Name> => apis[key] as unknown as Description<Name>
