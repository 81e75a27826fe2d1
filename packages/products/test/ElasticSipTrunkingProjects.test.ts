import { HttpClient, UrlParams } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Effect, Layer } from "effect"
import { ElasticSipTrunking } from "../src/index.js"

const demo = Emulator.demoCredentials
const sent: Array<string> = []

const Live = ElasticSipTrunking.layerWith({
  strategy: AuthStrategy.oauth2,
  transformClient: HttpClient.tapRequest((request) =>
    Effect.sync(() => {
      const query = UrlParams.toString(request.urlParams)
      sent.push(query === "" ? request.url : `${request.url}${request.url.includes("?") ? "&" : "?"}${query}`)
    })
  )
}).pipe(
  Layer.provideMerge(TokenProvider.layer()),
  Layer.provideMerge(
    Layer.mergeAll(ProjectCredentials.layer(demo), SinchEndpoints.layer()).pipe(
      Layer.orDie,
      Layer.provideMerge(EmulatorClient.layerEmulator())
    )
  )
)

describe("Elastic SIP Trunking projects and call export against the emulator", () => {
  it.effect("addProjects sends one request and answers the projects added", () =>
    Effect.gen(function*() {
      const est = yield* ElasticSipTrunking.ElasticSipTrunking
      const before = sent.length
      expect(yield* est.addProjects({ projectIds: ["p-1", "p-2"] })).toEqual(["p-1", "p-2"])
      expect(sent.slice(before).filter((url) => url.endsWith("/addProjects"))).toHaveLength(1)
    }).pipe(Effect.provide(Live)))

  it.effect("exportCalls sends the whole export filter set, each value encoded", () =>
    Effect.gen(function*() {
      const est = yield* ElasticSipTrunking.ElasticSipTrunking
      const csv = yield* est.exportCalls({
        from: "+1440",
        direction: "INBOUND",
        fromCountryCode: "US",
        toCountryCode: "SE",
        emergencyOnly: false,
        region: "us-west",
        projectIds: ["a", "b"],
        fileName: "calls.csv",
        groupId: "g 1",
        parentId: "parent123",
        relationshipType: "initial",
        hasChildren: true,
        page: 1,
        size: 10
      })
      expect(csv.startsWith("callId,")).toBe(true)
      const url = new URL(sent.filter((u) => u.includes("/calls/export")).at(-1)!)
      expect(Object.fromEntries(url.searchParams)).toEqual({
        from: "+1440",
        direction: "INBOUND",
        fromCountryCode: "US",
        toCountryCode: "SE",
        emergencyOnly: "false",
        region: "us-west",
        projectIds: "a,b",
        fileName: "calls.csv",
        groupId: "g 1",
        parentId: "parent123",
        relationshipType: "initial",
        hasChildren: "true",
        page: "1",
        size: "10"
      })
      expect(url.search).toContain("from=%2B1440")
    }).pipe(Effect.provide(Live)))
})
