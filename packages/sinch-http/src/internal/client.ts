import { Headers, HttpClient, HttpClientError, HttpClientRequest } from "@effect/platform"
import type { HttpClientResponse, HttpMethod } from "@effect/platform"
import type { AuthStrategy } from "@sinch-effect/auth-core"
import { AuthError } from "@sinch-effect/auth-core"
import type { Tracer } from "effect"
import {
  Cause,
  Clock,
  Context,
  Duration,
  Effect,
  Either,
  FiberRef,
  Metric,
  MetricLabel,
  Option,
  ParseResult,
  Random,
  Schema
} from "effect"
import * as AttemptDeadline from "../AttemptDeadline.js"
import type * as SinchClient from "../SinchClient.js"
import * as SinchMetrics from "../SinchMetrics.js"
import * as Body from "./body.js"
import * as Deadline from "./deadline.js"
import * as DecodeFailure from "./decodeFailure.js"
import * as ErrorBody from "./errorBody.js"
import * as FastDecode from "./fastDecode.js"
import * as Form from "./form.js"
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
 * Waits for a throttled token endpoint, each at most the provider's widest 429 window (16 s), and at most
 * 60 s in all: a budget in time, not in waits, because a throttled fleet's first windows are short (1 s)
 * and a count ran out long before a bucket of 30 refilled 10/s could serve 200 instances (17 s). They
 * are not sends, so they do not spend the send budget (`maxSends`). The provider waits at least 1 s
 * after a 429, so the count cap is never what ends a call; it bounds the loop.
 */
const tokenThrottleTotalMillis = 60_000
const tokenThrottleMaxWaits = 64
const tokenThrottleMaxWait = Duration.seconds(16)
/** The longest backoff step between two resends after a 5xx or a transport failure. */
const maxBackoffMillis = 10_000

/** @internal */
export const defaultMaxResponseBytes = 10 * 1024 * 1024

/** Headers whose values never reach a span, whatever the application configured. */
/** The Authorization value of a failed attempt, for scrubbing its error body (read on failure paths only). */
const sentAuthorization = (ex: Exchange): string | undefined => ex.authenticated.request.headers["authorization"]

const secretHeaders: ReadonlyArray<string> = ["authorization", "proxy-authorization", "x-api-key"]

/** The redacted names with ours added; cached for the list last seen (nearly always the default one). */
let lastNames: ReadonlyArray<string | RegExp> | undefined
let lastMerged: ReadonlyArray<string | RegExp> = secretHeaders
const withSecretHeaders = (names: ReadonlyArray<string | RegExp>): ReadonlyArray<string | RegExp> => {
  if (names === lastNames) return lastMerged
  const missing = secretHeaders.filter((name) => !names.includes(name))
  lastNames = names
  lastMerged = missing.length === 0 ? names : [...names, ...missing]
  return lastMerged
}

const withRedactedHeaders = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.locallyWith(effect, Headers.currentRedactedNames, withSecretHeaders)

/**
 * Effect's own tracer, installed when the application installed none. Its spans reach no exporter, so
 * a call made under it skips its span and the platform's (the span would cost as much as the middleware).
 */
const nativeTracer: Tracer.Tracer = Effect.runSync(Effect.tracer)

/**
 * The counters of one client. Each update goes to the untagged metric with a label array built once,
 * so Effect's hook cache (keyed by the array) hits on every call; `Metric.tagged` would build a new
 * array, and look the hook up again, on every update.
 */
interface Counters {
  readonly unauthorizedRetries: ReadonlyArray<MetricLabel.MetricLabel>
  readonly rateLimitWaits: ReadonlyArray<MetricLabel.MetricLabel>
  readonly retries: ReadonlyArray<MetricLabel.MetricLabel>
  readonly callsByOutcome: (outcome: string) => ReadonlyArray<MetricLabel.MetricLabel>
  readonly ok: ReadonlyArray<MetricLabel.MetricLabel>
}

