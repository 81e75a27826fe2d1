/**
 * Where each Sinch API lives: production hosts by default, every one overridable in code or from the
 * environment, and all of them at once with `SINCH_EMULATOR_URL`.
 *
 * @since 0.1.0
 */
import type { MailgunCredentials, Region } from "@sinch-effect/auth-core"
import type { Option } from "effect"
import { Config, ConfigError, Context, Either, Layer } from "effect"

/**
 * A regional Voice host (`calling-<region>.api.sinch.com`).
 *
 * @since 0.1.0
 * @category models
 */
export type VoiceRegion = "euc1" | "use1" | "sae1" | "apse1" | "apse2"

/**
 * @since 0.1.0
 * @category models
 */
export type MailgunRegion = MailgunCredentials.MailgunRegion

/**
 * The URL of every API. `conversation`, `templates` and `voiceRegional` may contain `{region}`;
 * a URL without it serves every region. Product URLs are hosts (or path prefixes): clients append
 * `/v1/projects/{projectId}` and the like themselves.
 *
 * @since 0.1.0
 * @category models
 */
export interface Urls {
  /** The OAuth2 token endpoint (the full URL, not a host). */
  readonly auth: string
  readonly numbers: string
  readonly est: string
  readonly conversation: string
  readonly templates: string
  /** Voice without a region. */
  readonly voice: string
  /** Voice in a region. */
  readonly voiceRegional: string
  readonly verification: string
  readonly mailgunUs: string
  readonly mailgunEu: string
  readonly account: string
}

/**
 * Some URLs of `Urls`; the others keep their default.
 *
 * @since 0.1.0
 * @category models
 */
export type Overrides = { readonly [K in keyof Urls]?: string | undefined }

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly urls: Urls
  readonly auth: string
  readonly numbers: string
  readonly est: string
  readonly conversation: (region: Region.Region) => string
  readonly templates: (region: Region.Region) => string
  readonly voice: (region?: VoiceRegion | undefined) => string
  readonly verification: string
  readonly mailgun: (region: MailgunRegion) => string
  readonly account: string
}

/**
 * @since 0.1.0
 * @category tags
 */
export class SinchEndpoints extends Context.Tag("@sinch-effect/sinch-http/SinchEndpoints")<SinchEndpoints, Service>() {}

/**
 * The production hosts.
 *
 * @since 0.1.0
 * @category constants
 */
export const production: Urls = {
  auth: "https://auth.sinch.com/oauth2/token",
  numbers: "https://numbers.api.sinch.com",
  est: "https://elastic-trunking.api.sinch.com",
  conversation: "https://{region}.conversation.api.sinch.com",
  templates: "https://{region}.template.api.sinch.com",
  voice: "https://calling.api.sinch.com",
  voiceRegional: "https://calling-{region}.api.sinch.com",
  verification: "https://verification.api.sinch.com",
  mailgunUs: "https://api.mailgun.net",
  mailgunEu: "https://api.eu.mailgun.net",
  account: "https://account.api.sinch.com"
}

/**
 * Every API of an emulator listening at `url` (what `SINCH_EMULATOR_URL` sets).
 *
 * @since 0.1.0
 * @category constructors
 */
export const emulator = (url: string): Urls => {
  const base = trimSlash(url)
  return {
    auth: `${base}/auth/oauth2/token`,
    numbers: `${base}/numbers`,
    est: `${base}/est`,
    conversation: `${base}/conversation/{region}`,
    templates: `${base}/templates/{region}`,
    voice: `${base}/voice`,
    voiceRegional: `${base}/voice`,
    verification: `${base}/verification`,
    mailgunUs: `${base}/mailgun`,
    mailgunEu: `${base}/mailgun`,
    account: `${base}/account`
  }
}

const trimSlash = (url: string): string => url.trim().replace(/\/+$/, "")

const fillRegion = (template: string, region: string): string => template.replaceAll("{region}", region)

/** The variable each URL is read from, named in configuration errors. */
const variables: { readonly [K in keyof Urls]: string } = {
  auth: "SINCH_AUTH_URL",
  numbers: "SINCH_NUMBERS_URL",
  est: "SINCH_EST_URL",
  conversation: "SINCH_CONVERSATION_URL",
  templates: "SINCH_TEMPLATES_URL",
  voice: "SINCH_VOICE_URL",
  voiceRegional: "SINCH_VOICE_URL",
  verification: "SINCH_VERIFICATION_URL",
  mailgunUs: "SINCH_MAILGUN_URL",
  mailgunEu: "SINCH_MAILGUN_URL",
  account: "SINCH_ACCOUNT_URL"
}

const regional: ReadonlySet<keyof Urls> = new Set<keyof Urls>(["conversation", "templates", "voiceRegional"])

