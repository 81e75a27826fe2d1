import type { HttpClientRequest } from "@effect/platform"
import { HttpClient } from "@effect/platform"
import type { Scope } from "effect"
import {
  Cause,
  Clock,
  Context,
  Deferred,
  Duration,
  Effect,
  Either,
  ExecutionStrategy,
  Exit,
  Fiber,
  FiberId,
  Metric,
  Option,
  Random,
  Redacted,
  Scope as ScopeModule
} from "effect"
import { AccessToken } from "../AccessToken.js"
import type { TokenError } from "../AuthError.js"
import { MalformedResponse, TokenUnavailable } from "../AuthError.js"
import { ProjectCredentials } from "../ProjectCredentials.js"
import * as TokenMetrics from "../TokenMetrics.js"
import type { AccessKey, Options, Service, Snapshot, Switched } from "../TokenProvider.js"
import * as TokenStore from "../TokenStore.js"
import * as Backoff from "./backoff.js"
import * as Endpoint from "./tokenEndpoint.js"

/** The token URL used when none is configured. */
export const defaultTokenUrl = "https://auth.sinch.com/oauth2/token"

type Waiter = Deferred.Deferred<AccessToken, TokenError>

/**
 * The access key in use, with what is derived from it. Its identity is the epoch of the credentials:
 * a fetch remembers the one it started with, and its result is dropped if the key has been switched since.
 */
interface Credential {
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
  readonly request: HttpClientRequest.HttpClientRequest
  readonly storeKey: TokenStore.Key
}

/**
 * The whole lifecycle lives in one `Cell`, changed only by `modify`: every decision ("serve",
 * "join the fetch in flight", "start a fetch", "fail fast") is taken atomically with the state change
 * it implies, which is what makes single flight and compare-and-swap hold under any interleaving.
 */
interface State {
  /** The access key every new request uses. */
  readonly key: Credential
  /** The last token obtained; it may have expired (validity is always checked against `Clock`). */
  readonly token: AccessToken | undefined
  /** Generation of the last token issued by this provider. */
  readonly generation: number
  /** The one fetch in flight, if any: every caller without a valid token joins it. */
  readonly inflight: Waiter | undefined
  /** The sleeping fiber that starts the next background refresh or refresh retry. */
  readonly timer: Fiber.RuntimeFiber<void> | undefined
  /** No request is sent before this `Clock` instant (backoff after a failure). */
  readonly nextAttemptAt: number | undefined
  /** The failure of the last request, cleared by the next success. */
  readonly lastError: TokenError | undefined
  /** Consecutive failed requests: the exponent of the backoff. */
  readonly failures: number
  /** `Clock` millis of the first of the consecutive failed requests (the 429 window grows with it). */
  readonly failingSince: number | undefined
  readonly requests: number
  readonly closed: boolean
}

/**
 * What a `Ref` is (a value changed by synchronous steps, so each `modify` is atomic), but also readable
 * at once: `get` serves a valid token without running the decision as an effect.
 */
interface Cell {
  current: State
}

const modify = <B>(cell: Cell, f: (s: State) => readonly [B, State]): Effect.Effect<B> =>
  Effect.sync(() => {
    const [result, next] = f(cell.current)
    cell.current = next
    return result
  })

const update = (cell: Cell, f: (s: State) => State): Effect.Effect<void> =>
  Effect.sync(() => {
    cell.current = f(cell.current)
  })

const read = (cell: Cell): Effect.Effect<State> => Effect.sync(() => cell.current)

const initialState = (key: Credential): State => ({
  key,
  token: undefined,
  generation: 0,
  inflight: undefined,
  timer: undefined,
  nextAttemptAt: undefined,
  lastError: undefined,
  failures: 0,
  failingSince: undefined,
  requests: 0,
  closed: false
})

type Decision =
  | { readonly _tag: "Serve"; readonly token: AccessToken; readonly stale: boolean }
  | { readonly _tag: "Join"; readonly waiter: Waiter }
  | { readonly _tag: "Start"; readonly waiter: Waiter; readonly key: Credential }
  | { readonly _tag: "Fail"; readonly error: TokenError }

/** What a failed request leaves to do: the error for its callers, and the retry of a refresh. */
interface Retry {
  readonly error: TokenError
  readonly retryAt: number
  readonly failures: number
  readonly retryFor: AccessToken | undefined
  readonly expiresAt: number | undefined
}

const isValid = (token: AccessToken | undefined, now: number): token is AccessToken =>
  token !== undefined && now < token.expiresAt

