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

/**
 * How a URL is shown in a configuration error: any userinfo (`user:password@`) is replaced, so that a
 * password put in a URL is never printed, whether or not the URL parses.
 */
const display = (value: string): string => {
  const scheme = /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/*/.exec(value)
  const start = scheme === null ? 0 : scheme[0].length
  const at = value.lastIndexOf("@")
  return at < start ? value : `${value.slice(0, start)}***@${value.slice(at + 1)}`
}

/** Hosts that never leave the machine: `localhost`, 127.0.0.0/8 and ::1 (as WHATWG URL normalises them). */
const isLoopback = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname)

/**
 * Options of `make` and `layer`.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /**
   * Accept `http:` URLs to hosts other than loopback. Off by default: over plain HTTP the key secret
   * (the token request's Basic header) and every bearer token cross the network in clear text.
   * `SINCH_ALLOW_INSECURE_HTTP=true` sets it from the environment.
   */
  readonly allowInsecureHttp?: boolean | undefined
}

/**
 * Checks one configured URL: an absolute http(s) URL without userinfo, query or fragment, and plain
 * `http:` only to loopback unless `allowInsecureHttp`. The error names `name`, the variable the URL
 * stands for, and never prints userinfo.
 */
const checkUrl = (
  name: string,
  key: keyof Urls,
  value: string,
  options?: Options | undefined
): Either.Either<string, ConfigError.ConfigError> => {
  const url = trimSlash(value)
  const invalid = (problem: string) =>
    Either.left(ConfigError.InvalidData([name], `${name} ${problem}, got "${display(value)}"`))
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
  if (parsed.username !== "" || parsed.password !== "") {
    return invalid("must not contain a user name or password (userinfo): credentials come from their own variables")
  }
  // `new URL("https://h/?").search` is "": a bare `?` or `#` would pass a check on the parsed URL, and the
  // route appended to the base would then become a query or a fragment.
  if (parsed.search !== "" || parsed.hash !== "" || /[?#]/.test(url)) {
    return invalid("must not have a query or a fragment (not even a bare ? or #)")
  }
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname) && options?.allowInsecureHttp !== true) {
    return invalid(
      `uses plain http to ${parsed.hostname}, which is not loopback: secrets and tokens would cross the network in clear text. Use https, or set SINCH_ALLOW_INSECURE_HTTP=true (option allowInsecureHttp) if this network is trusted`
    )
  }
  return Either.right(url)
}

/**
 * The variables whose URL uses plain `http:` to a host that is not loopback (allowed only with
 * `allowInsecureHttp`), for `sinch doctor` and logs.
 *
 * @since 0.2.0
 * @category accessors
 */
export const insecure = (urls: Urls): ReadonlyArray<string> => {
  const names = new Set<string>()
  for (const key of Object.keys(production) as Array<keyof Urls>) {
    try {
      const parsed = new URL(fillRegion(urls[key], "us"))
      if (parsed.protocol === "http:" && !isLoopback(parsed.hostname)) names.add(variables[key])
    } catch {
      // `make` has already rejected it.
    }
  }
  return [...names]
}

/**
 * Endpoints from `base` (default: production) with `overrides` applied. Every URL is checked; a bad one
 * is a `ConfigError` naming the variable it stands for: it must be an absolute http(s) URL without
 * userinfo, query or fragment, and plain `http:` is accepted only to loopback (127.0.0.0/8, ::1,
 * `localhost`) unless `options.allowInsecureHttp`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  overrides?: Overrides | undefined,
  base: Urls = production,
  options?: Options | undefined
): Either.Either<Service, ConfigError.ConfigError> => {
  const merged: Record<string, string> = { ...base }
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) merged[key] = value
  }
  const checked = {} as Record<keyof Urls, string>
  for (const key of Object.keys(production) as Array<keyof Urls>) {
    const result = checkUrl(variables[key], key, merged[key]!, options)
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
 * `SINCH_VERIFICATION_URL`, `SINCH_MAILGUN_URL` (both Mailgun regions), `SINCH_ACCOUNT_URL`; and
 * `SINCH_ALLOW_INSECURE_HTTP` (`true` accepts plain `http:` to hosts other than loopback).
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
  account: optionalUrl("SINCH_ACCOUNT_URL"),
  allowInsecureHttp: Config.withDefault(Config.boolean("SINCH_ALLOW_INSECURE_HTTP"), false)
}).pipe(
  Config.mapOrFail((vars) => {
    const value = (option: Option.Option<string>): string | undefined =>
      option._tag === "Some" ? option.value : undefined
    const options: Options = { allowInsecureHttp: vars.allowInsecureHttp }
    const emulatorUrl = value(vars.emulator)
    if (emulatorUrl !== undefined) {
      const check = checkUrl("SINCH_EMULATOR_URL", "numbers", emulatorUrl, options)
      if (Either.isLeft(check)) return Either.left(check.left)
    }
    const base = emulatorUrl === undefined ? production : emulator(emulatorUrl)
    const voice = value(vars.voice)
    const mailgun = value(vars.mailgun)
    return make(
      {
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
      },
      base,
      options
    )
  })
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  overrides?: Overrides | undefined,
  options?: Options | undefined
): Layer.Layer<SinchEndpoints, ConfigError.ConfigError> =>
  Layer.effect(SinchEndpoints, make(overrides, production, options))

/**
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  endpoints: Config.Config<Service> = config
): Layer.Layer<SinchEndpoints, ConfigError.ConfigError> => Layer.effect(SinchEndpoints, endpoints)
