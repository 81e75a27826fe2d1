import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import type { AuthError } from "@sinch-effect/auth-core"
import { Effect } from "effect"
import * as SinchClient from "../src/SinchClient.js"
import { basic, fakeClient } from "./support.js"

/** The error of a POST (never retried) answered `status` with `body`. */
const errorFor = (status: number, body: unknown) =>
  Effect.gen(function*() {
    const fake = fakeClient(() => ({ status, body }))
    const client = yield* SinchClient.make({
      api: "Elastic SIP Trunking",
      baseUrl: "https://est.test",
      strategy: basic("Basic eA==")
    })
      .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
    const error = yield* Effect.flip(client.requestVoid("POST", "/trunks", { body: {} }))
    expect(fake.seen.length).toBe(1)
    return error
  })

const apiError = (error: AuthError.SinchError): AuthError.SinchApiError => {
  expect(error._tag).toBe("SinchApiError")
  return error as AuthError.SinchApiError
}

describe("error bodies", () => {
  it.effect("{ error: { code, message, status, details[].fieldViolations[] } }", () =>
    Effect.gen(function*() {
      const error = apiError(
        yield* errorFor(400, {
          error: {
            code: 400,
            message: "Invalid argument",
            status: "INVALID_ARGUMENT",
            details: [
              { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "X" },
              {
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                fieldViolations: [
                  { field: "pageSize", description: "must be at most 1000" },
                  { field: "numberPattern.pattern", description: "must be digits" }
                ]
              }
            ]
          }
        })
      )
      expect([error.status, error.code, error.statusText, error.detail, error.method]).toEqual([
        400,
        "400",
        "INVALID_ARGUMENT",
        "Invalid argument",
        "POST"
      ])
      expect(error.violations.map((v) => [v.field, v.description])).toEqual([
        ["pageSize", "must be at most 1000"],
        ["numberPattern.pattern", "must be digits"]
      ])
      expect(error.message).toBe(
        "Elastic SIP Trunking answered 400 INVALID_ARGUMENT: Invalid argument [pageSize: must be at most 1000; numberPattern.pattern: must be digits]"
      )
    }))

  it.effect("{ code, text }", () =>
    Effect.gen(function*() {
      const error = apiError(yield* errorFor(400, { code: 40001, text: "Illegal parameters" }))
      expect([error.code, error.detail, error.violations.length]).toEqual(["40001", "Illegal parameters", 0])
    }))

  it.effect("{ errorCode, message, reference }", () =>
    Effect.gen(function*() {
      const error = apiError(
        yield* errorFor(404, { errorCode: 40400, message: "Verification not found", reference: "ref-7" })
      )
      expect([error.status, error.code, error.detail, error.reference]).toEqual([
        404,
        "40400",
        "Verification not found",
        "ref-7"
      ])
      expect(error.message).toContain("(reference ref-7)")
    }))

  it.effect("RFC 7807 { type, title, detail, errors[] }", () =>
    Effect.gen(function*() {
      const error = apiError(
        yield* errorFor(422, {
          type: "https://sinch.com/problems/validation",
          title: "Validation failed",
          status: 422,
          detail: "The trunk is invalid",
          errors: [{ field: "name", message: "already exists" }, { name: "hostName", detail: "is required" }]
        })
      )
      expect([error.code, error.statusText, error.detail]).toEqual([
        "https://sinch.com/problems/validation",
        "Validation failed",
        "The trunk is invalid"
      ])
      expect(error.violations.map((v) => [v.field, v.description])).toEqual([
        ["name", "already exists"],
        ["hostName", "is required"]
      ])
    }))

  it.effect("RFC 7807 with errors as a map and type about:blank", () =>
    Effect.gen(function*() {
      const error = apiError(
        yield* errorFor(400, {
          type: "about:blank",
          title: "Bad Request",
          errors: { name: ["too long", "has spaces"] }
        })
      )
      expect(error.code).toBeUndefined()
      expect(error.violations.map((v) => [v.field, v.description])).toEqual([["name", "too long"], [
        "name",
        "has spaces"
      ]])
    }))

  it.effect("an empty error body is a SinchApiError with the status", () =>
    Effect.gen(function*() {
      const error = apiError(yield* errorFor(404, ""))
      expect([error.status, error.detail]).toEqual([404, undefined])
      expect(error.message).toBe("Elastic SIP Trunking answered 404")
    }))

  it.effect("a body that is not JSON is MalformedResponse with the status", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(502, "<html><body>Bad Gateway</body></html>")
      expect(error._tag).toBe("MalformedResponse")
      expect(error._tag === "MalformedResponse" && [error.status, error.detail]).toEqual([
        502,
        "the error body is not JSON: <html><body>Bad Gateway</body></html>"
      ])
    }))

  it.effect("JSON of no known shape is MalformedResponse", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(500, [1, 2])
      expect(error._tag === "MalformedResponse" && error.detail).toContain("no known Sinch shape")
    }))

  it.effect("a huge non-JSON body is cut short in the error", () =>
    Effect.gen(function*() {
      const error = yield* errorFor(500, "x".repeat(100_000))
      expect(error._tag === "MalformedResponse" && error.detail.length).toBeLessThan(200)
    }))
})