const makeCounters = (api: string): Counters => {
  const apiLabel = [MetricLabel.make("api", api)]
  const byOutcome = new Map<string, ReadonlyArray<MetricLabel.MetricLabel>>()
  const callsByOutcome = (outcome: string) => {
    let labels = byOutcome.get(outcome)
    if (labels === undefined) {
      labels = [...apiLabel, MetricLabel.make("outcome", outcome)]
      byOutcome.set(outcome, labels)
    }
    return labels
  }
  return {
    unauthorizedRetries: apiLabel,
    rateLimitWaits: apiLabel,
    retries: apiLabel,
    callsByOutcome,
    ok: callsByOutcome("ok")
  }
}

/** Adds one to `metric` under `labels`, plus the fiber's own metric labels (`Effect.tagMetrics`) if any. */
const bump = (
  metric: Metric.Metric.Counter<number>,
  labels: ReadonlyArray<MetricLabel.MetricLabel>,
  extra: ReadonlyArray<MetricLabel.MetricLabel>
): void => metric.unsafeUpdate(1, extra.length === 0 ? labels : [...labels, ...extra])

interface Settings {
  readonly api: SinchClient.ApiName
  readonly baseUrl: string
  readonly strategy: AuthStrategy.AuthStrategy
  readonly projectId: string | undefined
  readonly timeout: Duration.Duration
  readonly timeoutMillis: number
  readonly timeoutText: string
  readonly totalTimeout: Duration.Duration | undefined
  readonly maxAttempts: number
  readonly baseMillis: number
  readonly maxRetryAfter: Duration.Duration
  readonly maxResponseBytes: number
  readonly client: HttpClient.HttpClient
  /** The client enforces per-attempt deadlines itself (`AttemptDeadline`). */
  readonly enforcing: boolean
  readonly counters: Counters
  /** `accept` and `user-agent`, built once. */
  readonly headers: Headers.Headers
}

/** One attempt that got an answer: status, headers and the whole body, read within the deadline. */
interface Exchange {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: string
  readonly authenticated: AuthStrategy.Authenticated
}

/** What one call carries through its attempts: span, metric labels, clock and total deadline. */
interface Call {
  readonly span: Tracer.Span | undefined
  readonly metricLabels: ReadonlyArray<MetricLabel.MetricLabel>
  readonly redactedNames: ReadonlyArray<string | RegExp>
  readonly clock: Clock.Clock
  /** `Clock` millis at which the call's total deadline passes, if it has one. */
  readonly deadlineAt: number | undefined
}

const idempotentMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"])

const encoder = new TextEncoder()

const prepare = (
  settings: Settings,
  method: HttpMethod.HttpMethod,
  route: string,
  options: SinchClient.RequestOptions | undefined
): HttpClientRequest.HttpClientRequest => {
  const url = Url.joinUrl(settings.baseUrl, Url.fillRoute(route, options?.path))
  let request = HttpClientRequest.make(method)(url, { headers: settings.headers })
  if (options === undefined) return request
  if (options.query !== undefined) request = HttpClientRequest.setUrlParams(request, Url.queryEntries(options.query))
  if (options.headers !== undefined) request = HttpClientRequest.setHeaders(request, options.headers)
  if (options.idempotencyKey !== undefined) {
    request = HttpClientRequest.setHeader(request, "idempotency-key", options.idempotencyKey)
  }
  if (options.body !== undefined) {
    // Buffered once: a resend (401, 429, 5xx) sends, and a signing strategy signs, exactly these bytes.
    request = HttpClientRequest.bodyUint8Array(
      request,
      encoder.encode(JSON.stringify(options.body)),
      "application/json"
    )
  } else if (options.form !== undefined) {
    const form = Form.encode(options.form)
    request = HttpClientRequest.bodyUint8Array(request, form.bytes, form.contentType)
  }
  return request
}

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

const tooLarge = (settings: Settings, status: number, error: Body.TooLarge) =>
  new AuthError.MalformedResponse({
    api: settings.api,
    status,
    detail: `the body is larger than the limit of ${Body.formatBytes(error.limit)}${
      error.declared === undefined ? "" : ` (Content-Length ${error.declared})`
    }; raise maxResponseBytes if this answer is expected`
  })

const remainingMillis = (call: Call): number | undefined =>
  call.deadlineAt === undefined ? undefined : call.deadlineAt - call.clock.unsafeCurrentTimeMillis()

