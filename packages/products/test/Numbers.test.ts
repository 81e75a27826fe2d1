import { describe, expect, it } from "@effect/vitest"
import { AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Effect, Inspectable, Layer, Redacted, Stream } from "effect"
import { Numbers, NumbersSchema } from "../src/index.js"

const demo = Emulator.demoCredentials
const projectPath = `/v1/projects/${demo.projectId}`

const Credentials = ProjectCredentials.layer({
  projectId: demo.projectId,
  keyId: demo.keyId,
  keySecret: demo.keySecret
})

// Production endpoints: the in-process emulator routes numbers.api.sinch.com and auth.sinch.com by host.
const Base = Layer.mergeAll(Credentials, SinchEndpoints.layer()).pipe(
  Layer.orDie,
  Layer.provideMerge(EmulatorClient.layerEmulator())
)

const OAuth2 = Numbers.layer.pipe(Layer.provideMerge(TokenProvider.layer()), Layer.provideMerge(Base))

const Basic = Numbers.layerWith({ strategy: AuthStrategy.projectBasic }).pipe(Layer.provideMerge(Base))

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

const routeCount = (route: string) => Effect.map(counters, (c) => c.requestsByRoute[route] ?? 0)

const activePages = routeCount(`GET ${projectPath}/activeNumbers`)

const tokenRequests = Effect.map(counters, (c) => c.tokenRequests.total)

