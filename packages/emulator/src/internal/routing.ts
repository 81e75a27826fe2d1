/**
 * Which emulated API a URL addresses: by production host (so clients with default endpoints work
 * unchanged in-process) or, on any other host, by the emulator's own path prefix.
 *
 * @internal
 */
import type { ApiName, EmulatedRegion } from "../ProductApi.js"

/** @internal */
export type Target = "auth" | "control" | ApiName

/** @internal */
export interface Route {
  readonly api: Target
  /** The path after the API prefix, still percent-encoded; always starts with `/`. */
  readonly path: string
  readonly region: EmulatedRegion | undefined
}

const regions: ReadonlyArray<string> = ["us", "eu", "br"]

const isRegion = (value: string | undefined): value is EmulatedRegion => value !== undefined && regions.includes(value)

const rest = (path: string): string => (path === "" ? "/" : path)

const byHost = (host: string, path: string): Route | undefined => {
  if (host === "auth.sinch.com" || host === "us.auth.sinch.com" || host === "eu.auth.sinch.com") {
    // The emulator's own prefix is accepted too, for a client configured with `${emulator}/auth/...` hosts.
    return { api: "auth", path: path.startsWith("/auth/") ? path.slice(5) : path, region: undefined }
  }
  if (host === "numbers.api.sinch.com") return { api: "numbers", path, region: undefined }
  if (host === "elastic-trunking.api.sinch.com") return { api: "est", path, region: undefined }
  if (host === "verification.api.sinch.com") return { api: "verification", path, region: undefined }
  if (host === "api.mailgun.net" || host === "api.eu.mailgun.net") return { api: "mailgun", path, region: undefined }
  if (/^calling(-[a-z0-9]+)?\.api\.sinch\.com$/.test(host)) return { api: "voice", path, region: undefined }
  const regional = /^([a-z]+)\.(conversation|template)\.api\.sinch\.com$/.exec(host)
  if (regional !== null && isRegion(regional[1])) {
    return { api: regional[2] === "conversation" ? "conversation" : "templates", path, region: regional[1] }
  }
  return undefined
}

const prefixes: ReadonlyArray<readonly [string, Target]> = [
  ["auth", "auth"],
  ["_emulator", "control"],
  ["numbers", "numbers"],
  ["est", "est"],
  ["voice", "voice"],
  ["verification", "verification"],
  ["mailgun", "mailgun"]
]

const byPrefix = (path: string): Route | undefined => {
  const match = /^\/([^/]+)(\/.*)?$/.exec(path)
  if (match === null) return undefined
  const head = match[1]!
  const tail = match[2] ?? ""
  for (const [prefix, api] of prefixes) {
    if (head === prefix) return { api, path: rest(tail), region: undefined }
  }
  if (head === "conversation" || head === "templates") {
    const regional = /^\/([^/]+)(\/.*)?$/.exec(tail)
    if (regional === null || !isRegion(regional[1])) return undefined
    return { api: head, path: rest(regional[2] ?? ""), region: regional[1] }
  }
  return undefined
}

/** @internal */
export const resolve = (url: URL): Route | undefined =>
  byHost(url.hostname.toLowerCase(), url.pathname) ?? byPrefix(url.pathname)

/**
 * The path split on `/` and percent-decoded; `undefined` when an escape is malformed.
 *
 * @internal
 */
export const segments = (path: string): ReadonlyArray<string> | undefined => {
  try {
    return path.split("/").filter((segment) => segment !== "").map(decodeURIComponent)
  } catch {
    return undefined
  }
}

/**
 * The project a path addresses (`/v1/projects/{projectId}/…`, `/v2/projects/{projectId}/…`).
 *
 * @internal
 */
export const projectOf = (segments: ReadonlyArray<string>): string | undefined =>
  segments.length >= 3 && /^v\d+$/.test(segments[0]!) && segments[1] === "projects" ? segments[2] : undefined
