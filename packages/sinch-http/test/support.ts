import { HttpClient, HttpClientError, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { AccessToken } from "@sinch-effect/auth-core"
import type { AuthError, AuthStrategy } from "@sinch-effect/auth-core"
import { Deferred, Effect, Redacted, Ref, Tracer } from "effect"

/** What the fake server saw of one request. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export type Reply =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | "hang"
  | "refuse"

const decoder = new TextDecoder()

/** An in-process `HttpClient` answering with `reply(request, n)` (n is 1-based) and recording every request. */
export const fakeClient = (reply: (seen: Seen, n: number) => Reply) => {
  const seen: Array<Seen> = []
  const client = HttpClient.make((request, url) =>
    Effect.suspend(() => {
      const body = request.body._tag === "Uint8Array" ? decoder.decode(request.body.body) : ""
      const entry: Seen = { method: request.method, url: url.toString(), headers: { ...request.headers }, body }
      seen.push(entry)
      const answer = reply(entry, seen.length)
      if (answer === "hang") return Effect.never
      if (answer === "refuse") return Effect.fail(refused(request))
      const text = answer.body === undefined
        ? ""
        : typeof answer.body === "string"
        ? answer.body
        : JSON.stringify(answer.body)
      return Effect.succeed(
        HttpClientResponse.fromWeb(
          request,
          new Response(answer.status === 204 ? null : text, { status: answer.status, headers: answer.headers ?? {} })
        )
      )
    })
  )
  return { client, seen }
}

const refused = (request: HttpClientRequest.HttpClientRequest) =>
  new HttpClientError.RequestError({
    request,
    reason: "Transport",
    cause: new Error("connect ECONNREFUSED 127.0.0.1:9")
  })

/** A bearer strategy over `provider`, counting `onUnauthorized` calls. */
export const bearer = (provider: TestTokens) => {
  const unauthorized = { count: 0 }
  const strategy: AuthStrategy.ProjectStrategy = {
    _tag: "OAuth2",
    scope: "project",
    authenticate: (request) =>
      Effect.map(provider.get, (token) => ({
        request: request.pipe(setAuthorization(`Bearer ${Redacted.value(token.value)}`)),
        token
      })),
    onUnauthorized: (authenticated) =>
      Effect.suspend(() => {
        unauthorized.count++
        return authenticated.token === undefined
          ? Effect.succeed(false)
          : Effect.as(provider.invalidate(authenticated.token), true)
      }),
    observe: () => Effect.void
  }
  return { strategy, unauthorized }
}

const setAuthorization = (value: string) => (request: HttpClientRequest.HttpClientRequest) =>
  HttpClientRequest.setHeader(request, "authorization", value)

/** A fixed-header strategy that never refreshes (like Basic). */
export const basic = (value: string): AuthStrategy.ProjectStrategy => ({
  _tag: "ProjectBasic",
  scope: "project",
  authenticate: (request) => Effect.succeed({ request: HttpClientRequest.setHeader(request, "authorization", value) }),
  onUnauthorized: () => Effect.succeed(false),
  observe: () => Effect.void
})

/**
 * A small token provider with the properties the client relies on: one shared fetch for concurrent
 * callers, compare-and-swap invalidation. Tokens are `token-<generation>`.
 */
export interface TestTokens {
  readonly get: Effect.Effect<AccessToken.AccessToken, AuthError.TokenError>
  readonly invalidate: (rejected: AccessToken.AccessToken) => Effect.Effect<void>
  readonly fetches: () => number
}

type TokenState =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Fetching"; readonly done: Deferred.Deferred<AccessToken.AccessToken> }
  | { readonly _tag: "Valid"; readonly token: AccessToken.AccessToken }

export const testTokens: Effect.Effect<TestTokens> = Effect.gen(function*() {
  let fetches = 0
  const state = yield* Ref.make<TokenState>({ _tag: "Empty" })
  const issue = (generation: number) =>
    new AccessToken.AccessToken({
      value: Redacted.make(`token-${generation}`),
      scope: undefined,
      issuedAt: 0,
      expiresAt: Number.MAX_SAFE_INTEGER,
      refreshAt: Number.MAX_SAFE_INTEGER,
      generation
    })
  const get: Effect.Effect<AccessToken.AccessToken> = Effect.flatten(
    Effect.flatMap(
      Deferred.make<AccessToken.AccessToken>(),
      (mine) =>
        Ref.modify(state, (current): [Effect.Effect<AccessToken.AccessToken>, TokenState] => {
          switch (current._tag) {
            case "Valid":
              return [Effect.succeed(current.token), current]
            case "Fetching":
              return [Deferred.await(current.done), current]
            case "Empty": {
              fetches++
              const token = issue(fetches)
              const complete = Effect.zipRight(
                Ref.set(state, { _tag: "Valid", token }),
                Effect.as(Deferred.succeed(mine, token), token)
              )
              // The fetch yields once so that concurrent callers pile up on the shared Deferred.
              return [Effect.zipRight(Effect.yieldNow(), complete), { _tag: "Fetching", done: mine }]
            }
          }
        })
    )
  )
  const invalidate = (rejected: AccessToken.AccessToken) =>
    Ref.update(
      state,
      (current): TokenState =>
        current._tag === "Valid" && current.token.generation === rejected.generation ? { _tag: "Empty" } : current
    )
  return { get, invalidate, fetches: () => fetches }
})

/** Records every span started, delegating to the current tracer. */
export const recordingTracer = Effect.map(Effect.tracer, (base) => {
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span(...args) {
      const span = base.span(...args)
      spans.push(span)
      return span
    },
    context: (f, fiber) => base.context(f, fiber)
  })
  return { tracer, spans }
})

export const header = (seen: Seen, name: string): string | undefined => seen.headers[name.toLowerCase()]
