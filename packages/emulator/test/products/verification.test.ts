import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted, TestClock } from "effect"
import { createHash, createHmac } from "node:crypto"
import { EmulatorClient, EmulatorControl } from "../../src/index.js"
import { demo, plainBasic, send } from "../utils/emulator.js"

const host = "https://verification.api.sinch.com"
const secret = Redacted.value(demo.applicationSecret)

/** The documented application signing, written here independently of the clients. */
const signature = (method: string, body: string, contentType: string, timestamp: string, path: string) =>
  createHmac("sha256", Buffer.from(secret, "base64"))
    .update(
      [
        method,
        body === "" ? "" : createHash("md5").update(body, "utf8").digest("base64"),
        body === "" ? "" : contentType,
        `x-timestamp:${timestamp}`,
        path
      ].join("\n")
    )
    .digest("base64")

const signed = (method: "GET" | "POST" | "PUT", path: string, body?: unknown, at = host) => {
  const text = body === undefined ? "" : JSON.stringify(body)
  const timestamp = "2026-01-01T10:00:00.000Z"
  const url = new URL(`${at}${path}`)
  let request = HttpClientRequest.make(method)(url.toString()).pipe(
    HttpClientRequest.setHeaders({
      authorization: `Application ${demo.applicationKey}:${
        signature(method, text, "application/json", timestamp, url.pathname)
      }`,
      "x-timestamp": timestamp
    })
  )
  if (text !== "") request = HttpClientRequest.bodyText(request, text, "application/json")
  return send(request)
}

const start = (method: string, endpoint: string, extra: Record<string, unknown> = {}) =>
  signed("POST", "/verification/v1/verifications", { identity: { type: "number", endpoint }, method, ...extra })

const Emulator = EmulatorClient.layerEmulator()

