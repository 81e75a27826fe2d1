import { describe, expect, it } from "@effect/vitest"
import type { AuthError } from "@sinch-effect/auth-core"
import { AuthStrategy, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Effect, Inspectable, Layer, Redacted, Stream } from "effect"
import { ElasticSipTrunking, ElasticSipTrunkingSchema } from "../src/index.js"

const demo = Emulator.demoCredentials
const projectPath = `/v1/projects/${demo.projectId}`

const Credentials = ProjectCredentials.layer({
  projectId: demo.projectId,
  keyId: demo.keyId,
  keySecret: demo.keySecret
})

// Production endpoints: the in-process emulator routes elastic-trunking.api.sinch.com and auth.sinch.com by host.
const Base = Layer.mergeAll(Credentials, SinchEndpoints.layer()).pipe(
  Layer.orDie,
  Layer.provideMerge(EmulatorClient.layerEmulator())
)

const OAuth2 = ElasticSipTrunking.layer.pipe(Layer.provideMerge(TokenProvider.layer()), Layer.provideMerge(Base))

const Basic = ElasticSipTrunking.layerWith({ strategy: AuthStrategy.projectBasic }).pipe(Layer.provideMerge(Base))

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
const routeCount = (route: string) => Effect.map(counters, (c) => c.requestsByRoute[route] ?? 0)
const tokenRequests = Effect.map(counters, (c) => c.tokenRequests.total)

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const est = ElasticSipTrunking.ElasticSipTrunking

// The seeded trunks: Stockholm (static SBC endpoints) and Chicago (registered softphones).
const seededTrunks = Effect.flatMap(est, (service) => collect(service.listSipTrunks())).pipe(
  Effect.map(([stockholm, chicago]) => ({ stockholm: stockholm!, chicago: chicago! }))
)

const apiError = <A, R>(effect: Effect.Effect<A, AuthError.SinchError, R>) =>
  Effect.flatMap(Effect.flip(effect), (error) =>
    error._tag === "SinchApiError"
      ? Effect.succeed(error)
      : Effect.dieMessage(`expected SinchApiError, got ${error._tag}`))

