import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { readFileSync } from "node:fs"
import { EmulatorClient, EmulatorControl } from "../src/index.js"
import {
  clientBasic,
  demo,
  demoSecret,
  echoAll,
  numbersUrl,
  plainBasic,
  send,
  token,
  tokenRequest
} from "./utils/emulator.js"

const other = { keyId: "other-key", keySecret: "other-secret", projectIds: ["other-project"] }
const layer = () => EmulatorClient.layerEmulator({ products: echoAll, accessKeys: [other] })

const get = (url: string, authorization?: string) =>
  send(
    HttpClientRequest.get(url).pipe(
      authorization === undefined ? (request) => request : HttpClientRequest.setHeader("authorization", authorization)
    )
  )

describe("routing", () => {
  it.effect("production hosts and emulator prefixes reach the right API with region and projectId filled", () =>
    Effect.gen(function*() {
      const bearer = `Bearer ${yield* token()}`
      const p = demo.projectId
      const cases: ReadonlyArray<readonly [string, string, string | null]> = [
        [`https://numbers.api.sinch.com/v1/projects/${p}/activeNumbers`, "numbers", null],
        [`http://127.0.0.1:1/numbers/v1/projects/${p}/activeNumbers`, "numbers", null],
        [`https://elastic-trunking.api.sinch.com/v1/projects/${p}/trunks`, "est", null],
        [`http://emulator.local/est/v1/projects/${p}/trunks`, "est", null],
        [`https://eu.conversation.api.sinch.com/v1/projects/${p}/apps`, "conversation", "eu"],
        [`https://br.conversation.api.sinch.com/v1/projects/${p}/apps`, "conversation", "br"],
        [`http://emulator.local/conversation/us/v1/projects/${p}/apps`, "conversation", "us"],
        [`https://us.template.api.sinch.com/v2/projects/${p}/templates`, "templates", "us"],
        [`http://emulator.local/templates/eu/v2/projects/${p}/templates`, "templates", "eu"]
      ]
      for (const [url, api, region] of cases) {
        const answer = yield* get(url, bearer)
        expect(answer.status, url).toBe(200)
        expect(answer.json, url).toMatchObject({ api, region, projectId: p })
      }
    }).pipe(Effect.provide(layer())))

  it.effect("the path stays encoded, segments and query are decoded", () =>
    Effect.gen(function*() {
      const answer = yield* get(
        numbersUrl(demo.projectId, "/activeNumbers/%2B12025550100?pageSize=2&numberPattern.pattern=%2B1202"),
        `Bearer ${yield* token()}`
      )
      expect(answer.json).toMatchObject({
        path: `/v1/projects/${demo.projectId}/activeNumbers/%2B12025550100`,
        segments: ["v1", "projects", demo.projectId, "activeNumbers", "+12025550100"],
        query: { pageSize: "2", "numberPattern.pattern": "+1202" }
      })
    }).pipe(Effect.provide(layer())))

  it.effect("unknown routes, regions and product paths are 404 NOT_FOUND", () =>
    Effect.gen(function*() {
      const bearer = `Bearer ${yield* token()}`
      for (
        const url of [
          "http://emulator.local/nothing/here",
          `http://emulator.local/conversation/xx/v1/projects/${demo.projectId}/apps`,
          "https://unknown.api.sinch.com/v1/x"
        ]
      ) {
        const answer = yield* get(url, bearer)
        expect(answer.status, url).toBe(404)
        expect(answer.json.error).toMatchObject({ code: 404, status: "NOT_FOUND" })
      }
    }).pipe(Effect.provide(layer())))

  it.effect("with no product registered for a route, the core answers 404 NOT_FOUND after auth", () =>
    Effect.gen(function*() {
      const answer = yield* get(numbersUrl(), `Bearer ${yield* token()}`)
      expect(answer.status).toBe(404)
      expect(answer.json.error.status).toBe("NOT_FOUND")
      expect((yield* get(numbersUrl())).status).toBe(401)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator({ products: [] }))))

  it.effect("a JSON body is parsed for the product; invalid JSON is 400 INVALID_ARGUMENT", () =>
    Effect.gen(function*() {
      const bearer = `Bearer ${yield* token()}`
      const post = (body: string) =>
        send(
          HttpClientRequest.post(numbersUrl(demo.projectId, "/availableNumbers:rentAny")).pipe(
            HttpClientRequest.setHeader("authorization", bearer),
            HttpClientRequest.bodyText(body, "application/json")
          )
        )
      const ok = yield* post(`{"regionCode":"US"}`)
      expect(ok.json).toMatchObject({ method: "POST", body: { regionCode: "US" }, rawBody: `{"regionCode":"US"}` })
      const bad = yield* post(`{"regionCode":`)
      expect(bad.status).toBe(400)
      expect(bad.json).toEqual({
        error: { code: 400, message: expect.any(String), status: "INVALID_ARGUMENT", details: [] }
      })
    }).pipe(Effect.provide(layer())))
})

