import { HttpApp } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Ref } from "effect"
import { VerificationCallback, VerificationSchema } from "../src/index.js"
import { callbackContext, callbackSignature } from "./utils/application.js"

const key = "669E367E-6BBA-48AB-AF15-266871C28135"
const secret = "BeIukql3pTKJ8RGL5zo0DA=="
const path = "/webhooks/verification"

// The shapes of sinch-sdk-node packages/verification/tests/rest/v1/callbacks (the mock server's events).
const requestEvent = JSON.stringify({
  id: "1ce0ffee-c0de-5eed-d00d-f00dfeed1337",
  event: "VerificationRequestEvent",
  method: "sms",
  identity: { type: "number", endpoint: "+33612345678" },
  price: { currencyId: "EUR", amount: 0.0453 },
  rate: { currencyId: "EUR", amount: 0 },
  acceptLanguage: ["fr-FR"]
})

const resultEvent = JSON.stringify({
  id: "1ce0ffee-c0de-5eed-d00d-f00dfeed1337",
  event: "VerificationResultEvent",
  method: "sms",
  identity: { type: "number", endpoint: "+33612345678" },
  status: "SUCCESSFUL",
  source: "intercepted",
  reference: "order-17",
  custom: "free text"
})

/** The documented application signing, computed independently of auth-core. */
const sign = (body: string, timestamp: string, signedPath = path) =>
  callbackSignature(secret, body, timestamp, signedPath)

const Context = callbackContext(key, secret)

