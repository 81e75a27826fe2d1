import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import type { ProductApi, ProductRequest, ProductResponse } from "../../src/ProductApi.js"
import * as Est from "../../src/products/est.js"

const projectId = "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47"
const noon = Date.parse("2026-01-15T12:00:00Z")

const request = (
  method: ProductRequest["method"],
  path: string,
  body?: unknown,
  options: { readonly project?: string; readonly caller?: string | undefined } = {}
): ProductRequest => {
  const url = new URL(`/v1/projects/${options.project ?? projectId}${path}`, "http://emulator")
  return {
    method,
    path: url.pathname,
    segments: url.pathname.split("/").filter((s) => s !== "").map(decodeURIComponent),
    query: url.searchParams,
    headers: {},
    body,
    rawBody: body === undefined ? "" : JSON.stringify(body),
    region: undefined,
    projectId: "caller" in options ? options.caller : options.project ?? projectId
  }
}

interface Client {
  readonly call: (
    method: ProductRequest["method"],
    path: string,
    body?: unknown,
    options?: { readonly project?: string; readonly caller?: string | undefined }
  ) => Effect.Effect<ProductResponse & { readonly json: any }>
}

const client = (api: ProductApi): Client => ({
  call: (method, path, body, options) =>
    Effect.map(api.handle(request(method, path, body, options)), (response) => {
      if (response === undefined) throw new Error(`no route for ${method} ${path}`)
      return { ...response, json: response.body as any }
    })
})

const setup = Effect.gen(function*() {
  yield* TestClock.setTime(noon)
  return client(yield* Est.make)
})

const violations = (response: { readonly json: any }) =>
  (response.json.error.details[0].fieldViolations as Array<{ field: string }>).map((v) => v.field)

