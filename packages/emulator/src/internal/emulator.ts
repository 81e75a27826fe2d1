/**
 * The emulator's core: state, the token endpoint, authentication per API family, fault injection,
 * counters and dispatch to the product APIs.
 *
 * State lives in one plain object touched only inside `Effect.sync` blocks: JavaScript runs one
 * block at a time, so each block is atomic without locks, and the hot path stays cheap for
 * benchmarks.
 *
 * @internal
 */
import { Clock, Duration, Effect, Random, Redacted } from "effect"
import { timingSafeEqual } from "node:crypto"
import type { EmulatorRequest, EmulatorResponse, Options, Service } from "../Emulator.js"
import type {
  Counters,
  Fault,
  LoggedRequest,
  Service as ControlService,
  Target as FaultTarget
} from "../EmulatorControl.js"
import type { ApiName, ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"
import { defaults as defaultProducts } from "../products/index.js"
import * as ApplicationSigning from "./applicationSigning.js"
import * as BasicAuth from "./basicAuth.js"
import * as Bucket from "./bucket.js"
import * as builtin from "./builtin.js"
import * as ControlHttp from "./controlHttp.js"
import * as demo from "./demo.js"
import * as Jwt from "./jwt.js"
import * as Responses from "./responses.js"
import * as Routing from "./routing.js"

interface KeyRecord {
  readonly secret: Redacted.Redacted<string>
  readonly projectIds: ReadonlyArray<string>
}

interface ApplicationRecord {
  readonly secret: Redacted.Redacted<string>
  readonly projectId: string | undefined
}

interface TokenRecord {
  readonly keyId: string
  readonly projectIds: ReadonlyArray<string>
  readonly expiresAt: number
  revoked: boolean
}

interface QueuedFault {
  readonly fault: Fault
  remaining: number
}

interface State {
  tokenTtlMillis: number
  tokens: Map<string, TokenRecord>
  tokenBucket: Bucket.Bucket
  basicBuckets: Map<string, Bucket.Bucket>
  faults: Map<FaultTarget, Array<QueuedFault>>
  tokenTotal: number
  tokenByOutcome: Record<string, number>
  tokenInFlight: number
  tokenMaxInFlight: number
  byApi: Record<string, number>
  byRoute: Map<string, number>
  recent: Array<LoggedRequest>
  products: ReadonlyMap<ApiName, ReadonlyArray<ProductApi>>
}

type TokenOutcome =
  | "issued"
  | "invalid_client"
  | "invalid_request"
  | "unsupported_grant_type"
  | "rate_limited"
  | "fault"

interface Answer {
  readonly response: EmulatorResponse
  readonly tokenOutcome?: TokenOutcome | undefined
}

const routeKeyLimit = 10_000
const tokenRetentionMillis = 24 * 60 * 60 * 1000

const equalSecret = (presented: string, expected: Redacted.Redacted<string>): boolean => {
  const a = Buffer.from(presented, "utf8")
  const b = Buffer.from(Redacted.value(expected), "utf8")
  return a.length === b.length && timingSafeEqual(a, b)
}

const asRedacted = (value: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(value) ? value : Redacted.make(value)

const render = (response: ProductResponse): EmulatorResponse => {
  const noBody = response.status === 204 || response.status === 205 || response.status === 304
  const text = response.text !== undefined
  return {
    _tag: "Response",
    status: response.status,
    headers: {
      ...(noBody
        ? {}
        : { "content-type": response.contentType ?? (text ? "text/plain; charset=utf-8" : "application/json") }),
      ...response.headers
    },
    body: noBody ? "" : text ? response.text! : response.body === undefined ? "" : JSON.stringify(response.body)
  }
}

const apiError = (api: Routing.Target | "unknown", status: number, message: string): ProductResponse => {
  switch (api) {
    case "voice":
    case "verification":
      return Responses.applicationError(status, status * 100, message)
    case "mailgun":
      return Responses.mailgunError(status, message)
    case "auth":
      return Responses.oauthError(status, status === 404 ? "not_found" : "invalid_request", message)
    default:
      return Responses.sinchError(status, message)
  }
}

const methods: ReadonlyArray<string> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

/** @internal */
export const make = (options: Options = {}): Effect.Effect<Service> =>
  Effect.gen(function*() {
    const withDemo = options.demo !== false
    const keys = new Map<string, KeyRecord>()
    const applications = new Map<string, ApplicationRecord>()
    const mailgunKeys: Array<Redacted.Redacted<string>> = []
    if (withDemo) {
      keys.set(demo.credentials.keyId, { secret: demo.credentials.keySecret, projectIds: [demo.credentials.projectId] })
      applications.set(demo.credentials.applicationKey, {
        secret: demo.credentials.applicationSecret,
        projectId: demo.credentials.projectId
      })
      mailgunKeys.push(demo.credentials.mailgunApiKey)
    }
    for (const key of options.accessKeys ?? []) {
      keys.set(key.keyId, { secret: asRedacted(key.keySecret), projectIds: key.projectIds })
    }
    for (const application of options.applications ?? []) {
      applications.set(application.key, { secret: asRedacted(application.secret), projectId: application.projectId })
    }
    for (const key of options.mailgunApiKeys ?? []) mailgunKeys.push(asRedacted(key))

    const initialTtl = Duration.toMillis(Duration.decode(options.tokenTtl ?? Duration.seconds(3600)))
    const tokenBucketOptions: Bucket.BucketOptions = options.tokenBucket ?? { capacity: 30, refillPerSecond: 10 }
    const basicOptions: Bucket.BucketOptions = options.projectBasicRateLimit ?? { capacity: 5, refillPerSecond: 5 }
    const recentLimit = Math.max(0, options.recentRequests ?? 200)
    const signatureWindow = options.signatureWindow === undefined
      ? undefined
      : Duration.toMillis(Duration.decode(options.signatureWindow))
    const factories = options.products ?? defaultProducts
    const fallbacks: ReadonlyArray<ProductApi> = [
      builtin.verification,
      builtin.voice(() => demo.credentials.applicationKey),
      builtin.mailgun(demo.credentials.mailgunDomain)
    ]
    // Tokens are signed with a key of this emulator, so tokens of another emulator never validate here.
    const signingKey = (yield* Random.nextInt).toString(36) + (yield* Random.nextInt).toString(36)

    const buildProducts = Effect.gen(function*() {
      const built = yield* Effect.all(factories)
      const byApi = new Map<ApiName, Array<ProductApi>>()
      for (const product of [...built, ...fallbacks]) {
        const list = byApi.get(product.api) ?? []
        list.push(product)
        byApi.set(product.api, list)
      }
      return byApi as ReadonlyMap<ApiName, ReadonlyArray<ProductApi>>
    })

    const freshState = (now: number, products: ReadonlyMap<ApiName, ReadonlyArray<ProductApi>>): State => ({
      tokenTtlMillis: initialTtl,
      tokens: new Map(),
      tokenBucket: Bucket.full(tokenBucketOptions, now),
      basicBuckets: new Map(),
      faults: new Map(),
      tokenTotal: 0,
      tokenByOutcome: {},
      tokenInFlight: 0,
      tokenMaxInFlight: 0,
      byApi: {},
      byRoute: new Map(),
      recent: [],
      products
    })

    let state = freshState(yield* Clock.currentTimeMillis, yield* buildProducts)

    // --- faults -------------------------------------------------------------------------------

    const takeFault = (target: FaultTarget): Fault | undefined => {
      const queue = state.faults.get(target)
      const head = queue?.[0]
      if (queue === undefined || head === undefined) return undefined
      head.remaining -= 1
      if (head.remaining <= 0) queue.shift()
      return head.fault
    }

    const malformed = (target: FaultTarget): EmulatorResponse => ({
      _tag: "Response",
      status: 200,
      headers: { "content-type": "application/json" },
      body: target === "auth" ? `{"access_token":"eyJhbGciOi` : `{"error":{"code":`
    })

    /** Applies a fault; `undefined` means "continue normally" (after a delay, if any). */
    const applyFault = (target: FaultTarget, fault: Fault): Effect.Effect<Answer | undefined> => {
      switch (fault._tag) {
        case "Status": {
          const base = "body" in fault
            ? { status: fault.status, body: fault.body }
            : Responses.faultBody(target, fault.status)
          const headers = fault.retryAfter === undefined
            ? base.headers
            : { ...base.headers, "retry-after": String(fault.retryAfter) }
          return Effect.succeed({ response: render({ ...base, headers }), tokenOutcome: "fault" })
        }
        case "Delay":
          return Effect.as(Effect.sleep(Duration.millis(fault.millis)), undefined)
        case "Hang":
          return Effect.never
        case "MalformedJson":
          return Effect.succeed({ response: malformed(target), tokenOutcome: "fault" })
        case "Drop":
          return Effect.succeed({ response: { _tag: "Drop" }, tokenOutcome: "fault" })
      }
    }

    // --- token endpoint -----------------------------------------------------------------------

    const oauth = (
      tokenOutcome: TokenOutcome,
      status: number,
      error: string,
      description: string,
      headers?: Record<string, string>
    ): Answer => ({ response: render(Responses.oauthError(status, error, description, headers)), tokenOutcome })

    const invalidClient = (description: string) =>
      oauth("invalid_client", 401, "invalid_client", description, { "www-authenticate": `Basic realm="sinch"` })

    const issue = (keyId: string, record: KeyRecord) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const jti = [yield* Random.nextInt, yield* Random.nextInt, yield* Random.nextInt]
          .map((n) => (n >>> 0).toString(16).padStart(8, "0"))
          .join("")
        return yield* Effect.sync((): Answer => {
          const ttl = state.tokenTtlMillis
          const scope = record.projectIds.map((projectId) => `project:${projectId}`).join(" ")
          const accessToken = Jwt.encode(signingKey, {
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

    const tokenEndpoint = (request: EmulatorRequest, now: number): Effect.Effect<Answer> =>
      Effect.suspend(() => {
        if (request.method !== "POST") {
          return Effect.succeed(
            oauth("invalid_request", 405, "invalid_request", "The token endpoint only accepts POST", {
              allow: "POST"
            })
          )
        }
        const [allowed, bucket] = Bucket.take(tokenBucketOptions, state.tokenBucket, now)
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
        const record = keys.get(client.user)
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

    // --- API authentication -------------------------------------------------------------------

    type Authenticated = { readonly projectIds: ReadonlyArray<string> }
    const unauthorized = (message: string, challenge: string): ProductResponse =>
      Responses.sinchError(401, message, { "www-authenticate": challenge })

    const projectAuth = (request: EmulatorRequest, now: number): Authenticated | ProductResponse => {
      const authorization = request.headers["authorization"]
      const bearer = authorization === undefined ? null : /^bearer[ ]+(\S+)\s*$/i.exec(authorization)
      if (bearer !== null) {
        const token = state.tokens.get(bearer[1]!)
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
        const [allowed, bucket] = Bucket.take(
          basicOptions,
          state.basicBuckets.get(basic.user) ?? Bucket.full(basicOptions, now),
          now
        )
        state.basicBuckets.set(basic.user, bucket)
        if (!allowed) return Responses.sinchError(429, "Too many requests with Basic authentication; use OAuth2")
        return { projectIds: record.projectIds }
      }
      return unauthorized("Missing or unsupported Authorization header", `Bearer realm="sinch"`)
    }

    const applicationAuth = (
      request: EmulatorRequest,
      now: number
    ): { readonly projectId: string | undefined } | ProductResponse => {
      const authorization = request.headers["authorization"]
      const signed = ApplicationSigning.parseHeader(authorization)
      if (signed !== undefined) {
        const application = applications.get(signed.key)
        if (application === undefined) return Responses.applicationError(401, 40100, "Unknown application key")
        const timestamp = request.headers["x-timestamp"]
        if (timestamp === undefined) return Responses.applicationError(401, 40101, "Missing x-timestamp header")
        if (signatureWindow !== undefined) {
          const at = Date.parse(timestamp)
          if (Number.isNaN(at) || Math.abs(at - now) > signatureWindow) {
            return Responses.applicationError(401, 40101, "x-timestamp outside the allowed window")
          }
        }
        const valid = ApplicationSigning.verify(Redacted.value(application.secret), {
          method: request.method,
          path: request.url.pathname,
          contentType: request.headers["content-type"],
          timestamp,
          body: request.body
        }, signed.signature)
        return valid
          ? { projectId: application.projectId }
          : Responses.applicationError(401, 40102, "Invalid signature")
      }
      const basic = BasicAuth.parse(authorization)
      const application = basic === undefined ? undefined : applications.get(basic.user)
      if (basic !== undefined && application !== undefined && equalSecret(basic.password, application.secret)) {
        return { projectId: application.projectId }
      }
      return Responses.applicationError(401, 40100, "Invalid authorization")
    }

    const mailgunAuth = (request: EmulatorRequest): true | ProductResponse => {
      const basic = BasicAuth.parse(request.headers["authorization"])
      return basic !== undefined && basic.user === "api" && mailgunKeys.some((key) => equalSecret(basic.password, key))
        ? true
        : {
          ...Responses.mailgunError(401, "Invalid private key"),
          headers: { "www-authenticate": `Basic realm="MG API"` }
        }
    }

    // --- API dispatch -------------------------------------------------------------------------

    const apiRequest = (request: EmulatorRequest, route: Routing.Route, now: number): Effect.Effect<ProductResponse> =>
      Effect.suspend(() => {
        const api = route.api as ApiName
        const method = request.method.toUpperCase()
        if (!methods.includes(method)) return Effect.succeed(apiError(api, 405, `Method ${method} not allowed`))
        const segments = Routing.segments(route.path)
        if (segments === undefined) return Effect.succeed(apiError(api, 400, "Malformed percent-encoding in path"))
        const pathProject = Routing.projectOf(segments)
        let projectId: string | undefined
        if (api === "voice" || api === "verification") {
          const auth = applicationAuth(request, now)
          if ("status" in auth) return Effect.succeed(auth)
          projectId = auth.projectId
        } else if (api === "mailgun") {
          const auth = mailgunAuth(request)
          if (auth !== true) return Effect.succeed(auth)
        } else {
          const auth = projectAuth(request, now)
          if ("status" in auth) return Effect.succeed(auth)
          if (pathProject !== undefined && !auth.projectIds.includes(pathProject)) {
            return Effect.succeed(
              Responses.sinchError(403, `The access key has no access to project ${pathProject}`)
            )
          }
          projectId = pathProject ?? auth.projectIds[0]
        }
        const rawBody = new TextDecoder().decode(request.body)
        const contentType = request.headers["content-type"]
        let body: unknown = undefined
        if (rawBody.trim() !== "" && (contentType === undefined || /json/i.test(contentType))) {
          try {
            body = JSON.parse(rawBody)
          } catch {
            return Effect.succeed(apiError(api, 400, "Invalid JSON payload"))
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
          region: route.region,
          projectId
        }
        const candidates = state.products.get(api) ?? []
        const loop = (index: number): Effect.Effect<ProductResponse> =>
          index >= candidates.length
            ? Effect.succeed(apiError(api, 404, `No route for ${method} ${route.path}`))
            : Effect.flatMap(
              candidates[index]!.handle(productRequest),
              (response) => response === undefined ? loop(index + 1) : Effect.succeed(response)
            )
        return loop(0).pipe(
          Effect.catchAllDefect((defect) =>
            Effect.as(
              Effect.logError("emulated product API failed", defect),
              apiError(api, 500, "Internal error of the emulated API")
            )
          )
        )
      })

    // --- counters -----------------------------------------------------------------------------

    const countRequest = (api: string, method: string, path: string) => {
      state.byApi[api] = (state.byApi[api] ?? 0) + 1
      const key = `${method} ${path}`
      const routeKey = state.byRoute.has(key) || state.byRoute.size < routeKeyLimit ? key : "(other)"
      state.byRoute.set(routeKey, (state.byRoute.get(routeKey) ?? 0) + 1)
    }

    const log = (entry: LoggedRequest) => {
      if (recentLimit === 0) return
      state.recent.push(entry)
      if (state.recent.length > recentLimit) state.recent.splice(0, state.recent.length - recentLimit)
    }

    // --- the handler --------------------------------------------------------------------------

    const serve = (request: EmulatorRequest, route: Routing.Route | undefined): Effect.Effect<EmulatorResponse> =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const method = request.method.toUpperCase()
        const api = route?.api ?? "unknown"
        const isToken = route?.api === "auth" && route.path === "/oauth2/token"
        const owner = state
        yield* Effect.sync(() => {
          countRequest(api, method, request.url.pathname)
          if (isToken) {
            owner.tokenTotal += 1
            owner.tokenInFlight += 1
            owner.tokenMaxInFlight = Math.max(owner.tokenMaxInFlight, owner.tokenInFlight)
          }
        })
        const answer: Effect.Effect<Answer> = Effect.gen(function*() {
          if (route === undefined || route.api === "control") {
            return { response: render(Responses.sinchError(404, `No API at ${request.url.pathname}`)) }
          }
          const target = route.api
          const fault = yield* Effect.sync(() => takeFault(target))
          if (fault !== undefined) {
            const faulted = yield* applyFault(target, fault)
            if (faulted !== undefined) return faulted
          }
          const at = yield* Clock.currentTimeMillis
          if (target === "auth") {
            return isToken
              ? yield* tokenEndpoint(request, at)
              : { response: render(apiError("auth", 404, `No route for ${method} ${route.path}`)) }
          }
          return { response: render(yield* apiRequest(request, route, at)) }
        })
        return yield* answer.pipe(
          Effect.onExit((exit) =>
            Effect.sync(() => {
              // A reset while this request was running started a new state: do not touch it.
              if (state !== owner) return
              if (isToken) owner.tokenInFlight -= 1
              const completed = exit._tag === "Success" ? exit.value : undefined
              if (isToken && completed?.tokenOutcome !== undefined) {
                owner.tokenByOutcome[completed.tokenOutcome] = (owner.tokenByOutcome[completed.tokenOutcome] ?? 0) + 1
              }
              const response = completed?.response
              log({
                api,
                method,
                path: request.url.pathname,
                status: response?._tag === "Response" ? response.status : 0,
                outcome: response === undefined ? "interrupted" : response._tag === "Drop" ? "dropped" : "response",
                at: now
              })
            })
          ),
          Effect.map((answer) => answer.response)
        )
      })

    // --- control ------------------------------------------------------------------------------

    const control: ControlService = {
      inject: (target, fault, injectOptions) =>
        Effect.sync(() => {
          const times = Math.max(1, Math.floor(injectOptions?.times ?? 1))
          const queue = state.faults.get(target) ?? []
          queue.push({ fault, remaining: times })
          state.faults.set(target, queue)
        }),
      revokeToken: (accessToken) =>
        Effect.sync(() => {
          const token = state.tokens.get(accessToken)
          if (token === undefined) return false
          token.revoked = true
          return true
        }),
      revokeAllTokens: Effect.sync(() => {
        let count = 0
        for (const token of state.tokens.values()) {
          if (!token.revoked) {
            token.revoked = true
            count += 1
          }
        }
        return count
      }),
      setTokenTtl: (ttl) =>
        Effect.sync(() => {
          state.tokenTtlMillis = Duration.toMillis(Duration.decode(ttl))
        }),
      reset: Effect.gen(function*() {
        const products = yield* buildProducts
        const now = yield* Clock.currentTimeMillis
        yield* Effect.sync(() => {
          state = freshState(now, products)
        })
      }),
      counters: Effect.sync((): Counters => ({
        tokenRequests: { total: state.tokenTotal, byOutcome: { ...state.tokenByOutcome } },
        tokenRequestsInFlight: state.tokenInFlight,
        tokenRequestsMaxInFlight: state.tokenMaxInFlight,
        requestsByApi: { ...state.byApi },
        requestsByRoute: Object.fromEntries(state.byRoute),
        recentRequests: [...state.recent]
      }))
    }

    const controlHttp = ControlHttp.make(control)

    const handle = (request: EmulatorRequest): Effect.Effect<EmulatorResponse> =>
      Effect.suspend(() => {
        const route = Routing.resolve(request.url)
        return route?.api === "control"
          ? Effect.map(
            controlHttp(request.method.toUpperCase(), route.path, request.headers, request.url.host, request.body),
            render
          )
          : serve(request, route)
      })

    return { handle, control } satisfies Service
  })
