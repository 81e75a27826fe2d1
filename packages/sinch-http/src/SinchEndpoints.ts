/**
 * Where each Sinch API lives: production hosts by default, every one overridable in code or from the
 * environment, and all of them at once with `SINCH_EMULATOR_URL`.
 *
 * @since 0.1.0
 */
import type { Option } from "effect"
import { Config, ConfigError, Context, Either, Layer } from "effect"
import * as SinchApi from "./SinchApi.js"

/**
 * A regional Voice host (`calling-<region>.api.sinch.com`).
 *
 * @since 0.1.0
 * @category models
 */
export type VoiceRegion = SinchApi.VoiceRegion

/**
 * @since 0.1.0
 * @category models
 */
export type MailgunRegion = SinchApi.MailgunRegion

/**
 * The URL of every API (the `hosts` of each `SinchApi.apis` entry) and of the token endpoint.
 * `conversation`, `templates` and `voiceRegional` may contain `{region}`; a URL without it serves every
 * region. Product URLs are hosts (or path prefixes): clients append `/v1/projects/{projectId}` and the
 * like themselves.
 *
 * @since 0.1.0
 * @category models
 */
export interface Urls extends Readonly<Record<SinchApi.UrlName, string>> {
  /** The OAuth2 token endpoint (the full URL, not a host). */
  readonly auth: string
}

/**
 * Some URLs of `Urls`; the others keep their default.
 *
 * @since 0.1.0
 * @category models
 */
export type Overrides = { readonly [K in keyof Urls]?: string | undefined }

/**
 * The URLs, and one accessor per API (`SinchApi.apis[key].endpoint`): a URL, or a function of a region.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends SinchApi.Endpoints {
  readonly urls: Urls
  readonly auth: string
}

/**
 * @since 0.1.0
 * @category tags
 */
export class SinchEndpoints extends Context.Tag("@sinch-effect/sinch-http/SinchEndpoints")<SinchEndpoints, Service>() {}

/** Every URL: its name, the variable it is read from and its host, in the order they are checked. */
interface Entry {
  readonly url: keyof Urls
  readonly variable: string
  readonly host: SinchApi.Host
}

const entries: ReadonlyArray<Entry> = [
  { url: "auth", variable: SinchApi.tokenEndpoint.variable, host: SinchApi.tokenEndpoint },
  ...SinchApi.keys.flatMap((key) => {
    const api = SinchApi.get(key)
    return Object.entries(api.hosts).map(([url, host]) => ({
      url: url as keyof Urls,
      variable: api.variable,
      host
    }))
  })
]

const urlsFrom = (host: (entry: Entry) => string): Urls =>
  Object.fromEntries(entries.map((entry) => [entry.url, host(entry)])) as unknown as Urls

/**
 * The production hosts.
 *
 * @since 0.1.0
 * @category constants
 */
export const production: Urls = urlsFrom((entry) => entry.host.production)

/**
 * Every API of an emulator listening at `url` (what `SINCH_EMULATOR_URL` sets).
 *
 * @since 0.1.0
 * @category constructors
 */
export const emulator = (url: string): Urls => {
  const base = trimSlash(url)
  return urlsFrom((entry) => `${base}${entry.host.emulator}`)
}

const trimSlash = (url: string): string => url.trim().replace(/\/+$/, "")

const isRegional = (entry: Entry): boolean => entry.host.production.includes("{region}")

/** The variable each URL is read from, named in configuration errors. */
const variables = Object.fromEntries(entries.map((entry) => [entry.url, entry.variable])) as Record<keyof Urls, string>

const regional: ReadonlySet<keyof Urls> = new Set(entries.filter(isRegional).map((entry) => entry.url))

/** The variables every URL of which is regional: only they may contain `{region}`. */
const regionalVariables = [...new Set(entries.map((entry) => entry.variable))].filter((variable) =>
  entries.filter((entry) => entry.variable === variable).every(isRegional)
)

const regionalRule = `cannot contain {region} (only ${
  regionalVariables.length <= 1
    ? regionalVariables.join("")
    : `${regionalVariables.slice(0, -1).join(", ")} and ${regionalVariables.at(-1)}`
} can)`

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
  mayHaveRegion: boolean,
  value: string,
  options?: Options | undefined
): Either.Either<string, ConfigError.ConfigError> => {
  const url = trimSlash(value)
  const invalid = (problem: string) =>
    Either.left(ConfigError.InvalidData([name], `${name} ${problem}, got "${display(value)}"`))
  if (!mayHaveRegion && url.includes("{region}")) return invalid(regionalRule)
  let parsed: URL
  try {
    parsed = new URL(SinchApi.fillRegion(url, "us"))
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
  for (const { url: key } of entries) {
    try {
      const parsed = new URL(SinchApi.fillRegion(urls[key], "us"))
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
  for (const { url: key } of entries) {
    const result = checkUrl(variables[key], regional.has(key), merged[key]!, options)
    if (Either.isLeft(result)) return Either.left(result.left)
    checked[key] = result.right
  }
  return Either.right(fromUrls(checked))
}

const fromUrls = (urls: Urls): Service => {
  const byName = urls as unknown as Readonly<Record<string, string>>
  const accessors = Object.fromEntries(SinchApi.keys.map((key) => [key, SinchApi.get(key).endpoint(byName)]))
  return { ...(accessors as unknown as SinchApi.Endpoints), urls, auth: urls.auth }
}

const optionalUrl = (name: string): Config.Config<Option.Option<string>> => Config.option(Config.string(name))

const variableNames: ReadonlyArray<string> = [...new Set(entries.map((entry) => entry.variable))]

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
  urls: Config.all(Object.fromEntries(variableNames.map((name) => [name, optionalUrl(name)]))),
  allowInsecureHttp: Config.withDefault(Config.boolean("SINCH_ALLOW_INSECURE_HTTP"), false)
}).pipe(
  Config.mapOrFail((vars) => {
    const value = (option: Option.Option<string> | undefined): string | undefined =>
      option?._tag === "Some" ? option.value : undefined
    const options: Options = { allowInsecureHttp: vars.allowInsecureHttp }
    const emulatorUrl = value(vars.emulator)
    if (emulatorUrl !== undefined) {
      const check = checkUrl("SINCH_EMULATOR_URL", false, emulatorUrl, options)
      if (Either.isLeft(check)) return Either.left(check.left)
    }
    const base = emulatorUrl === undefined ? production : emulator(emulatorUrl)
    // One variable sets every URL of its API (e.g. SINCH_VOICE_URL both Voice URLs).
    const overrides: Overrides = Object.fromEntries(
      entries.map((entry) => [entry.url, value(vars.urls[entry.variable])])
    )
    return make(overrides, base, options)
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
