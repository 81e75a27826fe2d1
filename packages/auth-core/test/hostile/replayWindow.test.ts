/**
 * A replay must be rejected at every instant the timestamp is still fresh, including the last one:
 * the nonce store has to remember a key for longer than the freshness window accepts it.
 */
import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, NonceStore, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Layer, TestClock } from "effect"
import { readFileSync } from "node:fs"

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/${name}`, import.meta.url), "utf8"))

const conv: { headers: Record<string, string>; secret: string; timestamp: string; rawBody: string } = fixture(
  "conversation-webhook.json"
)
const ace = (fixture("application-signed.json").vectors as ReadonlyArray<Record<string, string>>).find((v) =>
  v.name === "voice-callback-ace"
)!

const conversationAt = Number(conv.timestamp) * 1000
const aceAt = Date.parse(ace.timestamp!)
const window = 2_000

const outcome = <A, R>(effect: Effect.Effect<A, { readonly reason: string }, R>) =>
  Effect.match(effect, { onFailure: (error) => error.reason, onSuccess: () => "accepted" })

describe("hostile webhooks: the replay window has no last-millisecond gap", () => {
  it.effect("Conversation: a replay at exactly timestamp + window is rejected as replayed, one later as stale", () =>
    Effect.gen(function*() {
      const verify = WebhookVerifier.conversation({ secret: conv.secret, window: `${window} millis` })
      const deliver = outcome(verify({ headers: conv.headers, body: conv.rawBody }))
      yield* TestClock.setTime(conversationAt)
      expect(yield* deliver).toBe("accepted")
      yield* TestClock.setTime(conversationAt + window - 1)
      expect(yield* deliver).toBe("replayed")
      yield* TestClock.setTime(conversationAt + window)
      expect(yield* deliver).toBe("replayed")
      yield* TestClock.setTime(conversationAt + window + 1)
      expect(yield* deliver).toBe("stale")
    }).pipe(Effect.provide(NonceStore.layerMemory({ maxEntries: 10 }))))

  it.effect("Conversation: first seen at the far past edge, replayed at the far future edge, is rejected", () =>
    Effect.gen(function*() {
      const verify = WebhookVerifier.conversation({ secret: conv.secret, window: `${window} millis` })
      const deliver = outcome(verify({ headers: conv.headers, body: conv.rawBody }))
      yield* TestClock.setTime(conversationAt - window)
      expect(yield* deliver).toBe("accepted")
      yield* TestClock.setTime(conversationAt + window)
      expect(yield* deliver).toBe("replayed")
    }).pipe(Effect.provide(NonceStore.layerMemory({ maxEntries: 10 }))))

  it.effect("Application-signed: a replay at exactly timestamp + window is rejected as replayed", () =>
    Effect.gen(function*() {
      const verify = WebhookVerifier.application({ window: `${window} millis` })
      const deliver = outcome(verify({
        method: "POST",
        path: ace.path!,
        headers: {
          "Content-Type": ace.contentType!,
          "X-Timestamp": ace.timestamp!,
          Authorization: `Application ${ace.applicationKey}:${ace.expectedSignature}`
        },
        body: ace.body!
      }))
      yield* TestClock.setTime(aceAt)
      expect(yield* deliver).toBe("accepted")
      yield* TestClock.setTime(aceAt + window)
      expect(yield* deliver).toBe("replayed")
      yield* TestClock.setTime(aceAt + window + 1)
      expect(yield* deliver).toBe("stale")
    }).pipe(
      Effect.provide(Layer.merge(
        NonceStore.layerMemory({ maxEntries: 10 }),
        ApplicationCredentials.layer({ applicationKey: ace.applicationKey!, applicationSecret: ace.applicationSecret! })
      ))
    ))
})
