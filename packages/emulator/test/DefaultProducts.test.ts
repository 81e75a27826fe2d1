import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { EmulatorClient, Products } from "../src/index.js"
import { demo, numbersUrl, send, token } from "./utils/emulator.js"

describe("default product registry", () => {
  it.effect("every registered product API is served behind the core's auth, by production host", () =>
    Effect.gen(function*() {
      const apis = new Set((yield* Effect.all(Products.defaults)).map((product) => product.api))
      const bearer = `Bearer ${yield* token()}`
      const urls: Record<string, string> = {
        numbers: numbersUrl(demo.projectId, "/activeNumbers"),
        est: `https://elastic-trunking.api.sinch.com/v1/projects/${demo.projectId}/trunks`,
        conversation: `https://eu.conversation.api.sinch.com/v1/projects/${demo.projectId}/apps`
      }
      for (const api of apis) {
        const url = urls[api]
        if (url === undefined) continue
        const authorized = yield* send(
          HttpClientRequest.get(url).pipe(HttpClientRequest.setHeader("authorization", bearer))
        )
        expect(authorized.status, url).toBe(200)
        expect(authorized.headers["content-type"], url).toContain("application/json")
        expect((yield* send(HttpClientRequest.get(url))).status, url).toBe(401)
      }
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))
})
