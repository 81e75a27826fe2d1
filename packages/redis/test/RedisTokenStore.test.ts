/**
 * A fleet of providers sharing one token through a real `redis-server`, against the emulator's token
 * endpoint (in-process). Token times run on the `TestClock`; Redis I/O and the waits for it are real
 * time, bounded.
 */
import type { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import type { AccessToken } from "@sinch-effect/auth-core"
import { ProjectCredentials, TokenProvider, TokenStore } from "@sinch-effect/auth-core"
import { EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { RedisClient, RedisTokenStore } from "@sinch-effect/redis"
import { Context, Duration, Effect, Layer, Option, Redacted, TestClock, TestServices } from "effect"
import type { Scope } from "effect"
import { Redis } from "ioredis"
import * as Crypto from "../src/internal/crypto.js"
import { start } from "./utils/redisServer.js"

const PROJECT_ID = "37b62a7b-0177-4b6c-9f6e-e10f848de123"
const KEY_ID = "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
const KEY_SECRET = "planted-secret:%+ é/&="
const TOKEN_URL = "https://auth.sinch.com/oauth2/token"

const emulator = EmulatorClient.layerEmulator({
  accessKeys: [{ keyId: KEY_ID, keySecret: KEY_SECRET, projectIds: [PROJECT_ID] }],
  tokenTtl: "1 hour"
})
const credentials = ProjectCredentials.layer({ projectId: PROJECT_ID, keyId: KEY_ID, keySecret: KEY_SECRET }).pipe(
  Layer.orDie
)
const env = Layer.merge(emulator, credentials)

interface Instance {
  readonly provider: TokenProvider.Service
  readonly redis: Redis
}

/**
 * One instance: its own Redis connection, store and provider, as a separate process would have.
 * Deadlines are generous by default (5 s per command, 10 s to connect): on a loaded machine the
 * production 500 ms can pass without any fault, and these tests count requests exactly.
 */
const instance = (url: string, seed: number, options?: RedisTokenStore.Options) =>
  Effect.gen(function*() {
    const commandTimeout = options?.commandTimeout ?? "5 seconds"
    const context = yield* Layer.build(Layer.provideMerge(
      RedisTokenStore.layer({ ...options, commandTimeout }),
      RedisClient.layer({ url, commandTimeout, connectWait: "10 seconds" })
    ))
    const provider = yield* TokenProvider.make({ seed }).pipe(Effect.provide(context))
    return { provider, redis: Context.get(context, RedisClient.RedisClient) } satisfies Instance
  })

const fleet = (url: string, size: number, options?: RedisTokenStore.Options) =>
  Effect.forEach(Array.from({ length: size }, (_, i) => i + 1), (seed) => instance(url, seed, options), {
    concurrency: 10
  })

const tokenRequests = Effect.flatMap(
  EmulatorControl.EmulatorControl,
  (control) => Effect.map(control.counters, (c) => c.tokenRequests)
)

const valueOf = (token: { readonly value: Redacted.Redacted<string> }) => Redacted.value(token.value)

/** Real time, bounded: 500 checks 10 ms apart at most. */
const eventually = (check: Effect.Effect<boolean>, what: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 500; i++) {
      if (yield* check) return
      yield* TestServices.provideLive(Effect.sleep("10 millis"))
    }
    return yield* Effect.dieMessage(`timed out waiting for: ${what}`)
  })

const allReady = (instances: ReadonlyArray<Instance>) =>
  eventually(Effect.sync(() => instances.every((i) => i.redis.status === "ready")), "every client reconnected")

/** Every instance drops `rejected` (as after a 401) and calls again. */
const replaceEverywhere = (instances: ReadonlyArray<Instance>, rejected: ReadonlyArray<AccessToken.AccessToken>) =>
  Effect.forEach(
    instances,
    (i, n) => Effect.zipRight(i.provider.invalidate(rejected[n]!), Effect.either(i.provider.get)),
    {
      concurrency: "unbounded"
    }
  )

const withRedis = <A, E>(
  body: (
    url: string,
    server: Effect.Effect.Success<typeof start>
  ) => Effect.Effect<
    A,
    E,
    Scope.Scope | EmulatorControl.EmulatorControl | ProjectCredentials.ProjectCredentials | HttpClient.HttpClient
  >
) => Effect.flatMap(start, (server) => body(server.url, server)).pipe(Effect.provide(env))

