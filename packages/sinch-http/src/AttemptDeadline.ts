/**
 * The per-attempt deadline, enforced by the transport itself when it can. A Sinch client bounds every
 * attempt (send, then read the whole body) by its `timeout`. Over any `HttpClient` it does so by running
 * the attempt on a fiber of its own and interrupting that fiber when the deadline passes. A transport
 * that declares itself `Enforcing` (`@sinch-effect/node`'s `UndiciHttpClient`) is instead handed the
 * deadline with the request, so the attempt runs on the caller's fiber: the transport aborts the
 * exchange when the time comes and fails with `Exceeded` as the cause.
 *
 * The client uses this path only when the transport's declaration is on the very client it sends with
 * (a `transformClient` that wraps the transport drops it), when the fiber runs on Effect's own clock
 * (under `TestClock` the deadline stays a fiber that sleeps on that clock) and when the call has no
 * total deadline (`totalTimeout`), which also covers authentication.
 *
 * @since 0.4.0
 */
import type { HttpClient, HttpClientRequest } from "@effect/platform"
import { GlobalValue } from "effect"

/**
 * @since 0.4.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@sinch-effect/sinch-http/AttemptDeadline")

/**
 * @since 0.4.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * What a transport declares (a property of the `HttpClient` object) when it honours the deadlines
 * given with `withDeadline`: it fails `execute` with a `RequestError`, and every read of the response
 * body with a `ResponseError`, whose `cause` is an `Exceeded` once the deadline has passed, and it
 * releases the connection. It also makes no span and sends no trace headers of its own: the client,
 * which on the fiber path turns the platform's tracing off for the attempt, sets nothing then.
 *
 * @since 0.4.0
 * @category models
 */
export interface Enforcing {
  readonly [TypeId]: TypeId
}

/**
 * Whether `client` declared itself `Enforcing`.
 *
 * @since 0.4.0
 * @category guards
 */
export const isEnforcing = (client: HttpClient.HttpClient): boolean => (client as Partial<Enforcing>)[TypeId] === TypeId

/**
 * The declaration, for a transport to put on the client it makes.
 *
 * @since 0.4.0
 * @category constructors
 */
export const enforcing = <C extends HttpClient.HttpClient>(client: C): C & Enforcing =>
  Object.assign(client, { [TypeId]: TypeId } as const)

/**
 * The cause of the transport's failure when an attempt's deadline passed.
 *
 * @since 0.4.0
 * @category errors
 */
export class Exceeded extends Error {
  readonly [TypeId]: TypeId = TypeId
  constructor(readonly deadline: number) {
    super("the attempt's deadline passed")
    this.name = "AttemptDeadlineExceeded"
  }
}

/**
 * Whether `cause` is a transport's report that the deadline passed.
 *
 * @since 0.4.0
 * @category guards
 */
export const isExceeded = (cause: unknown): cause is Exceeded =>
  typeof cause === "object" && cause !== null && (cause as Partial<Exceeded>)[TypeId] === TypeId

/**
 * Keyed by the request object (the client authenticates a new request for every attempt), and one per
 * process, so that a transport and a client resolved from two copies of this package still agree.
 */
const deadlines = GlobalValue.globalValue(
  TypeId,
  () => new WeakMap<HttpClientRequest.HttpClientRequest, number>()
)

/**
 * Gives `request` a deadline: `Date.now()` milliseconds at which its exchange must be over.
 *
 * @since 0.4.0
 * @category deadlines
 */
export const withDeadline = (
  request: HttpClientRequest.HttpClientRequest,
  deadline: number
): HttpClientRequest.HttpClientRequest => {
  deadlines.set(request, deadline)
  return request
}

/**
 * The deadline given to `request`, if any (`Date.now()` milliseconds).
 *
 * @since 0.4.0
 * @category deadlines
 */
export const deadlineOf = (request: HttpClientRequest.HttpClientRequest): number | undefined => deadlines.get(request)