const totalTimeoutError = (settings: Settings, request: HttpClientRequest.HttpClientRequest) =>
  transportError(
    settings,
    request,
    "timeout",
    `no answer within the call's total deadline of ${Duration.format(settings.totalTimeout ?? Duration.zero)}`
  )

/** Reads the body under the size limit, mapping the platform's failures to `TransportError`. */
const receive = (
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest,
  authenticated: AuthStrategy.Authenticated
) =>
(
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<Exchange, AuthError.MalformedResponse | AuthError.TransportError> =>
  Effect.zipRight(
    settings.strategy.observe(response),
    Effect.map(Body.readText(response, settings.maxResponseBytes), (body): Exchange => ({
      status: response.status,
      headers: response.headers,
      body,
      authenticated
    })).pipe(
      Effect.mapError((error) =>
        error._tag === "TooLarge"
          ? tooLarge(settings, response.status, error)
          : AttemptDeadline.isExceeded(error.cause)
          ? transportError(settings, request, "timeout", settings.timeoutText)
          : transportError(
            settings,
            request,
            "connection",
            `reading the body failed: ${causeText(error.cause) ?? error.reason}`
          )
      )
    )
  )

const sendFailure = (settings: Settings, request: HttpClientRequest.HttpClientRequest) =>
(
  error: HttpClientError.HttpClientError
): AuthError.TransportError =>
  AttemptDeadline.isExceeded(error.cause)
    ? transportError(settings, request, "timeout", settings.timeoutText)
    : error._tag === "RequestError"
    ? transportError(settings, request, "connection", causeText(error.cause) ?? error.reason)
    : transportError(
      settings,
      request,
      "connection",
      `reading the body failed: ${causeText(error.cause) ?? error.reason}`
    )

/**
 * One attempt on the caller's fiber, the transport enforcing its deadline (`AttemptDeadline`):
 * authenticate, then send and read the body by `Date.now()` + the timeout.
 */
const enforcedAttempt = (
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<Exchange, AuthError.TokenError | AuthError.TransportError> =>
  Effect.flatMap(settings.strategy.authenticate(request), (authenticated) =>
    settings.client.execute(
      AttemptDeadline.withDeadline(authenticated.request, Date.now() + settings.timeoutMillis)
    ).pipe(
      Effect.mapError(sendFailure(settings, request)),
      Effect.flatMap(receive(settings, request, authenticated))
    ))

/**
 * One attempt on a fiber of its own: authenticate (outside the per-attempt deadline: the token has its
 * own), then send and read the body under the per-attempt deadline; the call's total deadline, if any,
 * covers all of it. The attempt's fiber is also where the platform's tracing is set for this call: off
 * when nobody observes, on without trace headers (see `make`) and with credential headers redacted when
 * a tracer is installed. Nothing to restore: the fiber ends with the attempt.
 */
const attempt = (
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest,
  call: Call
): Effect.Effect<Exchange, AuthError.TokenError | AuthError.TransportError> => {
  const remaining = remainingMillis(call)
  if (remaining !== undefined && remaining <= 0) return Effect.fail(totalTimeoutError(settings, request))
  if (remaining === undefined && settings.enforcing && call.clock === Deadline.liveClock) {
    return enforcedAttempt(settings, request)
  }
  const tracing = call.span === undefined
    ? FiberRef.set(HttpClient.currentTracerDisabledWhen, always)
    : Effect.zipRight(
      FiberRef.set(HttpClient.currentTracerPropagation, false),
      FiberRef.set(Headers.currentRedactedNames, call.redactedNames)
    )
  return Deadline.race<Exchange, AuthError.TokenError | AuthError.TransportError, never, AuthError.TransportError>(
    (timers) =>
      Effect.zipRight(
        tracing,
        Effect.flatMap(settings.strategy.authenticate(request), (authenticated) =>
          Effect.zipRight(
            timers.arm(settings.timeout, () => transportError(settings, request, "timeout", settings.timeoutText)),
            settings.client.execute(authenticated.request).pipe(
              Effect.mapError(sendFailure(settings, request)),
              Effect.flatMap(receive(settings, request, authenticated))
            )
          ))
      ),
    remaining === undefined
      ? undefined
      : { duration: Duration.millis(remaining), onTimeout: () => totalTimeoutError(settings, request) }
  )
}

const always = (): boolean => true

const isSuccess = (status: number): boolean => status >= 200 && status < 300

/**
 * Sends `request` and hands the 2xx exchange to `onBody`; the loop of `retrying` runs only when the
 * first answer is not a 2xx.
 */
const send = <A>(
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest,
  idempotent: boolean,
  call: Call,
  onBody: (ex: Exchange) => Effect.Effect<A, AuthError.SinchError>
): Effect.Effect<A, AuthError.SinchError> =>
  Effect.matchEffect(attempt(settings, request, call), {
    onFailure: (error) => Effect.flatMap(retrying(settings, request, idempotent, call, Either.left(error)), onBody),
    onSuccess: (exchange) => {
      if (!isSuccess(exchange.status)) {
        return Effect.flatMap(retrying(settings, request, idempotent, call, Either.right(exchange)), onBody)
      }
      if (call.span !== undefined) {
        call.span.attribute("sinch.attempt", 1)
        call.span.attribute("http.response.status_code", exchange.status)
      }
      return onBody(exchange)
    }
  })

type Decision =
  | { readonly _tag: "Done"; readonly exchange: Exchange }
  | { readonly _tag: "Fail"; readonly error: AuthError.SinchError }
  | { readonly _tag: "Resend"; readonly wait: Duration.Duration | "backoff"; readonly error: AuthError.SinchError }

/**
 * The rest of a call whose first attempt did not succeed: one resend after a 401 with a fresh
 * credential, up to 3 waits on 429, up to `maxAttempts` sends after 5xx / transport failures for
 * idempotent requests. A wait that would end past the call's total deadline fails at once with the
 * error that asked for it.
 */
const retrying = (
  settings: Settings,
  request: HttpClientRequest.HttpClientRequest,
  idempotent: boolean,
  call: Call,
  first: Either.Either<Exchange, AuthError.TokenError | AuthError.TransportError>
): Effect.Effect<Exchange, AuthError.SinchError> =>
  Effect.gen(function*() {
    let failures = 1
    let backoffs = 0
    let refreshed = false
    let waits = 0
    let tokenWaits = 0
    let tokenWaitedMillis = 0

    const retryable = (): boolean => idempotent && failures < settings.maxAttempts
    const bumpMetric = (labels: ReadonlyArray<MetricLabel.MetricLabel>, metric: Metric.Metric.Counter<number>) =>
      Effect.sync(() => bump(metric, labels, call.metricLabels))
    const annotate = (key: string, value: unknown) => {
      if (call.span !== undefined) call.span.attribute(key, value)
    }

    /** Exponential (×2 from `base`), jittered ×0.5 to ×1.5, at most 10 s. */
    const backoff = Effect.map(Random.next, (random) => {
      const step = settings.baseMillis * 2 ** backoffs++
      return Duration.millis(Math.min(step * (0.5 + random), maxBackoffMillis))
    })

    /** Sleeps `wait`, or fails with `error` when the call's total deadline passes first. */
    const pause = (wait: Duration.Duration, error: AuthError.SinchError): Effect.Effect<void, AuthError.SinchError> => {
      const remaining = remainingMillis(call)
      return remaining !== undefined && Duration.toMillis(wait) >= remaining ? Effect.fail(error) : Effect.sleep(wait)
    }

    /**
     * A throttled token endpoint (429) says when to come back: the call waits for that, within the
     * same budget as an API 429, rather than failing. An outage (5xx, timeout, unreachable) is not
     * waited for: the provider fails fast then, and so does the call.
     */
    const throttledTokenWait = (
      error: AuthError.TokenError | AuthError.TransportError
    ): Option.Option<Duration.Duration> => {
      if (
        error._tag !== "TokenUnavailable" || error.reason !== "rate-limited" || error.retryAt === undefined ||
        tokenWaits >= tokenThrottleMaxWaits
      ) return Option.none()
      const millis = Math.max(0, error.retryAt - call.clock.unsafeCurrentTimeMillis())
      const wait = Duration.millis(millis)
      return Duration.lessThanOrEqualTo(wait, Duration.max(settings.maxRetryAfter, tokenThrottleMaxWait)) &&
          tokenWaitedMillis + millis <= tokenThrottleTotalMillis
        ? Option.some(wait)
        : Option.none()
    }

    const decide = (ex: Exchange): Effect.Effect<Decision> =>
      Effect.gen(function*() {
        const { status } = ex
        if (isSuccess(status)) return { _tag: "Done", exchange: ex }
        if (status === 401) {
          if (!refreshed && (yield* settings.strategy.onUnauthorized(ex.authenticated))) {
            refreshed = true
            yield* bumpMetric(settings.counters.unauthorizedRetries, SinchMetrics.unauthorizedRetries)
            return {
              _tag: "Resend",
              wait: Duration.zero,
              error: ErrorBody.toError(settings.api, status, request.method, ex.body, sentAuthorization(ex))
            }
          }
          const error = ex.authenticated.token === undefined
            ? ErrorBody.toError(settings.api, status, request.method, ex.body, sentAuthorization(ex))
            : ErrorBody.unauthorized(
              settings.api,
              Headers.get(ex.headers, "www-authenticate").pipe(Option.getOrUndefined),
              ex.body,
              sentAuthorization(ex)
            )
          return { _tag: "Fail", error }
        }
        if (status === 403) {
          const decoded = ErrorBody.decode(ex.body, sentAuthorization(ex))
          const description = decoded._tag === "Right" ? decoded.right.detail ?? decoded.right.statusText : undefined
          return {
            _tag: "Fail",
            error: new AuthError.AccessDenied({ api: settings.api, projectId: settings.projectId, description })
          }
        }
        if (status === 429) {
          const retryAfter = RetryAfter.parse(
            Option.getOrUndefined(Headers.get(ex.headers, "retry-after")),
            call.clock.unsafeCurrentTimeMillis()
          )
          const error = new AuthError.RateLimited({ api: settings.api, retryAfter: Option.getOrUndefined(retryAfter) })
          const fitsBudget = waits < rateLimitBudget &&
            Option.match(retryAfter, {
              onNone: () => true,
              onSome: (d) => Duration.lessThanOrEqualTo(d, settings.maxRetryAfter)
            })
          if (!fitsBudget) return { _tag: "Fail", error }
          waits++
          yield* bumpMetric(settings.counters.rateLimitWaits, SinchMetrics.rateLimitWaits)
          // The request was refused, not processed: resending is safe whatever the method.
          return { _tag: "Resend", wait: Option.getOrElse(retryAfter, () => "backoff" as const), error }
        }
        if (status >= 500 && status !== 501 && status !== 505 && retryable()) {
          failures++
          yield* bumpMetric(settings.counters.retries, SinchMetrics.retries)
          return {
            _tag: "Resend",
            wait: "backoff",
            error: ErrorBody.toError(settings.api, status, request.method, ex.body, sentAuthorization(ex))
          }
        }
        return {
          _tag: "Fail",
          error: ErrorBody.toError(settings.api, status, request.method, ex.body, sentAuthorization(ex))
        }
      })

    // Each pass spends one budget (the 401 resend, a 429 wait or a 5xx/transport attempt) or ends the call.
    const maxSends = settings.maxAttempts + rateLimitBudget + 1
    let result: Either.Either<Exchange, AuthError.TokenError | AuthError.TransportError> | undefined = first
    for (let sends = 1; sends <= maxSends; sends++) {
      if (result === undefined) result = yield* Effect.either(attempt(settings, request, call))
      const current = result
      result = undefined
      annotate("sinch.attempt", sends)
      if (current._tag === "Left") {
        const error = current.left
        const tokenWait = throttledTokenWait(error)
        if (Option.isSome(tokenWait)) {
          tokenWaits++
          tokenWaitedMillis += Duration.toMillis(tokenWait.value)
          yield* bumpMetric(settings.counters.rateLimitWaits, SinchMetrics.rateLimitWaits)
          yield* pause(tokenWait.value, error)
          // Nothing was sent: the send budget is untouched (`tokenWaits` and the time budget bound this loop).
          sends--
          continue
        }
        if (error._tag === "TransportError" && retryable() && sends < maxSends) {
          failures++
          yield* bumpMetric(settings.counters.retries, SinchMetrics.retries)
          yield* pause(yield* backoff, error)
          continue
        }
        return yield* Effect.fail(error)
      }
      annotate("http.response.status_code", current.right.status)
      const decision = yield* decide(current.right)
      switch (decision._tag) {
        case "Done":
          return decision.exchange
        case "Fail":
          return yield* Effect.fail(decision.error)
        case "Resend":
          if (sends === maxSends) {
            return yield* Effect.fail(
              ErrorBody.toError(
                settings.api,
                current.right.status,
                request.method,
                current.right.body,
                sentAuthorization(current.right)
              )
            )
          }
          if (decision.wait === "backoff") yield* pause(yield* backoff, decision.error)
          else if (Duration.greaterThan(decision.wait, Duration.zero)) yield* pause(decision.wait, decision.error)
      }
    }
    return yield* Effect.dieMessage("unreachable: every send budget is finite")
  })

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text)

const blank = /^\s*$/

type Decoder = (input: unknown) => Either.Either<unknown, ParseResult.ParseIssue>

/**
 * Decoders compiled once per schema (products pass the same schema object on every call): the compiled
 * fast path for what it accepts, Effect's decoder for the rest and for every error.
 */
const decoders = new WeakMap<Schema.Schema.Any, Decoder>()

const decoderOf = <A, I>(schema: Schema.Schema<A, I>): Decoder => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    const parse = ParseResult.decodeUnknownEither(schema as Schema.Schema<A, I, never>)
    const fast = FastDecode.compile(schema.ast)
    const options = { errors: "first" } as const
    decoder = (input) => {
      const value = fast(input)
      return value === FastDecode.fail ? parse(input, options) : Either.right(value)
    }
    decoders.set(schema, decoder)
  }
  return decoder
}

