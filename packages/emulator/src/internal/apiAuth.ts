/**
 * Authentication of API requests, per scope: `project` (bearer token of this emulator, or project
 * Basic auth under its own tight rate limit; the project in the path must be one of the key's),
 * `application` (signed request or application Basic auth), `mailgun` (Basic `api:KEY`).
 *
 * @internal
 */
import { Redacted } from "effect"
import type { EmulatorRequest } from "../Emulator.js"
import type { ProductResponse, Scope } from "../ProductApi.js"
import * as ApplicationSigning from "./applicationSigning.js"
import * as BasicAuth from "./basicAuth.js"
import * as Bucket from "./bucket.js"
import * as Responses from "./responses.js"
import type { Credentials, State } from "./state.js"
import { equalSecret } from "./state.js"

/** Who the caller is: the project it acts for, when its credentials say. @internal */
export interface Authenticated {
  readonly projectId: string | undefined
  /** The application a signed or application Basic request authenticated as. */
  readonly applicationKey?: string | undefined
  /** The application keys of the caller's project the emulator accepts (its own only, without a project). */
  readonly applicationKeys?: ReadonlyArray<string> | undefined
}

/** @internal */
export interface Options {
  readonly credentials: Credentials
  readonly basicRateLimit: Bucket.BucketOptions
  /** How far `x-timestamp` of a signed request may be from now; unchecked when `undefined`. */
  readonly signatureWindow: number | undefined
  readonly state: () => State
}

/**
 * `(scope, request, pathProject, now)`: the caller, or the response refusing it.
 *
 * @internal
 */
export type Authenticate = (
  scope: Scope,
  request: EmulatorRequest,
  pathProject: string | undefined,
  now: number
) => Authenticated | ProductResponse

/** @internal */
export const make = (options: Options): Authenticate => {
  const { applications, keys, mailgunKeys } = options.credentials

  const unauthorized = (message: string, challenge: string): ProductResponse =>
    Responses.sinchError(401, message, { headers: { "www-authenticate": challenge } })

  const projectKey = (
    request: EmulatorRequest,
    now: number
  ): { readonly projectIds: ReadonlyArray<string> } | ProductResponse => {
    const authorization = request.headers["authorization"]
    const bearer = authorization === undefined ? null : /^bearer[ ]+(\S+)\s*$/i.exec(authorization)
    if (bearer !== null) {
      const token = options.state().tokens.get(bearer[1]!)
      if (token === undefined || token.revoked) {
        // Without the word that some clients wait for: a revoked token must be handled like an expired one.
        return unauthorized(
          "The access token is not valid",
          `Bearer error="invalid_token", error_description="Invalid access token"`
        )
      }
      if (now >= token.expiresAt) {
        const at = new Date(token.expiresAt).toISOString()
        return unauthorized(
          `Jwt expired at ${at}`,
          `Bearer error="invalid_token", error_description="Jwt expired at ${at}"`
        )
      }
      return { projectIds: token.projectIds }
    }
    if (authorization !== undefined && /^basic\s/i.test(authorization)) {
      const basic = BasicAuth.parse(authorization)
      const record = basic === undefined ? undefined : keys.get(basic.user)
      if (basic === undefined || record === undefined || !equalSecret(basic.password, record.secret)) {
        return unauthorized("Invalid key id or key secret", `Basic realm="sinch"`)
      }
      const state = options.state()
      const [allowed, bucket] = Bucket.take(
        options.basicRateLimit,
        state.basicBuckets.get(basic.user) ?? Bucket.full(options.basicRateLimit, now),
        now
      )
      state.basicBuckets.set(basic.user, bucket)
      if (!allowed) return Responses.sinchError(429, "Too many requests with Basic authentication; use OAuth2")
      return { projectIds: record.projectIds }
    }
    return unauthorized("Missing or unsupported Authorization header", `Bearer realm="sinch"`)
  }

  const project = (request: EmulatorRequest, pathProject: string | undefined, now: number) => {
    const auth = projectKey(request, now)
    if ("status" in auth) return auth
    if (pathProject !== undefined && !auth.projectIds.includes(pathProject)) {
      return Responses.sinchError(403, `The access key has no access to project ${pathProject}`)
    }
    return { projectId: pathProject ?? auth.projectIds[0] }
  }

  const applicationError = (code: number, message: string) => Responses.error("application", 401, message, { code })

  const asApplication = (key: string, projectId: string | undefined): Authenticated => {
    const keys: Array<string> = []
    if (projectId === undefined) keys.push(key)
    else for (const [other, record] of applications) if (record.projectId === projectId) keys.push(other)
    return { projectId, applicationKey: key, applicationKeys: keys }
  }

  const application = (request: EmulatorRequest, now: number): Authenticated | ProductResponse => {
    const authorization = request.headers["authorization"]
    const signed = ApplicationSigning.parseHeader(authorization)
    if (signed !== undefined) {
      const record = applications.get(signed.key)
      if (record === undefined) return applicationError(40100, "Unknown application key")
      const timestamp = request.headers["x-timestamp"]
      if (timestamp === undefined) return applicationError(40101, "Missing x-timestamp header")
      if (options.signatureWindow !== undefined) {
        const at = Date.parse(timestamp)
        if (Number.isNaN(at) || Math.abs(at - now) > options.signatureWindow) {
          return applicationError(40101, "x-timestamp outside the allowed window")
        }
      }
      const valid = ApplicationSigning.verify(Redacted.value(record.secret), {
        method: request.method,
        path: request.url.pathname,
        contentType: request.headers["content-type"],
        timestamp,
        body: request.body
      }, signed.signature)
      return valid ? asApplication(signed.key, record.projectId) : applicationError(40102, "Invalid signature")
    }
    const basic = BasicAuth.parse(authorization)
    const record = basic === undefined ? undefined : applications.get(basic.user)
    if (basic !== undefined && record !== undefined && equalSecret(basic.password, record.secret)) {
      return asApplication(basic.user, record.projectId)
    }
    return applicationError(40100, "Invalid authorization")
  }

  const mailgun = (request: EmulatorRequest): Authenticated | ProductResponse => {
    const basic = BasicAuth.parse(request.headers["authorization"])
    return basic !== undefined && basic.user === "api" && mailgunKeys.some((key) => equalSecret(basic.password, key))
      ? { projectId: undefined }
      : Responses.error("mailgun", 401, "Invalid private key", {
        headers: { "www-authenticate": `Basic realm="MG API"` }
      })
  }

  return (scope, request, pathProject, now) => {
    switch (scope) {
      case "project":
        return project(request, pathProject, now)
      case "application":
        return application(request, now)
      case "mailgun":
        return mailgun(request)
    }
  }
}
