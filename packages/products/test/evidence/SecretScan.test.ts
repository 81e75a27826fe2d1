/**
 * Secret scan: every failure path of every strategy and webhook verifier runs with planted secrets
 * (key secret, application secret, Mailgun key, webhook secret) against a scripted in-process Sinch
 * that issues recognisable tokens; the values sent on the wire (Basic headers, signatures, tokens)
 * are read back from the fake server. Then errors (`message`, `Cause.pretty`, `JSON.stringify`,
 * `util.inspect`), every log line at every level and every span are searched: zero hits.
 */
import type { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import {
  ApplicationCredentials,
  ApplicationSigning,
  AuthStrategy,
  MailgunCredentials,
  NonceStore,
  ProjectCredentials,
  WebhookVerifier
} from "@sinch-effect/auth-core"
import { SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import {
  Cause,
  Clock,
  ConfigProvider,
  Duration,
  Effect,
  Exit,
  Fiber,
  Layer,
  Logger,
  LogLevel,
  Option,
  Redacted,
  Schema,
  TestClock,
  TestServices
} from "effect"
import { createHmac } from "node:crypto"
import { inspect } from "node:util"
import { Conversation, Numbers, Sinch } from "../../src/index.js"
import { adjustTo, driveToEnd } from "./utils/harness.js"
import type { Answer, Seen } from "./utils/secretScan.js"
import { capturingLogger, fakeSinch, hits, recordingTracer, renderings, spanTexts } from "./utils/secretScan.js"

const fake = "https://planted.test"
const endpoints = SinchEndpoints.emulator(fake)

const projectId = "37b62a7b-0177-4b6c-9f6e-e10f848de123"
const keyId = "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
const keySecret = "Pl4ntedKEYsecret:%+ é/&="
const wrongKeySecret = "Pl4ntedWRONGsecret"
const applicationKey = "scan-application-key"
const applicationSecretText = "Pl4ntedAPPLICATIONsecretBytes"
const applicationSecret = Buffer.from(applicationSecretText, "utf8").toString("base64")
const mailgunKey = "key-Pl4ntedMAILGUNkey"
const webhookSecret = "Pl4ntedWEBHOOKsecret"
const tokenPrefix = "Pl4ntedTOKEN"
const urlPassword = "Pl4ntedURLpassw0rd"
const channelToken = "Pl4ntedCHANNELtoken"

// --- the scripted Sinch ---------------------------------------------------------------------------

const issued: Array<string> = []
const token = (): Answer => {
  const value = `${tokenPrefix}${issued.length + 1}x${"q".repeat(8)}`
  issued.push(value)
  return { status: 200, body: { access_token: value, token_type: "bearer", expires_in: 3600 } }
}

const isToken = (seen: Seen) => seen.url.pathname === "/auth/oauth2/token"
type Reply = Exclude<Answer, "hang">

const sinchError = (status: number, message: string): Reply => ({
  status,
  body: { error: { code: status, message, status: status === 401 ? "UNAUTHENTICATED" : "ERROR" } }
})

/** A scripted Sinch: `tokenAnswers(n)` answers the n-th token request, `api` every other request. */
const script = (tokenAnswers: (n: number, seen: Seen) => Answer, api: (seen: Seen) => Answer) => {
  let tokens = 0
  return fakeSinch((seen) => (isToken(seen) ? tokenAnswers(++tokens, seen) : api(seen)))
}

/** The `Authorization` value a request carried, echoed back the way some servers do. */
const echo = (seen: Seen) => seen.headers["authorization"] ?? ""

const ok: Answer = { status: 200, body: { availableRegions: [] } }

// --- collection -----------------------------------------------------------------------------------

interface Outcome {
  readonly label: string
  readonly tag: string
  readonly cause: Cause.Cause<unknown>
}

const outcomes: Array<Outcome> = []
const sent: Array<Seen> = []

/** Runs one failure path; it must fail. */
const expectFailure = <A, E, R>(label: string, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(effect)
    if (Exit.isSuccess(exit)) return yield* Effect.dieMessage(`${label}: expected a failure`)
    const error = Cause.failureOption(exit.cause)
    outcomes.push({
      label,
      tag: Option.match(error, {
        onNone: () => "defect",
        onSome: (e) => {
          const { _tag, reason } = e as { readonly _tag: string; readonly reason?: string }
          return reason === undefined ? _tag : `${_tag}(${reason})`
        }
      }),
      cause: exit.cause
    })
  })

const listRegions = Effect.flatMap(Numbers.Numbers, (numbers) => numbers.listAvailableRegions())
const getApp = Effect.flatMap(Conversation.Conversation, (conversation) => conversation.getApp("01SCAN"))

/** Texts of values that decoded successfully but hold credentials: inspected and logged. */
const valueTexts: Array<string> = []

const oauthLayer = (fakeLayer: Layer.Layer<HttpClient.HttpClient>, secret = keySecret) =>
  Sinch.layer({
    credentials: { projectId, keyId, keySecret: secret },
    region: "eu",
    endpoints,
    token: { seed: 3 }
  }).pipe(Layer.orDie, Layer.provideMerge(fakeLayer))

/** Numbers and Conversation over OAuth2 against a fresh scripted Sinch. */
const oauth = <A, E>(
  tokenAnswers: (n: number, seen: Seen) => Answer,
  api: (seen: Seen) => Answer,
  run: Effect.Effect<A, E, Numbers.Numbers | Conversation.Conversation>,
  secret?: string
) =>
  Effect.suspend(() => {
    const server = script(tokenAnswers, api)
    return Effect.ensuring(
      Effect.provide(run, oauthLayer(server.layer, secret)),
      Effect.sync(() => sent.push(...server.seen))
    )
  })

const projectCredentials = ProjectCredentials.layer({ projectId, keyId, keySecret }).pipe(Layer.orDie)

/** Numbers with project Basic auth. */
const basic = <A, E>(api: (seen: Seen) => Answer, run: Effect.Effect<A, E, Numbers.Numbers>) =>
  Effect.suspend(() => {
    const server = script(token, api)
    const layer = Numbers.layerWith({ strategy: AuthStrategy.projectBasic }).pipe(
      Layer.provide(Layer.mergeAll(projectCredentials, SinchEndpoints.layer(endpoints).pipe(Layer.orDie), server.layer))
    )
    return Effect.ensuring(Effect.provide(run, layer), Effect.sync(() => sent.push(...server.seen)))
  })

const Started = Schema.Struct({ id: Schema.String })

/** A Verification or Mailgun client with a fixed strategy, its requests answered by `api`. */
const direct = <S extends AuthStrategy.Scope>(
  api: SinchClient.ApiName,
  path: string,
  strategy: Effect.Effect<
    AuthStrategy.AuthStrategy<S>,
    never,
    ApplicationCredentials.ApplicationCredentials | MailgunCredentials.MailgunCredentials
  >,
  answer: (seen: Seen) => Answer
) =>
  Effect.suspend(() => {
    const server = fakeSinch(answer)
    return Effect.gen(function*() {
      const client = yield* SinchClient.make({ api, baseUrl: `${fake}/${path}`, strategy: yield* strategy })
      return yield* client.request("POST", "/v1/resource", Started, { body: { identity: "+46700000000" } })
    }).pipe(
      Effect.provide(Layer.mergeAll(
        server.layer,
        ApplicationCredentials.layer({ applicationKey, applicationSecret }).pipe(Layer.orDie),
        MailgunCredentials.layer({ apiKey: mailgunKey, region: "us" }).pipe(Layer.orDie)
      )),
      Effect.ensuring(Effect.sync(() => sent.push(...server.seen)))
    )
  })

// --- webhooks -------------------------------------------------------------------------------------

const hmac = (algorithm: "sha256" | "sha1", data: string, encoding: "base64" | "hex") =>
  createHmac(algorithm, Buffer.from(webhookSecret, "utf8")).update(data, "utf8").digest(encoding)

const body = "{\"app_id\":\"01SCAN\",\"message\":{\"id\":\"m1\"}}"
const nonce = "01FJA8B4A7BM43YGWSG9GBV067"
const webhookSignatures: Array<string> = []

const conversationHeaders = (timestamp: number, overrides: Record<string, string | undefined> = {}) => {
  const signature = hmac("sha256", `${body}.${nonce}.${timestamp}`, "base64")
  webhookSignatures.push(signature)
  return {
    "x-sinch-webhook-signature": signature,
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": String(timestamp),
    "x-sinch-webhook-signature-algorithm": "HmacSHA256",
    ...overrides
  }
}

const webhooks = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
  const conversation = WebhookVerifier.conversation({ secret: webhookSecret })
  const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
  const strip = (headers: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>
  const conv = (label: string, headers: Record<string, string | undefined>) =>
    expectFailure(`conversation webhook ${label}`, conversation({ headers: strip(headers), body }))
  yield* conv("missing-header", conversationHeaders(now, { "x-sinch-webhook-signature": undefined }))
  yield* conv("bad-scheme", conversationHeaders(now, { "x-sinch-webhook-signature-algorithm": "HmacSHA1" }))
  yield* conv("malformed", conversationHeaders(now, { "x-sinch-webhook-signature-timestamp": "yesterday" }))
  yield* conv("mismatch", conversationHeaders(now, { "x-sinch-webhook-signature-nonce": "another-nonce" }))
  yield* conv("stale", conversationHeaders(now - 3600))
  yield* conversation({ headers: conversationHeaders(now), body })
  yield* conv("replayed", conversationHeaders(now))

  const numbers = WebhookVerifier.numbers({ secret: webhookSecret })
  const numbersSignature = hmac("sha1", body, "hex")
  webhookSignatures.push(numbersSignature)
  yield* expectFailure("numbers callback missing-header", numbers({ headers: {}, body }))
  yield* expectFailure("numbers callback malformed", numbers({ headers: { "x-sinch-signature": "zz" }, body }))
  yield* expectFailure(
    "numbers callback mismatch",
    numbers({ headers: { "x-sinch-signature": numbersSignature.replace(/^./, (c) => (c === "0" ? "1" : "0")) }, body })
  )

  const application = WebhookVerifier.application()
  const timestamp = new Date(yield* Clock.currentTimeMillis).toISOString()
  const staleTimestamp = new Date((yield* Clock.currentTimeMillis) - 3_600_000).toISOString()
  const signed = (at: string) => {
    const signature = Redacted.value(
      ApplicationSigning.sign({
        method: "POST",
        path: "/callback",
        body,
        contentType: "application/json",
        timestamp: at,
        key: applicationKey,
        secret: applicationSecret
      }).signature
    )
    webhookSignatures.push(signature)
    return signature
  }
  const callback = (label: string, headers: Record<string, string>) =>
    expectFailure(`application callback ${label}`, application({ method: "POST", path: "/callback", headers, body }))
  const json = { "content-type": "application/json" }
  yield* callback("missing-header", { ...json, "x-timestamp": timestamp })
  yield* callback("bad-scheme", { ...json, authorization: `Bearer ${signed(timestamp)}`, "x-timestamp": timestamp })
  yield* callback("malformed", { ...json, authorization: "Application no-colon", "x-timestamp": timestamp })
  yield* callback("mismatch key", {
    ...json,
    authorization: `Application other-key:${signed(timestamp)}`,
    "x-timestamp": timestamp
  })
  yield* callback("mismatch signature", {
    ...json,
    authorization: `Application ${applicationKey}:${signed(staleTimestamp)}`,
    "x-timestamp": timestamp
  })
  yield* callback("stale", {
    ...json,
    authorization: `Application ${applicationKey}:${signed(staleTimestamp)}`,
    "x-timestamp": staleTimestamp
  })
  const fresh = {
    ...json,
    authorization: `Application ${applicationKey}:${signed(timestamp)}`,
    "x-timestamp": timestamp
  }
  yield* application({ method: "POST", path: "/callback", headers: fresh, body })
  yield* callback("replayed", fresh)
  yield* callback("basic mismatch", {
    authorization: `Basic ${Buffer.from(`${applicationKey}:${wrongKeySecret}`).toString("base64")}`
  })
  yield* callback("basic malformed", { authorization: "Basic ***" })
}).pipe(Effect.provide(Layer.merge(
  NonceStore.layerMemory(),
  ApplicationCredentials.layer({ applicationKey, applicationSecret }).pipe(Layer.orDie)
)))