describe("emulated Verification API", () => {
  it.effect("an SMS verification: started PENDING, reported with the right code, SUCCESSFUL by id, number and reference", () =>
    Effect.gen(function*() {
      const started = yield* start("sms", "+46700001234", {
        reference: "order-17",
        smsOptions: { codeType: "Numeric" }
      })
      expect(started.status).toBe(200)
      const id = started.json.id as string
      expect(started.json).toEqual({
        id,
        method: "sms",
        sms: { template: "Your verification code is {{CODE}}.", interceptionTimeout: 298, codeType: "Numeric" },
        _links: [
          { rel: "status", href: `${host}/verification/v1/verifications/id/${id}`, method: "GET" },
          { rel: "report", href: `${host}/verification/v1/verifications/id/${id}`, method: "PUT" }
        ]
      })
      const pending = yield* signed("GET", `/verification/v1/verifications/id/${id}`)
      expect(pending.json).toEqual({
        id,
        method: "sms",
        status: "PENDING",
        reference: "order-17",
        identity: { type: "number", endpoint: "+46700001234" },
        countryId: "SE",
        verificationTimestamp: "1970-01-01T00:00:00.000"
      })
      const reported = yield* signed("PUT", `/verification/v1/verifications/id/${id}`, {
        method: "sms",
        sms: { code: "1234" }
      })
      expect(reported.json).toEqual({
        id,
        method: "sms",
        status: "SUCCESSFUL",
        reference: "order-17",
        source: "manual"
      })
      const byNumber = yield* signed("GET", "/verification/v1/verifications/sms/number/%2B46700001234")
      const byReference = yield* signed("GET", "/verification/v1/verifications/reference/order-17")
      for (const answer of [byNumber, byReference]) {
        expect(answer.status).toBe(200)
        expect(answer.json).toMatchObject({
          id,
          status: "SUCCESSFUL",
          price: { verificationPrice: { currencyId: "EUR", amount: 0.0453 } }
        })
      }
    }).pipe(Effect.provide(Emulator)))

  it.effect("a wrong code settles FAIL with its reason, and a settled verification stays settled", () =>
    Effect.gen(function*() {
      const id = (yield* start("sms", "+33612345678")).json.id as string
      const wrong = yield* signed("PUT", `/verification/v1/verifications/id/${id}`, {
        method: "sms",
        sms: { code: "0000" }
      })
      expect(wrong.json).toEqual({ id, method: "sms", status: "FAIL", reason: "Invalid code", source: "manual" })
      const late = yield* signed("PUT", `/verification/v1/verifications/id/${id}`, {
        method: "sms",
        sms: { code: "5678" }
      })
      expect(late.json.status).toBe("FAIL")
    }).pipe(Effect.provide(Emulator)))

  it.effect("Alpha codes are letters; a report after the expiry is FAIL Expired (Effect clock)", () =>
    Effect.gen(function*() {
      const alpha = (yield* start("sms", "+46700000109", { smsOptions: { codeType: "Alpha" } })).json.id
      const ok = yield* signed("PUT", `/verification/v1/verifications/id/${alpha}`, {
        method: "sms",
        sms: { code: "ABAJ" }
      })
      expect(ok.json.status).toBe("SUCCESSFUL")
      const again =
        (yield* start("sms", "+46700000109", { smsOptions: { codeType: "Alpha", expiry: "00:01:00" } })).json
          .id
      yield* TestClock.adjust("61 seconds")
      const expired = yield* signed("PUT", `/verification/v1/verifications/id/${again}`, {
        method: "sms",
        sms: { code: "ABAJ" }
      })
      expect(expired.json).toMatchObject({ status: "FAIL", reason: "Expired" })
    }).pipe(Effect.provide(Emulator)))

  it.effect("a flash call is reported with the calling number, by identity; a phone call with its spoken code", () =>
    Effect.gen(function*() {
      const flash = yield* start("flashcall", "+447700900555", { flashCallOptions: { dialTimeout: 10 } })
      expect(flash.json.flashCall).toEqual({
        cliFilter: "(.*)0555",
        interceptionTimeout: 45,
        reportTimeout: 75,
        denyCallAfter: 0
      })
      const byIdentity = yield* signed("PUT", "/verification/v1/verifications/number/%2B447700900555", {
        method: "flashcall",
        flashCall: { cli: "+46700000555" }
      })
      expect(byIdentity.json).toEqual({
        id: flash.json.id,
        method: "flashcall",
        status: "SUCCESSFUL",
        source: "manual",
        callComplete: true
      })
      // Nothing pending for that number any more.
      const none = yield* signed("PUT", "/verification/v1/verifications/number/%2B447700900555", {
        method: "flashcall",
        flashCall: { cli: "+46700000555" }
      })
      expect(none.status).toBe(404)
      expect(none.json).toEqual({ errorCode: 40400, message: "Verification not found", reference: "emulator" })

      const call = yield* start("callout", "+12025550142", { calloutOptions: { speech: { locale: "en-US" } } })
      expect(call.json).toMatchObject({ method: "callout" })
      expect(call.json.sms).toBeUndefined()
      const wrongCli = yield* signed("PUT", `/verification/v1/verifications/id/${call.json.id}`, {
        method: "flashcall",
        flashCall: { cli: "+1" }
      })
      expect(wrongCli.status).toBe(400)
      yield* signed("PUT", `/verification/v1/verifications/id/${call.json.id}`, {
        method: "callout",
        callout: { code: "0142" }
      })
      const status = yield* signed("GET", "/verification/v1/verifications/callout/number/+12025550142")
      expect(status.json).toMatchObject({
        id: call.json.id,
        status: "SUCCESSFUL",
        countryId: "US",
        callComplete: true,
        callResult: "ANSWERED",
        price: {
          verificationPrice: { currencyId: "EUR", amount: 0.1852 },
          terminationPrice: { currencyId: "EUR", amount: 0 }
        }
      })
    }).pipe(Effect.provide(Emulator)))

  it.effect("by prefix, the API answers under /verification and at its own paths from the emulator's root", () =>
    Effect.gen(function*() {
      const body = { identity: { type: "number", endpoint: "+46700000042" }, method: "sms" }
      const prefixed = yield* signed(
        "POST",
        "/verification/v1/verifications",
        body,
        "http://emulator.local/verification"
      )
      const root = yield* signed("POST", "/verification/v1/verifications", body, "http://emulator.local")
      expect([prefixed.status, root.status]).toEqual([200, 200])
      const status = yield* signed(
        "GET",
        `/verification/v1/verifications/id/${prefixed.json.id}`,
        undefined,
        "http://emulator.local"
      )
      expect(status.json).toMatchObject({ id: prefixed.json.id, status: "PENDING" })
    }).pipe(Effect.provide(Emulator)))

  it.effect("a data verification answers its target URI and stays PENDING", () =>
    Effect.gen(function*() {
      const data = yield* start("seamless", "+46700000001")
      expect(data.json.seamless).toEqual({
        targetUri: `${host}/verification/v1/seamless/${data.json.id}`
      })
      expect((yield* signed("GET", `/verification/v1/verifications/id/${data.json.id}`)).json.status).toBe("PENDING")
    }).pipe(Effect.provide(Emulator)))

  it.effect("invalid starts, unknown ids and duplicate references answer the application error shape", () =>
    Effect.gen(function*() {
      expect((yield* start("sms", "46700000000")).json).toEqual({
        errorCode: 40001,
        message: "identity.endpoint must be an E.164 number",
        reference: "emulator"
      })
      expect((yield* start("whatsapp", "+46700000000")).status).toBe(400)
      expect((yield* start("sms", "+46700000000", { smsOptions: { expiry: "10 minutes" } })).status).toBe(400)
      expect((yield* start("sms", "+46700000000", { reference: "r" })).status).toBe(200)
      expect((yield* start("sms", "+46700000000", { reference: "r" })).status).toBe(409)
      expect((yield* signed("GET", "/verification/v1/verifications/id/nope")).status).toBe(404)
      expect((yield* signed("GET", "/verification/v1/verifications/reference/nope")).status).toBe(404)
      expect((yield* signed("GET", "/verification/v1/verifications/whatsapp/number/+46700000000")).status).toBe(400)
    }).pipe(Effect.provide(Emulator)))

  it.effect("application Basic is accepted; an unsigned or wrongly signed request never reaches the product", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ identity: { type: "number", endpoint: "+46700000000" }, method: "sms" })
      const post = HttpClientRequest.post(`${host}/verification/v1/verifications`).pipe(
        HttpClientRequest.bodyText(body, "application/json")
      )
      const basic = yield* send(
        post.pipe(HttpClientRequest.setHeader("authorization", plainBasic(demo.applicationKey, secret)))
      )
      expect(basic.status).toBe(200)
      expect((yield* send(post)).status).toBe(401)
      const forged = yield* send(post.pipe(
        HttpClientRequest.setHeaders({
          authorization: `Application ${demo.applicationKey}:${signature("POST", "{}", "application/json", "t", "/x")}`,
          "x-timestamp": "2026-01-01T10:00:00.000Z"
        })
      ))
      expect(forged.status).toBe(401)
      const control = yield* EmulatorControl.EmulatorControl
      const counters = yield* control.counters
      expect(counters.requestsByRoute["POST /verification/v1/verifications"]).toBe(3)
    }).pipe(Effect.provide(Emulator)))
})
