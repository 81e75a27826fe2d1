/**
 * The official `@sinch/sdk-core` Verification client against the emulator served on 127.0.0.1, signing
 * every request with the application key: each operation must succeed, and what the emulator answers
 * must decode with our Schemas. The SDK signs the API's own path (`/verification/v1/...`) rather than
 * the path it sends, so it is pointed at the emulator's root, where the Verification API answers at
 * its own paths.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Effect, Redacted } from "effect"
import { VerificationSchema } from "../src/index.js"
import { decodes, failure, officialClient, promise } from "./utils/officialSdk.js"

const demo = Emulator.demoCredentials

const sdk = Effect.map(
  officialClient((baseUrl) => ({
    applicationKey: demo.applicationKey,
    applicationSecret: Redacted.value(demo.applicationSecret),
    verificationHostname: baseUrl
  })),
  (client) => client.verification
)

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "official Verification client against the emulator",
  (it) => {
    it.effect("SMS: startSms, reportSmsById, getById, getByIdentity, getByReference", () =>
      Effect.gen(function*() {
        const verification = yield* sdk
        const started = yield* promise(() =>
          verification.verifications.startSms({
            startVerificationWithSmsRequestBody: {
              identity: { type: "number", endpoint: "+46700004321" },
              reference: "sdk-sms",
              smsOptions: { codeType: "Numeric", locale: "sv-SE" }
            }
          })
        )
        const decoded = decodes(VerificationSchema.Started, started)
        expect(decoded.method).toBe("sms")
        expect(decoded.sms?.interceptionTimeout).toBe(298)
        const reported = yield* promise(() =>
          verification.verifications.reportSmsById({
            id: decoded.id,
            reportSmsVerificationByIdRequestBody: { sms: { code: "4321" } }
          })
        )
        expect(decodes(VerificationSchema.Verification, reported).status).toBe("SUCCESSFUL")
        const byId = yield* promise(() => verification.verificationStatus.getById({ id: decoded.id }))
        const byIdentity = yield* promise(() =>
          verification.verificationStatus.getByIdentity({ method: "sms", endpoint: "+46700004321" })
        )
        const byReference = yield* promise(() =>
          verification.verificationStatus.getByReference({ reference: "sdk-sms" })
        )
        for (const status of [byId, byIdentity, byReference]) {
          expect(decodes(VerificationSchema.Verification, status)).toMatchObject({
            id: decoded.id,
            status: "SUCCESSFUL",
            countryId: "SE",
            price: { verificationPrice: { currencyId: "EUR", amount: 0.0453 } }
          })
        }
      }))

    it.effect("flash call: startFlashCall, reportFlashCallByIdentity; a wrong CLI is FAIL Invalid CLI", () =>
      Effect.gen(function*() {
        const verification = yield* sdk
        const started = yield* promise(() =>
          verification.verifications.startFlashCall({
            startVerificationWithFlashCallRequestBody: {
              identity: { type: "number", endpoint: "+33612345678" },
              flashCallOptions: { dialTimeout: 10 }
            }
          })
        )
        expect(decodes(VerificationSchema.Started, started).flashCall?.cliFilter).toBe("(.*)5678")
        const reported = yield* promise(() =>
          verification.verifications.reportFlashCallByIdentity({
            endpoint: "+33612345678",
            reportFlashCallVerificationByIdentityRequestBody: { flashCall: { cli: "+46700000000" } }
          })
        )
        expect(decodes(VerificationSchema.Verification, reported)).toMatchObject({
          status: "FAIL",
          reason: "Invalid CLI",
          callComplete: true
        })
      }))

    it.effect("phone call: startPhoneCall (phoneCallOptions sent as calloutOptions), reportPhoneCallById, getByIdentity(phonecall)", () =>
      Effect.gen(function*() {
        const verification = yield* sdk
        const started = yield* promise(() =>
          verification.verifications.startPhoneCall({
            startVerificationWithPhoneCallRequestBody: {
              identity: { type: "number", endpoint: "+12025550199" },
              phoneCallOptions: { speech: { locale: "en-US" } }
            }
          })
        )
        const id = decodes(VerificationSchema.Started, started).id
        const reported = yield* promise(() =>
          verification.verifications.reportPhoneCallById({
            id,
            reportPhoneCallVerificationByIdRequestBody: { phoneCall: { code: "0199" } }
          })
        )
        expect(decodes(VerificationSchema.Verification, reported).status).toBe("SUCCESSFUL")
        // The SDK spells the method `phonecall` and sends `callout` in the path.
        const status = yield* promise(() =>
          verification.verificationStatus.getByIdentity({ method: "phonecall", endpoint: "+12025550199" })
        )
        expect(decodes(VerificationSchema.Verification, status)).toMatchObject({ id, callResult: "ANSWERED" })
      }))

    it.effect("data: startData; an unknown id is the SDK's failure with the application error body", () =>
      Effect.gen(function*() {
        const verification = yield* sdk
        const started = yield* promise(() =>
          verification.verifications.startData({
            startDataVerificationRequestBody: { identity: { type: "number", endpoint: "+46700000002" } }
          })
        )
        expect(decodes(VerificationSchema.Started, started).method).toBe("seamless")
        const missing = yield* failure(() => verification.verificationStatus.getById({ id: "unknown" }))
        expect(missing?.statusCode).toBe(404)
        expect(JSON.parse(String(missing?.data))).toEqual({
          errorCode: 40400,
          message: "Verification not found",
          reference: "emulator"
        })
      }))

    it.effect("every SDK request was signed and accepted (none answered 401)", () =>
      Effect.gen(function*() {
        const seen = yield* counters
        const verification = seen.recentRequests.filter((r) => r.api === "verification")
        expect(verification.length).toBe(12)
        expect(verification.filter((r) => r.status === 401)).toEqual([])
      }))
  }
)
