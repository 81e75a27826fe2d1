import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, ApplicationSigning, NonceStore, WebhookVerifier } from "@sinch-effect/auth-core"
import { Effect, Either, Exit, FastCheck as fc, Redacted, Runtime, TestClock } from "effect"
import { createHmac } from "node:crypto"

const KEY = "my-key-id"
const SECRET = "bXkta2V5LXNlY3JldA=="
const credentials = ApplicationCredentials.layer({ applicationKey: KEY, applicationSecret: SECRET })

type Verifying = ApplicationCredentials.ApplicationCredentials | NonceStore.NonceStore

/** The TestClock's instant for every case; the generated timestamps fall within the 5 minute window around it. */
const NOW = Date.parse("2024-02-29T23:59:59.500Z")

/** Runs a property inside one test fiber: each case verifies against a nonce store of its own. */
const property = (
  body: (run: <A, E>(effect: Effect.Effect<A, E, Verifying>) => Promise<Exit.Exit<A, E>>) => Promise<void>
) =>
  Effect.gen(function*() {
    const runtime = yield* Effect.runtime<ApplicationCredentials.ApplicationCredentials>()
    yield* TestClock.setTime(NOW)
    const run = <A, E>(effect: Effect.Effect<A, E, Verifying>) =>
      Runtime.runPromiseExit(runtime)(
        effect.pipe(Effect.provideServiceEffect(NonceStore.NonceStore, NonceStore.makeMemory()))
      )
    yield* Effect.promise(() => body(run))
  }).pipe(Effect.provide(credentials))

