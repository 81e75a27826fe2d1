import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import type { ProductApi, ProductRequest, ProductResponse } from "../../src/ProductApi.js"
import * as Numbers from "../../src/products/numbers.js"

const project = "demo-project"
const base = `/v1/projects/${project}`

const request = (
  method: ProductRequest["method"],
  pathAndQuery: string,
  body?: unknown,
  projectId: string | undefined = project
): ProductRequest => {
  const [path, query = ""] = pathAndQuery.split("?") as [string, string?]
  return {
    method,
    path,
    segments: path.split("/").filter((s) => s !== "").map(decodeURIComponent),
    query: new URLSearchParams(query),
    headers: {},
    body,
    rawBody: body === undefined ? "" : JSON.stringify(body),
    region: undefined,
    projectId
  }
}

const call = (api: ProductApi, method: ProductRequest["method"], path: string, body?: unknown) =>
  api.handle(request(method, path, body)).pipe(
    Effect.map((response): ProductResponse => {
      if (response === undefined) throw new Error(`no route for ${method} ${path}`)
      return response
    })
  )

const json = (response: ProductResponse): any => response.body

const violations = (response: ProductResponse): Array<{ field: string; description: string }> =>
  json(response).error.details[0].fieldViolations

const fresh = Numbers.makeWith({ seedActiveNumbers: 0 })

