import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { AuthStrategy, KeyRotation, ProjectCredentials, TokenProvider } from "@sinch-effect/auth-core"
import { EmulatorClient, EmulatorControl } from "@sinch-effect/emulator"
import { Emulator } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, Duration, Effect, Fiber, Inspectable, Layer, Logger, Redacted, Stream, TestClock } from "effect"
import * as util from "node:util"
import { AccessKeys, AccessKeysSchema, Numbers } from "../src/index.js"

const demo = Emulator.demoCredentials
const keysPath = `/v1/projects/${demo.projectId}/accessKeys`

const Credentials = ProjectCredentials.layer({
  projectId: demo.projectId,
  keyId: demo.keyId,
  keySecret: demo.keySecret
})

// Production endpoints: the in-process emulator routes account.api.sinch.com and auth.sinch.com by host.
const Base = Layer.mergeAll(Credentials, SinchEndpoints.layer()).pipe(
  Layer.orDie,
  Layer.provideMerge(EmulatorClient.layerEmulator())
)

const OAuth2 = Layer.mergeAll(AccessKeys.layer, Numbers.layer).pipe(
  Layer.provideMerge(TokenProvider.layer()),
  Layer.provideMerge(Base)
)

const Basic = AccessKeys.layerWith({ strategy: AuthStrategy.projectBasic }).pipe(Layer.provideMerge(Base))

const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)
const routeCount = (route: string) => Effect.map(counters, (c) => c.requestsByRoute[route] ?? 0)

/** A token request with a key, straight to the emulator's token endpoint: its HTTP status. */
const tokenStatus = (keyId: string, secret: string) =>
  Effect.flatMap(HttpClient.HttpClient, (client) =>
    client.execute(
      HttpClientRequest.post("https://auth.sinch.com/oauth2/token").pipe(
        HttpClientRequest.basicAuth(keyId, secret),
        HttpClientRequest.bodyUrlParams({ grant_type: "client_credentials" })
      )
    ).pipe(Effect.map((response) => response.status), Effect.scoped, Effect.orDie))

const names = (service: AccessKeys.Service) =>
  Effect.map(
    Stream.runCollect(service.listAccessKeys()),
    (keys) => Chunk.toReadonlyArray(keys).map((key) => key.displayName)
  )

