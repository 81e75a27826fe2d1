/**
 * A scripted OAuth2 token endpoint behind an in-process `HttpClient`. Replies are taken from a queue
 * (then a default), delays use `Effect.sleep` so `TestClock` controls them, and every request is
 * counted and its client credentials decoded, so tests can assert exact numbers.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { Clock, Duration, Effect, Either, Encoding, Exit, Layer } from "effect"

export type Reply =
  | {
    readonly _tag: "Token"
    readonly expiresIn: number
    readonly scope?: string | undefined
    readonly delay?: Duration.DurationInput | undefined
  }
  | {
    readonly _tag: "Status"
    readonly status: number
    readonly body?: string | undefined
    readonly headers?: Record<string, string> | undefined
    readonly delay?: Duration.DurationInput | undefined
  }
  | { readonly _tag: "Hang" }
  | { readonly _tag: "Transport"; readonly delay?: Duration.DurationInput | undefined }
  /** The client itself dies (a defect), as a buggy platform client might. */
  | { readonly _tag: "Die" }

export const Reply = {
  token: (options: { expiresIn?: number; scope?: string; delay?: Duration.DurationInput } = {}): Reply => ({
    _tag: "Token",
    expiresIn: options.expiresIn ?? 3600,
    scope: options.scope,
    delay: options.delay
  }),
  status: (
    status: number,
    options: { body?: unknown; headers?: Record<string, string>; delay?: Duration.DurationInput } = {}
  ): Reply => ({
    _tag: "Status",
    status,
    body: typeof options.body === "string"
      ? options.body
      : options.body === undefined
      ? undefined
      : JSON.stringify(options.body),
    headers: options.headers,
    delay: options.delay
  }),
  hang: { _tag: "Hang" } as Reply,
  die: { _tag: "Die" } as Reply,
  transport: (delay?: Duration.DurationInput): Reply => ({ _tag: "Transport", delay })
}

export interface Stats {
  requests: number
  inFlight: number
  maxInFlight: number
  completed: number
  interrupted: number
  /** `Clock` millis at which each request arrived. */
  readonly times: Array<number>
  readonly methods: Array<string>
  readonly urls: Array<string>
  readonly authorizations: Array<string>
  /** Client id and secret decoded per RFC 6749 2.3.1 (base64, split at the first `:`, form-decode). */
  readonly credentials: Array<{ readonly id: string; readonly secret: string }>
  readonly bodies: Array<string>
  readonly contentTypes: Array<string | undefined>
  /** The status answered to each request that was answered. */
  readonly statuses: Array<number>
  /** Token values issued, in order. */
  readonly issued: Array<string>
  /** The client id of the request each token was issued to, by token value. */
  readonly issuedTo: Map<string, string | undefined>
}

export interface TokenEndpoint {
  readonly client: HttpClient.HttpClient
  readonly layer: Layer.Layer<HttpClient.HttpClient>
  readonly stats: Stats
  /** Replies for the next requests, in order; after them the default applies. */
  readonly enqueue: (...replies: ReadonlyArray<Reply>) => void
  readonly setDefault: (reply: Reply) => void
}

export interface Options {
  /** Token values are `${tokenPrefix}${n}`. */
  readonly tokenPrefix?: string
  readonly defaultReply?: Reply
  /**
   * A token bucket in front of the endpoint: a request finding it empty gets 429 without `Retry-After`.
   */
  readonly bucket?: { readonly capacity: number; readonly refillPerSecond: number }
}

const formDecode = (value: string): string => decodeURIComponent(value.replace(/\+/g, " "))

const decodeBasic = (header: string): { id: string; secret: string } | undefined => {
  if (!header.startsWith("Basic ")) return undefined
  const decoded = Encoding.decodeBase64String(header.slice("Basic ".length))
  if (Either.isLeft(decoded)) return undefined
  const colon = decoded.right.indexOf(":")
  if (colon < 0) return undefined
  return { id: formDecode(decoded.right.slice(0, colon)), secret: formDecode(decoded.right.slice(colon + 1)) }
}

