import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, AuthStrategy } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Effect, Layer, Redacted, TestClock } from "effect"
import { Verification, VerificationSchema } from "../src/index.js"
import { recorder } from "./utils/application.js"

const demo = Emulator.demoCredentials

// What left the client after authentication: method, URL, scheme of Authorization, x-timestamp present.
const { record, sent } = recorder()

const Base = Layer.mergeAll(
  ApplicationCredentials.layer({ applicationKey: demo.applicationKey, applicationSecret: demo.applicationSecret }),
  SinchEndpoints.layer()
).pipe(Layer.orDie, Layer.provideMerge(EmulatorClient.layerEmulator()))

const Signed = Verification.layerWith({ strategy: AuthStrategy.applicationSigned(), transformClient: record }).pipe(
  Layer.provideMerge(Base)
)

const Basic = Verification.layerWith({ strategy: AuthStrategy.applicationBasic, transformClient: record }).pipe(
  Layer.provideMerge(Base)
)

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

const base = "https://verification.api.sinch.com/verification/v1/verifications"

const identity = (endpoint: string) => new VerificationSchema.Identity({ type: "number", endpoint })

describe("Verification against the emulator", () => {
  it.effect("SMS: start (signed), report by id with the right code, status by id, number and reference", () =>
    Effect.gen(function*() {
      sent.length = 0
      const verification = yield* Verification.Verification
      const started = yield* verification.startSms(
        { identity: identity("+46700001234"), reference: "order-17", smsOptions: { codeType: "Numeric" } },
        { locale: "sv-SE" }
      )
      expect(started).toBeInstanceOf(VerificationSchema.Started)
      expect(started.method).toBe("sms")
      expect(started.sms).toEqual({
        template: "Your verification code is {{CODE}}.",
        interceptionTimeout: 298,
        codeType: "Numeric"
      })
      expect(started.links).toEqual([
        new VerificationSchema.Link({ rel: "status", href: `${base}/id/${started.id}`, method: "GET" }),
        new VerificationSchema.Link({ rel: "report", href: `${base}/id/${started.id}`, method: "PUT" })
      ])
      const pending = yield* verification.getById(started.id)
      expect(pending.status).toBe("PENDING")
      expect(pending.price).toBeUndefined()

      const reported = yield* verification.reportById(started.id, { method: "sms", sms: { code: "1234" } })
      expect(reported).toEqual(
        new VerificationSchema.Verification({
          id: started.id,
          method: "sms",
          status: "SUCCESSFUL",
          reference: "order-17",
          source: "manual"
        })
      )
      const byNumber = yield* verification.getByIdentity("+46700001234", "sms")
      const byReference = yield* verification.getByReference("order-17")
      for (const status of [byNumber, byReference]) {
        expect(status).toMatchObject({
          id: started.id,
          status: "SUCCESSFUL",
          countryId: "SE",
          verificationTimestamp: "1970-01-01T00:00:00.000",
          identity: { type: "number", endpoint: "+46700001234" },
          price: { verificationPrice: { currencyId: "EUR", amount: 0.0453 } }
        })
      }
      // Every request signed (Application scheme, x-timestamp), the + of the number percent-encoded.
      expect(sent).toEqual([
        `POST ${base} Application ts`,
        `GET ${base}/id/${started.id} Application ts`,
        `PUT ${base}/id/${started.id} Application ts`,
        `GET ${base}/sms/number/%2B46700001234 Application ts`,
        `GET ${base}/reference/order-17 Application ts`
      ])
      const seen = yield* counters
      expect(seen.tokenRequests.total).toBe(0)
      expect(seen.requestsByApi["verification"]).toBe(5)
    }).pipe(Effect.provide(Signed)))

  it.effect("a wrong code is FAIL with its reason; a report after the expiry is FAIL Expired", () =>
    Effect.gen(function*() {
      const verification = yield* Verification.Verification
      const first = yield* verification.startSms({ identity: identity("+33612345678") })
      const wrong = yield* verification.reportById(first.id, { method: "sms", sms: { code: "0000" } })
      expect([wrong.status, wrong.reason]).toEqual(["FAIL", "Invalid code"])
      const second = yield* verification.startSms({
        identity: identity("+33612345678"),
        smsOptions: { expiry: "00:02:00" }
      })
      yield* TestClock.adjust("121 seconds")
      const late = yield* verification.reportByIdentity("+33612345678", { method: "sms", sms: { code: "5678" } })
      expect([late.id, late.status, late.reason]).toEqual([second.id, "FAIL", "Expired"])
    }).pipe(Effect.provide(Signed)))

  it.effect("flash call: reported by identity with the calling number; phone call: options sent as calloutOptions", () =>
    Effect.gen(function*() {
      const verification = yield* Verification.Verification
      const flash = yield* verification.startFlashCall({
        identity: identity("+447700900555"),
        flashCallOptions: { dialTimeout: 10 }
      })
      expect(flash.flashCall).toEqual({
        cliFilter: "(.*)0555",
        interceptionTimeout: 45,
        reportTimeout: 75,
        denyCallAfter: 0
      })
      const flashed = yield* verification.reportByIdentity("+447700900555", {
        method: "flashcall",
        flashCall: { cli: "+46700000555" }
      })
      expect([flashed.id, flashed.status, flashed.callComplete]).toEqual([flash.id, "SUCCESSFUL", true])
      const flashStatus = yield* verification.getByIdentity("+447700900555", "flashcall")
      expect(flashStatus).toMatchObject({ callResult: "ANSWERED", countryId: "GB" })

      const call = yield* verification.startPhoneCall({
        identity: identity("+12025550142"),
        phoneCallOptions: { speech: { locale: "en-US" } }
      })
      expect(call.method).toBe("callout")
      const called = yield* verification.reportById(call.id, { method: "callout", callout: { code: "0142" } })
      expect(called.status).toBe("SUCCESSFUL")
      const status = yield* verification.getById(call.id)
      expect(status.price).toEqual(
        new VerificationSchema.VerificationPrice({
          verificationPrice: new VerificationSchema.Price({ currencyId: "EUR", amount: 0.1852 }),
          terminationPrice: new VerificationSchema.Price({ currencyId: "EUR", amount: 0 })
        })
      )
    }).pipe(Effect.provide(Signed)))

  it.effect("data verification with application Basic auth; errors are typed SinchApiError in the application shape", () =>
    Effect.gen(function*() {
      sent.length = 0
      const verification = yield* Verification.Verification
      const data = yield* verification.startData({ identity: identity("+46700000001"), custom: "x" })
      expect(data.method).toBe("seamless")
      expect(data.seamless?.targetUri).toBe(`https://verification.api.sinch.com/verification/v1/seamless/${data.id}`)
      const missing = yield* Effect.flip(verification.getById("nope"))
      expect(missing).toMatchObject({ _tag: "SinchApiError", status: 404, code: "40400" })
      const mismatch = yield* Effect.flip(
        verification.reportById(data.id, { method: "sms", sms: { code: "0001" } })
      )
      expect(mismatch).toMatchObject({ _tag: "SinchApiError", status: 400 })
      expect(sent.map((line) => line.split(" ").slice(2).join(" "))).toEqual(["Basic -", "Basic -", "Basic -"])
    }).pipe(Effect.provide(Basic)))

  it.effect("a wrong application secret is refused before the product: 401, no secret in the error", () =>
    Effect.gen(function*() {
      const verification = yield* Verification.Verification
      const error = yield* Effect.flip(verification.startSms({ identity: identity("+46700000000") }))
      expect(error).toMatchObject({ _tag: "SinchApiError", status: 401 })
      expect(String(error.message)).not.toContain("d3Jvbmc=")
      expect((yield* counters).requestsByRoute["POST /verification/v1/verifications"]).toBe(1)
    }).pipe(
      Effect.provide(
        Verification.layer().pipe(
          Layer.provideMerge(
            Layer.mergeAll(
              ApplicationCredentials.layer({
                applicationKey: demo.applicationKey,
                applicationSecret: Redacted.make("d3Jvbmc=")
              }),
              SinchEndpoints.layer()
            ).pipe(Layer.orDie, Layer.provideMerge(EmulatorClient.layerEmulator()))
          )
        )
      )
    ))
})
