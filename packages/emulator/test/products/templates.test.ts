import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { EmulatedRegion, ProductApi, ProductRequest, ProductResponse } from "../../src/ProductApi.js"
import * as Templates from "../../src/products/templates.js"

const project = "c36f3d3d-1513-4edd-ae42-11995557ff61"

interface Call {
  readonly body?: unknown
  readonly region?: EmulatedRegion
  readonly projectId?: string
}

const request = (method: ProductRequest["method"], path: string, call: Call = {}): ProductRequest => {
  const url = new URL(path.replace("{project}", project), "http://emulator")
  return {
    method,
    path: url.pathname,
    segments: url.pathname.split("/").filter((s) => s !== "").map(decodeURIComponent),
    query: url.searchParams,
    headers: { "content-type": "application/json" },
    body: call.body,
    rawBody: call.body === undefined ? "" : JSON.stringify(call.body),
    region: call.region ?? "eu",
    projectId: call.projectId ?? project
  }
}

const send = (api: ProductApi, method: ProductRequest["method"], path: string, call?: Call) =>
  api.handle(request(method, path, call)).pipe(
    Effect.map((response): ProductResponse => {
      if (response === undefined) throw new Error(`no route for ${method} ${path}`)
      return response
    })
  )

const body = (response: ProductResponse): any => response.body

const v2Template = {
  id: "welcome",
  default_translation: "en-US",
  translations: [{ language_code: "en-US", version: "1", text_message: { text: "Welcome" } }]
}

describe("emulated Template Management API", () => {
  it.effect("a template lives in one region; another region answers 404", () =>
    Effect.gen(function*() {
      const api = yield* Templates.make
      expect((yield* send(api, "POST", "/v2/projects/{project}/templates", { body: v2Template })).status).toBe(200)
      expect((yield* send(api, "GET", "/v2/projects/{project}/templates/welcome")).status).toBe(200)
      const us = yield* send(api, "GET", "/v2/projects/{project}/templates/welcome", { region: "us" })
      expect(us.status).toBe(404)
      expect(body(us).error).toMatchObject({ code: 404, status: "NOT_FOUND" })
    }))

  it.effect("v1 and v2 keep separate templates; a project the token is not for is 403", () =>
    Effect.gen(function*() {
      const api = yield* Templates.make
      yield* send(api, "POST", "/v2/projects/{project}/templates", { body: v2Template })
      expect(body(yield* send(api, "GET", "/v1/projects/{project}/templates"))).toEqual({ templates: [] })
      const other = yield* send(api, "GET", "/v2/projects/{project}/templates", { projectId: "another-project" })
      expect(other.status).toBe(403)
    }))

  it.effect("a v2 translation needs exactly one message kind, and the default translation must exist", () =>
    Effect.gen(function*() {
      const api = yield* Templates.make
      const twoKinds = yield* send(api, "POST", "/v2/projects/{project}/templates", {
        body: {
          default_translation: "en-US",
          translations: [{ language_code: "en-US", text_message: { text: "a" }, media_message: { url: "u" } }]
        }
      })
      expect(twoKinds.status).toBe(400)
      expect(body(twoKinds).error.details[0].fieldViolations[0].field).toBe("translations[0]")
      const missingDefault = yield* send(api, "POST", "/v1/projects/{project}/templates", {
        body: { default_translation: "fr-FR", translations: [{ language_code: "en-US", content: "Hi" }] }
      })
      expect(missingDefault.status).toBe(400)
      expect(body(missingDefault).error.details[0].fieldViolations[0].field).toBe("default_translation")
    }))

  it.effect("a v1 id chosen twice is 409 ALREADY_EXISTS", () =>
    Effect.gen(function*() {
      const api = yield* Templates.make
      const create = {
        id: "t1",
        default_translation: "en-US",
        translations: [{ language_code: "en-US", content: "Hi" }]
      }
      expect((yield* send(api, "POST", "/v1/projects/{project}/templates", { body: create })).status).toBe(200)
      const again = yield* send(api, "POST", "/v1/projects/{project}/templates", { body: create })
      expect(again.status).toBe(409)
      expect(body(again).error.status).toBe("ALREADY_EXISTS")
    }))
})