const checkUrl = (name: string, key: keyof Urls, value: string): Either.Either<string, ConfigError.ConfigError> => {
  const url = trimSlash(value)
  const invalid = (problem: string) =>
    Either.left(ConfigError.InvalidData([name], `${name} ${problem}, got "${value}"`))
  if (!regional.has(key) && url.includes("{region}")) {
    return invalid("cannot contain {region} (only SINCH_CONVERSATION_URL and SINCH_TEMPLATES_URL can)")
  }
  let parsed: URL
  try {
    parsed = new URL(fillRegion(url, "us"))
  } catch {
    return invalid("is not a valid URL (expected e.g. https://host or http://127.0.0.1:8080)")
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return invalid("must be an http or https URL")
  if (parsed.search !== "" || parsed.hash !== "") return invalid("must not have a query or a fragment")
  return Either.right(url)
}

/**
 * Endpoints from `base` (default: production) with `overrides` applied. Every URL is checked; a bad one
 * is a `ConfigError` naming the variable it stands for.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  overrides?: Overrides | undefined,
  base: Urls = production
): Either.Either<Service, ConfigError.ConfigError> => {
  const merged: Record<string, string> = { ...base }
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) merged[key] = value
  }
  const checked = {} as Record<keyof Urls, string>
  for (const key of Object.keys(production) as Array<keyof Urls>) {
    const result = checkUrl(variables[key], key, merged[key]!)
    if (Either.isLeft(result)) return Either.left(result.left)
    checked[key] = result.right
  }
  return Either.right(fromUrls(checked))
}

const fromUrls = (urls: Urls): Service => ({
  urls,
  auth: urls.auth,
  numbers: urls.numbers,
  est: urls.est,
  conversation: (region) => fillRegion(urls.conversation, region),
  templates: (region) => fillRegion(urls.templates, region),
  voice: (region) => (region === undefined ? urls.voice : fillRegion(urls.voiceRegional, region)),
  verification: urls.verification,
  mailgun: (region) => (region === "eu" ? urls.mailgunEu : urls.mailgunUs),
  account: urls.account
})

const optionalUrl = (name: string): Config.Config<Option.Option<string>> => Config.option(Config.string(name))

/**
 * Reads `SINCH_EMULATOR_URL` (everything at the emulator) and then the per-API variables, which win:
 * `SINCH_AUTH_URL`, `SINCH_NUMBERS_URL`, `SINCH_EST_URL`, `SINCH_CONVERSATION_URL` (may contain `{region}`),
 * `SINCH_TEMPLATES_URL` (may contain `{region}`), `SINCH_VOICE_URL` (every Voice region),
 * `SINCH_VERIFICATION_URL`, `SINCH_MAILGUN_URL` (both Mailgun regions), `SINCH_ACCOUNT_URL`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Service> = Config.all({
  emulator: optionalUrl("SINCH_EMULATOR_URL"),
  auth: optionalUrl("SINCH_AUTH_URL"),
  numbers: optionalUrl("SINCH_NUMBERS_URL"),
  est: optionalUrl("SINCH_EST_URL"),
  conversation: optionalUrl("SINCH_CONVERSATION_URL"),
  templates: optionalUrl("SINCH_TEMPLATES_URL"),
  voice: optionalUrl("SINCH_VOICE_URL"),
  verification: optionalUrl("SINCH_VERIFICATION_URL"),
  mailgun: optionalUrl("SINCH_MAILGUN_URL"),
  account: optionalUrl("SINCH_ACCOUNT_URL")
}).pipe(
  Config.mapOrFail((vars) => {
    const value = (option: Option.Option<string>): string | undefined =>
      option._tag === "Some" ? option.value : undefined
    const emulatorUrl = value(vars.emulator)
    if (emulatorUrl !== undefined) {
      const check = checkUrl("SINCH_EMULATOR_URL", "numbers", emulatorUrl)
      if (Either.isLeft(check)) return Either.left(check.left)
    }
    const base = emulatorUrl === undefined ? production : emulator(emulatorUrl)
    const voice = value(vars.voice)
    const mailgun = value(vars.mailgun)
    return make({
      auth: value(vars.auth),
      numbers: value(vars.numbers),
      est: value(vars.est),
      conversation: value(vars.conversation),
      templates: value(vars.templates),
      voice,
      voiceRegional: voice,
      verification: value(vars.verification),
      mailgunUs: mailgun,
      mailgunEu: mailgun,
      account: value(vars.account)
    }, base)
  })
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (overrides?: Overrides | undefined): Layer.Layer<SinchEndpoints, ConfigError.ConfigError> =>
  Layer.effect(SinchEndpoints, make(overrides))

/**
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  endpoints: Config.Config<Service> = config
): Layer.Layer<SinchEndpoints, ConfigError.ConfigError> => Layer.effect(SinchEndpoints, endpoints)
