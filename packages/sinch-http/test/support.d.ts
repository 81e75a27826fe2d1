import { HttpClient } from "@effect/platform"
import { AccessToken } from "@sinch-effect/auth-core"
import type { AuthError, AuthStrategy } from "@sinch-effect/auth-core"
import { Effect, Tracer } from "effect"
/** What the fake server saw of one request. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}
export type Reply =
  | {
    readonly status: number
    readonly body?: unknown
    readonly headers?: Record<string, string>
  }
  | "hang"
  | "refuse"
/** An in-process `HttpClient` answering with `reply(request, n)` (n is 1-based) and recording every request. */
export declare const fakeClient: (reply: (seen: Seen, n: number) => Reply) => {
  client: HttpClient.HttpClient
  seen: Seen[]
}
/** A bearer strategy over `provider`, counting `onUnauthorized` calls. */
export declare const bearer: (provider: TestTokens) => {
  strategy: AuthStrategy.ProjectStrategy
  unauthorized: {
    count: number
  }
}
/** A fixed-header strategy that never refreshes (like Basic). */
export declare const basic: (value: string) => AuthStrategy.ProjectStrategy
/**
 * A small token provider with the properties the client relies on: one shared fetch for concurrent
 * callers, compare-and-swap invalidation. Tokens are `token-<generation>`.
 */
export interface TestTokens {
  readonly get: Effect.Effect<AccessToken.AccessToken, AuthError.TokenError>
  readonly invalidate: (rejected: AccessToken.AccessToken) => Effect.Effect<void>
  readonly fetches: () => number
}
export declare const testTokens: Effect.Effect<TestTokens>
/** Records every span started, delegating to the current tracer. */
export declare const recordingTracer: Effect.Effect<
  {
    tracer: Tracer.Tracer
    spans: Tracer.Span[]
  },
  never,
  never
>
export declare const header: (seen: Seen, name: string) => string | undefined
