/**
 * `sinch doctor` checks Redis only when SINCH_REDIS_URL is set: a real redis-server passes, a closed
 * port fails with the fix, and the password in the URL is never printed.
 */
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import * as Doctor from "@sinch-effect/cli/Doctor"
import { ConfigProvider, Effect } from "effect"
import { start } from "./utils/redisServer.js"

const doctor = (env: ReadonlyArray<readonly [string, string]>) =>
  Doctor.run().pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(env))),
    Effect.provide(FetchHttpClient.layer)
  )

describe("doctor and SINCH_REDIS_URL", () => {
  it.effect("no SINCH_REDIS_URL: no Redis check", () =>
    Effect.map(doctor([]), (report) => expect(report.checks.map((c) => c.id)).not.toContain("redis")))

  it.scoped("a reachable redis-server passes", () =>
    Effect.gen(function*() {
      const server = yield* start
      const report = yield* doctor([["SINCH_REDIS_URL", server.url]])
      const check = report.checks.find((c) => c.id === "redis")!
      expect(check.status).toBe("pass")
      expect(check.detail).toBe(`127.0.0.1:${server.port} answered PING`)
    }))

  it.scoped("an unreachable Redis fails with the fix; the password is not printed", () =>
    Effect.gen(function*() {
      const server = yield* start
      yield* server.kill
      const report = yield* doctor([[
        "SINCH_REDIS_URL",
        `redis://user:planted-redis-password@127.0.0.1:${server.port}`
      ]])
      const check = report.checks.find((c) => c.id === "redis")!
      expect(check.status).toBe("fail")
      expect(check.detail).toContain("cannot connect to 127.0.0.1")
      expect(check.fix).toContain("SINCH_REDIS_URL")
      expect(JSON.stringify(report)).not.toContain("planted-redis-password")
      expect(report.ok).toBe(false)
    }))
})
