/**
 * The official `@sinch/sdk-core` Numbers client against the emulator served on 127.0.0.1: one
 * representative call per resource must succeed, and what the emulator answers must decode with our
 * Schemas. Where the official client and the emulator disagree, the Numbers API reference decides;
 * each such case cites it.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Effect, Redacted } from "effect"
import { NumbersSchema } from "../src/index.js"
import { decodes, failure, officialClient, promise } from "./utils/officialSdk.js"

const demo = Emulator.demoCredentials

const sdk = Effect.map(
  officialClient((baseUrl) => ({
    numbersHostname: `${baseUrl}/numbers`
  })),
  (client) => client.numbers
)

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "official Numbers client against the emulator",
  (it) => {
    it.effect("available numbers: search, check availability (the SDK's unencoded + in the path is a literal +)", () =>
      Effect.gen(function*() {
        const numbers = yield* sdk
        const found = yield* promise(() =>
          numbers.searchForAvailableNumbers({ regionCode: "GB", type: "MOBILE", size: 3 })
        )
        expect(decodes(NumbersSchema.AvailableNumbersResponse, found).availableNumbers).toHaveLength(3)
        const one = yield* promise(() => numbers.checkAvailability({ phoneNumber: "+447700900110" }))
        expect(decodes(NumbersSchema.AvailableNumber, one).phoneNumber).toBe("+447700900110")
      }))

    it.effect("rent and rentAny", () =>
      Effect.gen(function*() {
        const numbers = yield* sdk
        const rented = yield* promise(() =>
          numbers.rent({
            phoneNumber: "+12025550121",
            rentNumberRequestBody: { smsConfiguration: { servicePlanId: "plan-sdk" } }
          })
        )
        const decoded = decodes(NumbersSchema.ActiveNumber, rented)
        expect(decoded.smsConfiguration?.scheduledProvisioning?.servicePlanId).toBe("plan-sdk")
        const any = yield* promise(() =>
          numbers.rentAny({ rentAnyNumberRequestBody: { regionCode: "SE", type: "MOBILE" } })
        )
        expect(decodes(NumbersSchema.ActiveNumber, any).regionCode).toBe("SE")
      }))

    it.effect("active numbers: every page through the SDK's iterator, get, update, release", () =>
      Effect.gen(function*() {
        const numbers = yield* sdk
        const all = yield* promise(async () => {
          const collected: Array<unknown> = []
          for await (const number of numbers.list({ pageSize: 2 })) {
            collected.push(number)
            if (collected.length > 50) break
          }
          return collected
        })
        const phones = all.map((n) => decodes(NumbersSchema.ActiveNumber, n).phoneNumber)
        expect(new Set(phones).size).toBe(phones.length)
        expect(phones).toContain("+12025550121")
        const counters = yield* Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
        expect(counters.requestsByRoute[`GET /numbers/v1/projects/${demo.projectId}/activeNumbers`]).toBe(
          Math.ceil(phones.length / 2)
        )

        const got = yield* promise(() => numbers.get({ phoneNumber: "+12025550121" }))
        expect(decodes(NumbersSchema.ActiveNumber, got).phoneNumber).toBe("+12025550121")
        const updated = yield* promise(() =>
          numbers.update({
            phoneNumber: "+12025550121",
            updateActiveNumberRequestBody: { displayName: "From the SDK" }
          })
        )
        expect(decodes(NumbersSchema.ActiveNumber, updated).displayName).toBe("From the SDK")
        const released = yield* promise(() => numbers.release({ phoneNumber: "+12025550121" }))
        expect(decodes(NumbersSchema.ActiveNumber, released).phoneNumber).toBe("+12025550121")
      }))

    it.effect("available regions and callback configuration", () =>
      Effect.gen(function*() {
        const numbers = yield* sdk
        const regions = yield* promise(() => numbers.availableRegions.list({ types: ["TOLL_FREE"] }))
        expect(decodes(NumbersSchema.AvailableRegionsResponse, regions).availableRegions.map((r) => r.regionCode))
          .toEqual(["US", "GB"])
        const updated = yield* promise(() =>
          numbers.callbacks.update({ updateCallbackConfigurationRequestBody: { hmacSecret: "sdk-secret" } })
        )
        const config = decodes(NumbersSchema.CallbackConfiguration, updated)
        expect(config.projectId).toBe(demo.projectId)
        expect(Redacted.value(config.hmacSecret!)).toBe("sdk-secret")
        const read = yield* promise(() => numbers.callbacks.get({}))
        expect(Redacted.value(decodes(NumbersSchema.CallbackConfiguration, read).hmacSecret!)).toBe("sdk-secret")
      }))

    it.effect("emergency address: validate, provision, get and deprovision through the SDK", () =>
      Effect.gen(function*() {
        const numbers = yield* sdk
        const phoneNumber = "+12025550100" // a seeded active number of the demo project
        const route = `/numbers/v1/projects/${demo.projectId}/activeNumbers/${phoneNumber}/emergencyAddress`
        const address = {
          streetNumber: "1600",
          streetInfo: "Pennsylvania Ave NW",
          city: "Washington",
          state: "DC",
          postalCode: "20500"
        }
        const request = { displayName: "Front desk", address }

        const exact = decodes(
          NumbersSchema.ValidateEmergencyAddressResponse,
          yield* promise(() => numbers.validateEmergencyAddress({ phoneNumber, emergencyAddressRequestBody: request }))
        )
        expect(exact).toEqual({
          phoneNumber,
          displayName: "Front desk",
          validatedAddress: address,
          validationResult: "EXACT_MATCH",
          validationMessage: "The address matches",
          candidateAddresses: []
        })
        // The reference: candidateAddresses are "only available if validationResult == NO_MATCH".
        const noMatch = yield* promise(() =>
          numbers.validateEmergencyAddress({
            phoneNumber,
            emergencyAddressRequestBody: { ...request, address: { ...address, postalCode: "2050" } }
          })
        )
        expect(noMatch.validationResult).toBe("NO_MATCH")
        expect(noMatch.candidateAddresses).toEqual([{ ...address, postalCode: "02050" }])

        const before = yield* failure(() => numbers.getEmergencyAddress({ phoneNumber }))
        expect(before?.statusCode).toBe(404)

        // The bare address, not the request's `{ displayName, address }`: the reference's
        // EmergencyAddressResponse is its `EmergencyAddress` schema (numbers OpenAPI, components.responses),
        // the SDK types it so (models/v1/emergency-address) and so does the Java SDK's test payload
        // (openapi-contracts/.../numbers/v1/emergency-address.json). The emulator answered the request's
        // shape until this test ran the SDK against it; our Schema reads both.
        const provisioned = yield* promise(() =>
          numbers.provisionEmergencyAddress({ phoneNumber, emergencyAddressRequestBody: request })
        )
        expect(provisioned).toEqual(address)
        expect(decodes(NumbersSchema.EmergencyAddressResponse, provisioned).postalCode).toBe("20500")
        const got = yield* promise(() => numbers.getEmergencyAddress({ phoneNumber }))
        expect(got).toEqual(address)

        const deprovisioned = yield* promise(() => numbers.deprovisionEmergencyAddress({ phoneNumber }))
        expect(deprovisioned).toEqual({})
        const after = yield* failure(() => numbers.getEmergencyAddress({ phoneNumber }))
        expect(after?.statusCode).toBe(404)

        const counters = yield* Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
        expect(counters.requestsByRoute[`POST ${route}:validate`]).toBe(2)
        expect(counters.requestsByRoute[`POST ${route}:provision`]).toBe(1)
        expect(counters.requestsByRoute[`GET ${route}`]).toBe(3)
        expect(counters.requestsByRoute[`POST ${route}:deprovision`]).toBe(1)
      }))

    // Disagreements, decided by the documents.

    it.effect("a + in numberPattern.pattern: the SDK sends it unencoded, which the documents rule out", () =>
      Effect.gen(function*() {
        const numbers = yield* sdk
        // https://developers.sinch.com/docs/numbers/api-reference/numbers/active-number/numberservice_listactivenumbers.md
        // gives the example value of numberPattern.pattern as "%2B120": a + must be percent-encoded, because
        // an unencoded + in a query string is a space (application/x-www-form-urlencoded). The SDK sends
        // the raw +, so the API sees " 1202", and the emulator says so instead of silently matching nothing.
        const error = yield* failure(() =>
          numbers.searchForAvailableNumbers({
            regionCode: "US",
            type: "LOCAL",
            "numberPattern.pattern": "+1202",
            "numberPattern.searchPattern": "START"
          })
        )
        expect(error?.statusCode).toBe(400)
        expect(JSON.stringify(error?.data)).toContain("numberPattern.pattern")
        // Without the +, the same search succeeds.
        const found = yield* promise(() =>
          numbers.searchForAvailableNumbers({
            regionCode: "US",
            type: "LOCAL",
            "numberPattern.pattern": "120255501",
            "numberPattern.searchPattern": "START"
          })
        )
        expect(found.availableNumbers?.length).toBeGreaterThan(0)
      }))

    it.effect("repeated query parameters: the SDK repeats capabilities and types, as documented", () =>
      Effect.gen(function*() {
        const numbers = yield* sdk
        // https://developers.sinch.com/docs/numbers/api-reference/numbers/available-number documents
        // `capabilities` as an array query parameter, sent exploded (capabilities=SMS&capabilities=VOICE);
        // the emulator rejects a comma-joined list, so success here proves the SDK repeats the key.
        const found = yield* promise(() =>
          numbers.searchForAvailableNumbers({ regionCode: "GB", type: "LOCAL", capabilities: ["SMS", "VOICE"] })
        )
        expect(found.availableNumbers ?? []).toEqual([])
        const both = yield* promise(() =>
          numbers.searchForAvailableNumbers({ regionCode: "GB", type: "MOBILE", capabilities: ["SMS", "VOICE"] })
        )
        expect(decodes(NumbersSchema.AvailableNumbersResponse, both).availableNumbers.length).toBeGreaterThan(0)
        const regions = yield* promise(() => numbers.availableRegions.list({ types: ["TOLL_FREE", "MOBILE"] }))
        expect(decodes(NumbersSchema.AvailableRegionsResponse, regions).availableRegions.map((r) => r.regionCode))
          .toEqual(["US", "GB", "SE", "DE", "FR"])
      }))
  }
)
