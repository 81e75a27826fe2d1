/**
 * The Mailgun API as an Effect service: send a message (a form, `multipart/form-data` when it has
 * files), list a domain's events (a lazy `Stream` over the `paging.next` links) and list or get domains
 * (v4). Authenticated with Basic `api:KEY` from `MailgunCredentials`, on the US or EU host of its region.
 *
 * @since 0.3.0
 */
import type { HttpClient } from "@effect/platform"
import { AuthError, AuthStrategy, MailgunCredentials } from "@sinch-effect/auth-core"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { Pagination, SinchApi, SinchEndpoints } from "@sinch-effect/sinch-http"
import type { ConfigError } from "effect"
import { Chunk, Context, Effect, Layer, Option, Stream } from "effect"
import * as MailgunSchema from "./MailgunSchema.js"
import * as Product from "./Product.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Service {
  /** `POST /v3/{domain}/messages`: queues a message; answers its Message-ID. Never resent automatically. */
  readonly sendMessage: (
    domain: string,
    message: MailgunSchema.Message
  ) => Effect.Effect<MailgunSchema.SendMessageResponse, AuthError.SinchError>
  /** `GET /v3/{domain}/events`, following `paging.next` until an empty page, fetched as the stream is pulled. */
  readonly listEvents: (
    domain: string,
    params?: MailgunSchema.ListEventsParams | undefined
  ) => Stream.Stream<MailgunSchema.Event, AuthError.SinchError>
  /** `GET /v4/domains`, every page (`skip` / `limit`), fetched as the stream is pulled. */
  readonly listDomains: (
    params?: MailgunSchema.ListDomainsParams | undefined
  ) => Stream.Stream<MailgunSchema.Domain, AuthError.SinchError>
  /** `GET /v4/domains/{name}`: the domain and its DNS records. */
  readonly getDomain: (name: string) => Effect.Effect<MailgunSchema.DomainDetails, AuthError.SinchError>
  /** The underlying client, for endpoints this service does not cover. */
  readonly client: SinchClient.SinchClient
}

/**
 * @since 0.3.0
 * @category tags
 */
export class Mailgun extends Context.Tag("@sinch-effect/products/Mailgun")<Mailgun, Service>() {}

/**
 * The client options, the region (which host) and the strategy.
 *
 * @since 0.3.0
 * @category models
 */
export interface Options<R = never> extends SinchClient.ClientOptions {
  readonly region: SinchApi.MailgunRegion
  /** e.g. `AuthStrategy.mailgun` (what `make` uses). */
  readonly strategy: Effect.Effect<AuthStrategy.MailgunStrategy, never, R>
}

/** One page of events to fetch: the first from the filters, the others from `paging.next`. */
interface EventsRequest {
  readonly route: string
  readonly options: SinchClient.RequestOptions
  /** The absolute URL of this page, to stop at a `next` that points back to it. */
  readonly url: string | undefined
}

const queryOf = (params: URLSearchParams): Record<string, ReadonlyArray<string>> => {
  const query: Record<string, Array<string>> = {}
  for (const [key, value] of params) (query[key] ??= []).push(value)
  return query
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? "yes" : "no")

const files = (message: MailgunSchema.Message): Array<SinchClient.FormField> => [
  ...(message.attachments ?? []).map((file) => ({ name: "attachment", file })),
  ...(message.inline ?? []).map((file) => ({ name: "inline", file }))
]

/**
 * The service over an existing client (its `baseUrl` is the API's host, e.g. `https://api.mailgun.net`).
 *
 * @since 0.3.0
 * @category constructors
 */
