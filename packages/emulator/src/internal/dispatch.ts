/**
 * An API request, once routed: method and path checks, authentication by the API's scope, JSON
 * parsing, then the API's registered product handlers in order (the first answer wins; none is a 404
 * in the API's error shape).
 *
 * @internal
 */
import { Effect } from "effect"
import type { EmulatorRequest } from "../Emulator.js"
import type { ApiName, ProductRequest, ProductResponse } from "../ProductApi.js"
import { describe } from "../ProductApi.js"
import type { Authenticate } from "./apiAuth.js"
import * as Responses from "./responses.js"
import * as Routing from "./routing.js"
import type { State } from "./state.js"

const methods: ReadonlyArray<string> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

/** The URL up to the API's prefix: the request's path less the path after the prefix. */
const baseUrl = (url: URL, path: string): string => {
  const pathname = url.pathname
  const rest = path === "/" && !pathname.endsWith("/") ? "" : path
  return pathname.endsWith(rest) ? `${url.origin}${pathname.slice(0, pathname.length - rest.length)}` : url.origin
}

/** @internal */
export const make = (options: {
  readonly authenticate: Authenticate
  readonly state: () => State
}) =>
(request: EmulatorRequest, route: Routing.Route, now: number): Effect.Effect<ProductResponse> =>
  Effect.suspend(() => {
    const api = route.api as ApiName
    const fail = (status: number, message: string) => Effect.succeed(Responses.forTarget(api, status, message))
    const method = request.method.toUpperCase()
    if (!methods.includes(method)) return fail(405, `Method ${method} not allowed`)
    const segments = Routing.segments(route.path)
    if (segments === undefined) return fail(400, "Malformed percent-encoding in path")
    const auth = options.authenticate(describe(api).scope, request, Routing.projectOf(segments), now)
    if ("status" in auth) return Effect.succeed(auth)
    const rawBody = new TextDecoder().decode(request.body)
    const contentType = request.headers["content-type"]
    let body: unknown = undefined
    if (rawBody.trim() !== "" && (contentType === undefined || /json/i.test(contentType))) {
      try {
        body = JSON.parse(rawBody)
      } catch {
        return fail(400, "Invalid JSON payload")
      }
    }
    const productRequest: ProductRequest = {
      method: method as ProductRequest["method"],
      path: route.path,
      segments,
      query: new URLSearchParams(request.url.search),
      headers: request.headers,
      body,
      rawBody,
      bodyBytes: request.body,
      baseUrl: baseUrl(request.url, route.path),
      region: route.region,
      projectId: auth.projectId,
      applicationKey: auth.applicationKey,
      applicationKeys: auth.applicationKeys
    }
    const candidates = options.state().products.get(api) ?? []
    const loop = (index: number): Effect.Effect<ProductResponse> =>
      index >= candidates.length
        ? fail(404, `No route for ${method} ${route.path}`)
        : Effect.flatMap(
          candidates[index]!.handle(productRequest),
          (response) => response === undefined ? loop(index + 1) : Effect.succeed(response)
        )
    return loop(0).pipe(
      Effect.catchAllDefect((defect) =>
        Effect.as(
          Effect.logError("emulated product API failed", defect),
          Responses.forTarget(api, 500, "Internal error of the emulated API")
        )
      )
    )
  })