describe("emulated Numbers API", () => {
  describe("available numbers", () => {
    it.effect("searches by region and type, limited by size, with the documented fields", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const all = yield* call(api, "GET", `${base}/availableNumbers?regionCode=US&type=LOCAL`)
        expect(all.status).toBe(200)
        expect(json(all).availableNumbers).toHaveLength(24)
        const some = yield* call(api, "GET", `${base}/availableNumbers?regionCode=US&type=LOCAL&size=5`)
        expect(json(some).availableNumbers).toHaveLength(5)
        expect(json(some).availableNumbers[0]).toEqual({
          phoneNumber: "+12025550100",
          regionCode: "US",
          type: "LOCAL",
          capability: ["SMS", "VOICE"],
          setupPrice: { currencyCode: "USD", amount: "0.00" },
          monthlyPrice: { currencyCode: "USD", amount: "1.00" },
          paymentIntervalMonths: 1,
          supportingDocumentationRequired: false
        })
      }))

    it.effect("matches a percent-encoded + pattern and repeated capabilities", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const start = yield* call(
          api,
          "GET",
          `${base}/availableNumbers?regionCode=US&type=LOCAL&numberPattern.pattern=%2B1202555010&numberPattern.searchPattern=START`
        )
        expect(json(start).availableNumbers.map((n: any) => n.phoneNumber)).toEqual(
          Array.from({ length: 10 }, (_, i) => `+120255501${String(i).padStart(2, "0")}`)
        )
        const end = yield* call(
          api,
          "GET",
          `${base}/availableNumbers?regionCode=GB&type=MOBILE&numberPattern.pattern=111&numberPattern.searchPattern=END&capabilities=SMS&capabilities=VOICE`
        )
        expect(json(end).availableNumbers.map((n: any) => n.phoneNumber)).toEqual(["+447700900111"])
        const voiceOnly = yield* call(api, "GET", `${base}/availableNumbers?regionCode=GB&type=LOCAL&capabilities=SMS`)
        expect(json(voiceOnly).availableNumbers).toEqual([])
      }))

    it.effect("rejects a + sent unencoded in the query (decoded as a space) with a field violation", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const response = yield* call(
          api,
          "GET",
          `${base}/availableNumbers?regionCode=US&type=LOCAL&numberPattern.pattern=+1202&numberPattern.searchPattern=START`
        )
        expect(response.status).toBe(400)
        expect(json(response).error.status).toBe("INVALID_ARGUMENT")
        expect(violations(response)).toHaveLength(1)
        expect(violations(response)[0]!.field).toBe("numberPattern.pattern")
        expect(violations(response)[0]!.description).toContain("%2B")
      }))

    it.effect("answers 400 INVALID_ARGUMENT listing every missing or wrong parameter", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const response = yield* call(api, "GET", `${base}/availableNumbers?capabilities=MMS&size=0`)
        expect(response.status).toBe(400)
        expect(json(response).error.code).toBe(400)
        expect(json(response).error.details[0].type).toBe("BadRequest")
        expect(violations(response).map((v) => v.field)).toEqual(["regionCode", "type", "capabilities", "size"])
      }))

    it.effect("gets one available number by its percent-encoded E.164 path", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const found = yield* call(api, "GET", `${base}/availableNumbers/%2B46701740605`)
        expect(found.status).toBe(200)
        expect(json(found)).toMatchObject({ phoneNumber: "+46701740605", regionCode: "SE", type: "MOBILE" })
        const missing = yield* call(api, "GET", `${base}/availableNumbers/%2B19999999999`)
        expect(missing.status).toBe(404)
        expect(json(missing).error).toMatchObject({
          code: 404,
          status: "NOT_FOUND",
          details: [{ type: "ResourceInfo", resourceType: "AvailableNumber", resourceName: "+19999999999" }]
        })
      }))

    it.effect("rejects a space where + was meant in a path segment", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const response = yield* call(api, "GET", `${base}/availableNumbers/%2012025550100`)
        expect(response.status).toBe(400)
        expect(violations(response)[0]!.field).toBe("phoneNumber")
        expect(violations(response)[0]!.description).toContain("space")
      }))
  })

  describe("renting", () => {
    it.effect("rents a number: scheduled SMS / voice provisioning, then settled and no longer available", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const rented = yield* call(api, "POST", `${base}/availableNumbers/%2B12025550105:rent`, {
          smsConfiguration: { servicePlanId: "plan-1" },
          voiceConfiguration: { type: "RTC", appId: "app-1" },
          callbackUrl: "https://example.com/numbers"
        })
        expect(rented.status).toBe(200)
        expect(json(rented)).toMatchObject({
          phoneNumber: "+12025550105",
          projectId: project,
          regionCode: "US",
          type: "LOCAL",
          money: { currencyCode: "USD", amount: "1.00" },
          paymentIntervalMonths: 1,
          callbackUrl: "https://example.com/numbers",
          smsConfiguration: {
            servicePlanId: "",
            scheduledProvisioning: { servicePlanId: "plan-1", status: "WAITING" }
          },
          voiceConfiguration: {
            type: "RTC",
            scheduledVoiceProvisioning: { type: "RTC", appId: "app-1", status: "WAITING" }
          }
        })
        const active = yield* call(api, "GET", `${base}/activeNumbers/%2B12025550105`)
        expect(json(active).smsConfiguration).toEqual({ servicePlanId: "plan-1", campaignId: "" })
        expect(json(active).voiceConfiguration).toMatchObject({ type: "RTC", appId: "app-1" })
        expect(json(active).voiceConfiguration.scheduledVoiceProvisioning).toBeUndefined()
        const gone = yield* call(api, "GET", `${base}/availableNumbers/%2B12025550105`)
        expect(gone.status).toBe(404)
        const again = yield* call(api, "POST", `${base}/availableNumbers/%2B12025550105:rent`, {})
        expect(again.status).toBe(404)
      }))

    it.effect("keeps provisioning WAITING until the delay has passed on the clock", () =>
      Effect.gen(function*() {
        const api = yield* Numbers.makeWith({ seedActiveNumbers: 0, provisioningDelay: "5 seconds" })
        yield* call(api, "POST", `${base}/availableNumbers/%2B447700900100:rent`, {
          smsConfiguration: { servicePlanId: "plan-2" }
        })
        const before = yield* call(api, "GET", `${base}/activeNumbers/%2B447700900100`)
        expect(json(before).smsConfiguration.scheduledProvisioning.status).toBe("WAITING")
        yield* TestClock.adjust("5 seconds")
        const after = yield* call(api, "GET", `${base}/activeNumbers/%2B447700900100`)
        expect(json(after).smsConfiguration).toEqual({ servicePlanId: "plan-2", campaignId: "" })
      }))

    it.effect("validates the rent body and the number's capabilities", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const noPlan = yield* call(api, "POST", `${base}/availableNumbers/%2B12025550106:rent`, {
          smsConfiguration: {},
          voiceConfiguration: { type: "EST" }
        })
        expect(noPlan.status).toBe(400)
        expect(violations(noPlan).map((v) => v.field)).toEqual([
          "smsConfiguration.servicePlanId",
          "voiceConfiguration.trunkId"
        ])
        const voiceOnly = yield* call(api, "POST", `${base}/availableNumbers/%2B442079460100:rent`, {
          smsConfiguration: { servicePlanId: "plan" }
        })
        expect(voiceOnly.status).toBe(400)
        expect(violations(voiceOnly)[0]!.field).toBe("smsConfiguration")
      }))

    it.effect("rents any number matching the criteria, or answers 404 when none does", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const any = yield* call(api, "POST", `${base}/availableNumbers:rentAny`, {
          regionCode: "SE",
          type: "MOBILE",
          numberPattern: { pattern: "+4670174061", searchPattern: "START" },
          capabilities: ["SMS"],
          smsConfiguration: { servicePlanId: "plan-se" }
        })
        expect(any.status).toBe(200)
        expect(json(any).phoneNumber).toBe("+46701740610")
        const none = yield* call(api, "POST", `${base}/availableNumbers:rentAny`, {
          regionCode: "GB",
          type: "TOLL_FREE",
          capabilities: ["SMS"]
        })
        expect(none.status).toBe(404)
        const invalid = yield* call(api, "POST", `${base}/availableNumbers:rentAny`, { type: "TOLLFREE" })
        expect(violations(invalid).map((v) => v.field)).toEqual(["regionCode", "type"])
      }))
  })

  describe("active numbers", () => {
    it.effect("seeds a project with demo numbers and pages them with pageToken / nextPageToken", () =>
      Effect.gen(function*() {
        const api = yield* Numbers.make
        const seen: Array<string> = []
        let token = ""
        let pages = 0
        for (; pages < 10; pages++) {
          const response = yield* call(
            api,
            "GET",
            `${base}/activeNumbers?pageSize=4${token === "" ? "" : `&pageToken=${encodeURIComponent(token)}`}`
          )
          expect(response.status).toBe(200)
          expect(json(response).totalSize).toBe(6)
          seen.push(...json(response).activeNumbers.map((n: any) => n.phoneNumber))
          token = json(response).nextPageToken
          if (token === "") break
        }
        expect(pages + 1).toBe(2)
        expect(seen).toEqual([...seen].sort())
        expect(new Set(seen).size).toBe(6)
      }))

    it.effect("filters and orders active numbers", () =>
      Effect.gen(function*() {
        const api = yield* Numbers.make
        const us = yield* call(api, "GET", `${base}/activeNumbers?regionCode=US&type=LOCAL`)
        expect(json(us).activeNumbers.map((n: any) => n.displayName)).toEqual(["Support line", "Sales"])
        const byName = yield* call(api, "GET", `${base}/activeNumbers?orderBy=displayName`)
        expect(json(byName).activeNumbers.map((n: any) => n.displayName)).toEqual([
          "Hotline",
          "London office",
          "Nordic OTP",
          "Sales",
          "Support line",
          "UK alerts"
        ])
        const bad = yield* call(api, "GET", `${base}/activeNumbers?orderBy=price&pageToken=nope`)
        expect(violations(bad).map((v) => v.field)).toEqual(["orderBy", "pageToken"])
      }))

    it.effect("updates display name, voice configuration (EST trunk) and callback URL", () =>
      Effect.gen(function*() {
        const api = yield* Numbers.make
        const patched = yield* call(api, "PATCH", `${base}/activeNumbers/%2B12025550100`, {
          displayName: "Renamed",
          voiceConfiguration: { type: "EST", trunkId: "trunk-1" },
          callbackUrl: "https://example.com/cb"
        })
        expect(patched.status).toBe(200)
        expect(json(patched)).toMatchObject({
          displayName: "Renamed",
          callbackUrl: "https://example.com/cb",
          voiceConfiguration: { scheduledVoiceProvisioning: { type: "EST", trunkId: "trunk-1", status: "WAITING" } }
        })
        const read = yield* call(api, "GET", `${base}/activeNumbers/%2B12025550100`)
        expect(json(read).voiceConfiguration).toMatchObject({ type: "EST", trunkId: "trunk-1" })
        const bad = yield* call(api, "PATCH", `${base}/activeNumbers/%2B12025550100`, {
          voiceConfiguration: { type: "SIP" }
        })
        expect(bad.status).toBe(400)
        expect(violations(bad)[0]!.field).toBe("voiceConfiguration.type")
        const missing = yield* call(api, "PATCH", `${base}/activeNumbers/%2B12025550199`, { displayName: "x" })
        expect(missing.status).toBe(404)
        expect(json(missing).error.details[0].resourceType).toBe("ActiveNumber")
      }))

    it.effect("releases a number back to the inventory", () =>
      Effect.gen(function*() {
        const api = yield* Numbers.make
        const released = yield* call(api, "POST", `${base}/activeNumbers/%2B12025550101:release`)
        expect(released.status).toBe(200)
        expect(json(released).phoneNumber).toBe("+12025550101")
        expect((yield* call(api, "GET", `${base}/activeNumbers/%2B12025550101`)).status).toBe(404)
        expect((yield* call(api, "GET", `${base}/availableNumbers/%2B12025550101`)).status).toBe(200)
        expect((yield* call(api, "POST", `${base}/activeNumbers/%2B12025550101:release`)).status).toBe(404)
      }))

    it.effect("keeps projects apart", () =>
      Effect.gen(function*() {
        const api = yield* Numbers.make
        yield* call(api, "GET", `${base}/activeNumbers`)
        const other = yield* api.handle(
          request("GET", "/v1/projects/other/activeNumbers/%2B12025550100", undefined, "other")
        )
        expect(other!.status).toBe(404)
        const denied = yield* api.handle(request("GET", `${base}/activeNumbers`, undefined, "intruder"))
        expect(denied!.status).toBe(403)
      }))
  })

  describe("regions and callbacks", () => {
    it.effect("lists available regions, filtered by repeated types", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        const all = yield* call(api, "GET", `${base}/availableRegions`)
        expect(json(all).availableRegions.map((r: any) => r.regionCode)).toEqual(["US", "CA", "GB", "SE", "DE", "FR"])
        const tollFree = yield* call(api, "GET", `${base}/availableRegions?types=TOLL_FREE`)
        expect(json(tollFree).availableRegions).toEqual([
          { regionCode: "US", regionName: "United States", types: ["LOCAL", "TOLL_FREE"] },
          { regionCode: "GB", regionName: "United Kingdom", types: ["MOBILE", "LOCAL", "TOLL_FREE"] }
        ])
      }))

    it.effect("reads and updates the callback configuration's HMAC secret", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        expect(json(yield* call(api, "GET", `${base}/callbackConfiguration`))).toEqual({ projectId: project })
        const updated = yield* call(api, "PATCH", `${base}/callbackConfiguration`, { hmacSecret: "s3cret" })
        expect(json(updated)).toEqual({ projectId: project, hmacSecret: "s3cret" })
        expect(json(yield* call(api, "GET", `${base}/callbackConfiguration`))).toEqual({
          projectId: project,
          hmacSecret: "s3cret"
        })
        const bad = yield* call(api, "PATCH", `${base}/callbackConfiguration`, { hmacSecret: 1 })
        expect(bad.status).toBe(400)
      }))

    it.effect("answers undefined for routes it does not serve", () =>
      Effect.gen(function*() {
        const api = yield* fresh
        expect(yield* api.handle(request("GET", "/v2/projects/p/activeNumbers"))).toBeUndefined()
        expect(yield* api.handle(request("DELETE", `${base}/activeNumbers/%2B12025550100`))).toBeUndefined()
        expect(yield* api.handle(request("GET", `${base}/unknown`))).toBeUndefined()
      }))
  })
})
