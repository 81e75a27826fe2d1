/**
 * The code of docs/fleets.md, type-checked here (the docs check finds every ts block of the docs in examples/).
 */
import { FetchHttpClient } from "@effect/platform"
import { WebhookVerifier } from "@sinch-effect/auth-core"
import { Numbers, Sinch } from "@sinch-effect/products"
import { RedisClient, RedisNonceStore, RedisTokenStore } from "@sinch-effect/redis"
import { Effect, Layer } from "effect"

// One connection per instance, shared by both stores (SINCH_REDIS_URL).
const redis = RedisClient.layerConfig()
const stores = Layer.merge(RedisTokenStore.layer(), RedisNonceStore.layer()).pipe(Layer.provide(redis))

const program = Effect.gen(function*() {
  const numbers = yield* Numbers.Numbers
  return yield* numbers.getActiveNumber("+12025550123")
})

// The token provider inside Sinch.layerConfig finds the TokenStore in its context.
export const main = program.pipe(
  Effect.provide(Sinch.layerConfig().pipe(Layer.provide(stores))),
  Effect.provide(FetchHttpClient.layer)
)

// Webhooks: the verifier's NonceStore is now shared by the fleet.
const verify = WebhookVerifier.conversation({ secret: "the webhook secret" })
export const handle = (headers: Record<string, string>, body: string) =>
  verify({ headers, body }).pipe(Effect.provide(stores))