describe("RedisTokenStore", () => {
  it.scoped("50 providers, 1000 concurrent first calls: exactly 1 token request, one token everywhere", () =>
    withRedis((url) =>
      Effect.gen(function*() {
        const instances = yield* fleet(url, 50)
        const tokens = yield* Effect.all(
          Array.from({ length: 1000 }, (_, n) => instances[n % 50]!.provider.get),
          { concurrency: "unbounded" }
        )
        expect(new Set(tokens.map(valueOf)).size).toBe(1)
        const seen = yield* tokenRequests
        expect(seen.total).toBe(1)
        expect(seen.byOutcome).toEqual({ issued: 1 })
        // Adopted with its absolute times: every instance knows the same expiry.
        expect(new Set(tokens.map((t) => t.expiresAt)).size).toBe(1)
      })
    ))

  it.scoped("a revoked token is replaced once across the fleet", () =>
    withRedis((url) =>
      Effect.gen(function*() {
        const control = yield* EmulatorControl.EmulatorControl
        const instances = yield* fleet(url, 20)
        const first = yield* Effect.forEach(instances, (i) => i.provider.get, { concurrency: "unbounded" })
        expect(yield* control.revokeToken(valueOf(first[0]!))).toBe(true)
        const second = yield* replaceEverywhere(instances, first)
        const values = second.map((r) => (r._tag === "Right" ? valueOf(r.right) : "failed"))
        expect(new Set(values).size).toBe(1)
        expect(values[0]).not.toBe(valueOf(first[0]!))
        expect((yield* tokenRequests).total).toBe(2)
      })
    ))

  it.scoped("refresh at 80%: one instance fetches, the others adopt its token", () =>
    withRedis((url) =>
      Effect.gen(function*() {
        const instances = yield* fleet(url, 20)
        const first = yield* Effect.forEach(instances, (i) => i.provider.get, { concurrency: "unbounded" })
        expect((yield* tokenRequests).total).toBe(1)
        // Past every instance's refresh point (80% plus at most 0.2% jitter), well before expiry.
        yield* TestClock.adjust(Duration.millis(Math.ceil(first[0]!.ttlMillis * 0.81)))
        yield* eventually(
          Effect.map(
            Effect.forEach(instances, (i) => i.provider.snapshot),
            (snapshots) =>
              snapshots.every((s) => s.state === "valid" && Option.exists(s.token, (t) => t.generation === 2))
          ),
          "every instance refreshed"
        )
        const second = yield* Effect.forEach(instances, (i) => i.provider.get)
        expect(new Set(second.map(valueOf)).size).toBe(1)
        expect(valueOf(second[0]!)).not.toBe(valueOf(first[0]!))
        expect((yield* tokenRequests).total).toBe(2)
      })
    ))

  it.scoped("Redis killed mid-run: zero failed calls; sharing resumes after it restarts", () =>
    withRedis((url, server) =>
      Effect.gen(function*() {
        const control = yield* EmulatorControl.EmulatorControl
        const instances = yield* fleet(url, 10)
        const first = yield* Effect.forEach(instances, (i) => i.provider.get, { concurrency: "unbounded" })
        expect((yield* tokenRequests).total).toBe(1)
        yield* server.kill
        yield* control.revokeAllTokens
        const during = yield* replaceEverywhere(instances, first)
        expect(during.filter((r) => r._tag === "Left")).toEqual([])
        // Each instance fell back to its own request.
        expect((yield* tokenRequests).total).toBe(11)
        yield* server.restart
        yield* allReady(instances)
        yield* control.revokeAllTokens
        const after = yield* replaceEverywhere(
          instances,
          during.map((r) => (r._tag === "Right" ? r.right : first[0]!))
        )
        expect(after.filter((r) => r._tag === "Left")).toEqual([])
        expect(new Set(after.map((r) => (r._tag === "Right" ? valueOf(r.right) : ""))).size).toBe(1)
        expect((yield* tokenRequests).total).toBe(12)
      })
    ))

  it.scoped("Redis paused (SIGSTOP): a bounded wait, then each instance fetches its own token", () =>
    withRedis((url, server) =>
      Effect.gen(function*() {
        const control = yield* EmulatorControl.EmulatorControl
        const instances = yield* fleet(url, 5, { commandTimeout: "200 millis" })
        const first = yield* Effect.forEach(instances, (i) => i.provider.get, { concurrency: "unbounded" })
        yield* server.pause
        yield* control.revokeAllTokens
        const started = performance.now()
        const during = yield* replaceEverywhere(instances, first)
        const elapsed = performance.now() - started
        yield* server.resume
        expect(during.filter((r) => r._tag === "Left")).toEqual([])
        expect((yield* tokenRequests).total).toBe(6)
        // One read timed out (200 ms), then the local request: never the 15 s of `maxWait`.
        expect(elapsed).toBeGreaterThanOrEqual(190)
        expect(elapsed).toBeLessThan(2_000)
      })
    ))

  it.scoped("a stored token is unreadable without the key secret, and stored under no secret or key id", () =>
    withRedis((url) =>
      Effect.gen(function*() {
        const [one] = yield* fleet(url, 1)
        const token = yield* one!.provider.get
        const keys = yield* Effect.promise(() => one!.redis.keys("*"))
        expect(keys).toHaveLength(1)
        expect(keys[0]).toMatch(/^sinch-effect:token:[0-9a-f]{64}$/)
        const sealed = (yield* Effect.promise(() => one!.redis.get(keys[0]!)))!
        for (const text of [keys[0]!, sealed]) {
          expect(text).not.toContain(valueOf(token))
          expect(text).not.toContain(KEY_SECRET)
          expect(text).not.toContain(KEY_ID)
        }
        // TTL at the token's expiry (the TestClock stands at 0, so the TTL is the whole life).
        const ttl = yield* Effect.promise(() => one!.redis.pttl(keys[0]!))
        expect(ttl).toBeGreaterThan(token.expiresAt - 5_000)
        expect(ttl).toBeLessThanOrEqual(token.expiresAt)
        const key = (secret: string): TokenStore.Key => ({
          keyId: KEY_ID,
          keySecret: Redacted.make(secret),
          tokenUrl: TOKEN_URL
        })
        expect(Crypto.open(Crypto.keysFor("sinch-effect:", key("another-secret")), sealed)).toBeUndefined()
        expect(
          Option.fromNullable(Crypto.open(Crypto.keysFor("sinch-effect:", key(KEY_SECRET)), sealed)).pipe(
            Option.map(valueOf),
            Option.getOrUndefined
          )
        ).toBe(valueOf(token))
        // A store with another secret does not adopt it: it runs its own fetch.
        const other = yield* RedisTokenStore.make().pipe(Effect.provide(RedisClient.layer({ url })))
        let fetched = 0
        const own = yield* other.obtain(key("another-secret"), {
          held: undefined,
          fetch: Effect.sync(() => {
            fetched++
            return { value: Redacted.make("own"), scope: undefined, issuedAt: 0, expiresAt: 60_000 }
          })
        })
        expect(fetched).toBe(1)
        expect(valueOf(own)).toBe("own")
      })
    ))
})
