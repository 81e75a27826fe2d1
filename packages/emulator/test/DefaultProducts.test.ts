import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { EmulatorClient, ProductApi, Products } from "../src/index.js"
import { demo, numbersUrl, plainBasic, send, token } from "./utils/emulator.js"

/**
 * One production URL per API of the registry, for the APIs a default product serves (answered 200 to a
 * GET, or to a POST of `body`); `null` for those only the built-in fallback routes answer. Typed over
 * every `ApiName`, so a new API without its entry does not compile, and checked against `Products.defaults` below, so a registered product without a
 * URL (or a URL without its product) fails.
 */
type Probe = string | { readonly url: string; readonly body: unknown }

const urls: { readonly [K in ProductApi.ApiName]: Probe | null } = {
  numbers: numbersUrl(demo.projectId, "/activeNumbers"),
  est: `https://elastic-trunking.api.sinch.com/v1/projects/${demo.projectId}/trunks`,
  conversation: `https://eu.conversation.api.sinch.com/v1/projects/${demo.projectId}/apps`,
  templates: `https://eu.template.api.sinch.com/v2/projects/${demo.projectId}/templates`,
  voice: "https://callingapi.sinch.com/v1/configuration/numbers",
  verification: {
    url: "https://verification.api.sinch.com/verification/v1/verifications",
    body: { identity: { type: "number", endpoint: "+46700000000" }, method: "sms" }
  },
  mailgun: "https://api.mailgun.net/v4/domains",
  account: `https://account.api.sinch.com/v1/projects/${demo.projectId}/accessKeys`
}

// Building a product only takes the registry; these tests never reach it.
const provideKeys = Effect.provideService(ProductApi.KeyRegistry, {
  list: () => [],
  get: () => undefined,
  add: () => {
    throw new Error("not used")
  },
  update: () => undefined,
  remove: () => false
})

describe("default product registry", () => {
  it.effect("registers exactly the APIs that have a URL here, and at least one", () =>
    Effect.gen(function*() {
      const registered = (yield* provideKeys(Effect.all(Products.defaults))).map((product) => product.api)
      const expected = ProductApi.apiNames.filter((api) => urls[api] !== null)
      expect(registered.length).toBeGreaterThan(0)
      expect([...new Set(registered)].sort()).toEqual([...expected].sort())
      expect(registered).toHaveLength(new Set(registered).size)
    }))

  it.effect("every registered product API is served behind the core's auth, by production host", () =>
    Effect.gen(function*() {
      const apis = new Set((yield* provideKeys(Effect.all(Products.defaults))).map((product) => product.api))
      const bearer = `Bearer ${yield* token()}`
      // Each API with the credentials of its scope.
      const authorization = (api: ProductApi.ApiName) => {
        switch (ProductApi.describe(api).scope) {
          case "application":
            return plainBasic(demo.applicationKey, Redacted.value(demo.applicationSecret))
          case "mailgun":
            return plainBasic("api", Redacted.value(demo.mailgunApiKey))
          case "project":
            return bearer
        }
      }
      let checked = 0
      for (const api of apis) {
        const probe = urls[api]
        expect(probe, `${api} has no URL in this test`).not.toBeNull()
        const url = typeof probe === "string" ? probe : probe!.url
        const request = typeof probe === "string"
          ? HttpClientRequest.get(url)
          : HttpClientRequest.post(url).pipe(HttpClientRequest.bodyUnsafeJson(probe!.body))
        const authorized = yield* send(request.pipe(HttpClientRequest.setHeader("authorization", authorization(api))))
        expect(authorized.status, url).toBe(200)
        expect(authorized.headers["content-type"], url).toContain("application/json")
        expect((yield* send(request)).status, url).toBe(401)
        checked += 1
      }
      expect(checked).toBe(Products.defaults.length)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("every API of the registry is routed by each production host and by its prefix, and guarded", () =>
    Effect.gen(function*() {
      const hosts = (api: ProductApi.ApiName): ReadonlyArray<string> =>
        ProductApi.describe(api).hosts.map((host) =>
          typeof host === "string"
            ? host
            : api === "voice"
            ? "calling-euc1.api.sinch.com"
            : host.source.replace(/^\^\(\[a-z\]\+\)/, "eu").replace(/\\\./g, ".").replace(/\$$/, "")
        )
      for (const api of ProductApi.apiNames) {
        const description = ProductApi.describe(api)
        const region = description.regional ? "/eu" : ""
        const targets = [
          ...hosts(api).map((host) => `https://${host}/v1/projects/${demo.projectId}/x`),
          `http://127.0.0.1:1/${description.prefix}${region}/v1/projects/${demo.projectId}/x`
        ]
        for (const url of targets) {
          const answer = yield* send(HttpClientRequest.get(url))
          // 401 from the API's own authentication, never the core's "No API" 404.
          expect(answer.status, url).toBe(401)
          const shape = description.errorBody
          const body = answer.json
          if (shape === "sinch") expect(body.error.code, url).toBe(401)
          if (shape === "application") expect(typeof body.errorCode, url).toBe("number")
          if (shape === "mailgun") expect(Object.keys(body), url).toEqual(["message"])
        }
      }
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))
})
