import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { EmulatorClient, EmulatorControl } from "../../src/index.js"
import { clientBasic, demo, send, token, tokenRequest } from "../utils/emulator.js"

const base = `https://account.api.sinch.com/v1/projects/${demo.projectId}/accessKeys`

const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, bearer: string, body?: unknown) =>
  send(
    HttpClientRequest.make(method)(url).pipe(
      HttpClientRequest.setHeader("authorization", `Bearer ${bearer}`),
      body === undefined ? (request) => request : HttpClientRequest.bodyUnsafeJson(body)
    )
  )

const create = (bearer: string, displayName: string) =>
  Effect.map(call("POST", base, bearer, { displayName }), (answer) => {
    if (answer.status !== 200) throw new Error(`create failed: ${answer.status} ${answer.text}`)
    return answer.json as { accessKey: { accessKeyId: string; createTime: string }; secret: string }
  })

describe("emulated Access Keys API", () => {
  it.effect("a created key gets tokens at once; a deleted key gets none and its tokens stop working", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-01-02T03:04:05.678Z"))
      const bearer = yield* token()
      const created = yield* create(bearer, "rotated")
      expect(Object.keys(created).sort()).toEqual(["accessKey", "secret"])
      expect(created.accessKey).toEqual({
        accessKeyId: created.accessKey.accessKeyId,
        displayName: "rotated",
        projectId: demo.projectId,
        createTime: "2026-01-02T03:04:05.678Z",
        updateTime: "2026-01-02T03:04:05.678Z"
      })
      expect(created.secret.length).toBeGreaterThanOrEqual(32)
      const keyId = created.accessKey.accessKeyId

      const newToken = yield* token(clientBasic(keyId, created.secret))
      // The new key acts for the project: it may list the keys, its own included.
      const listed = yield* call("GET", base, newToken)
      expect(listed.status).toBe(200)
      expect(listed.json.accessKeys.map((key: any) => key.displayName)).toEqual(["demo", "rotated"])
      expect(listed.json.nextPageToken).toBe("")
      // A list never carries a secret.
      expect(listed.text).not.toContain(created.secret)

      expect((yield* tokenRequest({ authorization: clientBasic(keyId, "wrong") })).status).toBe(401)

      const deleted = yield* call("DELETE", `${base}/${keyId}`, bearer)
      expect(deleted.status).toBe(200)
      expect(deleted.json).toEqual({})
      const refused = yield* tokenRequest({ authorization: clientBasic(keyId, created.secret) })
      expect(refused.status).toBe(401)
      expect(refused.json.error).toBe("invalid_client")
      expect((yield* call("GET", base, newToken)).status).toBe(401)
      // The key that deleted it still works.
      expect((yield* call("GET", base, bearer)).status).toBe(200)
      expect((yield* call("DELETE", `${base}/${keyId}`, bearer)).status).toBe(404)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("get and update by id; display names are required and unique within the project", () =>
    Effect.gen(function*() {
      const bearer = yield* token()
      const created = yield* create(bearer, "first")
      const keyId = created.accessKey.accessKeyId
      const got = yield* call("GET", `${base}/${keyId}`, bearer)
      expect(got.status).toBe(200)
      expect(got.json).toEqual(created.accessKey)

      yield* TestClock.adjust("1 minute")
      const updated = yield* call("PATCH", `${base}/${keyId}`, bearer, { displayName: "renamed" })
      expect(updated.status).toBe(200)
      expect(updated.json.displayName).toBe("renamed")
      expect(updated.json.createTime).toBe(created.accessKey.createTime)
      expect(Date.parse(updated.json.updateTime) - Date.parse(updated.json.createTime)).toBe(60_000)

      const duplicate = yield* call("POST", base, bearer, { displayName: "demo" })
      expect(duplicate.status).toBe(409)
      expect(duplicate.json.error.status).toBe("ALREADY_EXISTS")
      expect((yield* call("PATCH", `${base}/${keyId}`, bearer, { displayName: "demo" })).status).toBe(409)
      const missing = yield* call("POST", base, bearer, {})
      expect(missing.status).toBe(400)
      expect(missing.json.error.details[0].fieldViolations[0].field).toBe("displayName")
      expect((yield* call("GET", `${base}/no-such-key`, bearer)).status).toBe(404)
      expect((yield* call("PATCH", `${base}/no-such-key`, bearer, { displayName: "x" })).status).toBe(404)
      expect((yield* call("POST", `${base}/${keyId}`, bearer, {})).status).toBe(405)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("at most 10 keys per project; pages of pageSize with nextPageToken", () =>
    Effect.gen(function*() {
      const bearer = yield* token()
      for (let i = 1; i <= 9; i++) {
        yield* create(bearer, `key-${i}`)
        yield* TestClock.adjust("1 second")
      }
      const eleventh = yield* call("POST", base, bearer, { displayName: "key-10" })
      expect(eleventh.status).toBe(400)
      expect(eleventh.json.error.status).toBe("FAILED_PRECONDITION")

      const names: Array<string> = []
      let pageToken = ""
      let pages = 0
      do {
        const page = yield* call("GET", `${base}?pageSize=4${pageToken ? `&pageToken=${pageToken}` : ""}`, bearer)
        expect(page.status).toBe(200)
        names.push(...page.json.accessKeys.map((key: any) => key.displayName))
        pageToken = page.json.nextPageToken
        pages += 1
      } while (pageToken !== "")
      expect(pages).toBe(3)
      expect(names).toEqual(["demo", ...Array.from({ length: 9 }, (_, i) => `key-${i + 1}`)])
      expect((yield* call("GET", `${base}?pageSize=1001`, bearer)).status).toBe(400)
      expect((yield* call("GET", `${base}?pageToken=bogus`, bearer)).status).toBe(400)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("a reset restores the configured keys: created ones are gone, deleted ones are back", () =>
    Effect.gen(function*() {
      const bearer = yield* token()
      const created = yield* create(bearer, "temporary")
      expect((yield* call("DELETE", `${base}/${demo.keyId}`, bearer)).status).toBe(200)
      expect((yield* tokenRequest()).status).toBe(401)
      yield* Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.reset)
      expect((yield* tokenRequest()).status).toBe(200)
      const refused = yield* tokenRequest({
        authorization: clientBasic(created.accessKey.accessKeyId, created.secret)
      })
      expect(refused.status).toBe(401)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("another project's keys are out of reach", () =>
    Effect.gen(function*() {
      const bearer = yield* token()
      const other = yield* call("GET", `https://account.api.sinch.com/v1/projects/other/accessKeys`, bearer)
      expect(other.status).toBe(403)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))
})