const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/)
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join("/")}`)
const contentType = fc.option(
  fc.constantFrom(
    "application/json",
    "application/json; charset=UTF-8",
    "text/plain",
    "application/x-www-form-urlencoded"
  ),
  { nil: undefined }
)
const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE")
const instant = fc.integer({ min: NOW - 300_000, max: NOW + 300_000 })
const body = fc.uint8Array({ maxLength: 300 })

const flipByte = (bytes: Uint8Array, index: number, mask: number): Uint8Array => {
  const copy = Uint8Array.from(bytes)
  copy[index % copy.length] = copy[index % copy.length]! ^ mask
  return copy
}

const flipChar = (text: string, index: number, alphabet: string): string => {
  const i = index % text.length
  const replacement = [...alphabet].find((c) => c !== text[i])!
  return text.slice(0, i) + replacement + text.slice(i + 1)
}

const mask = fc.integer({ min: 1, max: 255 })
const position = fc.nat()

describe("application-signed: sign then verify", () => {
  const verify = WebhookVerifier.application({ allowBasic: false })
  const signed = (
    input: { method: string; path: string; body: Uint8Array; contentType: string | undefined; at: number }
  ) => {
    const timestamp = new Date(input.at).toISOString()
    const signature = ApplicationSigning.sign({ ...input, timestamp, key: KEY, secret: SECRET })
    const headers: Record<string, string> = {
      authorization: Redacted.value(signature.authorization),
      "x-timestamp": timestamp
    }
    if (input.contentType !== undefined) headers["content-type"] = input.contentType
    return { ...input, headers, timestamp, signature: Redacted.value(signature.signature) }
  }

  it.effect("holds for arbitrary bodies, paths, methods and content types", () =>
    property((run) =>
      fc.assert(
        fc.asyncProperty(method, path, body, contentType, instant, async (m, p, b, c, at) => {
          const request = signed({ method: m, path: p, body: b, contentType: c, at })
          const exit = await run(verify(request))
          expect(Exit.isSuccess(exit)).toBe(true)
          if (Exit.isSuccess(exit)) expect(exit.value.bytes).toEqual(b)
        }),
        { numRuns: 300 }
      )
    ))

  it.effect("fails when any byte of the body, path, timestamp or signature changes", () =>
    property((run) =>
      fc.assert(
        fc.asyncProperty(
          method,
          path,
          body,
          contentType,
          instant,
          position,
          mask,
          async (m, p, b, c, at, index, xor) => {
            const request = signed({ method: m, path: p, body: b, contentType: c, at })
            const tampered = [
              ...(b.length > 0
                ? [{ ...request, body: flipByte(b, index, xor) }]
                : [{ ...request, body: Uint8Array.of(xor) }]),
              { ...request, path: flipChar(p, index, "aZ09._~-/") },
              {
                ...request,
                headers: { ...request.headers, "x-timestamp": flipChar(request.timestamp, index, "0123456789:-TZ.") }
              },
              {
                ...request,
                headers: {
                  ...request.headers,
                  authorization: `Application ${KEY}:${flipChar(request.signature, index, "AB+/=")}`
                }
              }
            ]
            for (const attempt of tampered) {
              const exit = await run(verify(attempt))
              expect(Exit.isFailure(exit)).toBe(true)
            }
          }
        ),
        { numRuns: 300 }
      )
    ))
})

describe("Conversation: sign then verify", () => {
  const secret = "planted-conversation-secret"
  const verify = WebhookVerifier.conversation({ secret })
  const nonce = fc.stringMatching(/^[0-9A-Z]{26}$/)
  const seconds = fc.integer({ min: Math.ceil((NOW - 300_000) / 1000), max: Math.floor((NOW + 300_000) / 1000) })
  const sign = (b: Uint8Array, n: string, ts: string) =>
    createHmac("sha256", secret).update(b).update(`.${n}.${ts}`).digest("base64")

  it.effect("holds for arbitrary bodies and fails on any flipped byte of body, nonce, timestamp or signature", () =>
    property((run) =>
      fc.assert(
        fc.asyncProperty(body, nonce, seconds, position, mask, async (b, n, s, index, xor) => {
          const ts = String(s)
          const headers = {
            "x-sinch-webhook-signature": sign(b, n, ts),
            "x-sinch-webhook-signature-nonce": n,
            "x-sinch-webhook-signature-timestamp": ts
          }
          expect(Exit.isSuccess(await run(verify({ headers, body: b })))).toBe(true)
          const tampered = [
            { headers, body: b.length > 0 ? flipByte(b, index, xor) : Uint8Array.of(xor) },
            { headers: { ...headers, "x-sinch-webhook-signature-nonce": flipChar(n, index, "AB01") }, body: b },
            { headers: { ...headers, "x-sinch-webhook-signature-timestamp": flipChar(ts, index, "1234") }, body: b },
            {
              headers: {
                ...headers,
                "x-sinch-webhook-signature": flipChar(headers["x-sinch-webhook-signature"], index, "AB+/")
              },
              body: b
            }
          ]
          for (const request of tampered) expect(Exit.isFailure(await run(verify(request)))).toBe(true)
        }),
        { numRuns: 300 }
      )
    ))
})

describe("Numbers: sign then verify", () => {
  const secret = "planted-numbers-secret"
  const verify = WebhookVerifier.numbers({ secret })

  it("holds for arbitrary bodies and fails on any flipped byte of body or signature", () =>
    fc.assert(
      fc.property(body, position, mask, (b, index, xor) => {
        const signature = createHmac("sha1", secret).update(b).digest("hex")
        const ok = Effect.runSync(Effect.either(verify({ headers: { "x-sinch-signature": signature }, body: b })))
        expect(Either.isRight(ok)).toBe(true)
        const badBody = b.length > 0 ? flipByte(b, index, xor) : Uint8Array.of(xor)
        const badSignature = flipChar(signature, index, "0123456789abcdef")
        for (
          const request of [
            { headers: { "x-sinch-signature": signature }, body: badBody },
            { headers: { "x-sinch-signature": badSignature }, body: b }
          ]
        ) {
          expect(Either.isLeft(Effect.runSync(Effect.either(verify(request))))).toBe(true)
        }
      }),
      { numRuns: 300 }
    ))
})