const decodeBody = <A>(
  settings: Settings,
  decoder: Decoder,
  ex: Exchange
): Effect.Effect<A, AuthError.MalformedResponse> => {
  const malformed = (detail: string) =>
    new AuthError.MalformedResponse({ api: settings.api, status: ex.status, detail })
  let json: unknown
  if (!blank.test(ex.body)) {
    try {
      json = JSON.parse(ex.body)
    } catch {
      return Effect.fail(malformed(`the body is not JSON: ${truncate(ex.body.replace(/\s+/g, " "), 120)}`))
    }
  }
  const decoded = decoder(json)
  return decoded._tag === "Right"
    ? Effect.succeed(decoded.right as A)
    : Effect.fail(malformed(DecodeFailure.describe(decoded.left, json)))
}

/** `ok`, the error's `_tag`, or `defect`. */
const failureOutcome = (cause: Cause.Cause<unknown>): string => {
  const error = Option.getOrUndefined(Cause.failureOption(cause))
  return typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "defect"
}

/**
 * Counts the call by outcome as it ends. An interrupted call (the caller's own timeout, say) is not
 * counted: it has no outcome of its own.
 */
const counted = <A>(
  settings: Settings,
  metricLabels: ReadonlyArray<MetricLabel.MetricLabel>,
  effect: Effect.Effect<A, AuthError.SinchError>
): Effect.Effect<A, AuthError.SinchError> =>
  Effect.matchCauseEffect(effect, {
    onFailure: (cause) => {
      bump(SinchMetrics.calls, settings.counters.callsByOutcome(failureOutcome(cause)), metricLabels)
      return Effect.failCause(cause)
    },
    onSuccess: (value) => {
      bump(SinchMetrics.calls, settings.counters.ok, metricLabels)
      return Effect.succeed(value)
    }
  })

