/**
 * The official `@sinch/sdk-core` Elastic SIP Trunking client against the emulator served on
 * 127.0.0.1, for every operation the representative tests (ElasticSipTrunkingFidelity.test.ts) leave
 * out: reads by id, updates, deletes, unlinking, credentials, projects and the export filters. Each
 * call must succeed (or fail as the EST API reference says), what it answers must decode with our
 * Schemas, and what the emulator then holds is read back.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Effect, Redacted } from "effect"
import { ElasticSipTrunkingSchema as EstSchema } from "../src/index.js"
import { all, decodes, failure, officialClient, promise } from "./utils/officialSdk.js"

const demo = Emulator.demoCredentials
const projectPath = `/est/v1/projects/${demo.projectId}`

const sdk = Effect.map(
  officialClient((baseUrl) => ({
    elasticSipTrunkingHostname: `${baseUrl}/est`
  })),
  (client) => client.elasticSipTrunking
)

const routeCount = (route: string) =>
  Effect.map(
    Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters),
    (counters) => counters.requestsByRoute[`${route.split(" ")[0]} ${projectPath}${route.split(" ")[1]}`] ?? 0
  )

// A GET straight to the emulator (project Basic auth), for what the SDK does not surface.
const raw = (path: string) =>
  Effect.flatMap(
    EmulatorServer.EmulatorServer,
    (server) =>
      promise(() =>
        fetch(`${server.baseUrl}${projectPath}${path}`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${demo.keyId}:${Redacted.value(demo.keySecret)}`).toString("base64")}`
          }
        }).then(async (response) => ({ status: response.status, body: await response.text() }))
      )
  )

// Every page of an SDK list, through its async iterator (bounded).

// What the SDK resolves a 204 (No Content) to, the emulator's answer to every DELETE here.
const deleted = {}

layer(EmulatorServer.layerEmulator(), { excludeTestServices: true })(
  "official Elastic SIP Trunking client against the emulator: every remaining operation",
  (it) => {
    it.effect("SIP endpoints: get, update, delete (static and registered); SIP trunks: delete", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const trunk = decodes(
          EstSchema.SipTrunk,
          yield* promise(() =>
            est.sipTrunks.create({ createSipTrunkRequestBody: { name: "Ops trunk", hostName: "ops-trunk" } })
          )
        )
        const created = decodes(
          EstSchema.SipEndpoint,
          yield* promise(() =>
            est.sipEndpoints.create({
              sipTrunkId: trunk.id,
              createSipEndpointRequestBody: { name: "Edge", priority: 1, address: "198.51.100.40" }
            })
          )
        )
        const got = yield* promise(() => est.sipEndpoints.get({ sipTrunkId: trunk.id, sipEndpointId: created.id }))
        expect(decodes(EstSchema.SipEndpoint, got)).toMatchObject({
          id: created.id,
          sipTrunkId: trunk.id,
          address: "198.51.100.40",
          port: 5060
        })
        const updated = yield* promise(() =>
          est.sipEndpoints.update({
            sipTrunkId: trunk.id,
            sipEndpointId: created.id,
            updateSipEndpointRequestBody: { name: "Edge 2", priority: 2, address: "edge.example.com", port: 5080 }
          })
        )
        expect(decodes(EstSchema.SipEndpoint, updated)).toMatchObject({
          id: created.id,
          name: "Edge 2",
          priority: 2,
          address: "edge.example.com",
          port: 5080
        })

        // A registered endpoint: the SDK's `credentialUsername` is the key the reference documents.
        const list = decodes(
          EstSchema.CredentialList,
          yield* promise(() =>
            est.credentialLists.create({
              createCredentialListRequestBody: {
                name: "Ops phones",
                credentials: [{ username: "ops-desk", password: "OpsPassword2025" }]
              }
            })
          )
        )
        const registered = decodes(
          EstSchema.SipEndpoint,
          yield* promise(() =>
            est.sipEndpoints.create({
              sipTrunkId: trunk.id,
              createSipEndpointRequestBody: {
                name: "Desk phone",
                priority: 3,
                isRegistered: true,
                credentialUsername: "ops-desk"
              }
            })
          )
        )
        expect(registered).toMatchObject({ isRegistered: true, credentialUsername: "ops-desk" })
        const listed = yield* all(est.sipEndpoints.list({ sipTrunkId: trunk.id }))
        expect(listed.map((e) => decodes(EstSchema.SipEndpoint, e).name).sort()).toEqual(["Desk phone", "Edge 2"])

        // A trunk with endpoints cannot go (the API never orphans resources): 400 FAILED_PRECONDITION.
        const refused = yield* failure(() => est.sipTrunks.delete({ sipTrunkId: trunk.id }))
        expect(refused?.statusCode).toBe(400)
        expect(JSON.stringify(refused?.data)).toContain("FAILED_PRECONDITION")

        for (const id of [created.id, registered.id]) {
          expect(yield* promise(() => est.sipEndpoints.delete({ sipTrunkId: trunk.id, sipEndpointId: id })))
            .toEqual(deleted)
        }
        const gone = yield* failure(() => est.sipEndpoints.get({ sipTrunkId: trunk.id, sipEndpointId: created.id }))
        expect(gone?.statusCode).toBe(404)
        expect(yield* all(est.sipEndpoints.list({ sipTrunkId: trunk.id }))).toEqual([])

        expect(yield* promise(() => est.sipTrunks.delete({ sipTrunkId: trunk.id })))
          .toEqual(deleted)
        expect((yield* failure(() => est.sipTrunks.get({ sipTrunkId: trunk.id })))?.statusCode).toBe(404)
        expect(yield* promise(() => est.credentialLists.delete({ id: list.id })))
          .toEqual(deleted)

        expect(yield* routeCount(`DELETE /trunks/${trunk.id}`)).toBe(2)
        expect(yield* routeCount(`DELETE /trunks/${trunk.id}/endpoints/${created.id}`)).toBe(1)
        expect(yield* routeCount(`PUT /trunks/${trunk.id}/endpoints/${created.id}`)).toBe(1)
      }))

    it.effect("access control lists: get, update, IP ranges (list, update, delete), unlink, delete", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const acl = decodes(
          EstSchema.AccessControlList,
          yield* promise(() =>
            est.accessControlList.create({
              createAccessControlListBody: {
                name: "Ops ACL",
                enabled: true,
                ipRanges: [
                  { description: "Office", ipAddress: "203.0.113.0", range: 24 },
                  { description: "VPN", ipAddress: "198.51.100.7", range: 32 }
                ]
              }
            })
          )
        )
        const got = decodes(
          EstSchema.AccessControlList,
          yield* promise(() => est.accessControlList.get({ id: acl.id }))
        )
        expect(got.ipRanges.map((r) => r.ipAddress)).toEqual(["203.0.113.0", "198.51.100.7"])

        const updated = yield* promise(() =>
          est.accessControlList.update({
            id: acl.id,
            updateAccessControlListRequestBody: { name: "Ops ACL (off)", enabled: false }
          })
        )
        expect(decodes(EstSchema.AccessControlList, updated)).toMatchObject({ name: "Ops ACL (off)", enabled: false })

        const ranges = yield* all(est.accessControlList.listIpRanges({ accessControlListId: acl.id }))
        const [office, vpn] = ranges.map((r) => decodes(EstSchema.IpRange, r))
        expect([office!.description, vpn!.description]).toEqual(["Office", "VPN"])
        const widened = yield* promise(() =>
          est.accessControlList.updateIpRange({
            accessControlListId: acl.id,
            ipRangeId: office!.id!,
            updateIpRangeRequestBody: { description: "Office", ipAddress: "203.0.113.0", range: 23 }
          })
        )
        expect(decodes(EstSchema.IpRange, widened)).toMatchObject({ id: office!.id, range: 23 })
        expect(
          yield* promise(() =>
            est.accessControlList.deleteIpRange({ accessControlListId: acl.id, ipRangeId: vpn!.id! })
          )
        ).toEqual(deleted)
        const left = yield* all(est.accessControlList.listIpRanges({ accessControlListId: acl.id }))
        expect(left.map((r) => decodes(EstSchema.IpRange, r))).toMatchObject([{ id: office!.id, range: 23 }])

        // Linking and unlinking, through both of the SDK's spellings of the same two operations.
        const trunk = decodes(
          EstSchema.SipTrunk,
          yield* promise(() =>
            est.sipTrunks.create({ createSipTrunkRequestBody: { name: "ACL trunk", hostName: "acl-trunk" } })
          )
        )
        const linked = yield* promise(() =>
          est.sipTrunks.addAccessControlList({
            trunkId: trunk.id,
            addAccessControlListToTrunkRequestBody: { accessControlListIds: [acl.id] }
          })
        )
        expect(decodes(EstSchema.AccessControlListIds, linked).accessControlListIds).toEqual([acl.id])
        expect(yield* all(est.sipTrunks.listAccessControlLists({ trunkId: trunk.id }))).toEqual([acl.id])
        const inUse = yield* failure(() => est.accessControlList.delete({ id: acl.id }))
        expect(inUse?.statusCode).toBe(400)
        expect(
          yield* promise(() =>
            est.sipTrunks.deleteAccessControlList({ trunkId: trunk.id, accessControlListId: acl.id })
          )
        ).toEqual(deleted)
        expect(yield* all(est.accessControlList.listForTrunk({ trunkId: trunk.id }))).toEqual([])

        yield* promise(() =>
          est.accessControlList.addToTrunk({
            trunkId: trunk.id,
            addAccessControlListToTrunkRequestBody: { accessControlListIds: [acl.id] }
          })
        )
        expect(
          yield* promise(() =>
            est.accessControlList.deleteFromTrunk({ trunkId: trunk.id, accessControlListId: acl.id })
          )
        ).toEqual(deleted)
        expect(yield* all(est.sipTrunks.listAccessControlLists({ trunkId: trunk.id }))).toEqual([])

        expect(yield* promise(() => est.accessControlList.delete({ id: acl.id })))
          .toEqual(deleted)
        expect((yield* failure(() => est.accessControlList.get({ id: acl.id })))?.statusCode).toBe(404)
        yield* promise(() => est.sipTrunks.delete({ sipTrunkId: trunk.id }))

        expect(yield* routeCount(`DELETE /trunks/${trunk.id}/accessControlLists/${acl.id}`)).toBe(2)
        expect(yield* routeCount(`DELETE /accessControlLists/${acl.id}/ipRanges/${vpn!.id}`)).toBe(1)
        expect(yield* routeCount(`DELETE /accessControlLists/${acl.id}`)).toBe(2)
      }))

    it.effect("credential lists: update, a credential's password, delete a credential, trunks of a list, unlink", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const list = decodes(
          EstSchema.CredentialList,
          yield* promise(() =>
            est.credentialLists.create({
              createCredentialListRequestBody: {
                name: "Night shift",
                credentials: [
                  { username: "night-1", password: "NightPassword2025" },
                  { username: "night-2", password: "NightPassword2026" }
                ]
              }
            })
          )
        )
        const renamed = yield* promise(() =>
          est.credentialLists.update({ id: list.id, updateCredentialListRequestBody: { name: "Late shift" } })
        )
        expect(decodes(EstSchema.CredentialList, renamed)).toMatchObject({ id: list.id, name: "Late shift" })

        // The reference's response for this operation holds only `password`; the SDK types it as
        // `Credential` (`{ id, username }`). The emulator answers the SDK's shape: echoing a secret back is
        // what no client may log, and the password is write-only everywhere else in the API.
        const credential = yield* promise(() =>
          est.credentialLists.updateCredential({
            id: list.id,
            username: "night-1",
            updateCredentialPasswordRequestBody: { password: "ChangedPassword2027" }
          })
        )
        expect(decodes(EstSchema.Credential, credential).username).toBe("night-1")
        expect(JSON.stringify(credential)).not.toContain("Password2027")
        const weak = yield* failure(() =>
          est.credentialLists.updateCredential({
            id: list.id,
            username: "night-1",
            updateCredentialPasswordRequestBody: { password: "short" }
          })
        )
        expect(weak?.statusCode).toBe(400)

        expect(yield* promise(() => est.credentialLists.deleteCredential({ id: list.id, username: "night-2" })))
          .toEqual(deleted)
        const read = decodes(EstSchema.CredentialList, yield* promise(() => est.credentialLists.get({ id: list.id })))
        expect(read.credentials.map((c) => c.username)).toEqual(["night-1"])
        expect(read.updateTime).toBeDefined()

        const trunk = decodes(
          EstSchema.SipTrunk,
          yield* promise(() =>
            est.sipTrunks.create({ createSipTrunkRequestBody: { name: "Shift trunk", hostName: "shift-trunk" } })
          )
        )
        yield* promise(() =>
          est.sipTrunks.addCredentialLists({
            trunkId: trunk.id,
            addCredentialListIdsToTrunkRequestBody: { credentialListIds: [list.id] }
          })
        )
        const trunks = yield* all(est.credentialLists.listTrunks({ id: list.id }))
        expect(trunks.map((t) => decodes(EstSchema.SipTrunk, t).id)).toEqual([trunk.id])
        expect((yield* failure(() => est.credentialLists.delete({ id: list.id })))?.statusCode).toBe(400)

        expect(
          yield* promise(() => est.sipTrunks.deleteCredentialList({ trunkId: trunk.id, credentialListId: list.id }))
        ).toEqual(deleted)
        expect(yield* all(est.credentialLists.listTrunks({ id: list.id }))).toEqual([])
        expect(yield* all(est.sipTrunks.listCredentialLists({ trunkId: trunk.id }))).toEqual([])

        expect(yield* promise(() => est.credentialLists.delete({ id: list.id })))
          .toEqual(deleted)
        expect((yield* failure(() => est.credentialLists.get({ id: list.id })))?.statusCode).toBe(404)
        yield* promise(() => est.sipTrunks.delete({ sipTrunkId: trunk.id }))

        expect(yield* routeCount(`PUT /credentialLists/${list.id}/credentials/night-1`)).toBe(2)
        expect(yield* routeCount(`DELETE /credentialLists/${list.id}/credentials/night-2`)).toBe(1)
        expect(yield* routeCount(`GET /credentialLists/${list.id}/trunks`)).toBe(2)
      }))

    it.effect("call-blocking rules: delete; projects: add", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const rule = decodes(
          EstSchema.CallBlockingRule,
          yield* promise(() =>
            est.callBlockingRules.create({
              createCallBlockingRuleRequestBody: { name: "Ops rule", direction: "OUTBOUND", calleeMatch: "+1900" }
            })
          )
        )
        const before = (yield* all(est.callBlockingRules.list())).map((r) => r.id)
        expect(before).toContain(rule.id)
        expect(yield* promise(() => est.callBlockingRules.delete({ id: rule.id })))
          .toEqual(deleted)
        const after = (yield* all(est.callBlockingRules.list())).map((r) => r.id)
        expect(after).toEqual(before.filter((id) => id !== rule.id))
        expect((yield* failure(() => est.callBlockingRules.delete({ id: rule.id })))?.statusCode).toBe(404)

        const added = yield* promise(() =>
          est.projects.add({ addProjectsRequestBody: { projectIds: ["project-a", "project-b"] } })
        )
        expect(decodes(EstSchema.AddProjectsResponse, added).addedProjects).toEqual(["project-a", "project-b"])
        const empty = yield* failure(() => est.projects.add({ addProjectsRequestBody: { projectIds: [] } }))
        expect(empty?.statusCode).toBe(400)
        expect(yield* routeCount("POST /addProjects")).toBe(2)
      }))

    it.effect("calls export: the SDK's full filter set reaches the emulator under the documented names", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const calls = (yield* all(est.calls.find({ size: 1000 }))).map((c) => decodes(EstSchema.Call, c))
        expect(calls).toHaveLength(250)
        const rows = (csv: string) => csv.trimEnd().split("\r\n").slice(1)

        // Calls from Sweden (+46) that completed: the export's country filter and the shared filters.
        const fromSweden = calls.filter((c) => c.from!.startsWith("+46") && c.callResult === "COMPLETED")
        expect(fromSweden.length).toBeGreaterThan(0)
        const swedish = yield* promise(() =>
          est.calls.export({
            fromCountryCode: "SE",
            callResult: "COMPLETED",
            emergencyOnly: "false",
            hasChildren: "false",
            region: "eu",
            projectIds: demo.projectId,
            fileName: "calls.csv",
            groupId: "group-1",
            parentId: "parent-1",
            relationshipType: "initial"
          })
        )
        expect(rows(swedish.data).map((row) => row.split(",")[0]).sort()).toEqual(
          fromSweden.map((c) => c.callId).sort()
        )

        // Calls to the US or Canada (+1), outbound.
        const toNorthAmerica = calls.filter((c) => c.to!.startsWith("+1") && c.direction === "OUTBOUND")
        const outbound = yield* promise(() => est.calls.export({ toCountryCode: "US", direction: "OUTBOUND" }))
        expect(rows(outbound.data)).toHaveLength(toNorthAmerica.length)

        // No seeded call is an emergency call.
        const emergency = yield* promise(() => est.calls.export({ emergencyOnly: "true" }))
        expect(rows(emergency.data)).toEqual([])

        // A value outside the documented ones is a 400 naming the field, not an unfiltered export.
        // The SDK turns any non-2xx export into an EmptyResponseError ("No response received") without
        // status or body (sdk-client processCSVResponse), so the emulator's answer is read directly.
        const bad = yield* failure(() => est.calls.export({ fromCountryCode: "Sweden" }))
        expect(String(bad)).toContain("No response received")
        expect(bad?.statusCode).toBeUndefined()
        const direct = yield* raw("/calls/export?fromCountryCode=Sweden")
        expect(direct.status).toBe(400)
        expect(direct.body).toContain("fromCountryCode")
        expect(yield* routeCount("GET /calls/export")).toBe(5)
      }))
  }
)
