import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Http from "node:http"
import { EmulatorServer } from "../../src/index.js"
import { clientBasic, demo, demoSecret, echoAll } from "../utils/emulator.js"

interface Raw {
  readonly status: number
  readonly json: any
}

/** node:http, because fetch cannot set `Host`: what a browser sends after DNS rebinding. */
const raw = (port: number, method: string, path: string, headers: Record<string, string>, body = "") =>
  Effect.async<Raw>((resume) => {
    const request = Http.request({ host: "127.0.0.1", port, method, path, headers }, (response) => {
      const chunks: Array<Buffer> = []
      response.on("data", (chunk: Buffer) => chunks.push(chunk))
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        resume(Effect.succeed({ status: response.statusCode ?? 0, json: text === "" ? undefined : JSON.parse(text) }))
      })
    })
    request.on("error", (error) => resume(Effect.die(error)))
    request.end(body)
  })

const ttl = (port: number) =>
  Effect.map(
    raw(port, "POST", "/auth/oauth2/token", {
      host: `127.0.0.1:${port}`,
      authorization: clientBasic(demo.keyId, demoSecret),
      "content-type": "application/x-www-form-urlencoded"
    }, "grant_type=client_credentials"),
    (answer) => answer.json.expires_in as number
  )

const setTtl = { seconds: 30 }

describe("hostile: the emulator's control API refuses cross-origin state changes", () => {
  it.live("text/plain, a foreign Host or a foreign Origin are refused and change nothing", () =>
    Effect.gen(function*() {
      const { port } = yield* EmulatorServer.EmulatorServer
      const local = `127.0.0.1:${port}`
      const body = JSON.stringify(setTtl)
      // A "simple" cross-origin POST: no preflight in a browser.
      const plain = yield* raw(
        port,
        "POST",
        "/_emulator/token-ttl",
        { host: local, "content-type": "text/plain" },
        body
      )
      expect(plain.status).toBe(415)
      expect(plain.json.error.message).toMatch(/application\/json/)
      const noType = yield* raw(port, "POST", "/_emulator/reset", { host: local })
      expect(noType.status).toBe(415)
      // DNS rebinding: the page's own name reaches 127.0.0.1.
      const rebound = yield* raw(port, "POST", "/_emulator/token-ttl", {
        host: `attacker.example:${port}`,
        "content-type": "application/json"
      }, body)
      expect(rebound.status).toBe(403)
      const rebindRead = yield* raw(port, "GET", "/_emulator/counters", { host: "attacker.example" })
      expect(rebindRead.status).toBe(403)
      const foreign = yield* raw(port, "POST", "/_emulator/token-ttl", {
        host: local,
        origin: "http://attacker.example",
        "content-type": "application/json"
      }, body)
      expect(foreign.status).toBe(403)
      const nullOrigin = yield* raw(port, "POST", "/_emulator/token-ttl", {
        host: local,
        origin: "null",
        "content-type": "application/json"
      }, body)
      expect(nullOrigin.status).toBe(403)
      // Nothing changed: tokens still live one hour.
      expect(yield* ttl(port)).toBe(3600)

      const allowed = yield* raw(port, "POST", "/_emulator/token-ttl", {
        host: `localhost:${port}`,
        origin: "http://localhost:3000",
        "content-type": "application/json; charset=utf-8"
      }, body)
      expect(allowed.status).toBe(200)
      expect(yield* ttl(port)).toBe(30)
      const ipv6 = yield* raw(port, "GET", "/_emulator/health", { host: `[::1]:${port}` })
      expect(ipv6).toEqual({ status: 200, json: { status: "ok" } })
    }).pipe(Effect.provide(EmulatorServer.layerEmulator({ products: echoAll }))))
})