describe("Verification callbacks", () => {
  it.effect("decodes the Request, Result and SMS Delivered events, with open enums", () =>
    Effect.gen(function*() {
      const request = yield* VerificationCallback.decode(requestEvent)
      expect(request).toBeInstanceOf(VerificationSchema.RequestEvent)
      expect(request).toMatchObject({
        event: "VerificationRequestEvent",
        method: "sms",
        identity: { type: "number", endpoint: "+33612345678" },
        price: { currencyId: "EUR", amount: 0.0453 },
        rate: { currencyId: "EUR", amount: 0 },
        acceptLanguage: ["fr-FR"]
      })
      const result = yield* VerificationCallback.decode(new TextEncoder().encode(resultEvent))
      expect(result).toBeInstanceOf(VerificationSchema.ResultEvent)
      expect(result.event === "VerificationResultEvent" && [result.status, result.source, result.custom]).toEqual([
        "SUCCESSFUL",
        "intercepted",
        "free text"
      ])
      const future = yield* VerificationCallback.decode(resultEvent.replace("SUCCESSFUL", "QUEUED"))
      expect(future.event === "VerificationResultEvent" && future.status).toBe("QUEUED")
      const delivered = yield* VerificationCallback.decode(JSON.stringify({
        id: "0198511c-d1d1-8bf3-109b-85455d310123",
        event: "VerificationSmsDeliveredEvent",
        method: "sms",
        identity: { type: "number", endpoint: "+33123456789" },
        smsResult: "Successful"
      }))
      expect(delivered).toBeInstanceOf(VerificationSchema.SmsDeliveredEvent)
      const unknown = yield* Effect.flip(VerificationCallback.decode(JSON.stringify({ id: "x", event: "Other" })))
      expect(unknown._tag).toBe("InvalidCallbackEvent")
      const notJson = yield* Effect.flip(VerificationCallback.decode("nope"))
      expect(notJson.detail).toBe("the body is not JSON")
    }))

  it.effect("verify: a signed request decodes; a changed body or path is InvalidSignature, never decoded", () =>
    Effect.gen(function*() {
      const verify = VerificationCallback.verify()
      const timestamp = new Date(0).toISOString()
      const headers = {
        authorization: `Application ${key}:${sign(resultEvent, timestamp)}`,
        "x-timestamp": timestamp,
        "content-type": "application/json"
      }
      const event = yield* verify({ method: "POST", path, headers, body: resultEvent })
      expect(event.id).toBe("1ce0ffee-c0de-5eed-d00d-f00dfeed1337")
      const tampered = yield* Effect.flip(
        verify({ method: "POST", path, headers, body: resultEvent.replace("SUCC", "X") })
      )
      expect(tampered._tag).toBe("InvalidSignature")
      const moved = yield* Effect.flip(verify({ method: "POST", path: "/other", headers, body: resultEvent }))
      expect(moved._tag).toBe("InvalidSignature")
      expect(moved.message).not.toContain(secret)
      expect(moved.message).not.toContain(headers.authorization.slice(-20))
    }).pipe(Effect.provide(Context)))

  it("answer helpers encode the documented bodies", () => {
    const json = async (answer: VerificationSchema.RequestEventResponse) => {
      const response = VerificationCallback.respond(answer)
      const web = await HttpApp.toWebHandler(Effect.succeed(response))(new Request("http://x/"))
      expect(web.headers.get("content-type")).toBe("application/json")
      return JSON.parse(await web.text())
    }
    return Promise.all([
      json(VerificationCallback.allowSms({ code: "4242", codeType: "Numeric", expiry: "00:05:00" })),
      json(VerificationCallback.allowFlashCall({ cli: "+46700000555", dialTimeout: 10 })),
      json(VerificationCallback.allowPhoneCall({ code: "1234", speech: { locale: "en-US" } })),
      json(VerificationCallback.allowSms()),
      json(VerificationCallback.deny)
    ]).then((bodies) =>
      expect(bodies).toEqual([
        { action: "allow", sms: { code: "4242", codeType: "Numeric", expiry: "00:05:00" } },
        { action: "allow", flashCall: { cli: "+46700000555", dialTimeout: 10 } },
        { action: "allow", callout: { code: "1234", speech: { locale: "en-US" } } },
        { action: "allow" },
        { action: "deny" }
      ])
    )
  })

  it.scoped("the endpoint answers a signed Request Event with the handler's decision; 401 unsigned, replay, 400 not an event", () =>
    Effect.gen(function*() {
      const results = yield* Ref.make<ReadonlyArray<string>>([])
      const app = VerificationCallback.httpApp({
        onRequest: (event) =>
          Effect.succeed(
            event.identity.endpoint?.startsWith("+33")
              ? VerificationCallback.allowSms({ code: "4242", acceptLanguage: ["fr-FR"] })
              : VerificationCallback.deny
          ),
        onResult: (event) => Ref.update(results, (all) => [...all, `${event.id} ${event.status}`])
      })
      const web = yield* Effect.acquireRelease(
        Effect.sync(() => HttpApp.toWebHandlerLayer(app, Context)),
        (web) => Effect.promise(() => web.dispose())
      )
      // The web handler runs on the live clock, so requests are signed now.
      const post = (body: string, authorization?: string, timestamp = new Date().toISOString()) => {
        return Effect.promise(async () => {
          const response = await web.handler(
            new Request(`http://localhost${path}`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-timestamp": timestamp,
                authorization: authorization ?? `Application ${key}:${sign(body, timestamp)}`
              },
              body
            })
          )
          return { status: response.status, text: await response.text() }
        })
      }
      const allowed = yield* post(requestEvent)
      expect(allowed.status).toBe(200)
      expect(JSON.parse(allowed.text)).toEqual({ action: "allow", sms: { code: "4242", acceptLanguage: ["fr-FR"] } })
      const denied = yield* post(requestEvent.replace("+33612345678", "+46700000000"))
      expect(JSON.parse(denied.text)).toEqual({ action: "deny" })
      expect((yield* post(resultEvent)).status).toBe(200)
      // The same signed request again is a replay.
      const at = new Date().toISOString()
      const once = `Application ${key}:${sign(resultEvent.replace("order-17", "order-18"), at)}`
      expect((yield* post(resultEvent.replace("order-17", "order-18"), once, at)).status).toBe(200)
      expect((yield* post(resultEvent.replace("order-17", "order-18"), once, at)).status).toBe(401)
      expect((yield* post(resultEvent, "Bearer x")).status).toBe(401)
      expect((yield* post(JSON.stringify({ event: "Other" }))).status).toBe(400)
      // Application Basic auth (allowed by default) reaches the handler too.
      const basic = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`
      expect((yield* post(resultEvent.replace("SUCCESSFUL", "FAIL"), basic)).status).toBe(200)
      expect(yield* Ref.get(results)).toEqual([
        "1ce0ffee-c0de-5eed-d00d-f00dfeed1337 SUCCESSFUL",
        "1ce0ffee-c0de-5eed-d00d-f00dfeed1337 SUCCESSFUL",
        "1ce0ffee-c0de-5eed-d00d-f00dfeed1337 FAIL"
      ])
    }))
})