/** @internal */
export const make = <S extends AuthStrategy.Scope>(
  options: SinchClient.Options<S>
): Effect.Effect<SinchClient.SinchClient, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (underlying): SinchClient.SinchClient => {
    const timeout = Duration.decode(options.timeout ?? Duration.seconds(30))
    const client = options.transformClient ? options.transformClient(underlying) : underlying
    const settings: Settings = {
      api: options.api,
      baseUrl: options.baseUrl.endsWith("/") ? options.baseUrl.slice(0, -1) : options.baseUrl,
      strategy: options.strategy as AuthStrategy.AuthStrategy,
      projectId: options.projectId,
      timeout,
      timeoutMillis: Duration.toMillis(timeout),
      timeoutText: `no answer within ${Duration.format(timeout)}`,
      totalTimeout: options.totalTimeout === undefined ? undefined : Duration.decode(options.totalTimeout),
      maxAttempts: Math.max(1, Math.floor(options.retry?.maxAttempts ?? 3)),
      baseMillis: Duration.toMillis(Duration.decode(options.retry?.base ?? Duration.millis(200))),
      maxRetryAfter: Duration.decode(options.retry?.maxRetryAfter ?? Duration.seconds(10)),
      maxResponseBytes: Math.max(0, Math.floor(options.maxResponseBytes ?? defaultMaxResponseBytes)),
      counters: makeCounters(options.api),
      // No trace headers to Sinch (set on each attempt's fiber, see `attempt`): adding them rebuilds the
      // request's headers, which drops the strategy's protection of `authorization`, and the request then
      // prints in clear wherever the response or the platform span's exit is rendered.
      client,
      enforcing: AttemptDeadline.isEnforcing(client),
      headers: Headers.fromInput({ accept: "application/json", "user-agent": userAgent })
    }
    const spanName = `Sinch.${settings.api}`
    const totalMillis = settings.totalTimeout === undefined ? undefined : Duration.toMillis(settings.totalTimeout)

    const call = <A>(
      method: HttpMethod.HttpMethod,
      route: string,
      requestOptions: SinchClient.RequestOptions | undefined,
      onBody: (ex: Exchange) => Effect.Effect<A, AuthError.SinchError>
    ): Effect.Effect<A, AuthError.SinchError> =>
      Effect.withFiberRuntime((fiber) => {
        let request: HttpClientRequest.HttpClientRequest
        try {
          request = prepare(settings, method, route, requestOptions)
        } catch (defect) {
          return Effect.die(defect)
        }
        const idempotent = idempotentMethods.has(method) || requestOptions?.idempotencyKey !== undefined
        const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
        const metricLabels = fiber.getFiberRef(FiberRef.currentMetricLabels)
        const observed = fiber.currentTracer !== nativeTracer && fiber.getFiberRef(FiberRef.currentTracerEnabled)
        const deadlineAt = totalMillis === undefined ? undefined : clock.unsafeCurrentTimeMillis() + totalMillis
        const redactedNames = withSecretHeaders(fiber.getFiberRef(Headers.currentRedactedNames))
        if (!observed) {
          const call: Call = { span: undefined, metricLabels, clock, deadlineAt, redactedNames }
          return counted(settings, metricLabels, send(settings, request, idempotent, call, onBody))
        }
        return Effect.useSpan(spanName, {
          kind: "client",
          captureStackTrace: false,
          attributes: { "sinch.api": settings.api, "http.request.method": method, "sinch.route": route }
        }, (span) => {
          const call: Call = { span, metricLabels, clock, deadlineAt, redactedNames }
          return counted(settings, metricLabels, send(settings, request, idempotent, call, onBody)).pipe(
            Effect.withParentSpan(span)
          )
        })
      })

    return {
      api: settings.api,
      baseUrl: settings.baseUrl,
      request: (method, route, schema, requestOptions) => {
        const decoder = decoderOf(schema)
        return call(method, route, requestOptions, (ex) => decodeBody(settings, decoder, ex))
      },
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
  // No trace headers to Sinch, for the reason given in `make`.
  const client = HttpClient.withTracerPropagation(settings.client, false)
  const once = (request: HttpClientRequest.HttpClientRequest) =>
    settings.strategy.authenticate(request).pipe(
      Effect.mapError((cause) =>
        new HttpClientError.RequestError({ request, reason: "Transport", cause, description: cause.message })
      ),
      Effect.flatMap((authenticated) =>
        client.execute(authenticated.request).pipe(
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
                    Effect.flatMap(
                      FiberRef.get(FiberRef.currentMetricLabels),
                      (extra) =>
                        Effect.sync(() =>
                          bump(SinchMetrics.unauthorizedRetries, settings.counters.unauthorizedRetries, extra)
                        )
                    ),
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