describe("ElasticSipTrunking against the emulator", () => {
  it.effect("creates, reads, replaces and deletes a SIP trunk", () =>
    Effect.gen(function*() {
      const service = yield* est
      const created = yield* service.createSipTrunk({ name: "Lab", hostName: "acme-lab", enableCallerName: true })
      expect(created).toMatchObject({ name: "Lab", hostName: "acme-lab", domain: "acme-lab.pstn.sinch.com" })
      expect(created.enableCallerName).toBe(true)
      expect(created.updateTime).toBeUndefined()
      expect(yield* service.getSipTrunk(created.id)).toEqual(created)
      const replaced = yield* service.updateSipTrunk(created.id, { name: "Lab 2", hostName: "acme-lab-2" })
      expect(replaced).toMatchObject({ id: created.id, name: "Lab 2", enableCallerName: false })
      expect((yield* collect(service.listSipTrunks())).map((t) => t.hostName)).toEqual([
        "acme-sthlm",
        "acme-chicago",
        "acme-lab-2"
      ])
      expect((yield* collect(service.listSipTrunks({ domain: "acme-chicago.pstn.sinch.com" }))).map((t) => t.name))
        .toEqual(["Chicago contact center"])
      yield* service.deleteSipTrunk(created.id)
      expect((yield* apiError(service.getSipTrunk(created.id))).status).toBe(404)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("manages static and registered SIP endpoints", () =>
    Effect.gen(function*() {
      const service = yield* est
      const { chicago, stockholm } = yield* seededTrunks
      expect((yield* collect(service.listSipEndpoints(stockholm.id))).map((e) => e.name)).toEqual([
        "Primary SBC",
        "Backup SBC"
      ])
      const sbc = yield* service.createSipEndpoint(chicago.id, { name: "SBC", priority: 2, address: "198.51.100.20" })
      expect(sbc).toMatchObject({ sipTrunkId: chicago.id, address: "198.51.100.20", port: 5060, transport: "UDP" })
      const phones = yield* service.createSipEndpoint(chicago.id, {
        name: "Supervisors",
        priority: 1,
        isRegistered: true,
        credentialUsername: "chicago-supervisor"
      })
      expect(phones).toMatchObject({ isRegistered: true, credentialUsername: "chicago-supervisor" })
      const moved = yield* service.updateSipEndpoint(chicago.id, sbc.id, {
        name: "SBC",
        priority: 3,
        address: "sbc.example.com",
        port: 5061,
        transport: "TLS"
      })
      expect(moved).toMatchObject({ priority: 3, address: "sbc.example.com", port: 5061, transport: "TLS" })
      expect(yield* service.getSipEndpoint(chicago.id, sbc.id)).toEqual(moved)
      yield* service.deleteSipEndpoint(chicago.id, sbc.id)
      expect((yield* collect(service.listSipEndpoints(chicago.id))).map((e) => e.name)).toEqual([
        "Agent softphones",
        "Supervisors"
      ])
    }).pipe(Effect.provide(OAuth2)))

  it.effect("manages ACLs, their IP ranges and their links to trunks", () =>
    Effect.gen(function*() {
      const service = yield* est
      const { chicago } = yield* seededTrunks
      const acl = yield* service.createAccessControlList({
        name: "Branch",
        ipRanges: [{ ipAddress: "10.1.0.0", range: 16, description: "Branch LAN" }]
      })
      expect(acl).toMatchObject({ name: "Branch", enabled: true, trunks: [] })
      expect(acl.ipRanges.map((r) => [r.ipAddress, r.range])).toEqual([["10.1.0.0", 16]])

      const range = yield* service.addIpRange(acl.id, { ipAddress: "192.0.2.9" })
      expect(range).toMatchObject({ ipAddress: "192.0.2.9", range: 32, accessControlListId: acl.id })
      const widened = yield* service.updateIpRange(acl.id, range.id!, { ipAddress: "192.0.2.8", range: 31 })
      expect(widened).toMatchObject({ ipAddress: "192.0.2.8", range: 31 })
      expect((yield* collect(service.listIpRanges(acl.id))).map((r) => r.ipAddress)).toEqual(["10.1.0.0", "192.0.2.8"])
      yield* service.deleteIpRange(acl.id, range.id!)

      expect(yield* service.addAccessControlListsToTrunk(chicago.id, [acl.id])).toEqual([acl.id])
      expect((yield* collect(service.listAccessControlListsForTrunk(chicago.id))).length).toBe(2)
      expect((yield* collect(service.listTrunksForAccessControlList(acl.id))).map((t) => t.id)).toEqual([chicago.id])
      expect((yield* service.getAccessControlList(acl.id)).trunks).toEqual([chicago.id])
      expect((yield* collect(service.listAccessControlLists())).map((a) => a.name)).toEqual([
        "Stockholm office",
        "Chicago data center",
        "Branch"
      ])

      const inUse = yield* apiError(service.deleteAccessControlList(acl.id))
      expect(inUse.status).toBe(400)
      yield* service.removeAccessControlListFromTrunk(chicago.id, acl.id)
      const renamed = yield* service.updateAccessControlList(acl.id, { name: "Branch (off)", enabled: false })
      expect(renamed).toMatchObject({ name: "Branch (off)", enabled: false })
      expect(renamed.ipRanges).toHaveLength(1)
      yield* service.deleteAccessControlList(acl.id)
      expect((yield* apiError(service.getAccessControlList(acl.id))).status).toBe(404)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("manages credential lists and credentials; passwords stay redacted", () =>
    Effect.gen(function*() {
      const service = yield* est
      const { stockholm } = yield* seededTrunks
      const request: ElasticSipTrunkingSchema.CreateCredentialListRequest = {
        name: "Remote staff",
        credentials: [{ username: "remote-1", password: Redacted.make("Remote2024Staff") }]
      }
      expect(Inspectable.format(request)).not.toContain("Remote2024Staff")
      const list = yield* service.createCredentialList(request)
      expect(list).toMatchObject({ name: "Remote staff", credentials: [{ username: "remote-1" }] })

      const added = yield* service.addCredential(list.id, {
        username: "remote-2",
        password: Redacted.make("Remote2024Staff2")
      })
      expect(added.username).toBe("remote-2")
      const changed = yield* service.updateCredentialPassword(list.id, "remote-2", Redacted.make("NewPassword2025x"))
      expect(changed).toEqual({ id: added.id, username: "remote-2" })
      yield* service.deleteCredential(list.id, "remote-2")
      expect((yield* service.getCredentialList(list.id)).credentials.map((c) => c.username)).toEqual(["remote-1"])
      expect((yield* service.updateCredentialList(list.id, { name: "Remote" })).name).toBe("Remote")
      expect((yield* collect(service.listCredentialLists())).map((l) => l.name)).toEqual(["Chicago agents", "Remote"])

      const [agents] = yield* collect(service.listCredentialLists())
      expect(yield* service.addCredentialListsToTrunk(stockholm.id, [agents!.id])).toEqual([agents!.id])
      expect(yield* service.replaceCredentialListsForTrunk(stockholm.id, [list.id])).toEqual([list.id])
      expect((yield* collect(service.listCredentialListsForTrunk(stockholm.id))).map((l) => [l.id, l.name])).toEqual([
        [list.id, "Remote"]
      ])
      expect((yield* collect(service.listTrunksForCredentialList(list.id))).map((t) => t.id)).toEqual([stockholm.id])
      yield* service.removeCredentialListFromTrunk(stockholm.id, list.id)
      expect(yield* collect(service.listCredentialListsForTrunk(stockholm.id))).toEqual([])
      yield* service.deleteCredentialList(list.id)
      expect((yield* apiError(service.getCredentialList(list.id))).status).toBe(404)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("reads and updates country permissions", () =>
    Effect.gen(function*() {
      const service = yield* est
      const all = yield* service.listCountryPermissions
      expect(all.filter((c) => c.enabled).map((c) => c.isoCode)).toEqual(["US", "CA"])
      expect(yield* service.getCountryPermission("SE")).toEqual({
        isoCode: "SE",
        name: "Sweden",
        continent: "Europe",
        countryDialingCodes: ["+46"],
        enabled: false
      })
      expect((yield* service.updateCountryPermission("SE", { enabled: true })).enabled).toBe(true)
      expect((yield* service.getCountryPermission("SE")).enabled).toBe(true)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("lists phone numbers (all, per trunk) and gets one with the + percent-encoded", () =>
    Effect.gen(function*() {
      const service = yield* est
      const { chicago } = yield* seededTrunks
      expect(yield* collect(service.listPhoneNumbers())).toHaveLength(6)
      expect((yield* collect(service.listPhoneNumbers({ sipTrunkId: chicago.id }))).map((n) => n.phoneNumber)).toEqual([
        "+13125550100",
        "+13125550101",
        "+13125550102"
      ])
      const number = yield* service.getPhoneNumber("+13125550100")
      expect(number).toMatchObject({ phoneNumber: "+13125550100", countryCode: "US", sipTrunkId: chicago.id })
      expect(yield* routeCount(`GET ${projectPath}/phoneNumbers/%2B13125550100`)).toBe(1)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("streams the call history with filters, and exports it as CSV", () =>
    Effect.gen(function*() {
      const service = yield* est
      const { stockholm } = yield* seededTrunks
      const all = yield* collect(service.findCalls())
      expect(all).toHaveLength(250)
      expect(all[0]!.createTime! > all[249]!.createTime!).toBe(true)
      const failedOrBusy = yield* collect(service.findCalls({ callResult: ["FAILED", "BUSY"], size: 1000 }))
      expect(failedOrBusy).toHaveLength(50)
      expect(new Set(failedOrBusy.map((c) => c.callResult))).toEqual(new Set(["FAILED", "BUSY"]))
      const outbound = yield* collect(service.findCalls({ direction: "OUTBOUND", trunkId: stockholm.id }))
      expect(outbound.length).toBeGreaterThan(0)
      expect(outbound.every((c) => c.direction === "OUTBOUND" && c.trunkId === stockholm.id)).toBe(true)
      const fromSweden = yield* collect(service.findCalls({ from: "+4685" }))
      expect(fromSweden.length).toBeGreaterThan(0)
      expect(fromSweden.every((c) => c.from!.startsWith("+4685"))).toBe(true)
      const window = yield* collect(service.findCalls({
        createdAfter: all[9]!.createTime!,
        createdBefore: all[5]!.createTime!
      }))
      expect(window.map((c) => c.callId)).toEqual(all.slice(5, 10).map((c) => c.callId))

      const csv = yield* service.exportCalls({ callResult: "BUSY" })
      const lines = csv.trimEnd().split("\r\n")
      expect(lines[0]!.split(",").slice(0, 3)).toEqual(["callId", "createTime", "direction"])
      expect(lines).toHaveLength(26)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("fetches call pages lazily: Stream.take(25) of pages of 10 sends exactly 3 page requests", () =>
    Effect.gen(function*() {
      const service = yield* est
      const calls = `GET ${projectPath}/calls`
      const first = yield* collect(Stream.take(service.findCalls({ size: 10 }), 25))
      expect(first).toHaveLength(25)
      expect(yield* routeCount(calls)).toBe(3)
      yield* collect(Stream.take(service.findCalls({ size: 10 }), 10))
      expect(yield* routeCount(calls)).toBe(4)
      // The whole history in pages of 100: 250 items, 3 pages, and no fourth request (totalItems says stop).
      expect(yield* collect(service.findCalls())).toHaveLength(250)
      expect(yield* routeCount(calls)).toBe(7)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("manages call-blocking rules, paging the bare-array list by size", () =>
    Effect.gen(function*() {
      const service = yield* est
      const rules = `GET ${projectPath}/callBlockingRules`
      const rule = yield* service.createCallBlockingRule({
        name: "Test range",
        direction: "INBOUND",
        callerMatch: "+1555"
      })
      expect(rule).toMatchObject({ name: "Test range", direction: "INBOUND", callerMatch: "+1555" })
      const updated = yield* service.updateCallBlockingRule(rule.id, { direction: "OUTBOUND", calleeCountry: "GB" })
      expect(updated).toEqual({ id: rule.id, direction: "OUTBOUND", calleeCountry: "GB" })
      const listed = yield* collect(service.listCallBlockingRules({ size: 2 }))
      expect(listed.map((r) => r.id)).toContain(rule.id)
      expect(listed).toHaveLength(3)
      // Pages of 2: [2 rules], [1 rule] (short, so last): exactly 2 requests.
      expect(yield* routeCount(rules)).toBe(2)
      yield* service.deleteCallBlockingRule(rule.id)
      expect(yield* collect(service.listCallBlockingRules())).toHaveLength(2)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("many calls of every kind share exactly 1 token request", () =>
    Effect.gen(function*() {
      const service = yield* est
      yield* Effect.all([
        collect(service.listSipTrunks()),
        collect(service.listAccessControlLists()),
        collect(service.listCredentialLists()),
        collect(service.listPhoneNumbers()),
        collect(Stream.take(service.findCalls(), 5)),
        service.listCountryPermissions,
        service.getCountryPermission("US"),
        collect(service.listCallBlockingRules())
      ], { concurrency: "unbounded" })
      yield* Effect.replicateEffect(service.listCountryPermissions, 20, { concurrency: 10 })
      expect(yield* tokenRequests).toBe(1)
      expect((yield* counters).requestsByApi["est"]).toBeGreaterThanOrEqual(28)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("a 400 is a SinchApiError with the field violations", () =>
    Effect.gen(function*() {
      const service = yield* est
      const error = yield* apiError(service.createAccessControlList({
        name: "CIDR by mistake",
        ipRanges: [{ ipAddress: "10.0.0.0/8" }]
      }))
      expect(error.status).toBe(400)
      expect(error.statusText).toBe("INVALID_ARGUMENT")
      expect(error.violations.map((v) => v.field)).toEqual(["ipRanges[0].ipAddress"])
      const duplicate = yield* apiError(service.createSipTrunk({ name: "Dup", hostName: "acme-sthlm" }))
      expect(duplicate.violations.map((v) => v.field)).toEqual(["hostName"])
    }).pipe(Effect.provide(OAuth2)))

  it.effect("a 404 is a SinchApiError NOT_FOUND", () =>
    Effect.gen(function*() {
      const service = yield* est
      const error = yield* apiError(service.getSipTrunk("01JUNKNOWNTRUNK0000000000"))
      expect(error.status).toBe(404)
      expect(error.statusText).toBe("NOT_FOUND")
      expect(error.message).toContain("SIP trunk 01JUNKNOWNTRUNK0000000000 not found")
      expect((yield* apiError(service.getPhoneNumber("+19999999999"))).status).toBe(404)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("works with project Basic auth and then sends no token request", () =>
    Effect.gen(function*() {
      const service = yield* est
      expect(yield* collect(service.listSipTrunks())).toHaveLength(2)
      expect(yield* tokenRequests).toBe(0)
    }).pipe(Effect.provide(Basic)))
})
