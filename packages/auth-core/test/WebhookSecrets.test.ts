import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import {
  AccessToken,
  ApplicationCredentials,
  ApplicationSigning,
  AuthError,
  AuthStrategy,
  MailgunCredentials,
  NonceStore,
  ProjectCredentials,
  TokenProvider,
  WebhookVerifier
} from "@sinch-effect/auth-core"
import { Cause, Effect, Exit, Layer, Redacted, TestClock } from "effect"
import { createHmac } from "node:crypto"
import { inspect } from "node:util"

// Every secret, signature and Basic header below must never show in any rendering of any failure.
const CONVERSATION_SECRET = "planted-conversation-secret"
const NUMBERS_SECRET = "planted-numbers-secret"
const APP_KEY = "planted-app-key-is-public"
const APP_SECRET = Buffer.from("planted-app-secret!").toString("base64")
const KEY_SECRET = "planted-key-secret"
const MAILGUN_KEY = "planted-mailgun-key"
const BEARER = "planted-bearer-token"

const NOW = Date.parse("2024-03-01T10:00:00Z")
const seconds = String(NOW / 1000)
const body = "{\"event\":\"planted-body-is-fine\"}"

const needles: Array<string> = [
  CONVERSATION_SECRET,
  NUMBERS_SECRET,
  APP_SECRET,
  "planted-app-secret",
  KEY_SECRET,
  MAILGUN_KEY,
  BEARER
]
const plant = (value: string) => {
  needles.push(value)
  return value
}

const conversationSignature = (b: string, nonce: string, ts: string) =>
  plant(createHmac("sha256", CONVERSATION_SECRET).update(`${b}.${nonce}.${ts}`).digest("base64"))
const numbersSignature = (b: string) => plant(createHmac("sha1", NUMBERS_SECRET).update(b).digest("hex"))
const applicationHeaders = (b: string, at: number, path = "/callback") => {
  const timestamp = new Date(at).toISOString()
  const signed = ApplicationSigning.sign({
    method: "POST",
    path,
    body: b,
    contentType: "application/json",
    timestamp,
    key: APP_KEY,
    secret: APP_SECRET
  })
  plant(Redacted.value(signed.signature))
  return {
    authorization: plant(Redacted.value(signed.authorization)),
    "x-timestamp": timestamp,
    "content-type": "application/json"
  }
}
const basicHeader = (text: string) => plant(`Basic ${plant(Buffer.from(text).toString("base64"))}`)

const renderings = (value: unknown): ReadonlyArray<string> => {
  const out = [inspect(value, { depth: 10 }), JSON.stringify(value) ?? "", String(value)]
  if (value instanceof Error) out.push(value.message, value.stack ?? "")
  if (Exit.isExit(value) && Exit.isFailure(value)) out.push(Cause.pretty(value.cause))
  else out.push(Cause.pretty(Cause.fail(value)))
  return out
}

const application = ApplicationCredentials.layer({ applicationKey: APP_KEY, applicationSecret: APP_SECRET })

