import {
  Cookies,
  Headers,
  HttpClient,
  HttpClientError,
  HttpClientResponse,
  HttpIncomingMessage,
  UrlParams
} from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { AttemptDeadline } from "@sinch-effect/sinch-http"
import { Effect, Inspectable, Option, Stream } from "effect"
import { Readable } from "node:stream"
import type * as StreamWeb from "node:stream/web"
import type { Dispatcher } from "undici"

/**
 * A response whose body nobody reads keeps its connection; once the response object is unreachable, the
 * body is destroyed so the socket is released (what the platform's client does with an abort).
 */
const unread = new FinalizationRegistry<Dispatcher.ResponseData["body"]>((body) => {
  body.destroy()
})

const decodeError = (request: HttpClientRequest.HttpClientRequest, response: UndiciResponse, cause: unknown) =>
  new HttpClientError.ResponseError({ request, response, reason: "Decode", cause })

/** The longest delay `setTimeout` honours; a later deadline is never armed (it could not pass in time). */
const maxTimerMillis = 2 ** 31 - 1

/**
 * One exchange under an attempt deadline (`AttemptDeadline`): a timer that aborts the request while
 * the answer has not come, and destroys the body once it has, with `Exceeded` as the cause either way.
 * It is cleared when the body has been read, or when the caller gives up (interruption).
 */
class Guard {
  readonly controller = new AbortController()
  private readonly timer: ReturnType<typeof setTimeout> | undefined
  exceeded: AttemptDeadline.Exceeded | undefined
  body: Dispatcher.ResponseData["body"] | undefined

  constructor(readonly deadline: number, remaining: number) {
    this.timer = remaining > maxTimerMillis ? undefined : setTimeout(this.expire, remaining)
  }

  /** Whether a timer will end the exchange (a deadline past `setTimeout`'s range arms none). */
  get armed(): boolean {
    return this.timer !== undefined
  }

  private readonly expire = (): void => {
    const exceeded = this.exceeded = new AttemptDeadline.Exceeded(this.deadline)
    if (this.body === undefined) this.controller.abort(exceeded)
    else this.body.destroy(exceeded)
  }

  /** The cause to report: `Exceeded` once the deadline passed, whatever undici said. */
  causeOf(cause: unknown): unknown {
    return this.exceeded ?? cause
  }

  done(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
  }

  cancel(): void {
    this.done()
    this.controller.abort()
  }
}

/** @internal */
export class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined
  private consumed: { readonly as: string; readonly result: Promise<unknown> } | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly source: Dispatcher.ResponseData,
    private readonly guard?: Guard | undefined
  ) {
    super()
    // An error on a body nobody reads must not crash the process.
    source.body.on("error", noop)
    // Under a deadline the guard's timer destroys a body nobody reads, at the deadline at the latest.
    if (guard === undefined || !guard.armed) unread.register(this, source.body, this)
  }

  get status(): number {
    return this.source.statusCode
  }

  get headers(): Headers.Headers {
    return this.cachedHeaders ??= headersOf(this.source.headers)
  }

  get cookies(): Cookies.Cookies {
    if (this.cachedCookies !== undefined) return this.cachedCookies
    const header = this.source.headers["set-cookie"]
    return this.cachedCookies = header === undefined
      ? Cookies.empty
      : Cookies.fromSetCookie(Array.isArray(header) ? header : [header])
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  /**
   * Reads the body once; a later read of the same kind answers the same result, a read of another kind
   * fails (the body is gone). Interrupting the read drops the body.
   */
  private read<A>(
    as: "text" | "arrayBuffer" | "formData",
    f: (body: Dispatcher.ResponseData["body"]) => Promise<A>
  ): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.onInterrupt(
      Effect.tryPromise({
        try: () => {
          if (this.consumed === undefined) {
            if (this.guard === undefined || !this.guard.armed) unread.unregister(this)
            const guard = this.guard
            const result = f(this.source.body)
            this.consumed = {
              as,
              result: guard === undefined ? result : result.finally(() => guard.done())
            }
          } else if (this.consumed.as !== as) {
            return Promise.reject(new TypeError(`the body was already read as ${this.consumed.as}`))
          }
          return this.consumed.result as Promise<A>
        },
        catch: (cause) => decodeError(this.request, this, this.guard === undefined ? cause : this.guard.causeOf(cause))
      }),
      () => Effect.sync(() => this.source.body.destroy())
    )
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return this.read("text", (body) => body.text())
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => (text === "" ? null : JSON.parse(text)),
        catch: (cause) => decodeError(this.request, this, cause)
      }))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => decodeError(this.request, this, cause)
      }))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.read("arrayBuffer", (body) => body.arrayBuffer())
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.read("formData", (body) => body.formData() as Promise<FormData>)
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.suspend(() => {
      unread.unregister(this)
      const body = this.source.body
      const guard = this.guard
      return Stream.fromAsyncIterable(
        body as AsyncIterable<Uint8Array>,
        (cause) => decodeError(this.request, this, guard === undefined ? cause : guard.causeOf(cause))
      ).pipe(
        Stream.ensuring(Effect.sync(() => {
          guard?.done()
          body.destroy()
        }))
      )
    })
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

const noop = () => {}

/**
 * undici's header names are already lower case; only repeated headers (arrays) need joining, so a
 * record without them is used as it is.
 */
const headersOf = (source: Dispatcher.ResponseData["headers"]): Headers.Headers => {
  for (const key in source) {
    if (typeof source[key] !== "string") return Headers.fromInput(source as Headers.Input)
  }
  return Headers.unsafeFromRecord(source as Record<string, string>)
}

