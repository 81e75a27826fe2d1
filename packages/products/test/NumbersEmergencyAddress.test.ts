import { describe, expect, it } from "@effect/vitest"
import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Effect, Layer, Schema } from "effect"
import { Numbers } from "../src/index.js"

const demo = Emulator.demoCredentials
const projectPath = `/v1/projects/${demo.projectId}`

const Live = Numbers.layer.pipe(
  Layer.provideMerge(TokenProvider.layer()),
  Layer.provideMerge(
    Layer.mergeAll(ProjectCredentials.layer(demo), SinchEndpoints.layer()).pipe(
      Layer.orDie,
      Layer.provideMerge(EmulatorClient.layerEmulator())
    )
  )
)

const routeCount = (route: string) =>
  Effect.map(
    Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters),
    (c) => c.requestsByRoute[route] ?? 0
  )

const whiteHouse = {
  displayName: "Front desk",
  address: {
    streetNumber: "1600",
    streetInfo: "Pennsylvania Ave NW",
    city: "Washington",
    state: "DC",
    postalCode: "20500"
  }
}

describe("Numbers emergency addresses against the emulator", () => {
  it.effect("validates, provisions, gets and deprovisions the E911 address of an active number", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const phone = "+12025550100" // a seeded active number of the demo project
      const path = `${projectPath}/activeNumbers/%2B12025550100/emergencyAddress`

      const checked = yield* numbers.validateEmergencyAddress(phone, whiteHouse)
      expect(checked.validationResult).toBe("EXACT_MATCH")
      expect(checked.candidateAddresses).toEqual([])
      const bad = yield* numbers.validateEmergencyAddress(phone, {
        ...whiteHouse,
        address: { ...whiteHouse.address, postalCode: "2050" }
      })
      expect(bad.validationResult).toBe("NO_MATCH")
      expect(bad.candidateAddresses.map((a) => a.postalCode)).toEqual(["02050"])

      const missing = yield* Effect.flip(numbers.getEmergencyAddress(phone))
      expect(missing._tag === "SinchApiError" && missing.status).toBe(404)

      const provisioned = yield* numbers.provisionEmergencyAddress(phone, whiteHouse)
      expect(provisioned).toMatchObject({ postalCode: "20500", city: "Washington" })
      expect((yield* numbers.getEmergencyAddress(phone)).streetInfo).toBe("Pennsylvania Ave NW")

      yield* numbers.deprovisionEmergencyAddress(phone)
      const gone = yield* Effect.flip(numbers.getEmergencyAddress(phone))
      expect(gone._tag === "SinchApiError" && gone.status).toBe(404)

      expect(yield* routeCount(`POST ${path}:provision`)).toBe(1)
      expect(yield* routeCount(`POST ${path}:deprovision`)).toBe(1)
      expect(yield* routeCount(`POST ${path}:validate`)).toBe(2)
      expect(yield* routeCount(`GET ${path}`)).toBe(3)
    }).pipe(Effect.provide(Live)))

  it.effect("an address of a number the project does not rent is a 404; a missing field a 400 naming it", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const notOurs = yield* Effect.flip(numbers.provisionEmergencyAddress("+12025550199", whiteHouse))
      expect(notOurs._tag === "SinchApiError" && notOurs.status).toBe(404)
      const incomplete = yield* Effect.flip(
        numbers.client.request("POST", "/activeNumbers/{phoneNumber}/emergencyAddress:provision", Schema.Unknown, {
          path: { phoneNumber: "+12025550100" },
          body: { displayName: "x", address: { streetNumber: "1" } }
        })
      )
      expect(incomplete._tag === "SinchApiError" && incomplete.violations.map((v) => v.field)).toEqual([
        "address.streetInfo",
        "address.city",
        "address.state",
        "address.postalCode"
      ])
    }).pipe(Effect.provide(Live)))
})
