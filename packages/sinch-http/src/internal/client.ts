import { Headers, HttpClient, HttpClientError, HttpClientRequest } from "@effect/platform"
import type { HttpMethod } from "@effect/platform"
import type { AuthStrategy } from "@sinch-effect/auth-core"
import { AuthError } from "@sinch-effect/auth-core"
import { Cause, Clock, Duration, Effect, Metric, Option, ParseResult, Schedule, Schema } from "effect"
import type * as SinchClient from "../SinchClient.js"
import * as SinchMetrics from "../SinchMetrics.js"
import * as ErrorBody from "./errorBody.js"
import * as RetryAfter from "./retryAfter.js"
import * as Url from "./url.js"

const runtime = (): string => {
  const node = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node
  return typeof node === "string" ? `node/${node}` : "js"
}

/** @internal */
export const userAgent = `sinch-effect/0.1.0 (sinch-http; ${runtime()})`

/** 429 waits per call before giving up with `RateLimited`. */
const rateLimitBudget = 3
/**
 * Waits for a throttled token endpoint, each at most the provider's widest 429 window (16 s): a fleet
 * starting at once then gets its tokens without failing its first calls. They are not sends, so they do
 * not spend the send budget (`maxSends`).
 */
const tokenThrottleBudget = 5
const tokenThrottleMaxWait = Duration.seconds(16)
/** The longest backoff step between two resends after a 5xx or a transport failure. */
const maxBackoff = Duration.seconds(10)

/** Headers whose values never reach a span, whatever the application configured. */
const secretHeaders: ReadonlyArray<string> = ["authorization", "proxy-authorization", "x-api-key"]

const withRedactedHeaders = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.locallyWith(effect, Headers.currentRedactedNames, (names) => [
    ...names,
    ...secretHeaders.filter((name) => !names.includes(name))
  ])

/** The counters of one client, tagged once: tagging builds a new metric key, too slow for every call. */
interface Counters {
  readonly unauthorizedRetries: Metric.Metric.Counter<number>
  readonly rateLimitWaits: Metric.Metric.Counter<number>
  readonly retries: Metric.Metric.Counter<number>
  readonly callsByOutcome: (outcome: string) => Metric.Metric.Counter<number>
}

const makeCounters = (api: string): Counters => {
  const calls = tagged(SinchMetrics.calls, api)
  const byOutcome = new Map<string, Metric.Metric.Counter<number>>()
  return {
    unauthorizedRetries: tagged(SinchMetrics.unauthorizedRetries, api),
    rateLimitWaits: tagged(SinchMetrics.rateLimitWaits, api),
    retries: tagged(SinchMetrics.retries, api),
    callsByOutcome: (outcome) => {
      let counter = byOutcome.get(outcome)
      if (counter === undefined) {
        counter = Metric.tagged(calls, "outcome", outcome)
        byOutcome.set(outcome, counter)
      }
      return counter
    }
  }
}

interface Settings {
  readonly api: SinchClient.ApiName
  readonly baseUrl: string
  readonly strategy: AuthStrategy.AuthStrategy
  readonly projectId: string | undefined
  readonly timeout: Duration.Duration
  readonly maxAttempts: number
  readonly base: Duration.Duration
  readonly maxRetryAfter: Duration.Duration
  readonly client: HttpClient.HttpClient
  readonly counters: Counters
}

/** One attempt that got an answer: status, headers and the whole body, read within the deadline. */
interface Exchange {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: string
  readonly authenticated: AuthStrategy.Authenticated
}

const idempotentMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"])

const encoder = new TextEncoder()

const prepare = (
  settings: Settings,
  method: HttpMethod.HttpMethod,
  route: string,
  options: SinchClient.RequestOptions | undefined
): Effect.Effect<HttpClientRequest.HttpClientRequest> =>
  Effect.sync(() => {
    const url = Url.joinUrl(settings.baseUrl, Url.fillRoute(route, options?.path))
    let request = HttpClientRequest.make(method)(url).pipe(
      HttpClientRequest.acceptJson,
      HttpClientRequest.setUrlParams(Url.queryEntries(options?.query)),
      HttpClientRequest.setHeader("user-agent", userAgent)
    )
    if (options?.headers !== undefined) request = HttpClientRequest.setHeaders(request, options.headers)
    if (options?.idempotencyKey !== undefined) {
      request = HttpClientRequest.setHeader(request, "idempotency-key", options.idempotencyKey)
    }
    if (options?.body !== undefined) {
      // Buffered once: a resend (401, 429, 5xx) sends, and a signing strategy signs, exactly these bytes.
      request = HttpClientRequest.bodyUint8Array(
        request,
        encoder.encode(JSON.stringify(options.body)),
        "application/json"
      )
    }
    return request
  })

const causeText = (cause: unknown): string | undefined => {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause
    return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message
  }
  return undefined
}

