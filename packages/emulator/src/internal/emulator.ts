/**
 * The emulator's core: credentials, state, counters and the request handler, wiring the parts that
 * live in their own modules: the token endpoint (`tokenEndpoint.ts`), API authentication
 * (`apiAuth.ts`), fault injection (`faults.ts`), routing (`routing.ts`) and dispatch to the product APIs
 * (`dispatch.ts`).
 *
 * @internal
 */
import { Clock, Duration, Effect, Random, Redacted } from "effect"
import type { EmulatorRequest, EmulatorResponse, Options, Service } from "../Emulator.js"
import type { Counters, LoggedRequest, Service as ControlService } from "../EmulatorControl.js"
import type { ApiName } from "../ProductApi.js"
import * as ProductApi from "../ProductApi.js"
import { defaults as defaultProducts } from "../products/index.js"
import * as ApiAuth from "./apiAuth.js"
import type * as Bucket from "./bucket.js"
import * as builtin from "./builtin.js"
import * as ControlHttp from "./controlHttp.js"
import * as demo from "./demo.js"
import * as Dispatch from "./dispatch.js"
import * as Faults from "./faults.js"
import * as KeyRegistry from "./keyRegistry.js"
import * as Responses from "./responses.js"
import * as Routing from "./routing.js"
import * as State from "./state.js"
import * as TokenEndpoint from "./tokenEndpoint.js"

const routeKeyLimit = 10_000

const asRedacted = (value: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(value) ? value : Redacted.make(value)

/** The access keys of `options`, with the demo one unless `demo: false`, created at `now`. */
const configuredKeys = (options: Options, now: number): ReadonlyArray<readonly [string, State.KeyRecord]> => {
  const keys: Array<readonly [string, State.KeyRecord]> = []
  const times = { createTime: now, updateTime: now }
  if (options.demo !== false) {
    keys.push([demo.credentials.keyId, {
      secret: demo.credentials.keySecret,
      projectIds: [demo.credentials.projectId],
      displayName: "demo",
      ...times
    }])
  }
  for (const key of options.accessKeys ?? []) {
    keys.push([key.keyId, {
      secret: asRedacted(key.keySecret),
      projectIds: key.projectIds,
      displayName: key.displayName ?? key.keyId,
      ...times
    }])
  }
  return keys
}

/** The credentials of `options`, with the demo ones unless `demo: false`. */
const credentials = (
  options: Options,
  initialKeys: ReadonlyArray<readonly [string, State.KeyRecord]>
): State.Credentials => {
  const keys = new Map<string, State.KeyRecord>(initialKeys)
  const applications = new Map<string, State.ApplicationRecord>()
  const mailgunKeys: Array<Redacted.Redacted<string>> = []
  if (options.demo !== false) {
    applications.set(demo.credentials.applicationKey, {
      secret: demo.credentials.applicationSecret,
      projectId: demo.credentials.projectId
    })
    mailgunKeys.push(demo.credentials.mailgunApiKey)
  }
  for (const application of options.applications ?? []) {
    applications.set(application.key, { secret: asRedacted(application.secret), projectId: application.projectId })
  }
  for (const key of options.mailgunApiKeys ?? []) mailgunKeys.push(asRedacted(key))
  return { keys, applications, mailgunKeys }
}

/** @internal */
export const make = (options: Options = {}): Effect.Effect<Service> =>
  Effect.gen(function*() {
    const initialTtl = Duration.toMillis(Duration.decode(options.tokenTtl ?? Duration.seconds(3600)))
    const tokenBucketOptions: Bucket.BucketOptions = options.tokenBucket ?? { capacity: 30, refillPerSecond: 10 }
    const recentLimit = Math.max(0, options.recentRequests ?? 200)
    const factories = options.products ?? defaultProducts
    const fallbacks: ReadonlyArray<ProductApi.ProductApi> = [
      builtin.verification,
      builtin.mailgun(demo.credentials.mailgunDomain)
    ]
    // Tokens are signed with a key of this emulator, so tokens of another emulator never validate here.
    const signingKey = (yield* Random.nextInt).toString(36) + (yield* Random.nextInt).toString(36)

    const startedAt = yield* Clock.currentTimeMillis
    const initialKeys = configuredKeys(options, startedAt)
    const accepted = credentials(options, initialKeys)
    const keyRegistry = KeyRegistry.make(accepted.keys, () => state)

    const buildProducts = Effect.gen(function*() {
      const built = yield* Effect.all(factories).pipe(Effect.provideService(ProductApi.KeyRegistry, keyRegistry))
      const byApi = new Map<ApiName, Array<ProductApi.ProductApi>>()
      for (const product of [...built, ...fallbacks]) {
        const list = byApi.get(product.api) ?? []
        list.push(product)
        byApi.set(product.api, list)
      }
      return byApi as ReadonlyMap<ApiName, ReadonlyArray<ProductApi.ProductApi>>
    })

    const freshState = (now: number, products: ReadonlyMap<ApiName, ReadonlyArray<ProductApi.ProductApi>>) =>
      State.fresh(now, initialTtl, tokenBucketOptions, products)

    let state = freshState(startedAt, yield* buildProducts)
    const current = () => state

    const tokenEndpoint = TokenEndpoint.make({
      keys: accepted.keys,
      signingKey,
      bucket: tokenBucketOptions,
      state: current
    })
    const apiRequest = Dispatch.make({
      authenticate: ApiAuth.make({
        credentials: accepted,
        basicRateLimit: options.projectBasicRateLimit ?? { capacity: 5, refillPerSecond: 5 },
        signatureWindow: options.signatureWindow === undefined
          ? undefined
          : Duration.toMillis(Duration.decode(options.signatureWindow)),
        state: current
      }),
      state: current
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
        const answer: Effect.Effect<State.Answer> = Effect.gen(function*() {
          if (route === undefined || route.api === "control") {
            return { response: State.render(Responses.sinchError(404, `No API at ${request.url.pathname}`)) }
          }
          const target = route.api
          const fault = yield* Effect.sync(() => Faults.take(state, target))
          if (fault !== undefined) {
            const faulted = yield* Faults.apply(target, fault)
            if (faulted !== undefined) return faulted
          }
          const at = yield* Clock.currentTimeMillis
          if (target === "auth") {
            return isToken
              ? yield* tokenEndpoint(request, at)
              : { response: State.render(Responses.forTarget("auth", 404, `No route for ${method} ${route.path}`)) }
          }
          return { response: State.render(yield* apiRequest(request, route, at)) }
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
        Effect.sync(() => Faults.inject(state, target, fault, injectOptions?.times)),
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
          accepted.keys.clear()
          for (const [keyId, record] of initialKeys) accepted.keys.set(keyId, record)
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
            State.render
          )
          : serve(request, route)
      })

    return { handle, control } satisfies Service
  })