describe("AccessKeys against the emulator", () => {
  it.effect("creates a key whose secret is Redacted, shown nowhere, and works at the token endpoint", () =>
    Effect.gen(function*() {
      const service = yield* AccessKeys.AccessKeys
      const created = yield* service.createAccessKey({ displayName: "worker" })
      expect(created).toBeInstanceOf(AccessKeysSchema.CreatedAccessKey)
      expect(created.accessKey).toBeInstanceOf(AccessKeysSchema.AccessKey)
      expect(created.accessKey.displayName).toBe("worker")
      expect(created.accessKey.projectId).toBe(demo.projectId)
      expect(created.accessKey.createTime).toBe("1970-01-01T00:00:00.000Z")
      expect(created.accessKey.updateTime).toBe("1970-01-01T00:00:00.000Z")
      expect(Redacted.isRedacted(created.secret)).toBe(true)
      const secret = Redacted.value(created.secret)
      expect(secret.length).toBeGreaterThanOrEqual(32)
      for (
        const shown of [
          String(created),
          JSON.stringify(created),
          util.inspect(created, { depth: 10 }),
          Inspectable.toStringUnknown(created),
          JSON.stringify(created.secret)
        ]
      ) {
        expect(shown).not.toContain(secret)
      }
      expect(yield* tokenStatus(created.accessKey.accessKeyId, secret)).toBe(200)
      expect(yield* routeCount(`POST ${keysPath}`)).toBe(1)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("lists every key over pages, gets, renames and deletes one", () =>
    Effect.gen(function*() {
      const service = yield* AccessKeys.AccessKeys
      for (const name of ["a", "b", "c"]) yield* service.createAccessKey({ displayName: name })
      const all = yield* Stream.runCollect(service.listAccessKeys({ pageSize: 2 }))
      expect(Chunk.toReadonlyArray(all).map((key) => key.displayName)).toEqual(["demo", "a", "b", "c"])
      expect(yield* routeCount(`GET ${keysPath}`)).toBe(2)
      // `take` fetches only the pages it needs.
      yield* Stream.runCollect(service.listAccessKeys({ pageSize: 2 }).pipe(Stream.take(2)))
      expect(yield* routeCount(`GET ${keysPath}`)).toBe(3)

      const b = Chunk.toReadonlyArray(all)[2]!
      const got = yield* service.getAccessKey(b.accessKeyId)
      expect(got).toEqual(b)
      yield* TestClock.adjust("90 seconds")
      const renamed = yield* service.updateAccessKey(b.accessKeyId, { displayName: "b-renamed" })
      expect(renamed.accessKeyId).toBe(b.accessKeyId)
      expect(renamed.displayName).toBe("b-renamed")
      expect(renamed.createTime).toBe(b.createTime)
      expect(renamed.updateTime).toBe("1970-01-01T00:01:30.000Z")
      expect(yield* routeCount(`PATCH ${keysPath}/${b.accessKeyId}`)).toBe(1)

      yield* service.deleteAccessKey(b.accessKeyId)
      expect(yield* routeCount(`DELETE ${keysPath}/${b.accessKeyId}`)).toBe(1)
      expect(yield* names(service)).toEqual(["demo", "a", "c"])
      const gone = yield* Effect.flip(service.getAccessKey(b.accessKeyId))
      expect(gone._tag).toBe("SinchApiError")
      expect(gone._tag === "SinchApiError" && gone.status).toBe(404)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("typed errors: a taken display name (409), the tenth key's limit (400), an unknown key (404)", () =>
    Effect.gen(function*() {
      const service = yield* AccessKeys.AccessKeys
      const taken = yield* Effect.flip(service.createAccessKey({ displayName: "demo" }))
      expect(taken).toMatchObject({ _tag: "SinchApiError", status: 409, statusText: "ALREADY_EXISTS" })
      for (let i = 1; i <= 9; i++) yield* service.createAccessKey({ displayName: `k${i}` })
      const full = yield* Effect.flip(service.createAccessKey({ displayName: "k10" }))
      expect(full).toMatchObject({ _tag: "SinchApiError", status: 400 })
      // A POST is never resent: one create per call, even the refused ones.
      expect(yield* routeCount(`POST ${keysPath}`)).toBe(11)
      const unknown = yield* Effect.flip(service.deleteAccessKey("no-such-key"))
      expect(unknown).toMatchObject({ _tag: "SinchApiError", status: 404 })
    }).pipe(Effect.provide(OAuth2)))

  it.effect("works with project Basic auth too", () =>
    Effect.gen(function*() {
      const service = yield* AccessKeys.AccessKeys
      expect(yield* names(service)).toEqual(["demo"])
      expect((yield* counters).tokenRequests.total).toBe(0)
    }).pipe(Effect.provide(Basic)))

  it.effect("layerKeyRotation: createKey hands over id and Redacted secret; deleteKey of a key already gone succeeds", () =>
    Effect.gen(function*() {
      const rotation = yield* KeyRotation.AccessKeys
      const key = yield* rotation.createKey({ displayName: "next" })
      expect(Redacted.isRedacted(key.keySecret)).toBe(true)
      expect(yield* tokenStatus(key.keyId, Redacted.value(key.keySecret))).toBe(200)
      yield* rotation.deleteKey(key.keyId)
      yield* rotation.deleteKey(key.keyId)
      expect(yield* routeCount(`DELETE ${keysPath}/${key.keyId}`)).toBe(2)
      expect(yield* tokenStatus(key.keyId, Redacted.value(key.keySecret))).toBe(401)
    }).pipe(Effect.provide(AccessKeys.layerKeyRotation), Effect.provide(OAuth2)))
})

describe("KeyRotation.rotate with the AccessKeys product against the emulator", () => {
  it.effect("steady and concurrent calls through a rotation: none fails, old key deleted once, then refused", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const provider = yield* TokenProvider.TokenProvider
      const lines: Array<string> = []
      const capture = Logger.replace(
        Logger.defaultLogger,
        Logger.make((options) => {
          lines.push(Logger.logfmtLogger.log(options))
        })
      )
      let ok = 0
      let failed = 0
      const call = numbers.listAvailableRegions().pipe(
        Effect.match({ onFailure: () => (failed += 1), onSuccess: () => (ok += 1) })
      )
      yield* call
      // A call every 2 s for 400 s, started before the rotation and running past the deletion.
      const steady = yield* Effect.fork(
        Effect.forEach(Array.from({ length: 200 }), () => Effect.zipRight(call, Effect.sleep("2 seconds")), {
          discard: true
        })
      )
      let saved: TokenProvider.AccessKey | undefined
      const rotation = yield* Effect.fork(
        KeyRotation.rotate({
          displayName: "rotated",
          onSwitched: (key) =>
            Effect.sync(() => {
              saved = key
            })
        }).pipe(Effect.provide(AccessKeys.layerKeyRotation), Effect.provide(capture))
      )
      // 100 calls in flight while the new key is created and proven.
      const burst = yield* Effect.fork(Effect.all(Array.from({ length: 100 }, () => call), { concurrency: 100 }))
      for (let second = 0; second < 400; second++) yield* TestClock.adjust("1 second")
      const rotated = yield* Fiber.join(rotation)
      yield* Fiber.join(burst)
      yield* Fiber.join(steady)

      expect(failed).toBe(0)
      expect(ok).toBe(1 + 200 + 100)
      expect(rotated.previousKeyId).toBe(demo.keyId)
      expect(rotated.keyId).toBe(saved!.keyId)
      expect(rotated.deletedAt - rotated.switchedAt).toBe(5 * 60 * 1000)
      expect((yield* provider.snapshot).keyId).toBe(rotated.keyId)

      const c = yield* counters
      expect(c.requestsByRoute[`DELETE ${keysPath}/${demo.keyId}`]).toBe(1)
      expect(c.requestsByRoute[`POST ${keysPath}`]).toBe(1)
      // One token per key: the old key's first, the new key's proof.
      expect(c.tokenRequests.byOutcome).toEqual({ issued: 2 })
      expect(yield* tokenStatus(demo.keyId, Redacted.value(demo.keySecret))).toBe(401)
      const secret = Redacted.value(saved!.keySecret)
      expect(yield* tokenStatus(rotated.keyId, secret)).toBe(200)
      expect(yield* names(yield* AccessKeys.AccessKeys)).toEqual(["rotated"])

      expect(lines.length).toBeGreaterThanOrEqual(3)
      for (const line of lines) expect(line).not.toContain(secret)
      expect(JSON.stringify(rotated)).not.toContain(secret)
    }).pipe(Effect.provide(OAuth2)))

  const rotation = (gracePeriod: Duration.DurationInput) =>
    KeyRotation.rotate({ displayName: "next", gracePeriod }).pipe(Effect.provide(AccessKeys.layerKeyRotation))

  const control = EmulatorControl.EmulatorControl

  it.effect("create fails (the project already holds 10 keys): create-failed, the old key stays in use", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const provider = yield* TokenProvider.TokenProvider
      const service = yield* AccessKeys.AccessKeys
      for (let i = 1; i <= 9; i++) yield* service.createAccessKey({ displayName: `k${i}` })
      const error = yield* Effect.flip(rotation("1 second"))
      expect(error).toMatchObject({ _tag: "KeyRotationError", reason: "create-failed", previousKeyId: demo.keyId })
      expect(error.cause).toMatchObject({ _tag: "SinchApiError", status: 400 })
      expect((yield* provider.snapshot).keyId).toBe(demo.keyId)
      yield* numbers.listAvailableRegions()
      expect((yield* counters).tokenRequests.total).toBe(1)
    }).pipe(Effect.provide(OAuth2)))

  it.effect("the new key is rejected at the token endpoint: new-key-rejected, the new key deleted again", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const provider = yield* TokenProvider.TokenProvider
      yield* numbers.listAvailableRegions()
      yield* Effect.flatMap(control, (c) => c.inject("auth", EmulatorControl.status(401)))
      const error = yield* Effect.flip(rotation("1 second"))
      expect(error).toMatchObject({ _tag: "KeyRotationError", reason: "new-key-rejected", newKeyDeleted: true })
      expect(error.cause?._tag).toBe("InvalidClient")
      expect(yield* routeCount(`DELETE ${keysPath}/${error.newKeyId}`)).toBe(1)
      expect((yield* provider.snapshot).keyId).toBe(demo.keyId)
      yield* numbers.listAvailableRegions()
      expect(yield* names(yield* AccessKeys.AccessKeys)).toEqual(["demo"])
    }).pipe(Effect.provide(OAuth2)))

  it.effect("deleting the old key fails: delete-failed, the provider works with the new key", () =>
    Effect.gen(function*() {
      const numbers = yield* Numbers.Numbers
      const provider = yield* TokenProvider.TokenProvider
      yield* numbers.listAvailableRegions()
      // The create passes (a delay of 0), the delete that follows is refused.
      yield* Effect.flatMap(
        control,
        (c) =>
          Effect.zipRight(
            c.inject("account", EmulatorControl.delay(0)),
            c.inject("account", EmulatorControl.status(403))
          )
      )
      const fiber = yield* Effect.fork(Effect.flip(rotation("1 minute")))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "KeyRotationError", reason: "delete-failed", previousKeyId: demo.keyId })
      expect(error.cause?._tag).toBe("AccessDenied")
      expect((yield* provider.snapshot).keyId).toBe(error.newKeyId)
      yield* numbers.listAvailableRegions()
      expect(yield* names(yield* AccessKeys.AccessKeys)).toEqual(["demo", "next"])
    }).pipe(Effect.provide(OAuth2)))
})
