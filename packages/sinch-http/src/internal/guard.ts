import { AuthError } from "@sinch-effect/auth-core"
import { Effect } from "effect"
import type * as SinchClient from "../SinchClient.js"
import * as Url from "./url.js"

/**
 * Wraps a client so that a request whose path values must not be sent fails with `InvalidRequest`
 * before anything is sent (authentication included).
 *
 * @internal
 */
export const guardPaths = (client: SinchClient.SinchClient): SinchClient.SinchClient => {
  const check = (route: string, options: SinchClient.RequestOptions | undefined) => {
    const problem = Url.checkPath(route, options?.path)
    return problem === undefined
      ? undefined
      : new AuthError.InvalidRequest({ api: client.api, route, parameter: problem.parameter, reason: problem.reason })
  }
  return {
    ...client,
    request: (method, route, schema, options) => {
      const error = check(route, options)
      return error === undefined ? client.request(method, route, schema, options) : Effect.fail(error)
    },
    requestText: (method, route, options) => {
      const error = check(route, options)
      return error === undefined ? client.requestText(method, route, options) : Effect.fail(error)
    },
    requestVoid: (method, route, options) => {
      const error = check(route, options)
      return error === undefined ? client.requestVoid(method, route, options) : Effect.fail(error)
    }
  }
}