const transport = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "Transport", cause })

const invalidUrl = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause })

const plainUrl = /^https?:\/\/[^/?#]+/i

/**
 * Origin and path of the request. A plain absolute URL with no separate query parameters or hash is
 * split without a `URL` object; anything else goes through the platform's URL builder.
 */
const target = (
  request: HttpClientRequest.HttpClientRequest
): { readonly origin: string; readonly path: string } | HttpClientError.RequestError => {
  if (request.urlParams.length === 0 && request.hash._tag === "None") {
    const origin = plainUrl.exec(request.url)?.[0]
    if (origin !== undefined) {
      const path = request.url.slice(origin.length)
      return { origin, path: path === "" ? "/" : path.startsWith("/") ? path : `/${path}` }
    }
  }
  const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
  if (url._tag === "Left") return invalidUrl(request, url.left)
  if (url.right.protocol !== "http:" && url.right.protocol !== "https:") {
    return invalidUrl(request, new TypeError(`unsupported protocol ${url.right.protocol}`))
  }
  return { origin: url.right.origin, path: url.right.pathname + url.right.search + url.right.hash }
}

type Body = Exclude<Dispatcher.RequestOptions["body"], undefined>

interface Payload {
  readonly body: Body
  readonly headers: Record<string, string>
}

/**
 * The body as undici takes it. A multipart form is encoded by the runtime's own `Response` (undici's
 * package accepts only its own `FormData` class, not the global one), which also gives the boundary.
 */
/** The body as undici takes it, when it is at hand (no body, bytes, a raw value): no effect to run. */
const immediatePayload = (request: HttpClientRequest.HttpClientRequest): Payload | undefined => {
  const source = request.body
  switch (source._tag) {
    case "Empty":
      return { body: null, headers: request.headers }
    case "Uint8Array":
      return { body: source.body, headers: request.headers }
    case "Raw":
      return { body: source.body as Body, headers: request.headers }
    default:
      return undefined
  }
}

/** With its payload at hand or not, the exchange `send` makes of it. */
const withPayload = <A, E>(
  request: HttpClientRequest.HttpClientRequest,
  send: (payload: Payload) => Effect.Effect<A, E>
): Effect.Effect<A, E> => {
  const now = immediatePayload(request)
  return now === undefined ? Effect.flatMap(payload(request), send) : send(now)
}

const payload = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<Payload> => {
  const source = request.body
  switch (source._tag) {
    case "Empty":
    case "Uint8Array":
    case "Raw":
      return Effect.succeed(immediatePayload(request)!)
    case "FormData":
      return Effect.sync(() => {
        const encoded = new globalThis.Response(source.formData)
        return {
          body: Readable.fromWeb(encoded.body! as StreamWeb.ReadableStream),
          headers: { ...request.headers, "content-type": encoded.headers.get("content-type")! }
        }
      })
    case "Stream":
      return Effect.map(
        Stream.toAsyncIterableEffect(source.stream as Stream.Stream<Uint8Array>),
        (iterable) => ({ body: iterable as unknown as Body, headers: request.headers })
      )
  }
}

const options = (
  request: HttpClientRequest.HttpClientRequest,
  to: { readonly origin: string; readonly path: string },
  { body, headers }: Payload,
  signal: AbortSignal
): Dispatcher.RequestOptions => ({
  origin: to.origin,
  path: to.path,
  method: request.method,
  headers,
  body,
  signal,
  // Deadlines are the caller's (Effect.timeout, the Sinch clients' per-attempt deadline).
  headersTimeout: 0,
  bodyTimeout: 0
})

/** The exchange under the deadline `AttemptDeadline` gave the request: no fiber of its own, one timer. */
const guarded = (
  dispatcher: Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  to: { readonly origin: string; readonly path: string },
  deadline: number
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> => {
  const remaining = deadline - Date.now()
  if (remaining <= 0) return Effect.fail(transport(request, new AttemptDeadline.Exceeded(deadline)))
  return withPayload(
    request,
    (payload) =>
      Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
        const guard = new Guard(deadline, remaining)
        dispatcher.request(options(request, to, payload, guard.controller.signal)).then(
          (response) => {
            if (guard.exceeded !== undefined) {
              response.body.destroy()
              return resume(Effect.fail(transport(request, guard.exceeded)))
            }
            guard.body = response.body
            resume(Effect.succeed(new UndiciResponse(request, response, guard)))
          },
          (cause) => {
            guard.done()
            resume(Effect.fail(transport(request, guard.causeOf(cause))))
          }
        )
        return Effect.sync(() => guard.cancel())
      })
  )
}

/** @internal */
export const make = (dispatcher: Dispatcher): HttpClient.HttpClient =>
  AttemptDeadline.enforcing(HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (effect) =>
      Effect.flatMap(effect, (request) => {
        const to = target(request)
        if (to instanceof HttpClientError.RequestError) return Effect.fail(to)
        const deadline = AttemptDeadline.deadlineOf(request)
        if (deadline !== undefined) return guarded(dispatcher, request, to, deadline)
        return withPayload(request, (payload) =>
          Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume, signal) => {
            dispatcher.request(options(request, to, payload, signal)).then(
              (response) =>
                resume(Effect.succeed(new UndiciResponse(request, response))),
              (cause) => resume(Effect.fail(transport(request, cause)))
            )
          }))
      }),
    Effect.succeed
  ))