describe("bearer tokens", () => {
  it.effect("an expired token: 401 with error_description=\"Jwt expired at <ISO time>\"", () =>
    Effect.gen(function*() {
      const bearer = `Bearer ${yield* token()}`
      yield* TestClock.adjust("3599999 millis")
      expect((yield* get(numbersUrl(), bearer)).status).toBe(200)
      yield* TestClock.adjust("1 millis")
      const answer = yield* get(numbersUrl(), bearer)
      expect(answer.status).toBe(401)
      expect(answer.headers["www-authenticate"]).toBe(
        `Bearer error="invalid_token", error_description="Jwt expired at 1970-01-01T01:00:00.000Z"`
      )
      expect(answer.json.error).toMatchObject({ code: 401, status: "UNAUTHENTICATED" })
    }).pipe(Effect.provide(layer())))

  it.effect("a revoked or unknown token: 401 invalid_token WITHOUT the word expired", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      const accessToken = yield* token()
      expect((yield* get(numbersUrl(), `Bearer ${accessToken}`)).status).toBe(200)
      expect(yield* control.revokeToken(accessToken)).toBe(true)
      expect(yield* control.revokeToken("never-issued")).toBe(false)
      for (const bearer of [`Bearer ${accessToken}`, "Bearer never-issued", `Bearer ${accessToken.slice(0, -2)}xx`]) {
        const answer = yield* get(numbersUrl(), bearer)
        expect(answer.status).toBe(401)
        expect(answer.headers["www-authenticate"]).toMatch(/^Bearer error="invalid_token"/)
        expect(answer.headers["www-authenticate"]).not.toMatch(/expired/i)
        expect(answer.text).not.toMatch(/expired/i)
      }
      // A fresh token works again; revoking all revokes exactly the live ones.
      const fresh = yield* token()
      expect((yield* get(numbersUrl(), `Bearer ${fresh}`)).status).toBe(200)
      expect(yield* control.revokeAllTokens).toBe(1)
      expect((yield* get(numbersUrl(), `Bearer ${fresh}`)).status).toBe(401)
    }).pipe(Effect.provide(layer())))

  it.effect("no or unsupported Authorization: 401 with a Bearer challenge", () =>
    Effect.gen(function*() {
      for (const authorization of [undefined, "Token abc", "Bearer"]) {
        const answer = yield* get(numbersUrl(), authorization)
        expect(answer.status).toBe(401)
        expect(answer.headers["www-authenticate"]).toMatch(/^Bearer/)
      }
    }).pipe(Effect.provide(layer())))

  it.effect("a token shortened by setTokenTtl expires at the new TTL", () =>
    Effect.gen(function*() {
      const control = yield* EmulatorControl.EmulatorControl
      yield* control.setTokenTtl("10 seconds")
      const bearer = `Bearer ${yield* token()}`
      yield* TestClock.adjust("10 seconds")
      const answer = yield* get(numbersUrl(), bearer)
      expect(answer.headers["www-authenticate"]).toContain("Jwt expired at 1970-01-01T00:00:10.000Z")
    }).pipe(Effect.provide(layer())))
})