const transportError = (
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest,
  reason: "timeout" | "connection",
  detail: string | undefined
) => new AuthError.TransportError({ api: settings.api, reason, method: request.method, url: request.url, detail })

/** Authenticates one attempt, sends it and reads the body, all but the authentication under the deadline. */
const exchange = (
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<Exchange, AuthError.TokenError | AuthError.TransportError> =>
  Effect.flatMap(settings.strategy.authenticate(request), (authenticated) =>
    settings.client.execute(authenticated.request).pipe(
      Effect.tap((response) => settings.strategy.observe(response)),
      Effect.flatMap((response) =>
        Effect.map(response.text, (body): Exchange => ({
          status: response.status,
          headers: response.headers,
          body,
          authenticated
        }))
      ),
      Effect.timeoutFail({
        duration: settings.timeout,
        onTimeout: () =>
          transportError(settings, request, "timeout", `no answer within ${Duration.format(settings.timeout)}`)
      }),
      Effect.catchTags({
        RequestError: (error) =>
          Effect.fail(transportError(settings, request, "connection", causeText(error.cause) ?? error.reason)),
        ResponseError: (error) =>
          Effect.fail(
            transportError(settings, request, "connection", `reading the body failed: ${causeText(error.cause) ?? error.reason}`)
          )
      })
    ))

type Decision =
  | { readonly _tag: "Done"; readonly exchange: Exchange }
  | { readonly _tag: "Fail"; readonly error: AuthError.SinchError }
  | { readonly _tag: "Resend"; readonly after: Effect.Effect<void> }

const tagged = (metric: Metric.Metric.Counter<number>, api: string): Metric.Metric.Counter<number> =>
  Metric.tagged(metric, "api", api)

/**
 * Sends `request` until it succeeds or a budget is spent: one resend after a 401 with a fresh credential,
 * up to 3 waits on 429, up to `maxAttempts` sends after 5xx / transport failures for idempotent requests.
 */
const send = (
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest,
  idempotent: boolean
): Effect.Effect<Exchange, AuthError.SinchError> =>
  Effect.gen(function*() {
    // Built on the first retry only: most calls never need it.
    let backoff: Schedule.ScheduleDriver<Duration.Duration, unknown> | undefined
    const pause = Effect.suspend(() =>
      backoff === undefined
        ? Effect.flatMap(
          Schedule.driver(
            Schedule.exponential(settings.base, 2).pipe(
              Schedule.jitteredWith({ min: 0.5, max: 1.5 }),
              Schedule.modifyDelay((_, delay) => Duration.min(delay, maxBackoff))
            )
          ),
          (driver) => {
            backoff = driver
            return driver.next(undefined)
          }
        )
        : backoff.next(undefined)
    ).pipe(Effect.ignore)
    let failures = 1
    let refreshed = false
    let waits = 0
    let tokenWaits = 0

    const retryable = (): boolean => idempotent && failures < settings.maxAttempts

    /**
     * A throttled token endpoint (429) says when to come back: the call waits for that, within the
     * same budget as an API 429, rather than failing. An outage (5xx, timeout, unreachable) is not
     * waited for: the provider fails fast then, and so does the call.
     */
    const throttledTokenWait = (
      error: AuthError.TokenError | AuthError.TransportError
    ): Effect.Effect<Option.Option<Duration.Duration>> =>
      error._tag !== "TokenUnavailable" || error.reason !== "rate-limited" || error.retryAt === undefined ||
        tokenWaits >= tokenThrottleBudget
        ? Effect.succeed(Option.none())
        : Effect.map(Clock.currentTimeMillis, (now) => {
          const wait = Duration.millis(Math.max(0, error.retryAt! - now))
          return Duration.lessThanOrEqualTo(wait, Duration.max(settings.maxRetryAfter, tokenThrottleMaxWait))
            ? Option.some(wait)
            : Option.none()
        })

    const decide = (ex: Exchange): Effect.Effect<Decision> =>
      Effect.gen(function*() {
        const { status } = ex
        if (status >= 200 && status < 300) return { _tag: "Done", exchange: ex }
        if (status === 401) {
          if (!refreshed && (yield* settings.strategy.onUnauthorized(ex.authenticated))) {
            refreshed = true
            yield* Metric.increment(settings.counters.unauthorizedRetries)
            return { _tag: "Resend", after: Effect.void }
          }
          const error = ex.authenticated.token === undefined
            ? ErrorBody.toError(settings.api, status, request.method, ex.body)
            : ErrorBody.unauthorized(settings.api, Headers.get(ex.headers, "www-authenticate").pipe(Option.getOrUndefined), ex.body)
          return { _tag: "Fail", error }
        }
        if (status === 403) {
          const decoded = ErrorBody.decode(ex.body)
          const description = decoded._tag === "Right" ? decoded.right.detail ?? decoded.right.statusText : undefined
          return {
            _tag: "Fail",
            error: new AuthError.AccessDenied({ api: settings.api, projectId: settings.projectId, description })
          }
        }
        if (status === 429) {
          const now = yield* Clock.currentTimeMillis
          const retryAfter = RetryAfter.parse(Option.getOrUndefined(Headers.get(ex.headers, "retry-after")), now)
          const fitsBudget = waits < rateLimitBudget &&
            Option.match(retryAfter, { onNone: () => true, onSome: (d) => Duration.lessThanOrEqualTo(d, settings.maxRetryAfter) })
          if (!fitsBudget) {
            return {
              _tag: "Fail",
              error: new AuthError.RateLimited({ api: settings.api, retryAfter: Option.getOrUndefined(retryAfter) })
            }
          }
          waits++
          yield* Metric.increment(settings.counters.rateLimitWaits)
          // The request was refused, not processed: resending is safe whatever the method.
          return { _tag: "Resend", after: Option.match(retryAfter, { onNone: () => pause, onSome: Effect.sleep }) }
        }
        if (status >= 500 && status !== 501 && status !== 505 && retryable()) {
          failures++
          yield* Metric.increment(settings.counters.retries)
          return { _tag: "Resend", after: pause }
        }
        return { _tag: "Fail", error: ErrorBody.toError(settings.api, status, request.method, ex.body) }
      })

    // Each pass spends one budget (the 401 resend, a 429 wait or a 5xx/transport attempt) or ends the call.
    const maxSends = settings.maxAttempts + rateLimitBudget + 1
    for (let sends = 1; sends <= maxSends; sends++) {
      yield* Effect.annotateCurrentSpan("sinch.attempt", sends)
      const result = yield* Effect.either(exchange(settings, request))
      if (result._tag === "Left") {
        const error = result.left
        const tokenWait = yield* throttledTokenWait(error)
        if (Option.isSome(tokenWait)) {
          tokenWaits++
          yield* Metric.increment(settings.counters.rateLimitWaits)
          yield* Effect.sleep(tokenWait.value)
          // Nothing was sent: the send budget is untouched (`tokenWaits` bounds this loop).
          sends--
          continue
        }
        if (error._tag === "TransportError" && retryable() && sends < maxSends) {
          failures++
          yield* Metric.increment(settings.counters.retries)
          yield* pause
          continue
        }
        return yield* Effect.fail(error)
      }
      yield* Effect.annotateCurrentSpan("http.response.status_code", result.right.status)
      const decision = yield* decide(result.right)
      switch (decision._tag) {
        case "Done":
          return decision.exchange
        case "Fail":
          return yield* Effect.fail(decision.error)
        case "Resend":
          if (sends === maxSends) {
            return yield* Effect.fail(ErrorBody.toError(settings.api, result.right.status, request.method, result.right.body))
          }
          yield* decision.after
      }
    }
    return yield* Effect.dieMessage("unreachable: every send budget is finite")
  })

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

const decodeBody = <A, I>(
  settings: Settings,
  schema: Schema.Schema<A, I>,
  ex: Exchange
): Effect.Effect<A, AuthError.MalformedResponse> => {
  const malformed = (detail: string) => new AuthError.MalformedResponse({ api: settings.api, status: ex.status, detail })
  return Effect.try({
    try: (): unknown => (ex.body.trim() === "" ? undefined : JSON.parse(ex.body)),
    catch: () => malformed(`the body is not JSON: ${truncate(ex.body.replace(/\s+/g, " "), 120)}`)
  }).pipe(
    Effect.flatMap((json) =>
      Schema.decodeUnknown(schema)(json, { errors: "first" }).pipe(
        Effect.mapError((error) => malformed(describeDecodeFailure(error, json)))
      )
    )
  )
}

// The first failing field's full path (never cut: it names the item of a page, e.g.
// `activeNumbers[3].phoneNumber`), then a short preview of the body with secret-like values masked.
const describeDecodeFailure = (error: ParseResult.ParseError, json: unknown): string => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const path = issue === undefined
    ? "(root)"
    : issue.path.reduce<string>(
      (acc, key) => typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`,
      ""
    ) || "(root)"
  const what = issue === undefined ? "does not decode" : truncate(issue.message.replace(/\s+/g, " "), 200)
  return `at ${path}: ${what}; body: ${truncate(JSON.stringify(maskSecrets(json, 0)) ?? "", 300)}`
}

const secretKey = /secret|password|token|authorization|signature|credential|key/i

const maskSecrets = (value: unknown, depth: number): unknown => {
  if (depth > 32) return "…"
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretKey.test(k) && v !== null ? "<redacted>" : maskSecrets(v, depth + 1)])
    )
  }
  return value
}

const outcomeOf = (exit: { readonly _tag: "Success" } | { readonly _tag: "Failure" }, error: unknown): string => {
  if (exit._tag === "Success") return "ok"
  if (typeof error === "object" && error !== null && "_tag" in error) return String(error._tag)
  return "defect"
}

/** @internal */
export const make = <S extends AuthStrategy.Scope>(
  options: SinchClient.Options<S>
): Effect.Effect<SinchClient.SinchClient, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (underlying): SinchClient.SinchClient => {
    const settings: Settings = {
      api: options.api,
      baseUrl: options.baseUrl.endsWith("/") ? options.baseUrl.slice(0, -1) : options.baseUrl,
      strategy: options.strategy as AuthStrategy.AuthStrategy,
      projectId: options.projectId,
      timeout: Duration.decode(options.timeout ?? Duration.seconds(30)),
      maxAttempts: Math.max(1, Math.floor(options.retry?.maxAttempts ?? 3)),
      base: Duration.decode(options.retry?.base ?? Duration.millis(200)),
      maxRetryAfter: Duration.decode(options.retry?.maxRetryAfter ?? Duration.seconds(10)),
      counters: makeCounters(options.api),
      // No trace headers to Sinch: adding them rebuilds the request's headers, which drops the
      // strategy's protection of `authorization`, and the request then prints in clear wherever the
      // response or the platform span's exit is rendered.
      client: HttpClient.withTracerPropagation(
        options.transformClient ? options.transformClient(underlying) : underlying,
        false
      )
    }

    const call = <A>(
      method: HttpMethod.HttpMethod,
      route: string,
      requestOptions: SinchClient.RequestOptions | undefined,
      onBody: (ex: Exchange) => Effect.Effect<A, AuthError.SinchError>
    ): Effect.Effect<A, AuthError.SinchError> => {
      const idempotent = idempotentMethods.has(method) || requestOptions?.idempotencyKey !== undefined
      return prepare(settings, method, route, requestOptions).pipe(
        Effect.flatMap((request) => send(settings, request, idempotent)),
        Effect.flatMap(onBody),
        Effect.onExit((exit) =>
          Metric.increment(
            settings.counters.callsByOutcome(
              outcomeOf(exit, exit._tag === "Failure" ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined)
            )
          )
        ),
        withRedactedHeaders,
        Effect.withSpan(`Sinch.${settings.api}`, {
          kind: "client",
          captureStackTrace: false,
          attributes: { "sinch.api": settings.api, "http.request.method": method, "sinch.route": route }
        })
      )
    }

    return {
      api: settings.api,
      baseUrl: settings.baseUrl,
      request: (method, route, schema, requestOptions) =>
        call(method, route, requestOptions, (ex) => decodeBody(settings, schema, ex)),
      requestText: (method, route, requestOptions) =>
        call(method, route, requestOptions, (ex) => Effect.succeed(ex.body)),
      requestVoid: (method, route, requestOptions) => call(method, route, requestOptions, () => Effect.void),
      httpClient: authenticatedClient(settings)
    }
  })

const absolute = /^[a-z][a-z0-9+.-]*:/i

const withUserAgent = (request: HttpClientRequest.HttpClientRequest): HttpClientRequest.HttpClientRequest =>
  request.headers["user-agent"] === undefined ? HttpClientRequest.setHeader(request, "user-agent", userAgent) : request

/** The advanced client: base URL, auth on every attempt, `observe`, one resend after a 401 with a fresh credential. */
const authenticatedClient = (settings: Settings): HttpClient.HttpClient => {
  const once = (request: HttpClientRequest.HttpClientRequest) =>
    settings.strategy.authenticate(request).pipe(
      Effect.mapError((cause) =>
        new HttpClientError.RequestError({ request, reason: "Transport", cause, description: cause.message })
      ),
      Effect.flatMap((authenticated) =>
        settings.client.execute(authenticated.request).pipe(
          Effect.tap((response) => settings.strategy.observe(response)),
          Effect.map((response) => ({ response, authenticated }))
        )
      )
    )
  return HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (requestEffect) =>
      Effect.flatMap(requestEffect, (request) =>
        once(request).pipe(
          Effect.flatMap(({ authenticated, response }) =>
            response.status !== 401
              ? Effect.succeed(response)
              : Effect.flatMap(settings.strategy.onUnauthorized(authenticated), (fresh) =>
                fresh
                  ? Effect.zipRight(
                    Metric.increment(settings.counters.unauthorizedRetries),
                    Effect.map(once(request), (second) => second.response)
                  )
                  : Effect.succeed(response))
          ),
          withRedactedHeaders
        )),
    (request) =>
      Effect.succeed(
        withUserAgent(absolute.test(request.url) ? request : HttpClientRequest.prependUrl(request, settings.baseUrl))
      )
  )
}
