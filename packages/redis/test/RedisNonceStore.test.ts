/**
 * Webhook replay protection across a fleet: 20 receivers, each with its own connection to one real
 * `redis-server`, verifying the same Conversation webhook (the published vector).
 */
import { describe, expect, it } from "@effect/vitest"
import { NonceStore, WebhookVerifier } from "@sinch-effect/auth-core"
import { RedisClient, RedisNonceStore } from "@sinch-effect/redis"
import { Context, Effect, Either, Layer, TestClock } from "effect"
import { readFileSync } from "node:fs"
import { start } from "./utils/redisServer.js"

const vector = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/conversation-webhook.json", import.meta.url), "utf8")
) as {
  readonly headers: Record<string, string>
  readonly secret: string
  readonly nonce: string
  readonly timestamp: string
  readonly rawBody: string
}

describe("RedisNonceStore", () => {
  it.scoped("20 receivers behind a round-robin, the same webhook 100 times at once: exactly 1 accepted", () =>
    Effect.gen(function*() {
      const server = yield* start
      const receivers = yield* Effect.forEach(
        Array.from({ length: 20 }),
        () =>
          Effect.map(
            // Generous deadlines: past them a receiver falls back to its memory (and would accept a copy).
            Layer.build(Layer.provide(
              RedisNonceStore.layer({ commandTimeout: "5 seconds" }),
              RedisClient.layer({ url: server.url, commandTimeout: "5 seconds", connectWait: "10 seconds" })
            )),
            (context) => Context.get(context, NonceStore.NonceStore)
          ),
        { concurrency: 10 }
      )
      const { body, headers, secret, timestamp } = delivery()
      yield* TestClock.setTime(timestamp * 1000)
      const verify = WebhookVerifier.conversation({ secret })
      const results = yield* Effect.all(
        Array.from(
          { length: 100 },
          (_, n) =>
            Effect.either(Effect.provideService(verify({ headers, body }), NonceStore.NonceStore, receivers[n % 20]!))
        ),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Either.isRight)).toHaveLength(1)
      expect(results.filter(Either.isLeft).map((r) => r.left.reason)).toEqual(Array(99).fill("replayed"))
      // A handler that failed releases the nonce: the next delivery, on any receiver, is accepted once.
      const key = `conversation:${vector.nonce}`
      yield* receivers[3]!.forget(key)
      const again = yield* Effect.all(receivers.map((store) => store.remember(key)), { concurrency: "unbounded" })
      expect(again.filter((fresh) => fresh)).toHaveLength(1)
    }))

  it.scoped("remember is SET NX with the caller's expiry; Redis down falls back to the instance's memory", () =>
    Effect.gen(function*() {
      const server = yield* start
      const context = yield* Layer.build(
        Layer.provideMerge(
          RedisNonceStore.layer({ commandTimeout: "200 millis" }),
          RedisClient.layer({ url: server.url })
        )
      )
      const store = Context.get(context, NonceStore.NonceStore)
      const redis = Context.get(context, RedisClient.RedisClient)
      expect(yield* store.remember("k", 60_000)).toBe(true)
      expect(yield* store.remember("k", 60_000)).toBe(false)
      const ttl = yield* Effect.promise(() => redis.pttl("sinch-effect:nonce:k"))
      expect(ttl).toBeGreaterThan(55_000)
      expect(ttl).toBeLessThanOrEqual(60_000)
      yield* server.kill
      expect(yield* store.remember("m", 60_000)).toBe(true)
      expect(yield* store.remember("m", 60_000)).toBe(false)
    }))
})

const delivery = () => ({
  secret: vector.secret,
  body: vector.rawBody,
  timestamp: Number(vector.timestamp),
  headers: vector.headers
})