export const fromClient = (client: SinchClient.SinchClient): Service => {
  const base = new URL(client.baseUrl)
  const basePath = base.pathname.endsWith("/") ? base.pathname.slice(0, -1) : base.pathname

  // A `next` link is followed only under the client's own URL: the API key goes nowhere else.
  const follow = (next: string): Effect.Effect<EventsRequest, AuthError.MalformedResponse> => {
    let url: URL
    try {
      url = new URL(next)
    } catch {
      url = new URL("invalid:")
    }
    return url.origin === base.origin && url.pathname.startsWith(`${basePath}/`)
      ? Effect.succeed({
        route: url.pathname.slice(basePath.length),
        options: { query: queryOf(url.searchParams) },
        url: url.href
      })
      : Effect.fail(
        new AuthError.MalformedResponse({
          api: client.api,
          status: 200,
          detail: `paging.next does not point under ${base.origin}${basePath}; it is not followed`
        })
      )
  }

  const listEvents = (domain: string, params: MailgunSchema.ListEventsParams = {}) =>
    Stream.paginateChunkEffect(
      {
        route: "/v3/{domain}/events",
        options: {
          path: { domain },
          query: {
            begin: params.begin,
            end: params.end,
            ascending: yesNo(params.ascending),
            limit: params.limit,
            event: params.event,
            list: params.list,
            attachment: params.attachment,
            from: params.from,
            "message-id": params.messageId,
            subject: params.subject,
            to: params.to,
            size: params.size,
            recipient: params.recipient,
            recipients: params.recipients,
            tags: params.tags,
            severity: params.severity
          }
        },
        url: undefined
      } as EventsRequest,
      (request) =>
        Effect.flatMap(
          client.request("GET", request.route, MailgunSchema.EventsPage, request.options),
          (page): Effect.Effect<
            readonly [Chunk.Chunk<MailgunSchema.Event>, Option.Option<EventsRequest>],
            AuthError.MalformedResponse
          > => {
            const items = Chunk.fromIterable(page.items)
            const next = page.paging?.next
            // The reference: keep requesting `next` until an empty page; `next` is always present.
            if (page.items.length === 0 || next === undefined || next === "" || next === request.url) {
              return Effect.succeed([items, Option.none()] as const)
            }
            return Effect.map(follow(next), (nextRequest) => [items, Option.some(nextRequest)] as const)
          }
        )
    )

  const listDomains = (params: MailgunSchema.ListDomainsParams = {}) => {
    const limit = params.limit ?? 100
    return Pagination.numberedPages({
      fetch: (page) =>
        client.request("GET", "/v4/domains", MailgunSchema.DomainsPage, {
          query: {
            limit,
            skip: (page - 1) * limit,
            state: params.state,
            sort: params.sort,
            authority: params.authority,
            search: params.search,
            include_subaccounts: params.includeSubaccounts
          }
        }),
      items: (page) => page.items,
      hasNext: (page, _, seen) => seen < page.total_count
    })
  }

  return {
    client,
    sendMessage: (domain, message) =>
      Product.sendForm(
        client,
        "POST",
        "/v3/{domain}/messages",
        MailgunSchema.SendMessageRequest,
        message,
        MailgunSchema.SendMessageResponse,
        { path: { domain }, files: files(message) }
      ),
    listEvents,
    listDomains,
    getDomain: (name) => client.request("GET", "/v4/domains/{name}", MailgunSchema.DomainDetails, { path: { name } })
  }
}

/**
 * Builds the service with a chosen strategy and region.
 *
 * @since 0.3.0
 * @category constructors
 */
export const makeWith = <R = never>(
  options: Options<R>
): Effect.Effect<Service, never, R | SinchEndpoints.SinchEndpoints | HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const endpoints = yield* SinchEndpoints.SinchEndpoints
    const strategy = yield* options.strategy
    const client = yield* Product.mailgunClient(
      SinchApi.apis.mailgun.name,
      endpoints.mailgun(options.region),
      strategy,
      options
    )
    return fromClient(client)
  })

/**
 * What `make` and `layer` need.
 *
 * @since 0.3.0
 * @category models
 */
export type MailgunContext =
  | MailgunCredentials.MailgunCredentials
  | SinchEndpoints.SinchEndpoints
  | HttpClient.HttpClient

/**
 * Builds the service with the API key and region of `MailgunCredentials`.
 *
 * @since 0.3.0
 * @category constructors
 */
export const make = (options: SinchClient.ClientOptions = {}): Effect.Effect<Service, never, MailgunContext> =>
  Effect.flatMap(
    MailgunCredentials.MailgunCredentials,
    (credentials) => makeWith({ ...options, region: credentials.region, strategy: AuthStrategy.mailgun })
  )

/**
 * The service with the API key and region of `MailgunCredentials`.
 *
 * @since 0.3.0
 * @category layers
 */
export const layer = (options?: SinchClient.ClientOptions | undefined): Layer.Layer<Mailgun, never, MailgunContext> =>
  Layer.effect(Mailgun, make(options))

/**
 * The service with another strategy or region.
 *
 * @since 0.3.0
 * @category layers
 */
export const layerWith = <R = never>(
  options: Options<R>
): Layer.Layer<Mailgun, never, R | SinchEndpoints.SinchEndpoints | HttpClient.HttpClient> =>
  Layer.effect(Mailgun, makeWith(options))

/**
 * Everything from the environment: `MAILGUN_API_KEY`, `MAILGUN_REGION` (`us` or `eu`, default `us`) and
 * the endpoint variables of `SinchEndpoints.layerConfig` (`SINCH_MAILGUN_URL`, `SINCH_EMULATOR_URL`).
 *
 * @since 0.3.0
 * @category layers
 */
export const layerConfig = (
  options?: SinchClient.ClientOptions | undefined
): Layer.Layer<Mailgun, ConfigError.ConfigError, HttpClient.HttpClient> =>
  layer(options).pipe(
    Layer.provide(Layer.merge(MailgunCredentials.layerConfig(), SinchEndpoints.layerConfig()))
  )
