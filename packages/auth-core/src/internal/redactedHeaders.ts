import type { HttpClientRequest } from "@effect/platform"
import { Headers } from "@effect/platform"
import { Inspectable } from "effect"

/**
 * `@effect/platform` redacts `authorization` only while Effect's logger renders a value: `util.inspect`,
 * `JSON.stringify` and `String` on a request outside that context print the header in clear. These
 * names are hidden from every rendering of the headers a strategy returns.
 */
const hiddenNames: ReadonlyArray<string> = ["authorization", "cookie", "set-cookie", "x-api-key"]

const render = (headers: Headers.Headers): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const name of Object.keys(headers)) {
    out[name] = hiddenNames.includes(name) ? "<redacted>" : headers[name]
  }
  return out
}

const HeadersProto: object = Object.getPrototypeOf(Headers.empty)

const ProtectedProto: object = Object.create(HeadersProto, {
  toJSON: {
    value(this: Headers.Headers) {
      return render(this)
    }
  },
  toString: {
    value(this: Headers.Headers) {
      return Inspectable.format(render(this))
    }
  },
  [Inspectable.NodeInspectSymbol]: {
    value(this: Headers.Headers) {
      return render(this)
    }
  }
})

/**
 * The same request whose headers render the credential headers as `<redacted>` wherever they are
 * printed. The header values themselves are untouched, so every HTTP client still sends them.
 */
export const protect = (request: HttpClientRequest.HttpClientRequest): HttpClientRequest.HttpClientRequest => {
  const headers = Object.assign(Object.create(ProtectedProto), request.headers) as Headers.Headers
  return Object.assign(Object.create(Object.getPrototypeOf(request)), request, { headers })
}

/**
 * `protect` after setting `headers` (lower-case names), in one copy of the headers instead of two.
 */
export const protectWith = (
  request: HttpClientRequest.HttpClientRequest,
  headers: Readonly<Record<string, string>>
): HttpClientRequest.HttpClientRequest => {
  const merged = Object.assign(Object.create(ProtectedProto), request.headers, headers) as Headers.Headers
  return Object.assign(Object.create(Object.getPrototypeOf(request)), request, { headers: merged })
}