const closedError = new TokenUnavailable({
  reason: "unreachable",
  detail: "the token provider was shut down with the scope of its layer"
})

/**
 * What a caller gets during backoff: an `InvalidClient` or `MalformedResponse` as it was (the fix is
 * in the configuration, hiding it behind "try later" would mislead), anything else as
 * `TokenUnavailable` saying when the next attempt is allowed.
 */
const backoffError = (last: TokenError | undefined, retryAt: number): TokenError => {
  if (last !== undefined && last._tag !== "TokenUnavailable") return last
  return new TokenUnavailable({
    reason: last?.reason === "rate-limited" ? "rate-limited" : "backoff",
    status: last?.status,
    retryAt,
    detail: last === undefined ? undefined : `last attempt: ${last.reason}`
  })
}

const withRetryAt = (error: Endpoint.Rejection["error"], retryAt: number): TokenError =>
  error._tag === "TokenUnavailable"
    ? new TokenUnavailable({ reason: error.reason, status: error.status, detail: error.detail, retryAt })
    : error

/**
 * A defect of the HTTP client becomes a failed attempt like any other, so that it is backed off and
 * reported to callers instead of killing the fetch. Only the defect's class name is kept: its message
 * or fields could quote the request, and with it the Basic header.
 */
const defectRejection = (defect: unknown): Endpoint.Rejection => ({
  outcome: "unreachable",
  status: undefined,
  retryAfterMillis: undefined,
  error: new TokenUnavailable({
    reason: "unreachable",
    detail: `unexpected failure of the HTTP client (${defect instanceof Error ? defect.name : typeof defect})`
  })
})

const sameToken = (a: AccessToken, b: AccessToken): boolean =>
  a.generation === b.generation && Redacted.value(a.value) === Redacted.value(b.value)

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value))

/** A duration option in millis, finite and at least `floor`. */
const millisOption = (value: Duration.DurationInput | undefined, fallback: number, floor: number): number => {
  const millis = value === undefined ? fallback : Duration.toMillis(value)
  return Number.isFinite(millis) ? Math.max(floor, millis) : fallback
}

/** The rejection of a grant whose token would expire (nearly) at once. */
const shortLived = (grant: Endpoint.Grant, left: number, floor: number): Endpoint.Rejection => ({
  outcome: "malformed",
  status: grant.status,
  retryAfterMillis: undefined,
  error: new MalformedResponse({
    api: "Sinch OAuth2 token endpoint",
    status: grant.status,
    detail: `the token expires ${Math.max(0, left)} ms after it arrived (expires_in ${
      grant.expiresInMillis / 1000
    } s); tokens with less than ${floor} ms to live are refused`
  })
})