describe("project access", () => {
  it.effect("a key without access to the project in the path: 403 PERMISSION_DENIED, by bearer and by Basic", () =>
    Effect.gen(function*() {
      const otherBearer = `Bearer ${yield* token(clientBasic(other.keyId, other.keySecret))}`
      expect((yield* get(numbersUrl("other-project"), otherBearer)).status).toBe(200)
      for (const authorization of [otherBearer, plainBasic(other.keyId, other.keySecret)]) {
        const answer = yield* get(numbersUrl(demo.projectId), authorization)
        expect(answer.status).toBe(403)
        expect(answer.json).toEqual({
          error: { code: 403, message: expect.any(String), status: "PERMISSION_DENIED", details: [] }
        })
        expect(answer.headers["www-authenticate"]).toBeUndefined()
      }
    }).pipe(Effect.provide(layer())))

  it.effect("a key with several projects gets them all in its scope and may access each", () =>
    Effect.gen(function*() {
      const answer = yield* tokenRequest({ authorization: clientBasic("multi", "multi-secret") })
      expect(answer.json.scope).toBe("project:p-a project:p-b")
      const bearer = `Bearer ${answer.json.access_token}`
      expect((yield* get(numbersUrl("p-a"), bearer)).json.projectId).toBe("p-a")
      expect((yield* get(numbersUrl("p-b"), bearer)).json.projectId).toBe("p-b")
      expect((yield* get(numbersUrl("p-c"), bearer)).status).toBe(403)
    }).pipe(
      Effect.provide(EmulatorClient.layerEmulator({
        products: echoAll,
        accessKeys: [{ keyId: "multi", keySecret: "multi-secret", projectIds: ["p-a", "p-b"] }]
      }))
    ))

  it.effect("project Basic: accepted, wrong secret 401, 5 per second per key then 429 RESOURCE_EXHAUSTED", () =>
    Effect.gen(function*() {
      const basic = plainBasic(demo.keyId, demoSecret)
      const first = yield* Effect.forEach(Array.from({ length: 6 }), () => get(numbersUrl(), basic))
      expect(first.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429])
      expect(first[5]!.json.error).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED" })
      // Another key has its own budget.
      expect((yield* get(numbersUrl("other-project"), plainBasic(other.keyId, other.keySecret))).status).toBe(200)
      // Bearer calls are not limited by the Basic budget.
      expect((yield* get(numbersUrl(), `Bearer ${yield* token()}`)).status).toBe(200)
      const wrong = yield* get(numbersUrl(), plainBasic(demo.keyId, "wrong"))
      expect(wrong.status).toBe(401)
      expect(wrong.headers["www-authenticate"]).toMatch(/^Basic/)
      yield* TestClock.adjust("1 second")
      const second = yield* Effect.forEach(Array.from({ length: 6 }), () => get(numbersUrl(), basic))
      expect(second.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429])
    }).pipe(Effect.provide(layer())))
})

interface Vector {
  readonly name: string
  readonly method: string
  readonly body: string
  readonly contentType: string
  readonly timestamp: string
  readonly path: string
  readonly applicationKey: string
  readonly applicationSecret: string
  readonly expectedSignature: string
}

const vectors: ReadonlyArray<Vector> = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/application-signed.json", import.meta.url), "utf8")
).vectors
const vector = (name: string) => vectors.find((v) => v.name === name)!

