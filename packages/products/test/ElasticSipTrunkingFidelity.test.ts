/**
 * The official `@sinch/sdk-core` Elastic SIP Trunking client against the emulator served on
 * 127.0.0.1: one representative call per resource must succeed, and what the emulator answers must
 * decode with our Schemas. Where the official client and the emulator disagree, the EST API reference
 * (https://developers.sinch.com/docs/est/api-reference/est) decides; each such case cites it.
 */
import { expect, layer } from "@effect/vitest"
import { Emulator, EmulatorControl, EmulatorServer } from "@sinch-effect/emulator"
import { Effect, Redacted } from "effect"
import { ElasticSipTrunkingSchema as EstSchema } from "../src/index.js"
import { all, decodes, officialClient, promise } from "./utils/officialSdk.js"

const demo = Emulator.demoCredentials
const projectPath = `/est/v1/projects/${demo.projectId}`

const sdk = Effect.map(
  officialClient((baseUrl) => ({
    elasticSipTrunkingHostname: `${baseUrl}/est`
  })),
  (client) => client.elasticSipTrunking
)

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

// A GET straight to the emulator (project Basic auth), for what the SDK cannot read.
const raw = (path: string) =>
  Effect.flatMap(
    EmulatorServer.EmulatorServer,
    (server) =>
      promise(() =>
        fetch(`${server.baseUrl}${projectPath}${path}`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${demo.keyId}:${Redacted.value(demo.keySecret)}`).toString("base64")}`
          }
        }).then((response) => {
          if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`)
          return response.json() as Promise<unknown>
        })
      )
  )

// The seeded trunks, read through our Schema (see the `trunks` / `sipTrunks` disagreement below).
const seededTrunks = Effect.map(raw("/trunks"), (page) => {
  const [stockholm, chicago] = EstSchema.sipTrunksOf(decodes(EstSchema.SipTrunksPage, page))
  return { stockholm: stockholm!, chicago: chicago! }
})

// Every page of an SDK list, through its async iterator (bounded).

// Basic auth is what `raw` uses; its default limit (5, refilled 5/s) is not what these tests are about.
layer(EmulatorServer.layerEmulator({ projectBasicRateLimit: { capacity: 1000, refillPerSecond: 1000 } }), {
  excludeTestServices: true
})(
  "official Elastic SIP Trunking client against the emulator",
  (it) => {
    it.effect("SIP trunks: create, get, update, list every page", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const created = yield* promise(() =>
          est.sipTrunks.create({ createSipTrunkRequestBody: { name: "SDK trunk", hostName: "sdk-trunk" } })
        )
        const trunk = decodes(EstSchema.SipTrunk, created)
        expect(trunk).toMatchObject({ name: "SDK trunk", domain: "sdk-trunk.pstn.sinch.com" })
        const got = yield* promise(() => est.sipTrunks.get({ sipTrunkId: trunk.id }))
        expect(decodes(EstSchema.SipTrunk, got).id).toBe(trunk.id)
        const updated = yield* promise(() =>
          est.sipTrunks.update({
            sipTrunkId: trunk.id,
            updateSipTrunkRequestBody: { name: "SDK trunk 2", hostName: "sdk-trunk" }
          })
        )
        expect(decodes(EstSchema.SipTrunk, updated).name).toBe("SDK trunk 2")
      }))

    it.effect("SIP endpoints: create a static endpoint, list a trunk's endpoints", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const { stockholm } = yield* seededTrunks
        const created = yield* promise(() =>
          est.sipEndpoints.create({
            sipTrunkId: stockholm.id,
            createSipEndpointRequestBody: { name: "SDK SBC", priority: 3, address: "198.51.100.30" }
          })
        )
        expect(decodes(EstSchema.SipEndpoint, created)).toMatchObject({ name: "SDK SBC", port: 5060 })
        const endpoints = yield* all(est.sipEndpoints.list({ sipTrunkId: stockholm.id }))
        expect(endpoints.map((e) => decodes(EstSchema.SipEndpoint, e).name)).toContain("SDK SBC")
      }))

    it.effect("access control lists: create, add an IP range, link to a trunk, list", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const { chicago } = yield* seededTrunks
        const acl = decodes(
          EstSchema.AccessControlList,
          yield* promise(() =>
            est.accessControlList.create({
              createAccessControlListBody: {
                name: "SDK ACL",
                enabled: true,
                ipRanges: [{ description: "Office", ipAddress: "15.15.15.15", range: 20 }]
              }
            })
          )
        )
        expect(acl.ipRanges.map((r) => r.range)).toEqual([20])
        const range = yield* promise(() =>
          est.accessControlList.addIpRange({
            accessControlListId: acl.id,
            addIpRangeRequestBody: { ipAddress: "11.12.13.14", range: 27 }
          })
        )
        expect(decodes(EstSchema.IpRange, range).ipAddress).toBe("11.12.13.14")
        const linked = yield* promise(() =>
          est.accessControlList.addToTrunk({
            trunkId: chicago.id,
            addAccessControlListToTrunkRequestBody: { accessControlListIds: [acl.id] }
          })
        )
        expect(decodes(EstSchema.AccessControlListIds, linked).accessControlListIds).toEqual([acl.id])
        const ids = yield* all(est.accessControlList.listForTrunk({ trunkId: chicago.id }))
        expect(ids).toContain(acl.id)
        const acls = yield* all(est.accessControlList.list())
        expect(acls.map((a) => decodes(EstSchema.AccessControlList, a).name)).toContain("SDK ACL")
      }))

    it.effect("credential lists: create with a credential, get, list, link to a trunk", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const { stockholm } = yield* seededTrunks
        const created = decodes(
          EstSchema.CredentialList,
          yield* promise(() =>
            est.credentialLists.create({
              createCredentialListRequestBody: {
                name: "SDK list",
                credentials: [{ username: "sdk-user", password: "SdkPassword2025" }]
              }
            })
          )
        )
        expect(created.credentials.map((c) => c.username)).toEqual(["sdk-user"])
        const got = yield* promise(() => est.credentialLists.get({ id: created.id }))
        expect(JSON.stringify(got)).not.toContain("SdkPassword2025")
        const lists = yield* all(est.credentialLists.list())
        expect(lists.map((l) => decodes(EstSchema.CredentialList, l).name)).toEqual(["Chicago agents", "SDK list"])
        const added = yield* promise(() =>
          est.sipTrunks.addCredentialLists({
            trunkId: stockholm.id,
            addCredentialListIdsToTrunkRequestBody: { credentialListIds: [created.id] }
          })
        )
        expect(decodes(EstSchema.CredentialListIds, added).credentialListIds).toEqual([created.id])
      }))

    it.effect("country permissions: list, get, update", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const listed = decodes(
          EstSchema.CountryPermissionsResponse,
          yield* promise(() => est.countryPermissions.list())
        )
        expect(listed.countryPermissions.filter((c) => c.enabled).map((c) => c.isoCode)).toEqual(["US", "CA"])
        const se = yield* promise(() => est.countryPermissions.get({ isoCode: "SE" }))
        expect(decodes(EstSchema.CountryPermission, se).countryDialingCodes).toEqual(["+46"])
        const updated = yield* promise(() =>
          est.countryPermissions.update({ isoCode: "SE", updateCountryPermissionRequestBody: { enabled: true } })
        )
        expect(decodes(EstSchema.CountryPermission, updated).enabled).toBe(true)
      }))

    it.effect("calls: find every page of the last 24 hours, filter by result, export as CSV", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const calls = yield* all(est.calls.find({ size: 100 }))
        expect(calls).toHaveLength(250)
        expect(new Set(calls.map((c) => decodes(EstSchema.Call, c).callId)).size).toBe(250)
        const failed = yield* all(est.calls.find({ callResult: "FAILED" }))
        expect(failed.map((c) => decodes(EstSchema.Call, c).callResult)).toEqual(Array(25).fill("FAILED"))
        const csv = yield* promise(() => est.calls.export({ callResult: "BUSY" }))
        expect(csv.data.trimEnd().split("\r\n")).toHaveLength(26)
      }))

    it.effect("call-blocking rules: create and update", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const created = decodes(
          EstSchema.CallBlockingRule,
          yield* promise(() =>
            est.callBlockingRules.create({
              createCallBlockingRuleRequestBody: { name: "SDK rule", direction: "INBOUND", callerMatch: "+1555" }
            })
          )
        )
        expect(created).toMatchObject({ name: "SDK rule", direction: "INBOUND" })
        const updated = yield* promise(() =>
          est.callBlockingRules.update({
            id: created.id,
            updateCallBlockingRuleRequestBody: { direction: "OUTBOUND", calleeCountry: "GB" }
          })
        )
        expect(decodes(EstSchema.CallBlockingRule, updated)).toMatchObject({ id: created.id, direction: "OUTBOUND" })
      }))

    // Disagreements, decided by the documents.

    it.effect("listing call-blocking rules: a paged object (SDK) wins over the reference's bare array", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        // https://developers.sinch.com/docs/est/api-reference/est/call-blocking-rules/getblockingrules documents
        // a bare array; the SDK pages `callBlockingRules` / `totalItems` / `pageNumber`, and Sinch's own mock
        // server (the SDK's end-to-end tests) answers that object. The SDK wins: it is what the API sends. Our
        // Schema reads both shapes.
        const viaSdk = yield* all(est.callBlockingRules.list())
        const ours = EstSchema.callBlockingRulesOf(
          decodes(EstSchema.CallBlockingRules, yield* raw("/callBlockingRules"))
        )
        expect(viaSdk.length).toBeGreaterThanOrEqual(2)
        expect(ours.map((rule) => rule.id)).toEqual(viaSdk.map((rule) => rule.id))
        expect(EstSchema.callBlockingRulesOf(decodes(EstSchema.CallBlockingRules, [ours[0]]))).toHaveLength(1)
      }))

    it.effect("bulk-replacing a trunk's credential lists: documented as a bare array, sent by the SDK as an object", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const { stockholm } = yield* seededTrunks
        const [agents] = yield* all(est.credentialLists.list())
        // https://developers.sinch.com/docs/est/api-reference/est/sip-trunks/bulkupdatecredentiallistsfortrunk documents
        // the request body as `type: array` of ids; the SDK sends `{ credentialListIds: [...] }`. The emulator accepts
        // both forms and answers `{ credentialListIds }` as documented.
        const replaced = yield* promise(() =>
          est.sipTrunks.updateCredentialLists({
            trunkId: stockholm.id,
            updateCredentialListIdsForTrunkRequestBody: { credentialListIds: [agents!.id!] }
          })
        )
        expect(decodes(EstSchema.CredentialListIds, replaced).credentialListIds).toEqual([agents!.id])
      }))

    it.effect("a trunk's credential lists: full objects under `credentialLists` (SDK) win over bare ids", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        const { chicago } = yield* seededTrunks
        // https://developers.sinch.com/docs/est/api-reference/est/sip-trunks/getcredentiallistsfortrunk documents
        // `credentialListIds`; the SDK reads `credentialLists` of CredentialList objects, which is what the API
        // answers. The SDK wins; our Schema reads both, so neither spelling can empty the list.
        const viaSdk = yield* promise(() => est.sipTrunks.listCredentialLists({ trunkId: chicago.id }))
        expect(viaSdk.data).toHaveLength(1)
        const ours = EstSchema.trunkCredentialListsOf(
          decodes(EstSchema.TrunkCredentialListsPage, yield* raw(`/trunks/${chicago.id}/credentialLists`))
        )
        expect(ours.map((list) => list.id)).toEqual(viaSdk.data.map((list) => list.id))
        const idsOnly = decodes(EstSchema.TrunkCredentialListsPage, { credentialListIds: ["a", "b"], totalItems: 2 })
        expect(EstSchema.trunkCredentialListsOf(idsOnly).map((list) => list.id)).toEqual(["a", "b"])
      }))

    it.effect("direction casing: upper case in requests (reference), lower case in answers (SDK)", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        // The reference (https://developers.sinch.com/docs/est/api-reference/est) documents `direction` as
        // INBOUND / OUTBOUND. The SDK's DirectionEnum lists both spellings, its calls-history test payload
        // has `direction: 'inbound'`, and Sinch's mock server answers POST /callBlockingRules for an INBOUND
        // rule with "inbound". Requests: the reference wins (the emulator takes INBOUND; in a query value, as
        // a filter, either case). Answers: the SDK wins, being what the API sends; our Schema reads both.
        const rule = yield* promise(() =>
          est.callBlockingRules.create({
            createCallBlockingRuleRequestBody: { name: "Casing", direction: "INBOUND", callerMatch: "+1999" }
          })
        )
        expect(rule.direction).toBe("inbound")
        expect(decodes(EstSchema.CallBlockingRule, rule).direction).toBe("INBOUND")
        yield* promise(() => est.callBlockingRules.delete({ id: rule.id! }))

        const lower = yield* all(est.calls.find({ direction: "inbound", size: 1000 }))
        const upper = yield* all(est.calls.find({ direction: "INBOUND", size: 1000 }))
        expect(lower.length).toBeGreaterThan(0)
        expect(lower.map((c) => c.callId)).toEqual(upper.map((c) => c.callId))
        expect(new Set(lower.map((c) => c.direction))).toEqual(new Set(["inbound"]))
        expect(new Set(lower.map((c) => decodes(EstSchema.Call, c).direction))).toEqual(new Set(["INBOUND"]))
      }))

    it.effect("listing trunks: `trunks` (SDK) wins over the reference's `sipTrunks`", () =>
      Effect.gen(function*() {
        const est = yield* sdk
        // https://developers.sinch.com/docs/est/api-reference/est/sip-trunks/getsiptrunks documents `sipTrunks`;
        // the SDK reads `trunks`, the key the API answers. The SDK wins; our Schema reads both.
        const viaSdk = yield* promise(() => est.sipTrunks.list())
        expect(viaSdk.data.length).toBeGreaterThanOrEqual(2)
        const ours = EstSchema.sipTrunksOf(decodes(EstSchema.SipTrunksPage, yield* raw("/trunks")))
        expect(ours.map((trunk) => trunk.id)).toEqual(viaSdk.data.map((trunk) => trunk.id))
        expect(EstSchema.sipTrunksOf(decodes(EstSchema.SipTrunksPage, { sipTrunks: [ours[0]] }))).toHaveLength(1)
        // The SDK's pagination: the ACLs of a list, page by page.
        const aclPages = Effect.map(counters, (c) => c.requestsByRoute[`GET ${projectPath}/accessControlLists`] ?? 0)
        const before = yield* aclPages
        const acls = yield* all(est.accessControlList.list({ size: 1 }))
        expect(acls.length).toBeGreaterThanOrEqual(3)
        expect((yield* aclPages) - before).toBe(acls.length)
      }))
  }
)
