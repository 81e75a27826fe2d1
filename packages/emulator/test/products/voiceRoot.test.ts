import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { EmulatorClient } from "../../src/index.js"
import { demo, plainBasic, send } from "../utils/emulator.js"

// Clients that sign the API's own path rather than the one they send (the official SDK) reach Voice at
// the emulator's root.
describe("Voice at the emulator's root", () => {
  it.effect("its calling and application-management paths route to Voice; elsewhere, and on an unknown Sinch host, not", () =>
    Effect.gen(function*() {
      const basic = plainBasic(demo.applicationKey, Redacted.value(demo.applicationSecret))
      const get = (url: string) =>
        send(HttpClientRequest.get(url).pipe(HttpClientRequest.setHeader("authorization", basic)))
      const numbers = yield* get("http://127.0.0.1:1/v1/configuration/numbers")
      expect([numbers.status, numbers.json.numbers.length]).toEqual([200, 3])
      const query = yield* get("http://127.0.0.1:1/v1/calling/query/number/%2B46701234567")
      expect(query.json.number.countryId).toBe("SE")
      const call = yield* get("http://127.0.0.1:1/calling/v1/calls/id/unknown")
      expect([call.status, call.json.message]).toEqual([404, "Call not found"])
      const other = yield* get("http://127.0.0.1:1/v1/other")
      expect(other.status).toBe(404)
      expect(other.json.errorCode).toBeUndefined()
      const unknownHost = yield* get("https://calling-xyz9.api.sinch.com/calling/v1/calls/id/unknown")
      expect(unknownHost.json.error.message).toBe("No API at /calling/v1/calls/id/unknown")
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))
})
