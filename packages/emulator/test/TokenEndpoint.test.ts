import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { EmulatorClient, EmulatorControl } from "../src/index.js"
import { clientBasic, demo, demoSecret, plainBasic, tokenRequest } from "./utils/emulator.js"

const decodePart = (part: string): any => JSON.parse(Buffer.from(part, "base64url").toString("utf8"))

describe("token endpoint", () => {
  it.effect("issues a bearer token, JWT-shaped, with iat/exp/sub and the project scope", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_700_000_000_000)
      const answer = yield* tokenRequest()
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toContain("application/json")
      expect(answer.headers["cache-control"]).toBe("no-store")
      expect(answer.json).toMatchObject({
        token_type: "bearer",
        expires_in: 3600,
        scope: `project:${demo.projectId}`
      })
      const parts = (answer.json.access_token as string).split(".")
      expect(parts).toHaveLength(3)
      for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(decodePart(parts[0]!)).toMatchObject({ alg: "HS256", typ: "JWT" })
      const claims = decodePart(parts[1]!)
      expect(claims.sub).toBe(demo.keyId)
      expect(claims.iat).toBe(1_700_000_000)
      expect(claims.exp).toBe(1_700_003_600)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("answers on the production aliases and on the emulator prefix of any host", () =>
    Effect.gen(function*() {
      for (
        const url of [
          "https://auth.sinch.com/oauth2/token",
          "https://us.auth.sinch.com/oauth2/token",
          "https://eu.auth.sinch.com/oauth2/token",
          "http://127.0.0.1:9/auth/oauth2/token",
          "http://emulator.local/auth/oauth2/token"
        ]
      ) {
        expect((yield* tokenRequest({ url })).status, url).toBe(200)
      }
      expect((yield* tokenRequest({ url: "http://emulator.local/oauth2/token" })).status).toBe(404)
      const counters = yield* EmulatorControl.EmulatorControl.pipe(Effect.flatMap((control) => control.counters))
      expect(counters.tokenRequests.total).toBe(5)
      expect(counters.tokenRequests.byOutcome).toEqual({ issued: 5 })
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("each distinct tokens, with the configured TTL", () =>
    Effect.gen(function*() {
      const first = yield* tokenRequest()
      const second = yield* tokenRequest()
      expect(first.json.access_token).not.toBe(second.json.access_token)
      expect(first.json.expires_in).toBe(120)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator({ tokenTtl: "2 minutes" }))))

  it.effect("invalid_client (401, with a Basic challenge) for a wrong secret, an unknown key, no credentials", () =>
    Effect.gen(function*() {
      for (
        const authorization of [
          clientBasic(demo.keyId, "wrong"),
          clientBasic("unknown-key", demoSecret),
          "Basic not base64!",
          "Bearer abc"
        ]
      ) {
        const answer = yield* tokenRequest({ authorization })
        expect(answer.status, authorization).toBe(401)
        expect(answer.json.error).toBe("invalid_client")
        expect(typeof answer.json.error_description).toBe("string")
        expect(answer.headers["www-authenticate"]).toMatch(/^Basic /)
        expect(answer.text).not.toContain(demoSecret)
      }
      const counters = yield* EmulatorControl.EmulatorControl.pipe(Effect.flatMap((control) => control.counters))
      expect(counters.tokenRequests.byOutcome).toEqual({ invalid_client: 4 })
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("accepts client_secret_post when there is no Authorization header", () =>
    Effect.gen(function*() {
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: demo.keyId,
        client_secret: demoSecret
      }).toString()
      expect((yield* tokenRequest({ authorization: null, body })).status).toBe(200)
      const wrong = yield* tokenRequest({
        authorization: null,
        body: body.replace("client_secret=", "client_secret=x")
      })
      expect(wrong.status).toBe(401)
      expect(wrong.json.error).toBe("invalid_client")
      const both = yield* tokenRequest({ body })
      expect(both.status).toBe(400)
      expect(both.json.error).toBe("invalid_request")
      const missing = yield* tokenRequest({ authorization: null })
      expect(missing.status).toBe(401)
      expect(missing.json.error).toBe("invalid_client")
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("unsupported_grant_type and invalid_request are 400 OAuth errors", () =>
    Effect.gen(function*() {
      const wrongGrant = yield* tokenRequest({ body: "grant_type=password&username=a&password=b" })
      expect(wrongGrant.status).toBe(400)
      expect(wrongGrant.json.error).toBe("unsupported_grant_type")
      const missingGrant = yield* tokenRequest({ body: "scope=x" })
      expect(missingGrant.status).toBe(400)
      expect(missingGrant.json.error).toBe("invalid_request")
      const json = yield* tokenRequest({ body: `{"grant_type":"client_credentials"}`, contentType: "application/json" })
      expect(json.status).toBe(400)
      expect(json.json.error).toBe("invalid_request")
      const counters = yield* EmulatorControl.EmulatorControl.pipe(Effect.flatMap((control) => control.counters))
      expect(counters.tokenRequests.byOutcome).toEqual({ unsupported_grant_type: 1, invalid_request: 2 })
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  describe("RFC 6749 2.3.1 client authentication", () => {
    const keyId = "key:id é"
    const keySecret = "s:e%c+r e t/é=="
    const options = { accessKeys: [{ keyId, keySecret, projectIds: ["p-1"] }] }

    it.effect("form-urlencoded id and secret with `:%+ é` are decoded after the split", () =>
      Effect.gen(function*() {
        const answer = yield* tokenRequest({ authorization: clientBasic(keyId, keySecret) })
        expect(answer.status).toBe(200)
        expect(answer.json.scope).toBe("project:p-1")
      }).pipe(Effect.provide(EmulatorClient.layerEmulator(options))))

    it.effect("the same credentials NOT form-encoded are rejected", () =>
      Effect.gen(function*() {
        // Raw: the id's ':' moves the split, `+` decodes to a space, `%c+` is a malformed escape.
        expect((yield* tokenRequest({ authorization: plainBasic(keyId, keySecret) })).status).toBe(401)
        expect((yield* tokenRequest({ authorization: plainBasic(formEncode2(keyId), keySecret) })).status).toBe(401)
      }).pipe(Effect.provide(EmulatorClient.layerEmulator(options))))

    it.effect("`+` in a raw secret is a space, so `a+b` sent raw does not match the secret `a+b`", () =>
      Effect.gen(function*() {
        expect((yield* tokenRequest({ authorization: plainBasic("plus", "a+b") })).status).toBe(401)
        expect((yield* tokenRequest({ authorization: clientBasic("plus", "a+b") })).status).toBe(200)
        expect((yield* tokenRequest({ authorization: plainBasic("plus", "a%2Bb") })).status).toBe(200)
      }).pipe(
        Effect.provide(
          EmulatorClient.layerEmulator({ accessKeys: [{ keyId: "plus", keySecret: "a+b", projectIds: ["p"] }] })
        )
      ))
  })

  it.effect("bucket of 30 refilled 10/s: exactly 30 pass, the 31st is 429 without Retry-After, 1 s later 10 more", () =>
    Effect.gen(function*() {
      const first = yield* Effect.forEach(Array.from({ length: 31 }), () => tokenRequest(), {
        concurrency: "unbounded"
      })
      expect(first.filter((answer) => answer.status === 200)).toHaveLength(30)
      const limited = first.filter((answer) => answer.status === 429)
      expect(limited).toHaveLength(1)
      expect(limited[0]!.headers["retry-after"]).toBeUndefined()
      expect(limited[0]!.json.error).toBeTypeOf("string")
      yield* TestClock.adjust("1 second")
      const second = yield* Effect.forEach(Array.from({ length: 11 }), () => tokenRequest())
      expect(second.map((answer) => answer.status)).toEqual([...Array(10).fill(200), 429])
      yield* TestClock.adjust("100 millis")
      expect((yield* tokenRequest()).status).toBe(200)
      expect((yield* tokenRequest()).status).toBe(429)
      const counters = yield* EmulatorControl.EmulatorControl.pipe(Effect.flatMap((control) => control.counters))
      expect(counters.tokenRequests).toEqual({ total: 44, byOutcome: { issued: 41, rate_limited: 3 } })
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("the bucket size and refill are configurable", () =>
    Effect.gen(function*() {
      const statuses = yield* Effect.forEach(Array.from({ length: 3 }), () => tokenRequest())
      expect(statuses.map((answer) => answer.status)).toEqual([200, 200, 429])
      yield* TestClock.adjust("999 millis")
      expect((yield* tokenRequest()).status).toBe(429)
      yield* TestClock.adjust("1 millis")
      expect((yield* tokenRequest()).status).toBe(200)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator({ tokenBucket: { capacity: 2, refillPerSecond: 1 } }))))
})

// Form-encoding of the id only: the secret's raw `+` and `%` still break it.
const formEncode2 = (value: string) => encodeURIComponent(value).replace(/%20/g, "+")
