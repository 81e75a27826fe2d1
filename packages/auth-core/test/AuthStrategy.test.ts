import { HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import {
  AccessToken,
  ApplicationCredentials,
  ApplicationSigning,
  AuthStrategy,
  ClockSkew,
  MailgunCredentials,
  ProjectCredentials,
  TokenProvider
} from "@sinch-effect/auth-core"
import { Cause, Effect, Exit, Layer, Redacted, TestClock } from "effect"
import { inspect } from "node:util"

const PROJECT = "37b62a7b-0177-4b6c-9f6e-e10f848de123"
const KEY_ID = "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
const KEY_SECRET = "planted-key-secret:%+ é"
const APP_KEY = "669E367E-6BBA-48AB-AF15-266871C28135"
const APP_SECRET = "BeIukql3pTKJ8RGL5zo0DA=="
const MAILGUN_KEY = "planted-mailgun-key-123"

const project = ProjectCredentials.layer({ projectId: PROJECT, keyId: KEY_ID, keySecret: KEY_SECRET })
const application = ApplicationCredentials.layer({ applicationKey: APP_KEY, applicationSecret: APP_SECRET })
const mailgunCredentials = MailgunCredentials.layer({ apiKey: MAILGUN_KEY })

const stale = HttpClientRequest.post("https://verification.api.sinch.com/verification/v1/verifications?x=1").pipe(
  HttpClientRequest.setHeader("Authorization", "Bearer stale-token"),
  HttpClientRequest.bodyText("{\"method\":\"sms\"}", "application/json")
)

const authorizationHeaders = (request: HttpClientRequest.HttpClientRequest) =>
  Object.keys(request.headers).filter((name) => name.toLowerCase() === "authorization")

const renderings = (value: unknown): ReadonlyArray<string> => [
  inspect(value, { depth: 10 }),
  JSON.stringify(value),
  String(value),
  Cause.pretty(Cause.fail(value))
]

const expectHidden = (value: unknown, needles: ReadonlyArray<string>) => {
  for (const text of renderings(value)) {
    for (const needle of needles) expect(text).not.toContain(needle)
  }
}

const decodeBasic = (header: string) => {
  expect(header.startsWith("Basic ")).toBe(true)
  return Buffer.from(header.slice("Basic ".length), "base64").toString("utf8")
}

const token = (value: string, generation: number) =>
  new AccessToken.AccessToken({
    value: Redacted.make(value),
    scope: undefined,
    issuedAt: 0,
    expiresAt: 3_600_000,
    refreshAt: 2_880_000,
    generation
  })

const countingProvider = () => {
  const calls = { get: 0, invalidated: [] as Array<AccessToken.AccessToken> }
  let current = token("planted-bearer-1", 1)
  const service = TokenProvider.TokenProvider.of({
    get: Effect.sync(() => {
      calls.get++
      return current
    }),
    invalidate: (rejected) =>
      Effect.sync(() => {
        calls.invalidated.push(rejected)
        if (rejected.generation === current.generation) current = token("planted-bearer-2", rejected.generation + 1)
      }),
    switchCredentials: () => Effect.die("not used"),
    snapshot: Effect.die("not used")
  })
  return { calls, layer: Layer.succeed(TokenProvider.TokenProvider, service) }
}

describe("AuthStrategy.oauth2", () => {
  it.effect("sends the provider's token, returns it, and invalidates exactly that token on a 401", () => {
    const provider = countingProvider()
    return Effect.gen(function*() {
      const strategy = yield* AuthStrategy.oauth2
      expect(strategy._tag).toBe("OAuth2")
      const first = yield* strategy.authenticate(stale)
      expect(provider.calls.get).toBe(1)
      expect(authorizationHeaders(first.request)).toEqual(["authorization"])
      expect(first.request.headers.authorization).toBe("Bearer planted-bearer-1")
      expect(first.token?.generation).toBe(1)
      expectHidden(first.request, ["planted-bearer-1"])

      expect(yield* strategy.onUnauthorized(first)).toBe(true)
      expect(provider.calls.invalidated).toEqual([first.token])
      expect(provider.calls.get).toBe(1)

      const second = yield* strategy.authenticate(stale)
      expect(provider.calls.get).toBe(2)
      expect(second.request.headers.authorization).toBe("Bearer planted-bearer-2")
      expect(yield* strategy.onUnauthorized({ request: second.request })).toBe(false)
      expect(provider.calls.invalidated.length).toBe(1)
    }).pipe(Effect.provide(provider.layer))
  })
})

describe("Basic strategies", () => {
  it.effect("projectBasic sends keyId:keySecret, replacing any Authorization header, never answers retry", () =>
    Effect.gen(function*() {
      const strategy = yield* AuthStrategy.projectBasic
      const { request, token } = yield* strategy.authenticate(stale)
      expect(token).toBeUndefined()
      expect(authorizationHeaders(request)).toEqual(["authorization"])
      expect(decodeBasic(request.headers.authorization!)).toBe(`${KEY_ID}:${KEY_SECRET}`)
      expect(yield* strategy.onUnauthorized({ request })).toBe(false)
      expectHidden(request, [request.headers.authorization!, "planted", Buffer.from(KEY_SECRET).toString("base64")])
      expectHidden(strategy, ["planted", request.headers.authorization!])
    }).pipe(Effect.provide(project)))

  it.effect("applicationBasic sends applicationKey:applicationSecret", () =>
    Effect.gen(function*() {
      const strategy = yield* AuthStrategy.applicationBasic
      const { request } = yield* strategy.authenticate(stale)
      expect(authorizationHeaders(request)).toEqual(["authorization"])
      expect(decodeBasic(request.headers.authorization!)).toBe(`${APP_KEY}:${APP_SECRET}`)
      expectHidden(request, [request.headers.authorization!, APP_SECRET])
    }).pipe(Effect.provide(application)))

  it.effect("mailgun sends api:KEY", () =>
    Effect.gen(function*() {
      const strategy = yield* AuthStrategy.mailgun
      const { request } = yield* strategy.authenticate(stale)
      expect(strategy.scope).toBe("mailgun")
      expect(authorizationHeaders(request)).toEqual(["authorization"])
      expect(decodeBasic(request.headers.authorization!)).toBe(`api:${MAILGUN_KEY}`)
      expectHidden(request, [request.headers.authorization!, MAILGUN_KEY])
    }).pipe(Effect.provide(mailgunCredentials)))

  it("a plain @effect/platform request prints its Authorization header: the strategies' protection is needed", () => {
    const plain = HttpClientRequest.get("https://x.test").pipe(
      HttpClientRequest.setHeader("authorization", "Basic planted")
    )
    expect(inspect(plain, { depth: 10 })).toContain("Basic planted")
  })

  it("the types keep project, application and mailgun strategies apart", () => {
    const useProject = (_: AuthStrategy.ProjectStrategy) => true
    const useApplication = (_: AuthStrategy.ApplicationStrategy) => true
    const useMailgun = (_: AuthStrategy.MailgunStrategy) => true
    const check = Effect.gen(function*() {
      const signed = yield* AuthStrategy.applicationSigned()
      const basic = yield* AuthStrategy.projectBasic
      const mail = yield* AuthStrategy.mailgun
      // @ts-expect-error an application strategy cannot authenticate a project API
      useProject(signed)
      // @ts-expect-error a project strategy cannot authenticate Voice or Verification
      useApplication(basic)
      // @ts-expect-error a mailgun strategy is neither
      useProject(mail)
      return useProject(basic) && useApplication(signed) && useMailgun(mail)
    })
    expect(Effect.runSync(check.pipe(Effect.provide(Layer.mergeAll(project, application, mailgunCredentials))))).toBe(
      true
    )
  })
})

const responseWithDate = (request: HttpClientRequest.HttpClientRequest, date: number | undefined, status = 401) =>
  HttpClientResponse.fromWeb(
    request,
    new Response(null, { status, headers: date === undefined ? {} : { date: new Date(date).toUTCString() } })
  )

describe("AuthStrategy.applicationSigned", () => {
  it.effect("signs each attempt with a fresh timestamp from the Clock and exactly one Authorization header", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2014-06-04T13:41:58Z"))
      const strategy = yield* AuthStrategy.applicationSigned()
      const first = yield* strategy.authenticate(stale)
      expect(first.request.headers["x-timestamp"]).toBe("2014-06-04T13:41:58.000Z")
      expect(authorizationHeaders(first.request)).toEqual(["authorization"])
      const expected = ApplicationSigning.sign({
        method: "POST",
        path: "/verification/v1/verifications",
        body: "{\"method\":\"sms\"}",
        contentType: "application/json",
        timestamp: "2014-06-04T13:41:58.000Z",
        key: APP_KEY,
        secret: APP_SECRET
      })
      expect(first.request.headers.authorization).toBe(Redacted.value(expected.authorization))
      expectHidden(first.request, [Redacted.value(expected.signature)])

      yield* TestClock.adjust("1 second")
      const second = yield* strategy.authenticate(first.request)
      expect(second.request.headers["x-timestamp"]).toBe("2014-06-04T13:41:59.000Z")
      expect(authorizationHeaders(second.request)).toEqual(["authorization"])
      expect(second.request.headers.authorization).not.toBe(first.request.headers.authorization)
      expect(second.request.headers.authorization!.startsWith(`Application ${APP_KEY}:`)).toBe(true)
    }).pipe(Effect.provide(application)))

  it.effect("a streamed body cannot be signed: a defect, not a wrong signature", () =>
    Effect.gen(function*() {
      const strategy = yield* AuthStrategy.applicationSigned()
      const streamed = HttpClientRequest.post("https://calling.api.sinch.com/calling/v1/callouts").pipe(
        HttpClientRequest.bodyFormDataRecord({ a: "b" })
      )
      const exit = yield* Effect.exit(strategy.authenticate(streamed))
      expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
    }).pipe(Effect.provide(application)))

  it.effect("corrects a clock that is minutes off from the Date header and resends once on that 401", () =>
    Effect.gen(function*() {
      const local = Date.parse("2024-01-01T12:00:00Z")
      yield* TestClock.setTime(local)
      const strategy = yield* AuthStrategy.applicationSigned()

      const first = yield* strategy.authenticate(stale)
      expect(first.request.headers["x-timestamp"]).toBe("2024-01-01T12:00:00.000Z")
      // The server is 5 minutes ahead: its 401 teaches the offset, so the failed attempt deserves one resend.
      yield* strategy.observe(responseWithDate(first.request, local + 5 * 60_000))
      expect(yield* strategy.onUnauthorized(first)).toBe(true)

      const second = yield* strategy.authenticate(stale)
      expect(second.request.headers["x-timestamp"]).toBe("2024-01-01T12:05:00.000Z")
      // Same offset still: a 401 to the corrected attempt is final.
      yield* strategy.observe(responseWithDate(second.request, local + 5 * 60_000 + 1_000))
      expect(yield* strategy.onUnauthorized(second)).toBe(false)
    }).pipe(Effect.provide(application)))

  it.effect("tolerates differences up to one minute and missing or unparseable Date headers", () =>
    Effect.gen(function*() {
      const local = Date.parse("2024-01-01T12:00:00Z")
      yield* TestClock.setTime(local)
      const skew = yield* ClockSkew.make()
      const strategy = yield* AuthStrategy.applicationSigned().pipe(Effect.provideService(ClockSkew.ClockSkew, skew))
      const first = yield* strategy.authenticate(stale)
      yield* strategy.observe(responseWithDate(first.request, local + 59_000))
      yield* strategy.observe(responseWithDate(first.request, undefined))
      yield* strategy.observe(
        HttpClientResponse.fromWeb(first.request, new Response(null, { status: 401, headers: { date: "garbage" } }))
      )
      expect(yield* skew.offset).toEqual({ millis: 0, version: 0 })
      expect(yield* strategy.onUnauthorized(first)).toBe(false)

      // A shared ClockSkew is the one the strategy uses; a clock fixed later resets the correction.
      expect(yield* skew.observe(new Date(local - 3 * 60_000).toUTCString())).toBe(true)
      expect((yield* skew.offset).millis).toBe(-3 * 60_000)
      expect((yield* strategy.authenticate(stale)).request.headers["x-timestamp"]).toBe("2024-01-01T11:57:00.000Z")
      expect(yield* skew.observe(new Date(local).toUTCString())).toBe(true)
      expect(yield* skew.offset).toEqual({ millis: 0, version: 2 })
    }).pipe(Effect.provide(application)))
})