describe("Numbers against the emulator", () => {
  it.effect("lists available numbers, sending a + pattern percent-encoded", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const found = yield* numbers.listAvailableNumbers({
        regionCode: "US",
        type: "LOCAL",
        numberPattern: { pattern: "+1202555010", searchPattern: "START" },
        capabilities: ["SMS", "VOICE"],
        size: 4
      })
      // +12025550100 and +12025550101 are the demo project's own (seeded) numbers, so no longer available.
      expect(found.map((n) => n.phoneNumber)).toEqual(["+12025550102", "+12025550103", "+12025550104", "+12025550105"])
      expect(found[0]).toBeInstanceOf(NumbersSchema.AvailableNumber)
      expect(found[0]!.monthlyPrice).toEqual(new NumbersSchema.Money({ currencyCode: "USD", amount: "1.00" }))
    }).pipe(Effect.provide(OAuth2)))

  it.effect("gets one available number by its E.164 number", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const number = yield* numbers.getAvailableNumber("+447700900105")
      expect(number).toMatchObject({ phoneNumber: "+447700900105", regionCode: "GB", type: "MOBILE" })
      expect(number.capability).toEqual(["SMS", "VOICE"])
      expect(yield* routeCount(`GET ${projectPath}/availableNumbers/%2B447700900105`)).toBe(1)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("rents a number with SMS and RTC voice configurations", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const rented = yield* numbers.rentNumber("+12025550110", {
        smsConfiguration: { servicePlanId: "plan-1" },
        voiceConfiguration: { type: "RTC", appId: "app-1" },
        callbackUrl: "https://example.com/numbers"
      })
      expect(rented).toBeInstanceOf(NumbersSchema.ActiveNumber)
      expect(rented.phoneNumber).toBe("+12025550110")
      expect(rented.projectId).toBe(demo.projectId)
      expect(rented.smsConfiguration?.scheduledProvisioning).toMatchObject({
        servicePlanId: "plan-1",
        status: "WAITING"
      })
      expect(rented.voiceConfiguration?.scheduledVoiceProvisioning).toMatchObject({ type: "RTC", appId: "app-1" })
      const active = yield* numbers.getActiveNumber("+12025550110")
      expect(active.smsConfiguration?.servicePlanId).toBe("plan-1")
      expect(active.voiceConfiguration?.appId).toBe("app-1")
    }).pipe(Effect.provide(OAuth2)))

  it.effect("rents any number matching the criteria", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const rented = yield* numbers.rentAnyNumber({
        regionCode: "SE",
        type: "MOBILE",
        numberPattern: { pattern: "+467017406", searchPattern: "START" },
        capabilities: ["SMS"],
        smsConfiguration: { servicePlanId: "plan-se" }
      })
      expect(rented.regionCode).toBe("SE")
      expect(rented.phoneNumber?.startsWith("+467017406")).toBe(true)
      expect(rented.smsConfiguration?.scheduledProvisioning?.servicePlanId).toBe("plan-se")
    }).pipe(Effect.provide(OAuth2)))

  it.effect("streams every active number over pageToken pages", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const all = yield* Stream.runCollect(numbers.listActiveNumbers({ pageSize: 2 }))
      expect(Chunk.size(all)).toBe(6)
      expect(new Set(Chunk.toReadonlyArray(all).map((n) => n.phoneNumber)).size).toBe(6)
      expect(yield* activePages).toBe(3)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("fetches pages lazily: Stream.take(3) of pages of 2 sends exactly 2 page requests", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const first = yield* Stream.runCollect(Stream.take(numbers.listActiveNumbers({ pageSize: 2 }), 3))
      expect(Chunk.size(first)).toBe(3)
      expect(yield* activePages).toBe(2)
      const one = yield* Stream.runCollect(Stream.take(numbers.listActiveNumbers({ pageSize: 2 }), 1))
      expect(Chunk.size(one)).toBe(1)
      expect(yield* activePages).toBe(3)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("filters and orders active numbers", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const us = yield* Stream.runCollect(numbers.listActiveNumbers({
        regionCode: "US",
        type: "LOCAL",
        capability: ["SMS"],
        numberPattern: { pattern: "+1202", searchPattern: "START" },
        orderBy: "displayName"
      }))
      expect(Chunk.toReadonlyArray(us).map((n) => n.displayName)).toEqual(["Sales", "Support line"])
    }).pipe(Effect.provide(OAuth2)))

  it.effect("updates an active number (display name, EST trunk, callback URL) and releases it", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const [first] = Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(numbers.listActiveNumbers(), 1)))
      const phone = first!.phoneNumber!
      const updated = yield* numbers.updateActiveNumber(phone, {
        displayName: "Trunk line",
        voiceConfiguration: { type: "EST", trunkId: "trunk-7" },
        callbackUrl: "https://example.com/cb"
      })
      expect(updated.displayName).toBe("Trunk line")
      expect(updated.callbackUrl).toBe("https://example.com/cb")
      expect(updated.voiceConfiguration?.scheduledVoiceProvisioning).toMatchObject({ type: "EST", trunkId: "trunk-7" })
      expect((yield* numbers.getActiveNumber(phone)).voiceConfiguration).toMatchObject({
        type: "EST",
        trunkId: "trunk-7"
      })
      const released = yield* numbers.releaseNumber(phone)
      expect(released.phoneNumber).toBe(phone)
      const error = yield* Effect.flip(numbers.getActiveNumber(phone))
      expect(error._tag).toBe("SinchApiError")
      expect(error._tag === "SinchApiError" && error.status).toBe(404)
      expect((yield* numbers.getAvailableNumber(phone)).phoneNumber).toBe(phone)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("lists available regions filtered by type", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const regions = yield* numbers.listAvailableRegions({ types: ["TOLL_FREE"] })
      expect(regions.map((r) => r.regionCode)).toEqual(["US", "GB"])
      expect(regions[0]).toBeInstanceOf(NumbersSchema.AvailableRegion)
      expect((yield* numbers.listAvailableRegions()).length).toBe(6)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("reads and sets the callback HMAC secret, which stays redacted", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const before = yield* numbers.getCallbackConfiguration
      expect(before.projectId).toBe(demo.projectId)
      expect(before.hmacSecret).toBeUndefined()
      const updated = yield* numbers.updateCallbackConfiguration({ hmacSecret: Redacted.make("cb-secret-4711") })
      expect(Redacted.value(updated.hmacSecret!)).toBe("cb-secret-4711")
      expect(Inspectable.format(updated)).not.toContain("cb-secret-4711")
      expect(JSON.stringify(updated)).not.toContain("cb-secret-4711")
      const after = yield* numbers.getCallbackConfiguration
      expect(Redacted.value(after.hmacSecret!)).toBe("cb-secret-4711")
    }).pipe(Effect.provide(OAuth2)))

  it.effect("many calls of every kind share exactly 1 token request", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      yield* Effect.all(
        [
          ...Array.from({ length: 20 }, () => numbers.getAvailableNumber("+12025550120")),
          numbers.listAvailableRegions(),
          numbers.getCallbackConfiguration,
          Stream.runDrain(numbers.listActiveNumbers({ pageSize: 1 }))
        ],
        { concurrency: "unbounded" }
      )
      yield* numbers.listAvailableNumbers({ regionCode: "DE", type: "MOBILE" })
      expect(yield* tokenRequests).toBe(1)
      expect(yield* activePages).toBe(6)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("a 400 is a SinchApiError with the field violations", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const error = yield* Effect.flip(numbers.listAvailableNumbers({
        regionCode: "US",
        type: "LOCAL",
        numberPattern: { pattern: "12a4" }
      }))
      if (error._tag !== "SinchApiError") throw new Error(`expected SinchApiError, got ${error._tag}`)
      expect(error.status).toBe(400)
      expect(error.violations.map((v) => v.field)).toEqual(["numberPattern.pattern"])
      expect(error.message).toContain("numberPattern.pattern")
    }).pipe(Effect.provide(OAuth2)))

  it.effect("a 404 is a SinchApiError NOT_FOUND", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const error = yield* Effect.flip(numbers.rentNumber("+19995550100"))
      if (error._tag !== "SinchApiError") throw new Error(`expected SinchApiError, got ${error._tag}`)
      expect(error.status).toBe(404)
      expect([error.statusText, error.code]).toContain("NOT_FOUND")
    }).pipe(Effect.provide(OAuth2)))

  it.effect("works with project Basic auth and then sends no token request", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const number = yield* numbers.getActiveNumber("+12025550100")
      expect(number.displayName).toBe("Support line")
      expect(yield* tokenRequests).toBe(0)
    }).pipe(Effect.provide(Basic)))
})
