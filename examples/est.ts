/**
 * Provision an Elastic SIP trunk for a PBX (ACL for outbound, a static endpoint for inbound, a
 * credential list for registered phones), then read the last day's failed calls.
 *
 *   SINCH_PROJECT_ID=… SINCH_KEY_ID=… SINCH_KEY_SECRET=… SIP_PASSWORD=… npx tsx examples/est.ts
 *
 * Add SINCH_EMULATOR_URL=http://127.0.0.1:<port> to run it against the local emulator instead.
 */
import { FetchHttpClient } from "@effect/platform"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { ElasticSipTrunking } from "@sinch-effect/products"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Config, Console, Effect, Layer, Stream } from "effect"

const program = Effect.gen(function*() {
  const est = yield* ElasticSipTrunking.ElasticSipTrunking

  const trunk = yield* est.createSipTrunk({ name: "Head office PBX", hostName: "acme-hq" })
  // SIP traffic goes to {hostName}.pstn.sinch.com, never to a shared Sinch domain.
  yield* Console.log(`trunk ${trunk.id}: send SIP to ${trunk.domain}`)

  // Outbound: only these source addresses may use the trunk. A range is an address plus a prefix
  // length, not a CIDR string.
  const acl = yield* est.createAccessControlList({
    name: "HQ egress",
    ipRanges: [{ ipAddress: "203.0.113.0", range: 28, description: "HQ firewall" }]
  })
  yield* est.addAccessControlListsToTrunk(trunk.id, [acl.id])

  // Inbound: calls to the trunk's numbers go to the SBC first, then to the backup.
  yield* est.createSipEndpoint(trunk.id, { name: "SBC", priority: 1, address: "203.0.113.10" })
  yield* est.createSipEndpoint(trunk.id, {
    name: "Backup SBC",
    priority: 2,
    address: "sbc2.example.com",
    transport: "TLS",
    port: 5061
  })

  // Registered phones: the password stays Redacted until it is written into the request body.
  const password = yield* Config.redacted("SIP_PASSWORD")
  const phones = yield* est.createCredentialList({
    name: "HQ phones",
    credentials: [{ username: "hq-desk-1", password }]
  })
  yield* est.addCredentialListsToTrunk(trunk.id, [phones.id])
  yield* est.createSipEndpoint(trunk.id, {
    name: "Desk phones",
    priority: 1,
    isRegistered: true,
    credentialUsername: "hq-desk-1"
  })

  // The call history is a Stream over page/size pages, fetched only as it is pulled.
  yield* est.findCalls({ trunkId: trunk.id, callResult: ["FAILED", "BUSY"], size: 50 }).pipe(
    Stream.take(20),
    Stream.runForEach((call) => Console.log(`${call.createTime} ${call.from} -> ${call.to} ${call.callResult}`))
  )
  const csv = yield* est.exportCalls({ trunkId: trunk.id })
  yield* Console.log(`export: ${csv.trimEnd().split("\n").length - 1} calls`)
}).pipe(
  // Every failure is typed: a 400 carries the API's field violations, a 404 its status.
  Effect.catchTag(
    "SinchApiError",
    (error) =>
      Console.error(`${error.status} ${error.message}`, error.violations.map((v) => `${v.field}: ${v.description}`))
  ),
  Effect.catchTag("InvalidClient", (error) => Console.error(error.message))
)

// One token provider for every product built on these layers, from the token endpoint the endpoints
// configuration names (SINCH_AUTH_URL or the emulator).
const Tokens = Layer.unwrapEffect(
  Effect.map(SinchEndpoints.SinchEndpoints, (endpoints) => TokenProvider.layer({ tokenUrl: endpoints.auth }))
)

const MainLayer = ElasticSipTrunking.layer.pipe(
  Layer.provideMerge(Tokens),
  Layer.provide(Layer.mergeAll(ProjectCredentials.layerConfig(), SinchEndpoints.layerConfig(), FetchHttpClient.layer))
)

program.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
