/**
 * The OAuth2 token endpoint (client credentials grant): Basic or form client authentication, a
 * rate-limit bucket without `Retry-After`, and tokens signed with the emulator's own key.
 *
 * @internal
 */
import { Clock, Effect, Random } from "effect"
import type { EmulatorRequest } from "../Emulator.js"
import * as BasicAuth from "./basicAuth.js"
import * as Bucket from "./bucket.js"
import * as Jwt from "./jwt.js"
import * as Responses from "./responses.js"
import type { Answer, KeyRecord, State, TokenOutcome } from "./state.js"
import { equalSecret, render } from "./state.js"

const tokenRetentionMillis = 24 * 60 * 60 * 1000

/** @internal */
export interface Options {
  readonly keys: ReadonlyMap<string, KeyRecord>
  /** Tokens are signed with a key of this emulator, so tokens of another emulator never validate here. */
  readonly signingKey: string
  readonly bucket: Bucket.BucketOptions
  readonly state: () => State
}

/** @internal */
export const make = (options: Options): (request: EmulatorRequest, now: number) => Effect.Effect<Answer> => {
  const oauth = (
    tokenOutcome: TokenOutcome,
    status: number,
    error: string,
    description: string,
    headers?: Record<string, string>
  ): Answer => ({
    response: render(Responses.error("oauth", status, description, { code: error, headers })),
    tokenOutcome
  })

  const invalidClient = (description: string) =>
    oauth("invalid_client", 401, "invalid_client", description, { "www-authenticate": `Basic realm="sinch"` })

  const issue = (keyId: string, record: KeyRecord) =>
    Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      const jti = [yield* Random.nextInt, yield* Random.nextInt, yield* Random.nextInt]
        .map((n) => (n >>> 0).toString(16).padStart(8, "0"))
        .join("")
      return yield* Effect.sync((): Answer => {
        const state = options.state()
        const ttl = state.tokenTtlMillis
        const scope = record.projectIds.map((projectId) => `project:${projectId}`).join(" ")
        const accessToken = Jwt.encode(options.signingKey, {
          iss: "https://auth.sinch.com",
          sub: keyId,
          scope,
          iat: Math.floor(now / 1000),
          exp: Math.floor((now + ttl) / 1000),
          jti
        })
        // Forget long-expired tokens now and then, so a long benchmark does not grow the map forever.
        if (state.tokens.size % 1024 === 1023) {
          for (const [token, existing] of state.tokens) {
            if (existing.expiresAt + tokenRetentionMillis < now) state.tokens.delete(token)
          }
        }
        state.tokens.set(accessToken, { keyId, projectIds: record.projectIds, expiresAt: now + ttl, revoked: false })
        return {
          response: render({
            status: 200,
            headers: { "cache-control": "no-store", pragma: "no-cache" },
            body: { access_token: accessToken, token_type: "bearer", expires_in: Math.round(ttl / 1000), scope }
          }),
          tokenOutcome: "issued"
        }
      })
    })

  return (request, now) =>
    Effect.suspend(() => {
      if (request.method !== "POST") {
        return Effect.succeed(
          oauth("invalid_request", 405, "invalid_request", "The token endpoint only accepts POST", {
            allow: "POST"
          })
        )
      }
      const state = options.state()
      const [allowed, bucket] = Bucket.take(options.bucket, state.tokenBucket, now)
      state.tokenBucket = bucket
      if (!allowed) {
        // Deliberately no Retry-After: Sinch's token endpoint sends none, clients must back off on their own.
        return Effect.succeed(oauth("rate_limited", 429, "rate_limited", "Too many token requests"))
      }
      const contentType = request.headers["content-type"]
      const isForm = contentType !== undefined && /^application\/x-www-form-urlencoded\b/i.test(contentType)
      const form = isForm ? new URLSearchParams(new TextDecoder().decode(request.body)) : undefined
      const authorization = request.headers["authorization"]
      let client: BasicAuth.BasicCredentials | undefined
      if (authorization !== undefined && (form?.has("client_secret") ?? false)) {
        // RFC 6749 2.3: a client MUST NOT use more than one authentication method in a request.
        return Effect.succeed(
          oauth("invalid_request", 400, "invalid_request", "More than one client authentication method")
        )
      }
      if (authorization !== undefined) {
        client = BasicAuth.parseClient(authorization)
        if (client === undefined) return Effect.succeed(invalidClient("Malformed Basic client authentication"))
      } else {
        const id = form?.get("client_id")
        const secret = form?.get("client_secret")
        if (id === null || id === undefined || secret === null || secret === undefined) {
          return Effect.succeed(invalidClient("Client authentication is required"))
        }
        client = { user: id, password: secret }
      }
      const record = options.keys.get(client.user)
      if (record === undefined || !equalSecret(client.password, record.secret)) {
        return Effect.succeed(invalidClient("Client authentication failed"))
      }
      if (form === undefined) {
        return Effect.succeed(
          oauth("invalid_request", 400, "invalid_request", "The body must be application/x-www-form-urlencoded")
        )
      }
      const grantType = form.get("grant_type")
      if (grantType === null || grantType === "") {
        return Effect.succeed(oauth("invalid_request", 400, "invalid_request", "Missing grant_type"))
      }
      if (grantType !== "client_credentials") {
        return Effect.succeed(oauth(
          "unsupported_grant_type",
          400,
          "unsupported_grant_type",
          "Only the client_credentials grant is supported"
        ))
      }
      return issue(client.user, record)
    })
}