const bodyText = (request: HttpClientRequest.HttpClientRequest): string =>
  request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""

export const make = (options: Options = {}): TokenEndpoint => {
  const prefix = options.tokenPrefix ?? "planted-token-"
  const queue: Array<Reply> = []
  let fallback: Reply = options.defaultReply ?? Reply.token()
  const stats: Stats = {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    completed: 0,
    interrupted: 0,
    times: [],
    methods: [],
    urls: [],
    authorizations: [],
    credentials: [],
    bodies: [],
    contentTypes: [],
    statuses: [],
    issued: [],
    issuedTo: new Map()
  }
  let bucket = options.bucket === undefined ? undefined : { level: options.bucket.capacity, at: 0, ...options.bucket }

  const takeFromBucket = (now: number): boolean => {
    if (bucket === undefined) return true
    const level = Math.min(bucket.capacity, bucket.level + ((now - bucket.at) / 1000) * bucket.refillPerSecond)
    bucket = { ...bucket, level, at: now }
    if (level < 1) return false
    bucket = { ...bucket, level: level - 1 }
    return true
  }

  const respond = (
    request: HttpClientRequest.HttpClientRequest,
    status: number,
    body: string | undefined,
    headers: Record<string, string> = {}
  ) =>
    Effect.sync(() => {
      stats.statuses.push(status)
      return HttpClientResponse.fromWeb(
        request,
        new Response(body ?? null, { status, headers: { "content-type": "application/json", ...headers } })
      )
    })

  const answer = (
    request: HttpClientRequest.HttpClientRequest,
    reply: Reply,
    now: number,
    clientId: string | undefined
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
    switch (reply._tag) {
      case "Hang":
        return Effect.never
      case "Die":
        return Effect.dieMessage("client exploded while sending the token request")
      case "Transport":
        return Effect.zipRight(
          Effect.sleep(reply.delay ?? Duration.zero),
          Effect.fail(
            new HttpClientError.RequestError({ request, reason: "Transport", description: "connect ECONNREFUSED" })
          )
        )
      case "Status":
        return Effect.zipRight(
          Effect.sleep(reply.delay ?? Duration.zero),
          respond(request, reply.status, reply.body, reply.headers)
        )
      case "Token":
        return Effect.zipRight(
          Effect.sleep(reply.delay ?? Duration.zero),
          Effect.suspend(() => {
            if (!takeFromBucket(now)) return respond(request, 429, JSON.stringify({ error: "rate_limited" }))
            const token = `${prefix}${stats.issued.length + 1}`
            stats.issued.push(token)
            stats.issuedTo.set(token, clientId)
            return respond(
              request,
              200,
              JSON.stringify({
                access_token: token,
                token_type: "bearer",
                expires_in: reply.expiresIn,
                scope: reply.scope ?? "https://sinch.com/projects/*"
              })
            )
          })
        )
    }
  }

  const client = HttpClient.make((request) =>
    Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      stats.requests++
      stats.times.push(now)
      stats.methods.push(request.method)
      stats.urls.push(request.url)
      const authorization = request.headers["authorization"] ?? ""
      stats.authorizations.push(authorization)
      const credentials = decodeBasic(authorization)
      if (credentials !== undefined) stats.credentials.push(credentials)
      stats.bodies.push(bodyText(request))
      stats.contentTypes.push(request.body._tag === "Uint8Array" ? request.body.contentType : undefined)
      const reply = queue.shift() ?? fallback
      stats.inFlight++
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
      return yield* answer(request, reply, now, credentials?.id).pipe(
        Effect.onExit((exit) =>
          Effect.sync(() => {
            stats.inFlight--
            if (Exit.isInterrupted(exit)) stats.interrupted++
            else stats.completed++
          })
        )
      )
    })
  )

  return {
    client,
    layer: Layer.succeed(HttpClient.HttpClient, client),
    stats,
    enqueue: (...replies) => {
      queue.push(...replies)
    },
    setDefault: (reply) => {
      fallback = reply
    }
  }
}
