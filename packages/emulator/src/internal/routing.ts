/**
 * Which emulated API a URL addresses: by production host (so clients with default endpoints work
 * unchanged in-process) or, on any other host, by the emulator's own path prefix.
 *
 * @internal
 */
import type { ApiName, EmulatedRegion } from "../ProductApi.js"
import { apiNames, describe, regions } from "../ProductApi.js"

/** @internal */
export type Target = "auth" | "control" | ApiName

/** @internal */
export interface Route {
  readonly api: Target
  /** The path after the API prefix, still percent-encoded; always starts with `/`. */
  readonly path: string
  readonly region: EmulatedRegion | undefined
}

const isRegion = (value: string | undefined): value is EmulatedRegion =>
  value !== undefined && (regions as ReadonlyArray<string>).includes(value)

const rest = (path: string): string => (path === "" ? "/" : path)

const authHosts: ReadonlyArray<string> = ["auth.sinch.com", "us.auth.sinch.com", "eu.auth.sinch.com"]

const byHost = (host: string, path: string): Route | undefined => {
  if (authHosts.includes(host)) {
    // The emulator's own prefix is accepted too, for a client configured with `${emulator}/auth/...` hosts.
    return { api: "auth", path: path.startsWith("/auth/") ? path.slice(5) : path, region: undefined }
  }
  for (const api of apiNames) {
    const description = describe(api)
    for (const pattern of description.hosts) {
      if (typeof pattern === "string") {
        if (host === pattern) return { api, path, region: undefined }
        continue
      }
      const match = pattern.exec(host)
      if (match === null) continue
      if (!description.regional) return { api, path, region: undefined }
      if (isRegion(match[1])) return { api, path, region: match[1] }
    }
  }
  return undefined
}

const byRootPath = (path: string): Route | undefined => {
  for (const api of apiNames) {
    const roots = describe(api).rootPaths ?? []
    if (roots.some((root) => path.startsWith(root))) return { api, path, region: undefined }
  }
  return undefined
}

const byPrefix = (path: string): Route | undefined => {
  const root = byRootPath(path)
  if (root !== undefined) return root
  const match = /^\/([^/]+)(\/.*)?$/.exec(path)
  if (match === null) return undefined
  const head = match[1]!
  const tail = match[2] ?? ""
  if (head === "auth") return { api: "auth", path: rest(tail), region: undefined }
  if (head === "_emulator") return { api: "control", path: rest(tail), region: undefined }
  const api = apiNames.find((name) => describe(name).prefix === head)
  if (api === undefined) return undefined
  if (!describe(api).regional) return { api, path: rest(tail), region: undefined }
  const regional = /^\/([^/]+)(\/.*)?$/.exec(tail)
  if (regional === null || !isRegion(regional[1])) return undefined
  return { api, path: rest(regional[2] ?? ""), region: regional[1] }
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
