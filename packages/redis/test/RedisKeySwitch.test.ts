/**
 * A fleet sharing tokens through a real `redis-server` switches to a new access key: the store is keyed
 * by the new key from then on, the switched instances share one token of it, and a wrong secret for the
 * new key id never adopts that token (it cannot open it) but is refused by the token endpoint.
 */
import type { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { RedisClient, RedisTokenStore } from "@sinch-effect/redis"
import { Context, Effect, Layer, Redacted } from "effect"
import type { Scope } from "effect"
import * as Crypto from "../src/internal/crypto.js"
import { start } from "./utils/redisServer.js"

const PROJECT_ID = "37b62a7b-0177-4b6c-9f6e-e10f848de123"
const KEY_ID = "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
const KEY_SECRET = "planted-secret:%+ é/&="
const NEW_KEY_ID = "9e8d7c6b-5a49-4838-a726-15f4e3d2c1b0"
const NEW_KEY_SECRET = "planted-new-secret:%+ ü/&="
const TOKEN_URL = "https://auth.sinch.com/oauth2/token"

const env = Layer.merge(
  EmulatorClient.layerEmulator({
    accessKeys: [
      { keyId: KEY_ID, keySecret: KEY_SECRET, projectIds: [PROJECT_ID] },
      { keyId: NEW_KEY_ID, keySecret: NEW_KEY_SECRET, projectIds: [PROJECT_ID] }
    ],
    tokenTtl: "1 hour"
  }),
  ProjectCredentials.layer({ projectId: PROJECT_ID, keyId: KEY_ID, keySecret: KEY_SECRET }).pipe(Layer.orDie)
)

const instance = (url: string, seed: number) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(Layer.provideMerge(
      RedisTokenStore.layer({ commandTimeout: "5 seconds" }),
      RedisClient.layer({ url, commandTimeout: "5 seconds", connectWait: "10 seconds" })
    ))
    const provider = yield* TokenProvider.make({ seed }).pipe(Effect.provide(context))
    return { provider, redis: Context.get(context, RedisClient.RedisClient) }
  })

const tokenRequests = Effect.flatMap(
  EmulatorControl.EmulatorControl,
  (control) => Effect.map(control.counters, (c) => c.tokenRequests)
)

const valueOf = (token: { readonly value: Redacted.Redacted<string> }) => Redacted.value(token.value)

const storageKey = (keyId: string, keySecret: string) =>
  Crypto.keysFor("sinch-effect:", { keyId, keySecret: Redacted.make(keySecret), tokenUrl: TOKEN_URL }).storageKey

const withRedis = <A, E>(
  body: (
    url: string
  ) => Effect.Effect<
    A,
    E,
    Scope.Scope | EmulatorControl.EmulatorControl | ProjectCredentials.ProjectCredentials | HttpClient.HttpClient
  >
) => Effect.flatMap(start, (server) => body(server.url)).pipe(Effect.provide(env))

describe("RedisTokenStore and switchCredentials", () => {
  it.scoped("a fleet switching to a new key shares one token of it, stored under the new key", () =>
    withRedis((url) =>
      Effect.gen(function*() {
        const instances = yield* Effect.forEach([1, 2, 3, 4, 5], (seed) => instance(url, seed))
        const old = yield* Effect.forEach(instances, (i) => i.provider.get, { concurrency: "unbounded" })
        expect(new Set(old.map(valueOf)).size).toBe(1)
        expect((yield* tokenRequests).total).toBe(1)

        const newKey = { keyId: NEW_KEY_ID, keySecret: Redacted.make(NEW_KEY_SECRET) }
        const switched = yield* Effect.forEach(instances, (i) => i.provider.switchCredentials(newKey), {
          concurrency: "unbounded"
        })
        expect(switched.map((s) => s.previousKeyId)).toEqual(instances.map(() => KEY_ID))
        expect(new Set(switched.map((s) => valueOf(s.token))).size).toBe(1)
        expect(valueOf(switched[0]!.token)).not.toBe(valueOf(old[0]!))
        expect(yield* tokenRequests).toEqual({ total: 2, byOutcome: { issued: 2 } })
        const redis = instances[0]!.redis
        expect(yield* Effect.promise(() => redis.exists(storageKey(NEW_KEY_ID, NEW_KEY_SECRET)))).toBe(1)
        for (const i of instances) {
          expect(valueOf(yield* i.provider.get)).toBe(valueOf(switched[0]!.token))
        }

        // The new key id with a wrong secret cannot open the stored token: the endpoint refuses it.
        const impostor = yield* instance(url, 6)
        const refused = yield* Effect.flip(
          impostor.provider.switchCredentials({ keyId: NEW_KEY_ID, keySecret: Redacted.make("planted-wrong") })
        )
        expect(refused._tag).toBe("InvalidClient")
        expect(yield* tokenRequests).toEqual({ total: 3, byOutcome: { issued: 2, invalid_client: 1 } })
        expect((yield* impostor.provider.snapshot).keyId).toBe(KEY_ID)
      })
    ))
})