describe("no secret, signature or Basic header in any failure", () => {
  it.effect("every failure of every verifier", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW)
      const conversation = WebhookVerifier.conversation({ secret: CONVERSATION_SECRET })
      const numbers = WebhookVerifier.numbers({ secret: Redacted.make(NUMBERS_SECRET) })
      const app = WebhookVerifier.application()
      const signedOnly = WebhookVerifier.application({ allowBasic: false })

      const convHeaders = (nonce: string, ts = seconds, b = body) => ({
        "x-sinch-webhook-signature": conversationSignature(b, nonce, ts),
        "x-sinch-webhook-signature-nonce": nonce,
        "x-sinch-webhook-signature-timestamp": ts
      })
      const good = convHeaders("nonce-1")
      yield* conversation({ headers: good, body })
      const failures: Array<
        Effect.Effect<unknown, unknown, NonceStore.NonceStore | ApplicationCredentials.ApplicationCredentials>
      > = [
        conversation({ headers: {}, body }),
        conversation({ headers: { ...good, "x-sinch-webhook-signature-nonce": "" }, body }),
        conversation({
          headers: { ...good, "x-sinch-webhook-signature": [good["x-sinch-webhook-signature"], "x"] },
          body
        }),
        conversation({ headers: { ...good, "x-sinch-webhook-signature-algorithm": "HmacSHA1" }, body }),
        conversation({ headers: { ...good, "x-sinch-webhook-signature-timestamp": "soon" }, body }),
        conversation({ headers: good, body: body + " " }),
        conversation({ headers: convHeaders("nonce-2", String(NOW / 1000 - 3600)), body }),
        conversation({ headers: good, body }),
        numbers({ headers: {}, body }),
        numbers({ headers: { "x-sinch-signature": "not-hex" }, body }),
        numbers({ headers: { "x-sinch-signature": numbersSignature(body) }, body: body + " " }),
        app({ method: "POST", path: "/callback", headers: {}, body }),
        app({ method: "POST", path: "/callback", headers: { authorization: `Bearer ${BEARER}` }, body }),
        app({ method: "POST", path: "/callback", headers: { authorization: "Application no-colon" }, body }),
        app({ method: "POST", path: "/other", headers: applicationHeaders(body, NOW), body }),
        app({
          method: "POST",
          path: "/callback",
          headers: {
            ...applicationHeaders(body, NOW),
            authorization: plant(`Application other:${plant("c2lnbmF0dXJl")}`)
          },
          body
        }),
        app({
          method: "POST",
          path: "/callback",
          headers: { ...applicationHeaders(body, NOW), "x-timestamp": "" },
          body
        }),
        app({
          method: "POST",
          path: "/callback",
          headers: { ...applicationHeaders(body, NOW), "x-timestamp": "x" },
          body
        }),
        app({ method: "POST", path: "/callback", headers: applicationHeaders(body, NOW - 3_600_000), body }),
        Effect.zipRight(
          app({ method: "POST", path: "/callback", headers: applicationHeaders(body, NOW - 1), body }),
          app({ method: "POST", path: "/callback", headers: applicationHeaders(body, NOW - 1), body })
        ),
        app({
          method: "POST",
          path: "/callback",
          headers: { authorization: basicHeader(`${APP_KEY}:wrong-planted`) },
          body
        }),
        app({ method: "POST", path: "/callback", headers: { authorization: basicHeader(`${APP_KEY}`) }, body }),
        app({ method: "POST", path: "/callback", headers: { authorization: plant("Basic %%planted%%") }, body }),
        signedOnly({
          method: "POST",
          path: "/callback",
          headers: { authorization: basicHeader(`${APP_KEY}:${APP_SECRET}`) },
          body
        })
      ]
      const reasons = new Set<string>()
      for (const failing of failures) {
        const exit = yield* Effect.exit(failing)
        expect(Exit.isFailure(exit)).toBe(true)
        if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
          reasons.add((exit.cause.error as { reason: string }).reason)
        }
        const error = Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : undefined
        for (const text of [...renderings(exit), ...renderings(error)]) {
          for (const needle of needles) expect(text).not.toContain(needle)
        }
      }
      expect([...reasons].sort()).toEqual([
        "bad-scheme",
        "malformed",
        "mismatch",
        "missing-header",
        "replayed",
        "stale"
      ])
    }).pipe(Effect.provide(Layer.merge(application, NonceStore.layerMemory()))))

  it.effect("every failure and every result of every strategy", () =>
    Effect.gen(function*() {
      const failingProvider = TokenProvider.TokenProvider.of({
        get: Effect.fail(new AuthError.InvalidClient({ keyId: "key-id", status: 401, error: "invalid_client" })),
        invalidate: () => Effect.void,
        switchCredentials: () => Effect.die("unused"),
        snapshot: Effect.die("unused")
      })
      const request = HttpClientRequest.post("https://api.test/x").pipe(
        HttpClientRequest.bodyText(body, "application/json")
      )
      const oauth2 = yield* AuthStrategy.oauth2.pipe(
        Effect.provideService(TokenProvider.TokenProvider, failingProvider)
      )
      const working = yield* AuthStrategy.oauth2.pipe(
        Effect.provideService(
          TokenProvider.TokenProvider,
          TokenProvider.TokenProvider.of({
            get: Effect.succeed(
              new AccessToken.AccessToken({
                value: Redacted.make(BEARER),
                scope: undefined,
                issuedAt: 0,
                expiresAt: 1,
                refreshAt: 1,
                generation: 1
              })
            ),
            invalidate: () => Effect.void,
            switchCredentials: () => Effect.die("unused"),
            snapshot: Effect.die("unused")
          })
        )
      )
      const strategies = [
        working,
        yield* AuthStrategy.projectBasic,
        yield* AuthStrategy.applicationBasic,
        yield* AuthStrategy.applicationSigned(),
        yield* AuthStrategy.mailgun
      ]
      const exits: Array<unknown> = [
        yield* Effect.exit(oauth2.authenticate(request)),
        yield* Effect.exit(strategies[3]!.authenticate(request.pipe(HttpClientRequest.bodyFormDataRecord({ a: "b" }))))
      ]
      for (const strategy of strategies) {
        const authenticated = yield* strategy.authenticate(request)
        needles.push(authenticated.request.headers.authorization!)
        const header = authenticated.request.headers.authorization!
        if (header.startsWith("Application ")) needles.push(header.slice(header.indexOf(":") + 1))
        exits.push(authenticated, authenticated.request, strategy, yield* Effect.exit(Effect.fail(authenticated)))
      }
      for (const value of exits) {
        for (const text of renderings(value)) {
          for (const needle of needles) expect(text).not.toContain(needle)
        }
      }
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          application,
          ProjectCredentials.layer({
            projectId: "37b62a7b-0177-4b6c-9f6e-e10f848de123",
            keyId: "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
            keySecret: KEY_SECRET
          }),
          MailgunCredentials.layer({ apiKey: MAILGUN_KEY })
        )
      )
    ))
})
