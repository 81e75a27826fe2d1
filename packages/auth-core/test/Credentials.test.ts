import { describe, expect, it } from "@effect/vitest"
import { ApplicationCredentials, MailgunCredentials, ProjectCredentials } from "@sinch-effect/auth-core"
import { ConfigProvider, Effect, Either, Layer, Redacted } from "effect"

const PROJECT = "37b62a7b-0177-4b6c-9f6e-e10f848de123"
const KEY = "5f1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
const SECRET = "planted-key-secret-XYZ:%+ é"

const fromEnv = <A, E>(layer: Layer.Layer<A, E>, env: Record<string, string>) =>
  Layer.build(layer).pipe(
    Effect.scoped,
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
    Effect.either
  )

describe("ProjectCredentials", () => {
  it("accepts well-formed values and keeps the secret redacted", () => {
    const creds = Either.getOrThrow(ProjectCredentials.make({ projectId: PROJECT, keyId: KEY, keySecret: SECRET }))
    expect(creds.projectId).toBe(PROJECT)
    expect(Redacted.isRedacted(creds.keySecret)).toBe(true)
    expect(Redacted.value(creds.keySecret)).toBe(SECRET)
    expect(JSON.stringify(creds)).not.toContain("planted")
    expect(String(creds.keySecret)).not.toContain("planted")
  })

  it.each([
    [{ projectId: "", keyId: KEY, keySecret: SECRET }, "SINCH_PROJECT_ID is empty"],
    [{ projectId: "not-a-project", keyId: KEY, keySecret: SECRET }, "SINCH_PROJECT_ID is not a UUID-like id"],
    [{ projectId: PROJECT, keyId: "   ", keySecret: SECRET }, "SINCH_KEY_ID is only whitespace"],
    [{ projectId: PROJECT, keyId: KEY, keySecret: ` ${SECRET}` }, "SINCH_KEY_SECRET has leading or trailing whitespace"]
  ])("rejects %j with a message naming the variable", (input, expected) => {
    const result = ProjectCredentials.make(input)
    expect(Either.isLeft(result)).toBe(true)
    const text = String(Either.getLeft(result).pipe((o) => (o._tag === "Some" ? o.value : "")))
    expect(text).toContain(expected)
    expect(text).not.toContain("planted")
  })

  it.effect("reads SINCH_* variables and reports a missing one by name", () =>
    Effect.gen(function*() {
      const ok = yield* fromEnv(ProjectCredentials.layerConfig(), {
        SINCH_PROJECT_ID: PROJECT,
        SINCH_KEY_ID: KEY,
        SINCH_KEY_SECRET: SECRET
      })
      expect(Either.isRight(ok)).toBe(true)
      const missing = yield* fromEnv(ProjectCredentials.layerConfig(), { SINCH_PROJECT_ID: PROJECT, SINCH_KEY_ID: KEY })
      expect(Either.isLeft(missing)).toBe(true)
      expect(String(Either.isLeft(missing) ? missing.left : "")).toContain("SINCH_KEY_SECRET")
      const blank = yield* fromEnv(ProjectCredentials.layerConfig(), {
        SINCH_PROJECT_ID: PROJECT,
        SINCH_KEY_ID: KEY,
        SINCH_KEY_SECRET: "planted-secret "
      })
      const text = String(Either.isLeft(blank) ? blank.left : "")
      expect(text).toContain("SINCH_KEY_SECRET has leading or trailing whitespace")
      expect(text).not.toContain("planted")
    }))
})

describe("ApplicationCredentials", () => {
  it("requires a strict base64 secret", () => {
    expect(
      Either.isRight(
        ApplicationCredentials.make({ applicationKey: "k", applicationSecret: "BeIukql3pTKJ8RGL5zo0DA==" })
      )
    )
      .toBe(true)
    for (
      const bad of ["BeIukql3pTKJ8RGL5zo0DA", "BeIukql3pTKJ8RGL5zo0DA=", "Be-ukql3pTKJ8RGL5zo0DA==", "plantedsecret!!!"]
    ) {
      const result = ApplicationCredentials.make({ applicationKey: "k", applicationSecret: bad })
      expect(Either.isLeft(result)).toBe(true)
      const text = String(Either.isLeft(result) ? result.left : "")
      expect(text).toContain("SINCH_APPLICATION_SECRET is not strict base64")
      expect(text).not.toContain(bad)
    }
  })
})

describe("MailgunCredentials", () => {
  it.effect("defaults the region to us and rejects an unknown region", () =>
    Effect.gen(function*() {
      const ok = yield* fromEnv(MailgunCredentials.layerConfig(), { MAILGUN_API_KEY: "key-planted" })
      expect(Either.isRight(ok)).toBe(true)
      const bad = yield* fromEnv(MailgunCredentials.layerConfig(), {
        MAILGUN_API_KEY: "key-planted",
        MAILGUN_REGION: "asia"
      })
      const text = String(Either.isLeft(bad) ? bad.left : "")
      expect(text).toContain("MAILGUN_REGION must be one of us, eu")
      expect(text).not.toContain("key-planted")
      const creds = Either.getOrThrow(MailgunCredentials.make({ apiKey: "key-planted", region: "eu" }))
      expect(creds.region).toBe("eu")
    }))
})