describe("application-signed APIs (Voice, Verification)", () => {
  const applications = [
    { key: "669E367E-6BBA-48AB-AF15-266871C28135", secret: "BeIukql3pTKJ8RGL5zo0DA==" },
    { key: "my-key-id", secret: "bXkta2V5LXNlY3JldA==" }
  ]
  const signedLayer = () => EmulatorClient.layerEmulator({ applications })

  const signed = (host: string, v: Vector, overrides?: { readonly body?: string; readonly path?: string }) =>
    send(
      HttpClientRequest.make(v.method as "GET" | "POST")(`${host}${overrides?.path ?? v.path}`).pipe(
        HttpClientRequest.setHeaders({
          authorization: `Application ${v.applicationKey}:${v.expectedSignature}`,
          "x-timestamp": v.timestamp,
          "content-type": v.contentType
        }),
        (request) => {
          const body = overrides?.body ?? v.body
          return body === "" ? request : HttpClientRequest.bodyText(request, body, v.contentType)
        }
      )
    )

  it.effect("the documented vectors are accepted; the Verification route answers a plausible body", () =>
    Effect.gen(function*() {
      const docs = yield* signed("https://verification.api.sinch.com", vector("verification-docs"))
      expect(docs.status).toBe(200)
      expect(docs.json).toMatchObject({ id: expect.any(String), method: "sms" })
      // Signature accepted: the empty body reaches the route, which asks for an identity (400, not 401).
      expect((yield* signed("https://verification.api.sinch.com", vector("verification-empty-body"))).status).toBe(400)
      // Accepted too, on paths without a route: 404 rather than 401.
      expect((yield* signed("https://verification.api.sinch.com", vector("charset-content-type"))).status).toBe(404)
      expect((yield* signed("https://calling.api.sinch.com", vector("get-no-body"))).status).toBe(404)
    }).pipe(Effect.provide(signedLayer())))

  it.effect("a changed body, path or key is 401 in Verification's error shape", () =>
    Effect.gen(function*() {
      const v = vector("verification-docs")
      const host = "https://verification.api.sinch.com"
      const cases = [
        yield* signed(host, v, { body: v.body.replace("46700000000", "46700000001") }),
        // The emulator prefix is part of the path sent, so it is part of what must be signed.
        yield* signed("http://emulator.local/verification", v),
        yield* signed(host, { ...v, applicationKey: "unknown" }),
        yield* signed(host, { ...v, timestamp: "2014-06-04T13:41:59Z" })
      ]
      for (const answer of cases) {
        expect(answer.status).toBe(401)
        expect(answer.json).toMatchObject({ errorCode: expect.any(Number), message: expect.any(String) })
      }
    }).pipe(Effect.provide(signedLayer())))

  it.effect("Basic key:secret is accepted; the Voice configuration route answers its numbers", () =>
    Effect.gen(function*() {
      const basic = plainBasic(demo.applicationKey, "ZGVtby1hcHBsaWNhdGlvbi1zZWNyZXQ=")
      for (
        const url of ["https://callingapi.sinch.com", "https://calling-euc1.api.sinch.com", "http://e.local/voice"]
      ) {
        const answer = yield* get(`${url}/v1/configuration/numbers`, basic)
        expect(answer.status, url).toBe(200)
        expect(answer.json.numbers[0]).toMatchObject({ applicationkey: demo.applicationKey, capability: "voice" })
      }
      expect(
        (yield* get(
          "https://callingapi.sinch.com/v1/configuration/numbers",
          plainBasic(demo.applicationKey, "x")
        )).status
      )
        .toBe(401)
    }).pipe(Effect.provide(signedLayer())))

  it.effect("x-timestamp outside the configured window is 401", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2014-06-04T13:41:58Z") + 4 * 60_000)
      expect((yield* signed("https://verification.api.sinch.com", vector("verification-docs"))).status).toBe(200)
      yield* TestClock.adjust("2 minutes")
      expect((yield* signed("https://verification.api.sinch.com", vector("verification-docs"))).status).toBe(401)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator({ applications, signatureWindow: "5 minutes" }))))
})

describe("Mailgun", () => {
  it.effect("Basic api:KEY lists domains; a wrong key or user is 401", () =>
    Effect.gen(function*() {
      const key = "key-demo-0123456789abcdef0123456789ab"
      for (const url of ["https://api.mailgun.net", "https://api.eu.mailgun.net", "http://e.local/mailgun"]) {
        const answer = yield* get(`${url}/v3/domains`, plainBasic("api", key))
        expect(answer.status, url).toBe(200)
        expect(answer.json).toMatchObject({ total_count: 1, items: [{ name: demo.mailgunDomain, state: "active" }] })
      }
      expect((yield* get("https://api.mailgun.net/v3/domains", plainBasic("api", "key-wrong"))).status).toBe(401)
      expect((yield* get("https://api.mailgun.net/v3/domains", plainBasic("user", key))).status).toBe(401)
      expect((yield* get("https://api.mailgun.net/v3/domains")).status).toBe(401)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))
})
