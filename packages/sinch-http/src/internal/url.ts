import type { QueryValue, RequestOptions } from "../SinchClient.js"

const placeholder = /\{([^{}]+)\}/g

/** A route split at its `{name}` placeholders: `literals` has one more entry than `names`. */
interface Compiled {
  readonly literals: ReadonlyArray<string>
  readonly names: ReadonlyArray<string>
}

/** Routes are the products' literals: a few dozen. The bound only stops a caller building routes per call. */
const compiled = new Map<string, Compiled>()
const maxCompiled = 512

const compile = (route: string): Compiled => {
  let result = compiled.get(route)
  if (result !== undefined) return result
  const literals: Array<string> = []
  const names: Array<string> = []
  let last = 0
  for (const match of route.matchAll(placeholder)) {
    literals.push(route.slice(last, match.index))
    names.push(match[1]!)
    last = match.index + match[0].length
  }
  literals.push(route.slice(last))
  result = { literals, names }
  if (compiled.size < maxCompiled) compiled.set(route, result)
  return result
}

/** @internal */
export const fillRoute = (route: string, path: RequestOptions["path"]): string => {
  const { literals, names } = compile(route)
  if (names.length === 0) return route
  let url = literals[0]!
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    const value = path?.[name]
    if (value === undefined) {
      throw new Error(`The route ${route} needs a value for {${name}}`)
    }
    // Last line of defence (the client checks first and fails with InvalidRequest): never send a
    // request whose path value would be removed by URL parsing.
    const problem = pathValueProblem(value)
    if (problem !== undefined) throw new Error(`The value of {${name}} in ${route} is refused: ${problem}`)
    url += encodeURIComponent(String(value)) + literals[i + 1]!
  }
  return url
}

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

/** Percent-decodes until stable (a few rounds: `%252e` is `%2e` is `.`), stopping at malformed escapes. */
const decodeFully = (value: string): string => {
  let current = value
  for (let round = 0; round < 4; round++) {
    let next: string
    try {
      next = decodeURIComponent(current)
    } catch {
      return current
    }
    if (next === current) return current
    current = next
  }
  return current
}

/**
 * Printable ASCII without `.`, `%`, `/` or spaces: such a value is never a dot segment in any encoding
 * or NFKC folding, so phone numbers and ids skip the decoding and folding below.
 */
const plainValue = /^[A-Za-z0-9_+\-@:,;=~!$&'()*]+$/

/** A UTF-16 surrogate without its pair: `encodeURIComponent` throws a `URIError` on it. */
const loneSurrogate = /\p{Surrogate}/u

/**
 * Why a path value must not be sent, if it must not: empty, `.` or `..` (URL parsing removes these
 * segments, in any percent-encoding and after NFKC folding, so the request would reach the parent
 * resource), or a lone surrogate (not encodable).
 *
 * @internal
 */
export const pathValueProblem = (
  value: string | number
): "empty-path-value" | "dot-segment" | "lone-surrogate" | undefined => {
  const text = String(value)
  if (plainValue.test(text)) return undefined
  if (loneSurrogate.test(text)) return "lone-surrogate"
  if (text === "") return "empty-path-value"
  for (const form of [text, decodeFully(text)]) {
    const folded = form.normalize("NFKC").trim()
    if (folded === "") return "empty-path-value"
    if (folded === "." || folded === "..") return "dot-segment"
  }
  return undefined
}

/** The first `{name}` of `route` whose value must not be sent, and why. @internal */
export const checkPath = (
  route: string,
  path: RequestOptions["path"]
): { readonly parameter: string; readonly reason: NonNullable<ReturnType<typeof pathValueProblem>> } | undefined => {
  for (const name of compile(route).names) {
    const value = path?.[name]
    if (value === undefined) continue
    const reason = pathValueProblem(value)
    if (reason !== undefined) return { parameter: name, reason }
  }
  return undefined
}