/** @internal */
export const make = (
  options: Options = {}
): Effect.Effect<Service, never, ProjectCredentials | HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function*() {
    const credentials = yield* ProjectCredentials
    // The client's own span would hold the request (Basic header) and the response (token) as its exit
    // value, for any exporter to print: `TokenProvider.fetch` is the only span of a token request.
    const client = HttpClient.withTracerDisabledWhen(yield* HttpClient.HttpClient, () => true)
    const random = options.seed === undefined ? yield* Effect.random : Random.make(options.seed)
    const refreshRatio = clamp(options.refreshRatio ?? 0.8, 0.05, 1)
    // Jitter only ever delays the refresh (never before `refreshRatio`), and always leaves time before expiry.
    const refreshJitter = clamp(options.refreshJitter ?? 0.002, 0, (1 - refreshRatio) / 2)
    const requestTimeout = Duration.decode(options.requestTimeout ?? Duration.seconds(10))
    const minRetry = millisOption(options.minRetryInterval, 250, 1)
    const backoff: Backoff.Settings = {
      base: millisOption(options.retryBase, 500, 1),
      max: Math.max(minRetry, millisOption(options.retryMax, 60_000, 1)),
      min: minRetry
    }
    // A token that arrives with less life than this left is not a token: it would be handed out
    // expired, or drive a refresh loop (expires_in 0.0001 made 156 requests a second).
    const minLifetime = millisOption(options.minTokenLifetime, 2_000, 1)
    const tokenUrl = options.tokenUrl ?? defaultTokenUrl
    // Without a shared store every token comes from this provider's own request, as before stores existed.
    const store = Option.getOrElse(yield* Effect.serviceOption(TokenStore.TokenStore), () => TokenStore.memory)
    const credentialOf = (key: AccessKey): Credential => ({
      keyId: key.keyId,
      keySecret: key.keySecret,
      request: Endpoint.makeRequest(tokenUrl, key),
      storeKey: { keyId: key.keyId, keySecret: key.keySecret, tokenUrl }
    })

    const ref: Cell = { current: initialState(credentialOf(credentials)) }
    // One switch at a time: each proves its own key, and each knows exactly which key it replaced.
    const switching = yield* Effect.makeSemaphore(1)
    // Fetches and timers live in a child of the layer's scope, so no caller's interruption reaches them;
    // `closed` is set first on shutdown (finalizers run in reverse order), then the child scope
    // interrupts whatever is still running.
    const scope = yield* Effect.scope
    const fibers = yield* ScopeModule.fork(scope, ExecutionStrategy.sequential)
    yield* ScopeModule.addFinalizer(scope, update(ref, (s) => ({ ...s, closed: true })))

    /** Forks into the provider's scope, interruptibly even when called from an uninterruptible region. */
    const forkDaemon = <A>(effect: Effect.Effect<A>) => Effect.forkIn(Effect.interruptible(effect), fibers)

    const record = (outcome: TokenMetrics.FetchOutcome, status: number | undefined) =>
      Effect.zipRight(
        Metric.increment(TokenMetrics.fetchesByOutcome(outcome)),
        Effect.annotateCurrentSpan(status === undefined ? { outcome } : { outcome, status })
      )

    /** One request on the wire, with its span and metric. Defects are classified, never rethrown. */
    const fetchOnce = (attempt: number, key: Credential): Effect.Effect<Endpoint.Grant, Endpoint.Rejection> =>
      Endpoint.requestToken({
        client,
        request: key.request,
        keyId: key.keyId,
        keySecret: key.keySecret,
        timeout: requestTimeout,
        now: Clock.currentTimeMillis
      }).pipe(
        Effect.catchAllDefect((defect) => Effect.fail(defectRejection(defect))),
        Effect.tapBoth({
          onSuccess: (grant) => record("success", grant.status),
          onFailure: (rejection) => record(rejection.outcome, rejection.status)
        }),
        Effect.withSpan("TokenProvider.fetch", { kind: "client", attributes: { attempt } })
      )

    /**
     * A token from the store: another instance's, or this provider's own request (dated by the time it
     * was sent). A defect of the store is a failed attempt, like a defect of the HTTP client.
     */
    const obtain = (
      attempt: number,
      held: AccessToken | undefined,
      key: Credential
    ): Effect.Effect<Endpoint.Grant & { sentAt: number }, Endpoint.Rejection> =>
      store.obtain(key.storeKey, {
        held,
        fetch: Effect.flatMap(Clock.currentTimeMillis, (sentAt) =>
          Effect.map(fetchOnce(attempt, key), (grant): TokenStore.StoredToken => ({
            value: grant.accessToken,
            scope: grant.scope,
            issuedAt: sentAt,
            expiresAt: sentAt + grant.expiresInMillis
          })))
      }).pipe(
        Effect.map((token) => ({
          status: 200,
          accessToken: token.value,
          scope: token.scope,
          expiresInMillis: token.expiresAt - token.issuedAt,
          sentAt: token.issuedAt
        })),
        Effect.catchAllDefect((defect) => Effect.fail(defectRejection(defect)))
      )

    const installTimer = (fiber: Fiber.RuntimeFiber<void>) =>
      Effect.flatMap(
        modify(ref, (s): [Fiber.RuntimeFiber<void> | undefined, State] =>
          s.closed ? [fiber, s] : [s.timer, { ...s, timer: fiber }]),
        (replaced) => (replaced === undefined ? Effect.void : Fiber.interruptFork(replaced))
      )

    /**
     * Sleeps on the Effect clock until `at`, then starts a fetch unless the token it was scheduled
     * for has been replaced or dropped, or a fetch is already in flight.
     */
    const scheduleFetch = (generation: number, at: number): Effect.Effect<void> =>
      Effect.flatMap(
        forkDaemon(Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          yield* Effect.sleep(Duration.millis(Math.max(0, at - now)))
          const firedAt = yield* Clock.currentTimeMillis
          const start = yield* modify(
            ref,
            (s): [Option.Option<{ waiter: Waiter; refresh: boolean; key: Credential }>, State] => {
              if (s.closed || s.inflight !== undefined || s.token?.generation !== generation) {
                return [Option.none(), s]
              }
              const waiter = Deferred.unsafeMake<AccessToken, TokenError>(FiberId.none)
              return [
                Option.some({ waiter, refresh: isValid(s.token, firedAt), key: s.key }),
                { ...s, inflight: waiter, requests: s.requests + 1 }
              ]
            }
          )
          if (Option.isSome(start)) {
            yield* forkFetch(start.value.waiter, start.value.refresh, start.value.key)
          }
        })),
        installTimer
      )

    /**
     * When a granted token is due for refresh, or the rejection of a token that would arrive (nearly)
     * expired: it is never handed out at or past expiry, what is left of it must reach the floor.
     */
    const schedule = (grant: Endpoint.Grant, sentAt: number): Effect.Effect<number, Endpoint.Rejection> =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const ttl = grant.expiresInMillis
        if (sentAt + ttl - now < minLifetime) {
          return yield* Effect.fail(shortLived(grant, sentAt + ttl - now, minLifetime))
        }
        const jitter = yield* random.next
        // The refresh never comes sooner than `minRetryInterval` after the request (nor after expiry).
        return Math.min(
          sentAt + ttl,
          Math.max(sentAt + minRetry, sentAt + Math.ceil(ttl * (refreshRatio + refreshJitter * jitter)))
        )
      })

    const tokenOf = (grant: Endpoint.Grant, sentAt: number, refreshAt: number, generation: number) =>
      new AccessToken({
        value: grant.accessToken,
        scope: grant.scope,
        issuedAt: sentAt,
        expiresAt: sentAt + grant.expiresInMillis,
        refreshAt,
        generation
      })

    /**
     * A fetch that started with a key since switched away from: its waiter was already given the new
     * key's token by the switch, and its result must not reach the state.
     */
    const discard = (waiter: Waiter, current: AccessToken | undefined) =>
      current === undefined ? Effect.void : Deferred.succeed(waiter, current)

    const settleSuccess = (waiter: Waiter, grant: Endpoint.Grant, sentAt: number, key: Credential) =>
      Effect.gen(function*() {
        const scheduled = yield* Effect.either(schedule(grant, sentAt))
        if (scheduled._tag === "Left") {
          return yield* settleFailure(waiter, scheduled.left, false, key)
        }
        const refreshAt = scheduled.right
        const settled = yield* modify(ref, (s): [Either.Either<AccessToken, AccessToken | undefined>, State] => {
          if (s.key !== key) {
            return [Either.left(s.token), s]
          }
          const token = tokenOf(grant, sentAt, refreshAt, s.generation + 1)
          return [Either.right(token), {
            ...s,
            token,
            generation: token.generation,
            inflight: undefined,
            nextAttemptAt: undefined,
            lastError: undefined,
            failures: 0,
            failingSince: undefined
          }]
        })
        if (Either.isLeft(settled)) {
          return yield* discard(waiter, settled.left)
        }
        const token = settled.right
        yield* scheduleFetch(token.generation, refreshAt)
        yield* Deferred.succeed(waiter, token)
      })

    const settleFailure = (waiter: Waiter, rejection: Endpoint.Rejection, refresh: boolean, key: Credential) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const jitter = yield* random.next
        const settled = yield* modify(ref, (s): [Either.Either<Retry, AccessToken | undefined>, State] => {
          if (s.key !== key) {
            return [Either.left(s.token), s]
          }
          const failures = s.failures + 1
          const failingSince = s.failingSince ?? now
          const held = isValid(s.token, now) ? s.token : undefined
          const delay = Backoff.delay(backoff, {
            failures,
            jitter,
            full: rejection.outcome === "rate_limited",
            retryAfterMillis: rejection.retryAfterMillis,
            expiresInMillis: held === undefined ? undefined : held.expiresAt - now,
            failingForMillis: now - failingSince
          })
          const retryAt = now + delay
          const error = withRetryAt(rejection.error, retryAt)
          // A refresh keeps retrying in the background while the old token lives; a rejected key does
          // not (retrying cannot fix it), and without a valid token retries are driven by callers.
          const retryFor = held !== undefined && rejection.outcome !== "invalid_client" ? held : undefined
          return [
            Either.right({ error, retryAt, failures, retryFor, expiresAt: held?.expiresAt }),
            { ...s, inflight: undefined, lastError: error, failures, failingSince, nextAttemptAt: retryAt }
          ]
        })
        if (Either.isLeft(settled)) {
          return yield* discard(waiter, settled.left)
        }
        const outcome = settled.right
        if (outcome.retryFor !== undefined) {
          yield* scheduleFetch(outcome.retryFor.generation, outcome.retryAt)
        }
        if (refresh) {
          yield* Effect.logWarning("Sinch token refresh failed; the current token is served until it expires").pipe(
            Effect.annotateLogs({
              outcome: rejection.outcome,
              status: rejection.status ?? "none",
              failures: outcome.failures,
              nextAttemptAt: outcome.retryAt,
              expiresAt: outcome.expiresAt ?? "expired"
            })
          )
        }
        yield* Deferred.fail(waiter, outcome.error)
      })

    const settleInterrupted = (waiter: Waiter) =>
      Effect.zipRight(
        update(ref, (s) => (s.inflight === waiter ? { ...s, inflight: undefined } : s)),
        Deferred.interrupt(waiter)
      )

    /**
     * The fetch, run in the provider's scope. Only its request is interruptible (by the scope closing);
     * settling the outcome is not, so the state never keeps a fetch that no longer runs.
     */
    const runFetch = (waiter: Waiter, refresh: boolean, key: Credential): Effect.Effect<void> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const { failures, token: held } = yield* read(ref)
          if (refresh) {
            yield* Metric.modify(TokenMetrics.refreshInFlight, 1)
          }
          const exit = yield* Effect.exit(restore(obtain(failures + 1, held, key)))
          if (refresh) {
            yield* Metric.modify(TokenMetrics.refreshInFlight, -1)
          }
          if (Exit.isSuccess(exit)) {
            return yield* settleSuccess(waiter, exit.value, exit.value.sentAt, key)
          }
          const failure = Cause.failureOption(exit.cause)
          if (Option.isSome(failure)) {
            return yield* settleFailure(waiter, failure.value, refresh, key)
          }
          return yield* settleInterrupted(waiter)
        })
      )

    const forkFetch = (waiter: Waiter, refresh: boolean, key: Credential) =>
      Effect.asVoid(forkDaemon(runFetch(waiter, refresh, key)))

    const decide = (s: State, now: number): [Decision, State] => {
      if (isValid(s.token, now)) {
        return [{ _tag: "Serve", token: s.token, stale: s.lastError !== undefined }, s]
      }
      if (s.inflight !== undefined) {
        return [{ _tag: "Join", waiter: s.inflight }, s]
      }
      if (s.closed) {
        return [{ _tag: "Fail", error: closedError }, s]
      }
      if (s.nextAttemptAt !== undefined && now < s.nextAttemptAt) {
        return [{ _tag: "Fail", error: backoffError(s.lastError, s.nextAttemptAt) }, s]
      }
      const waiter = Deferred.unsafeMake<AccessToken, TokenError>(FiberId.none)
      return [{ _tag: "Start", waiter, key: s.key }, { ...s, inflight: waiter, requests: s.requests + 1 }]
    }

    // Between deciding to start a fetch and forking it nothing may interrupt the caller, or the state
    // would wait on a fetch that never runs; only the wait itself is interruptible.
    // Callers learn which endpoint failed: the configured one (often an emulator), not the default.
    const nameUrl = (error: TokenError): TokenError =>
      error._tag === "TokenUnavailable" && error.tokenUrl === undefined
        ? new TokenUnavailable({
          reason: error.reason,
          status: error.status,
          retryAt: error.retryAt,
          detail: error.detail,
          tokenUrl
        })
        : error

    const decideAndServe: Service["get"] = Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.flatMap(
          modify(ref, (s) =>
            decide(s, now)),
          (decision) => {
            switch (decision._tag) {
              case "Serve":
                return decision.stale
                  ? Effect.as(Metric.increment(TokenMetrics.servedStale), decision.token)
                  : Effect.succeed(decision.token)
              case "Join":
                return restore(Deferred.await(decision.waiter))
              case "Start":
                return Effect.zipRight(
                  forkFetch(decision.waiter, false, decision.key),
                  restore(Deferred.await(decision.waiter))
                )
              case "Fail":
                return Effect.fail(decision.error)
            }
          }
        ))
    ).pipe(Effect.mapError(nameUrl))

    /** A valid token with no failed refresh behind it is served at once; anything else is decided. */
    const get: Service["get"] = Effect.withFiberRuntime((fiber) => {
      const s = ref.current
      return s.lastError === undefined &&
          isValid(s.token, Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeMillis())
        ? Effect.succeed(s.token)
        : decideAndServe
    })

    const invalidate: Service["invalidate"] = (rejected) =>
      Effect.flatMap(
        modify(
          ref,
          (s): [Option.Option<{ timer: Fiber.RuntimeFiber<void> | undefined; storeKey: TokenStore.Key }>, State] =>
            s.token !== undefined && sameToken(s.token, rejected)
              ? [Option.some({ timer: s.timer, storeKey: s.key.storeKey }), {
                ...s,
                token: undefined,
                timer: undefined
              }]
              : [Option.none(), s]
        ),
        Option.match({
          onNone: () => Metric.increment(TokenMetrics.invalidationsByResult("stale")),
          onSome: ({ storeKey, timer }) =>
            Effect.zipRight(
              Metric.increment(TokenMetrics.invalidationsByResult("applied")),
              // The shared store forgets it too (if it still holds it), so that no instance adopts it again.
              Effect.zipRight(
                timer === undefined ? Effect.void : Fiber.interruptFork(timer),
                store.invalidate(storeKey, rejected)
              )
            )
        })
      )

    /**
     * Proves `next` with a token request of its own (through the store, with the provider's deadline),
     * then swaps key and token in one `Ref.modify`: from that instant every `get` serves the new token,
     * and the callers waiting on a fetch with the old key get it too. That fetch keeps running, but its
     * result is discarded (the key it started with is no longer the state's). A failed proof changes nothing.
     */
    const switchCredentials: Service["switchCredentials"] = (next) =>
      switching.withPermits(1)(Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const key = credentialOf(next)
          const closed = yield* modify(
            ref,
            (s): [boolean, State] => s.closed ? [true, s] : [false, { ...s, requests: s.requests + 1 }]
          )
          if (closed) return yield* Effect.fail(closedError)
          const exit = yield* Effect.exit(restore(
            Effect.flatMap(
              obtain(1, undefined, key),
              (grant) => Effect.map(schedule(grant, grant.sentAt), (refreshAt) => ({ grant, refreshAt }))
            )
          ))
          if (Exit.isFailure(exit)) {
            const failure = Cause.failureOption(exit.cause)
            if (Option.isSome(failure)) return yield* Effect.fail(failure.value.error)
            return yield* Effect.failCause(exit.cause as Cause.Cause<never>)
          }
          const { grant, refreshAt } = exit.value
          const swapped = yield* modify(ref, (s) => {
            if (s.closed) return [Option.none(), s] as const
            const token = tokenOf(grant, grant.sentAt, refreshAt, s.generation + 1)
            const swap = { token, previous: s.key, timer: s.timer, waiter: s.inflight }
            return [Option.some(swap), {
              ...s,
              key,
              token,
              generation: token.generation,
              inflight: undefined,
              timer: undefined,
              nextAttemptAt: undefined,
              lastError: undefined,
              failures: 0,
              failingSince: undefined
            }] as const
          })
          if (Option.isNone(swapped)) return yield* Effect.fail(closedError)
          const { previous, timer, token, waiter } = swapped.value
          if (timer !== undefined) yield* Fiber.interruptFork(timer)
          yield* scheduleFetch(token.generation, refreshAt)
          if (waiter !== undefined) yield* Deferred.succeed(waiter, token)
          yield* Effect.logInfo("Sinch access key switched; new token requests use the new key").pipe(
            Effect.annotateLogs({ keyId: key.keyId, previousKeyId: previous.keyId })
          )
          return { keyId: key.keyId, previousKeyId: previous.keyId, token } satisfies Switched
        })
      )).pipe(
        Effect.mapError(nameUrl),
        Effect.withSpan("TokenProvider.switchCredentials", { attributes: { keyId: next.keyId } })
      )

    const snapshot: Service["snapshot"] = Effect.zipWith(Clock.currentTimeMillis, read(ref), (now, s): Snapshot => {
      const valid = isValid(s.token, now)
      const inBackoff = s.nextAttemptAt !== undefined && now < s.nextAttemptAt
      const state: Snapshot["state"] = s.inflight !== undefined
        ? (valid ? "refreshing" : "fetching")
        : valid
        ? (s.lastError === undefined ? "valid" : "refreshing")
        : inBackoff
        ? "backoff"
        : "empty"
      return {
        state,
        token: Option.map(Option.fromNullable(s.token), (token) => ({
          scope: token.scope,
          issuedAt: token.issuedAt,
          expiresAt: token.expiresAt,
          refreshAt: token.refreshAt,
          generation: token.generation
        })),
        nextAttemptAt: inBackoff ? s.nextAttemptAt : undefined,
        lastError: s.lastError,
        requests: s.requests,
        keyId: s.key.keyId
      }
    })

    return { get, invalidate, switchCredentials, snapshot } satisfies Service
  })