describe("EST emulator", () => {
  describe("SIP trunks", () => {
    it.effect("lists the seeded trunks in the documented envelope", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const res = yield* api.call("GET", "/trunks")
        expect(res.status).toBe(200)
        expect(res.json.totalItems).toBe(2)
        expect(res.json.pageNumber).toBe(1)
        expect(res.json.pageSize).toBe(500)
        expect(res.json.size).toBe(500)
        expect(res.json.trunks.map((t: any) => t.hostName)).toEqual(["acme-sthlm", "acme-chicago"])
        expect(res.json.trunks[0].domain).toBe("acme-sthlm.pstn.sinch.com")
        expect(res.json.trunks[0].projectId).toBe(projectId)
      }))

    it.effect("creates (201), reads, replaces and deletes a trunk", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const created = yield* api.call("POST", "/trunks", { name: "Lab", hostName: "acme-lab", id: "ignored" })
        expect(created.status).toBe(201)
        expect(created.json).toMatchObject({
          name: "Lab",
          hostName: "acme-lab",
          domain: "acme-lab.pstn.sinch.com",
          callsPerSecond: 1,
          enableCallerName: false,
          createTime: "2026-01-15T12:00:00.000Z"
        })
        expect(created.json.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
        const id = created.json.id
        expect((yield* api.call("GET", `/trunks/${id}`)).json).toEqual(created.json)

        const replaced = yield* api.call("PUT", `/trunks/${id}`, { name: "Lab 2", hostName: "acme-lab-2" })
        expect(replaced.status).toBe(200)
        expect(replaced.json).toMatchObject({ id, name: "Lab 2", domain: "acme-lab-2.pstn.sinch.com" })

        expect((yield* api.call("DELETE", `/trunks/${id}`)).status).toBe(204)
        const gone = yield* api.call("GET", `/trunks/${id}`)
        expect(gone.status).toBe(404)
        expect(gone.json).toEqual({
          error: { code: 404, message: `SIP trunk ${id} not found`, status: "NOT_FOUND", details: [] }
        })
      }))

    it.effect("answers 400 INVALID_ARGUMENT with field violations", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const missing = yield* api.call("POST", "/trunks", { hostName: "bad host!" })
        expect(missing.status).toBe(400)
        expect(missing.json.error.status).toBe("INVALID_ARGUMENT")
        expect(missing.json.error.details[0].type).toBe("BadRequest")
        expect(violations(missing).sort()).toEqual(["hostName", "name"])

        const taken = yield* api.call("POST", "/trunks", { name: "Dup", hostName: "acme-sthlm" })
        expect(violations(taken)).toEqual(["hostName"])

        const forward = yield* api.call("POST", "/trunks", { name: "F", hostName: "fwd", enableCallForward: true })
        expect(violations(forward)).toEqual(["callForwardNumber"])
      }))

    it.effect("refuses to delete a trunk that still has dependents", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const [stockholm] = (yield* api.call("GET", "/trunks")).json.trunks
        const res = yield* api.call("DELETE", `/trunks/${stockholm.id}`)
        expect(res.status).toBe(400)
        expect(res.json.error.status).toBe("FAILED_PRECONDITION")
        expect(res.json.error.message).toContain("phone numbers, SIP endpoints, access control lists")
        expect((yield* api.call("GET", `/trunks/${stockholm.id}`)).status).toBe(200)
      }))

    it.effect("pages with page (1-based) and size, and validates both", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const second = yield* api.call("GET", "/trunks?page=2&size=1")
        expect(second.json.trunks.map((t: any) => t.hostName)).toEqual(["acme-chicago"])
        expect(second.json).toMatchObject({ totalItems: 2, pageNumber: 2, size: 1, pageSize: 1 })
        expect((yield* api.call("GET", "/trunks?page=3&size=1")).json.trunks).toEqual([])
        const bad = yield* api.call("GET", "/trunks?page=0&size=501")
        expect(bad.status).toBe(400)
        expect(violations(bad)).toEqual(["page", "size"])
      }))
  })

  describe("SIP endpoints", () => {
    it.effect("creates static endpoints with defaults and validates registered ones", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const [, chicago] = (yield* api.call("GET", "/trunks")).json.trunks
        const base = `/trunks/${chicago.id}/endpoints`
        expect((yield* api.call("GET", base)).json.endpoints).toHaveLength(1)

        const created = yield* api.call("POST", base, { name: "SBC", priority: 2, address: "198.51.100.20" })
        expect(created.status).toBe(200)
        expect(created.json).toMatchObject({
          sipTrunkId: chicago.id,
          address: "198.51.100.20",
          port: 5060,
          transport: "UDP",
          enabled: true,
          priority: 2
        })

        const noAddress = yield* api.call("POST", base, { name: "x", priority: 1 })
        expect(violations(noAddress)).toEqual(["address"])
        const unknownUser = yield* api.call("POST", base, {
          name: "Phones",
          priority: 1,
          isRegistered: true,
          credentialUsername: "nobody"
        })
        expect(violations(unknownUser)).toEqual(["credentialUsername"])
        const badPriority = yield* api.call("POST", base, { name: "x", priority: 0, address: "a.example", port: 70000 })
        expect(violations(badPriority).sort()).toEqual(["port", "priority"])

        const registered = yield* api.call("POST", base, {
          name: "Supervisors",
          priority: 1,
          isRegistered: true,
          credentialUsername: "chicago-supervisor"
        })
        expect(registered.json).toMatchObject({ isRegistered: true, credentialUsername: "chicago-supervisor" })
        expect(registered.json.address).toBeUndefined()

        const path = `${base}/${created.json.id}`
        const updated = yield* api.call("PUT", path, {
          name: "SBC",
          priority: 3,
          address: "sbc.example",
          port: 5080,
          transport: "TCP"
        })
        expect(updated.json).toMatchObject({ priority: 3, address: "sbc.example", port: 5080, transport: "TCP" })
        expect((yield* api.call("GET", path)).json.updateTime).toBe("2026-01-15T12:00:00.000Z")
        expect((yield* api.call("DELETE", path)).status).toBe(204)
        expect((yield* api.call("GET", path)).status).toBe(404)
        expect((yield* api.call("GET", base)).json.endpoints).toHaveLength(2)
      }))
  })

  describe("access control lists", () => {
    it.effect("creates ACLs with IP ranges as objects, never CIDR strings", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const cidr = yield* api.call("POST", "/accessControlLists", {
          name: "x",
          ipRanges: [{ ipAddress: "10.0.0.0/8" }]
        })
        expect(violations(cidr)).toEqual(["ipRanges[0].ipAddress"])
        const empty = yield* api.call("POST", "/accessControlLists", { name: "x", ipRanges: [] })
        expect(violations(empty)).toEqual(["ipRanges"])

        const created = yield* api.call("POST", "/accessControlLists", {
          name: "Branch",
          ipRanges: [{ description: "Branch LAN", ipAddress: "10.1.0.0", range: 16 }, { ipAddress: "10.2.0.1" }]
        })
        expect(created.status).toBe(200)
        expect(created.json).toMatchObject({ name: "Branch", enabled: true, trunks: [], projectId })
        expect(created.json.ipRanges.map((r: any) => [r.ipAddress, r.range, r.accessControlListId])).toEqual([
          ["10.1.0.0", 16, created.json.id],
          ["10.2.0.1", 32, created.json.id]
        ])
        expect((yield* api.call("GET", "/accessControlLists")).json.totalItems).toBe(3)
      }))

    it.effect("manages IP ranges, trunk links, and the trunks using an ACL", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const [stockholm, chicago] = (yield* api.call("GET", "/trunks")).json.trunks
        const [office] = (yield* api.call("GET", "/accessControlLists")).json.accessControlLists
        expect(office.trunks).toEqual([stockholm.id])

        const ranges = `/accessControlLists/${office.id}/ipRanges`
        const added = yield* api.call("POST", ranges, { ipAddress: "192.0.2.55", range: 32, description: "Home" })
        expect(added.json).toMatchObject({ ipAddress: "192.0.2.55", accessControlListId: office.id })
        const changed = yield* api.call("PUT", `${ranges}/${added.json.id}`, { ipAddress: "192.0.2.56", range: 31 })
        expect(changed.json).toMatchObject({ ipAddress: "192.0.2.56", range: 31, description: "Home" })
        expect((yield* api.call("GET", ranges)).json.ipRanges).toHaveLength(3)
        expect((yield* api.call("DELETE", `${ranges}/${added.json.id}`)).status).toBe(204)
        expect((yield* api.call("GET", ranges)).json.ipRanges).toHaveLength(2)

        const link = yield* api.call("POST", `/trunks/${chicago.id}/accessControlLists`, {
          accessControlListIds: [office.id]
        })
        expect(link.json).toEqual({ accessControlListIds: [office.id] })
        const linked = yield* api.call("GET", `/trunks/${chicago.id}/accessControlLists`)
        expect(linked.json.accessControlListIds).toHaveLength(2)
        const users = yield* api.call("GET", `/accessControlLists/${office.id}/trunks`)
        expect(users.json.trunks.map((t: any) => t.id)).toEqual([stockholm.id, chicago.id])

        const unknown = yield* api.call("POST", `/trunks/${chicago.id}/accessControlLists`, {
          accessControlListIds: ["nope"]
        })
        expect(violations(unknown)).toEqual(["accessControlListIds[0]"])

        const inUse = yield* api.call("DELETE", `/accessControlLists/${office.id}`)
        expect(inUse.json.error.status).toBe("FAILED_PRECONDITION")
        expect((yield* api.call("DELETE", `/trunks/${stockholm.id}/accessControlLists/${office.id}`)).status).toBe(204)
        expect((yield* api.call("DELETE", `/trunks/${chicago.id}/accessControlLists/${office.id}`)).status).toBe(204)
        expect((yield* api.call("DELETE", `/trunks/${chicago.id}/accessControlLists/${office.id}`)).status).toBe(404)

        const renamed = yield* api.call("PUT", `/accessControlLists/${office.id}`, { name: "Office", enabled: false })
        expect(renamed.json).toMatchObject({ name: "Office", enabled: false, trunks: [] })
        expect(renamed.json.ipRanges).toHaveLength(2)
        expect((yield* api.call("DELETE", `/accessControlLists/${office.id}`)).status).toBe(204)
        expect((yield* api.call("GET", `/accessControlLists/${office.id}`)).status).toBe(404)
      }))
  })

  describe("credential lists", () => {
    it.effect("never returns passwords and enforces the password rule", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const weak = yield* api.call("POST", "/credentialLists", {
          name: "Weak",
          credentials: [{ username: "u1", password: "short" }]
        })
        expect(violations(weak)).toEqual(["credentials[0].password"])

        const created = yield* api.call("POST", "/credentialLists", {
          name: "Remote staff",
          credentials: [{ username: "remote-1", password: "Remote2024Staff" }]
        })
        expect(created.status).toBe(201)
        expect(created.json.credentials).toEqual([{ id: expect.any(String), username: "remote-1" }])
        expect(JSON.stringify(created.json)).not.toContain("Remote2024Staff")

        const id = created.json.id
        const added = yield* api.call("POST", `/credentialLists/${id}/credentials`, {
          username: "remote-2",
          password: "Remote2024Staff2"
        })
        expect(added.json).toEqual({ id: expect.any(String), username: "remote-2" })
        const duplicate = yield* api.call("POST", `/credentialLists/${id}/credentials`, {
          username: "chicago-agents",
          password: "Remote2024Staff2"
        })
        expect(violations(duplicate)).toEqual(["username"])

        const password = yield* api.call("PUT", `/credentialLists/${id}/credentials/remote-2`, {
          password: "NewPassword2025x"
        })
        expect(password.json).toEqual({ id: added.json.id, username: "remote-2" })
        expect((yield* api.call("DELETE", `/credentialLists/${id}/credentials/remote-2`)).status).toBe(204)
        expect((yield* api.call("GET", `/credentialLists/${id}`)).json.credentials).toHaveLength(1)

        const renamed = yield* api.call("PUT", `/credentialLists/${id}`, { name: "Remote" })
        expect(renamed.json.name).toBe("Remote")
        expect((yield* api.call("GET", "/credentialLists")).json.totalItems).toBe(2)
        expect((yield* api.call("DELETE", `/credentialLists/${id}`)).status).toBe(204)
      }))

    it.effect("links lists to trunks (append, bulk replace with a bare array, remove)", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const [stockholm, chicago] = (yield* api.call("GET", "/trunks")).json.trunks
        const [agents] = (yield* api.call("GET", "/credentialLists")).json.credentialLists
        const extra = (yield* api.call("POST", "/credentialLists", { name: "Extra" })).json

        const add = yield* api.call("POST", `/trunks/${stockholm.id}/credentialLists`, {
          credentialListIds: [agents.id]
        })
        expect(add.json).toEqual({ credentialListIds: [agents.id] })
        const replaced = yield* api.call("PUT", `/trunks/${stockholm.id}/credentialLists`, [extra.id])
        expect(replaced.json).toEqual({ credentialListIds: [extra.id] })
        const listed = yield* api.call("GET", `/trunks/${stockholm.id}/credentialLists`)
        expect(listed.json).toMatchObject({ totalItems: 1, pageNumber: 1 })
        expect(listed.json.credentialLists.map((l: any) => l.id)).toEqual([extra.id])
        expect(listed.json.credentialLists[0].name).toBe(extra.name)
        const objectForm = yield* api.call("PUT", `/trunks/${stockholm.id}/credentialLists`, {
          credentialListIds: [extra.id]
        })
        expect(objectForm.json).toEqual({ credentialListIds: [extra.id] })

        const users = yield* api.call("GET", `/credentialLists/${agents.id}/trunks`)
        expect(users.json.trunks.map((t: any) => t.id)).toEqual([chicago.id])
        expect((yield* api.call("DELETE", `/credentialLists/${agents.id}`)).json.error.status).toBe(
          "FAILED_PRECONDITION"
        )
        expect((yield* api.call("DELETE", `/trunks/${stockholm.id}/credentialLists/${extra.id}`)).status).toBe(204)
        expect((yield* api.call("GET", `/trunks/${stockholm.id}/credentialLists`)).json.credentialLists).toEqual([])
      }))
  })

  describe("country permissions and phone numbers", () => {
    it.effect("lists, gets and updates country permissions", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const all = yield* api.call("GET", "/countryPermissions")
        expect(all.json.countryPermissions.filter((c: any) => c.enabled).map((c: any) => c.isoCode)).toEqual([
          "US",
          "CA"
        ])
        const se = yield* api.call("GET", "/countryPermissions/SE")
        expect(se.json).toEqual({
          isoCode: "SE",
          name: "Sweden",
          continent: "Europe",
          countryDialingCodes: ["+46"],
          enabled: false
        })
        const enabled = yield* api.call("PUT", "/countryPermissions/SE", { enabled: true, isoCode: "XX" })
        expect(enabled.json).toMatchObject({ isoCode: "SE", enabled: true })
        expect((yield* api.call("GET", "/countryPermissions/SE")).json.enabled).toBe(true)
        expect(violations(yield* api.call("PUT", "/countryPermissions/SE", {}))).toEqual(["enabled"])
        expect((yield* api.call("GET", "/countryPermissions/ZZ")).status).toBe(404)
      }))

    it.effect("lists numbers (optionally per trunk) and gets one by its encoded E.164 form", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const [, chicago] = (yield* api.call("GET", "/trunks")).json.trunks
        expect((yield* api.call("GET", "/phoneNumbers")).json.totalItems).toBe(6)
        const mine = yield* api.call("GET", `/phoneNumbers?sipTrunkId=${chicago.id}`)
        expect(mine.json.phoneNumbers.map((n: any) => n.phoneNumber)).toEqual([
          "+13125550100",
          "+13125550101",
          "+13125550102"
        ])
        const one = yield* api.call("GET", "/phoneNumbers/%2B13125550100")
        expect(one.json).toMatchObject({ phoneNumber: "+13125550100", countryCode: "US", sipTrunkId: chicago.id })
        expect((yield* api.call("GET", "/phoneNumbers/%2B19999999999")).status).toBe(404)
      }))
  })

  describe("calls", () => {
    it.effect("finds the last 24 hours by default, newest first, 100 per page", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const first = yield* api.call("GET", "/calls")
        expect(first.json).toMatchObject({ totalItems: 250, pageNumber: 1, size: 100, pageSize: 100 })
        expect(first.json.calls).toHaveLength(100)
        expect(first.json.calls[0].createTime).toBe("2026-01-15T11:55:00.000Z")
        const third = yield* api.call("GET", "/calls?page=3")
        expect(third.json.calls).toHaveLength(50)
        expect(third.json.calls[49].createTime).toBe("2026-01-14T15:10:00.000Z")

        yield* TestClock.adjust("4 hours")
        expect((yield* api.call("GET", "/calls")).json.totalItems).toBe(240)
      }))

    it.effect("filters by result, direction, number prefix, trunk and time range", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const [stockholm] = (yield* api.call("GET", "/trunks")).json.trunks
        const failed = yield* api.call("GET", "/calls?callResult=FAILED&size=1000")
        expect(failed.json.totalItems).toBe(25)
        expect(failed.json.calls.every((c: any) => c.callResult === "FAILED")).toBe(true)
        const both = yield* api.call("GET", "/calls?direction=INBOUND,OUTBOUND")
        expect(both.json.totalItems).toBe(250)
        const outbound = yield* api.call("GET", "/calls?direction=OUTBOUND&size=1000")
        expect(outbound.json.calls.every((c: any) => c.direction === "outbound")).toBe(true)
        expect(outbound.json.calls.every((c: any) => typeof c.price.amount === "number")).toBe(true)
        expect((yield* api.call("GET", "/calls?direction=outbound")).json.totalItems).toBe(outbound.json.totalItems)
        const fromSweden = yield* api.call("GET", "/calls?from=%2B4685&size=1000")
        expect(fromSweden.json.calls.every((c: any) => c.from.startsWith("+4685"))).toBe(true)
        expect(fromSweden.json.totalItems).toBeGreaterThan(0)
        const viaStockholm = yield* api.call("GET", `/calls?trunkId=${stockholm.id}`)
        expect(viaStockholm.json.totalItems).toBe(125)
        const hour = yield* api.call("GET", "/calls?createTime=2026-01-15T10")
        expect(hour.json.totalItems).toBe(12)
        const range = yield* api.call("GET", "/calls?createTime%3E=2026-01-15T10:00:00Z&createTime%3C=2026-01-15T10:30")
        expect(range.json.calls.map((c: any) => c.createTime.slice(11, 16))).toEqual([
          "10:30",
          "10:25",
          "10:20",
          "10:15",
          "10:10",
          "10:05",
          "10:00"
        ])
        const bad = yield* api.call("GET", "/calls?callResult=DROPPED&direction=SIDEWAYS&createTime=yesterday")
        expect(bad.status).toBe(400)
        expect(violations(bad)).toEqual(["callResult", "direction", "createTime"])
      }))

    it.effect("exports matching calls as CSV", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const csv = yield* api.call("GET", "/calls/export?callResult=BUSY")
        expect(csv.status).toBe(200)
        expect(csv.contentType).toBe("application/csv")
        const lines = csv.text!.trimEnd().split("\r\n")
        expect(lines[0]).toBe(
          "callId,createTime,direction,from,to,trunkId,callResult,answerTime,endTime,durationSeconds,billingDurationSeconds,pricePerMinute,price,currencyCode"
        )
        expect(lines).toHaveLength(26)
        expect(lines.slice(1).every((line) => line.split(",")[6] === "BUSY")).toBe(true)
      }))

    it.effect("applies the export's own filters: caller and callee country, emergency calls, child calls", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const rows = (csv: { readonly text?: string | undefined }) => csv.text!.trimEnd().split("\r\n").slice(1)
        const all = rows(yield* api.call("GET", "/calls/export"))
        const column = (row: string, i: number) => row.split(",")[i]!
        const fromSweden = rows(yield* api.call("GET", "/calls/export?fromCountryCode=se"))
        expect(fromSweden).toEqual(all.filter((row) => column(row, 3).startsWith("+46")))
        expect(fromSweden.length).toBeGreaterThan(0)
        const toUs = rows(
          yield* api.call("GET", "/calls/export?toCountryCode=US&emergencyOnly=false&hasChildren=false")
        )
        expect(toUs).toEqual(all.filter((row) => column(row, 4).startsWith("+1")))
        expect(rows(yield* api.call("GET", "/calls/export?emergencyOnly=true"))).toEqual([])
        expect(rows(yield* api.call("GET", "/calls/export?hasChildren=true"))).toEqual([])
        const bad = yield* api.call("GET", "/calls/export?fromCountryCode=Sweden&toCountryCode=XX&emergencyOnly=yes")
        expect(bad.status).toBe(400)
        expect(violations(bad)).toEqual(["fromCountryCode", "toCountryCode", "emergencyOnly"])
      }))
  })

  describe("call blocking rules", () => {
    it.effect("lists as a paged object, creates, updates and deletes", () =>
      Effect.gen(function*() {
        const api = yield* setup
        const listed = yield* api.call("GET", "/callBlockingRules")
        expect(listed.json).toMatchObject({ totalItems: 2, pageNumber: 1 })
        expect(listed.json.callBlockingRules).toHaveLength(2)
        const created = yield* api.call("POST", "/callBlockingRules", {
          name: "Block test range",
          direction: "INBOUND",
          callerMatch: "+1555"
        })
        expect(created.status).toBe(200)
        expect(created.json).toMatchObject({ name: "Block test range", direction: "inbound", callerMatch: "+1555" })
        expect(violations(yield* api.call("POST", "/callBlockingRules", { name: "x" }))).toEqual(["direction"])
        const updated = yield* api.call("PUT", `/callBlockingRules/${created.json.id}`, {
          direction: "OUTBOUND",
          calleeCountry: "GB"
        })
        expect(updated.json).toEqual({ id: created.json.id, direction: "outbound", calleeCountry: "GB" })
        expect((yield* api.call("GET", "/callBlockingRules?size=2&page=2")).json.callBlockingRules).toHaveLength(1)
        expect((yield* api.call("DELETE", `/callBlockingRules/${created.json.id}`)).status).toBe(204)
        expect((yield* api.call("DELETE", `/callBlockingRules/${created.json.id}`)).status).toBe(404)
      }))
  })

  describe("routing", () => {
    it.effect("keeps projects apart and refuses another project's path", () =>
      Effect.gen(function*() {
        const api = yield* setup
        yield* api.call("POST", "/trunks", { name: "Only here", hostName: "only-here" })
        expect((yield* api.call("GET", "/trunks")).json.totalItems).toBe(3)
        expect((yield* api.call("GET", "/trunks", undefined, { project: "other" })).json.totalItems).toBe(2)
        const denied = yield* api.call("GET", "/trunks", undefined, { project: "other", caller: projectId })
        expect(denied.status).toBe(403)
        expect(denied.json.error.status).toBe("PERMISSION_DENIED")
      }))

    it.effect("answers undefined for unknown paths and 405 for unknown methods", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(noon)
        const api = yield* Est.make
        expect(yield* api.handle(request("GET", "/nothing-here"))).toBeUndefined()
        expect(yield* api.handle({ ...request("GET", "/trunks"), segments: ["v2", "trunks"] })).toBeUndefined()
        const wrong = yield* api.handle(request("PATCH", "/trunks"))
        expect(wrong?.status).toBe(405)
      }))
  })
})
