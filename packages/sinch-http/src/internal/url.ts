import type { QueryValue, RequestOptions } from "../SinchClient.js"

const placeholder = /\{([^{}]+)\}/g

/** @internal */
export const fillRoute = (route: string, path: RequestOptions["path"]): string =>
  route.replace(placeholder, (_, name: string) => {
    const value = path?.[name]
    if (value === undefined) {
      throw new Error(`The route ${route} needs a value for {${name}}`)
    }
    return encodeURIComponent(String(value))
  })

/** @internal */
export const joinUrl = (baseUrl: string, path: string): string => {
  const base = baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl
  if (path === "") return base
  return path.startsWith("/") ? `${base}${path}` : `${base}/${path}`
}

/** Query entries in order; arrays repeat the key, `undefined` drops it. @internal */
export const queryEntries = (query: RequestOptions["query"]): Array<[string, string]> => {
  const entries: Array<[string, string]> = []
  if (query === undefined) return entries
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<QueryValue>) entries.push([key, String(item)])
    } else {
      entries.push([key, String(value)])
    }
  }
  return entries
}