/** Advances the `TestClock` a second at a time until `done` (work forked by the provider reads real promises). */
const advanceUntil = (done: () => boolean, what: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 60; i++) {
      if (done()) return
      yield* TestClock.adjust(Duration.seconds(1))
      yield* TestServices.provideLive(Effect.sleep("2 millis"))
    }
    return yield* Effect.dieMessage(`never happened: ${what}`)
  })

// --- the scan -------------------------------------------------------------------------------------

describe("secret scan", () => {
  it.effect("every failure path of every strategy and verifier: zero planted secrets in errors, logs and spans", () =>
    Effect.gen(function*() {
      const logs = capturingLogger()
      const { spans, tracer } = recordingTracer()
      yield* Effect.gen(function*() {
        // OAuth2: the token endpoint fails.
        yield* expectFailure(
          "oauth2 invalid_client",
          oauth(
            () => ({
              status: 401,
              body: { error: "invalid_client", error_description: "Client authentication failed" }
            }),
            () => ok,
            listRegions,
            wrongKeySecret
          )
        )
        yield* expectFailure(
          "oauth2 500",
          oauth(() => ({ status: 500, body: { error: "server_error" } }), () => ok, listRegions)
        )
        yield* expectFailure(
          "oauth2 malformed",
          oauth(() => ({ status: 200, body: `{"access_token":"${tokenPrefix}-truncated` }), () => ok, listRegions)
        )
        yield* expectFailure(
          "oauth2 wrong token_type",
          oauth(
            () => ({ status: 200, body: { access_token: `${tokenPrefix}-mac`, token_type: "mac", expires_in: 3600 } }),
            () => ok,
            listRegions
          )
        )
        yield* expectFailure(
          "oauth2 timeout",
          oauth(
            () => "hang",
            () => ok,
            Effect.gen(function*() {
              const call = yield* Effect.fork(listRegions)
              yield* TestClock.adjust(Duration.seconds(10))
              return yield* Fiber.join(call)
            })
          )
        )
        // OAuth2: a background refresh fails (500, then a malformed body holding a token) while the
        // token is valid: logged as warnings, users still served. Then the API rejects every token.
        let rejectAll = false
        yield* expectFailure(
          "oauth2 API 401 after refresh failures",
          oauth(
            (n) =>
              n === 2
                ? { status: 500, body: { error: "server_error" } }
                : n === 3
                ? { status: 200, body: `{"access_token":"${tokenPrefix}-refresh` }
                : token(),
            () => (rejectAll ? sinchError(401, "Unauthorized") : ok),
            Effect.gen(function*() {
              yield* listRegions
              const tokens = issued.length
              yield* adjustTo((yield* Clock.currentTimeMillis) + 2_880_000)
              yield* advanceUntil(() => issued.length === tokens + 1, "a refresh after two failures")
              yield* listRegions
              rejectAll = true
              return yield* listRegions
            })
          )
        )
        yield* expectFailure(
          "oauth2 API 403",
          oauth(token, () => sinchError(403, "Forbidden"), listRegions)
        )
        yield* expectFailure(
          "oauth2 API 429",
          oauth(
            token,
            () => ({ ...sinchError(429, "Too many requests"), headers: { "retry-after": "3600" } }),
            listRegions
          )
        )
        // Servers that echo credentials back (hardening item 10).
        yield* expectFailure(
          "oauth2 400 echoing the Authorization header",
          oauth(
            (_, seen) => ({
              status: 400,
              body: { error: "invalid_request", error_description: `bad header ${echo(seen)}` }
            }),
            () => ok,
            listRegions
          )
        )
        yield* expectFailure(
          "oauth2 API 400 echoing the bearer token",
          oauth(token, (seen) => sinchError(400, `rejected ${echo(seen)}`), listRegions)
        )
        yield* expectFailure(
          "oauth2 API 400 html echoing the bearer token",
          oauth(token, (seen) => ({ status: 400, body: `<html>denied: ${echo(seen)}</html>` }), listRegions)
        )
        yield* expectFailure(
          "conversation app with a wrongly shaped static_bearer",
          oauth(token, () => ({
            status: 200,
            body: {
              id: "01SCAN",
              channel_credentials: [{ channel: "WHATSAPP", static_bearer: `claimed:${channelToken}` }]
            }
          }), getApp)
        )
        // A credential kind the schema does not name decodes, and prints as redacted.
        yield* oauth(token, () => ({
          status: 200,
          body: {
            id: "01SCAN",
            channel_credentials: [
              { channel: "TELEGRAM", telegram_credentials: { token: `${channelToken}-telegram` } },
              { channel: "WHATSAPP", static_bearer: { claimed_identity: "c", token: `${channelToken}-bearer` } }
            ]
          }
        }), getApp).pipe(
          Effect.tap((app) => Effect.log("app", app)),
          Effect.tap((app) => Effect.sync(() => valueTexts.push(inspect(app, { depth: 20 }), JSON.stringify(app))))
        )
        // URLs with userinfo (hardening item 11): the configuration error names the variable only.
        for (const variable of ["SINCH_NUMBERS_URL", "SINCH_AUTH_URL", "SINCH_EMULATOR_URL"]) {
          yield* expectFailure(
            `endpoints ${variable} with userinfo`,
            SinchEndpoints.SinchEndpoints.pipe(
              Effect.provide(
                SinchEndpoints.layerConfig().pipe(
                  Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(
                    new Map([[variable, `https://scan:${urlPassword}@127.0.0.1:8443/x`]])
                  )))
                )
              )
            )
          )
        }
        // Project Basic.
        yield* expectFailure("project basic 401", basic(() => sinchError(401, "Invalid key"), listRegions))
        yield* expectFailure("project basic 403", basic(() => sinchError(403, "Forbidden"), listRegions))
        yield* expectFailure(
          "project basic 429",
          basic(() => sinchError(429, "Too many requests"), Effect.flatMap(Effect.fork(listRegions), driveToEnd))
        )
        // Application Basic and signed, Mailgun.
        const unauthorized = (): Reply => ({
          status: 401,
          body: { errorCode: 40100, message: "Invalid authorization" }
        })
        yield* expectFailure(
          "application basic 401",
          direct("Verification", "verification", AuthStrategy.applicationBasic, unauthorized)
        )
        yield* expectFailure(
          "application signed 401 (with a clock-skew resend)",
          direct("Verification", "verification", AuthStrategy.applicationSigned(), () => ({
            ...unauthorized(),
            headers: { date: new Date(Date.UTC(2031, 0, 1)).toUTCString() }
          }))
        )
        yield* expectFailure(
          "voice application basic 401",
          direct("Voice", "voice", AuthStrategy.applicationBasic, unauthorized)
        )
        yield* expectFailure(
          "voice application signed 401 (with a clock-skew resend)",
          direct("Voice", "voice", AuthStrategy.applicationSigned(), () => ({
            ...unauthorized(),
            headers: { date: new Date(Date.UTC(2031, 0, 1)).toUTCString() }
          }))
        )
        yield* expectFailure(
          "mailgun 401",
          direct(
            "Mailgun",
            "mailgun",
            AuthStrategy.mailgun,
            () => ({ status: 401, body: { message: "Invalid private key" } })
          )
        )
        yield* webhooks
      }).pipe(Effect.withTracer(tracer), Effect.provide(logs.layer), Logger.withMinimumLogLevel(LogLevel.All))

      // Every path failed the way it should: a scan of a path that did not fail proves nothing.
      expect(outcomes.map((o) => `${o.label}: ${o.tag}`)).toEqual([
        "oauth2 invalid_client: InvalidClient",
        "oauth2 500: TokenUnavailable(server-error)",
        "oauth2 malformed: MalformedResponse",
        "oauth2 wrong token_type: MalformedResponse",
        "oauth2 timeout: TokenUnavailable(timeout)",
        "oauth2 API 401 after refresh failures: InvalidToken",
        "oauth2 API 403: AccessDenied",
        "oauth2 API 429: RateLimited",
        "oauth2 400 echoing the Authorization header: MalformedResponse",
        "oauth2 API 400 echoing the bearer token: SinchApiError",
        "oauth2 API 400 html echoing the bearer token: MalformedResponse",
        "conversation app with a wrongly shaped static_bearer: MalformedResponse",
        "endpoints SINCH_NUMBERS_URL with userinfo: ConfigError",
        "endpoints SINCH_AUTH_URL with userinfo: ConfigError",
        "endpoints SINCH_EMULATOR_URL with userinfo: ConfigError",
        "project basic 401: SinchApiError",
        "project basic 403: AccessDenied",
        "project basic 429: RateLimited",
        "application basic 401: SinchApiError",
        "application signed 401 (with a clock-skew resend): SinchApiError",
        "voice application basic 401: SinchApiError",
        "voice application signed 401 (with a clock-skew resend): SinchApiError",
        "mailgun 401: SinchApiError",
        "conversation webhook missing-header: InvalidSignature(missing-header)",
        "conversation webhook bad-scheme: InvalidSignature(bad-scheme)",
        "conversation webhook malformed: InvalidSignature(malformed)",
        "conversation webhook mismatch: InvalidSignature(mismatch)",
        "conversation webhook stale: InvalidSignature(stale)",
        "conversation webhook replayed: InvalidSignature(replayed)",
        "numbers callback missing-header: InvalidSignature(missing-header)",
        "numbers callback malformed: InvalidSignature(malformed)",
        "numbers callback mismatch: InvalidSignature(mismatch)",
        "application callback missing-header: InvalidSignature(missing-header)",
        "application callback bad-scheme: InvalidSignature(bad-scheme)",
        "application callback malformed: InvalidSignature(malformed)",
        "application callback mismatch key: InvalidSignature(mismatch)",
        "application callback mismatch signature: InvalidSignature(mismatch)",
        "application callback stale: InvalidSignature(stale)",
        "application callback replayed: InvalidSignature(replayed)",
        "application callback basic mismatch: InvalidSignature(mismatch)",
        "application callback basic malformed: InvalidSignature(malformed)"
      ])

      const basicHeaders = sent.map((s) => s.headers["authorization"] ?? "").filter((h) => /^basic /i.test(h))
      const signatures = sent.map((s) => s.headers["authorization"] ?? "")
        .filter((h) => h.startsWith("Application "))
        .map((h) => h.slice(h.indexOf(":") + 1))
      const bearers = sent.map((s) => s.headers["authorization"] ?? "").filter((h) => h.startsWith("Bearer "))
      expect(basicHeaders.length).toBeGreaterThanOrEqual(8)
      expect(signatures.length).toBe(4)
      expect(bearers.length).toBeGreaterThanOrEqual(4)

      const planted: Array<readonly [string, string]> = [
        ["key secret", keySecret],
        ["key secret (form-encoded)", encodeURIComponent(keySecret)],
        ["wrong key secret", wrongKeySecret],
        ["application secret", applicationSecret],
        ["application secret (decoded)", applicationSecretText],
        ["Mailgun key", mailgunKey],
        ["webhook secret", webhookSecret],
        ["token", tokenPrefix],
        ["URL password", urlPassword],
        ["channel credential", channelToken],
        ...issued.map((value) => ["issued token", value] as const),
        ...bearers.map((value) => ["bearer header", value.slice("Bearer ".length)] as const),
        ...basicHeaders.map((value) => ["Basic header", value.slice("Basic ".length)] as const),
        ...signatures.map((value) => ["request signature", value] as const),
        ...webhookSignatures.map((value) => ["webhook signature", value] as const)
      ]
      // The scanner finds what it looks for.
      expect(hits([`x ${issued[0]} y`, `Basic ${basicHeaders[0]}`], planted).length).toBeGreaterThanOrEqual(2)

      const errorTexts = outcomes.flatMap((o) => [
        ...renderings(o.cause),
        ...Option.match(Cause.failureOption(o.cause), { onNone: () => [], onSome: renderings })
      ])
      expect(logs.lines.some((line) => line.includes("Sinch token refresh failed"))).toBe(true)
      const spanNames = new Set(spans.map((s) => s.name))
      for (
        const name of ["TokenProvider.fetch", "Sinch.Numbers", "Sinch.Verification", "Sinch.Voice", "Sinch.Mailgun"]
      ) {
        expect(spanNames.has(name)).toBe(true)
      }
      expect(valueTexts.length).toBe(2)
      expect(logs.lines.some((line) => line.includes("app"))).toBe(true)
      expect(hits(valueTexts, planted)).toEqual([])
      expect(hits(errorTexts, planted)).toEqual([])
      expect(hits(logs.lines, planted)).toEqual([])
      expect(hits(spans.flatMap(spanTexts), planted)).toEqual([])
    }))
})
