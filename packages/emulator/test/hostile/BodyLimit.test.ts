import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Http from "node:http"
import { EmulatorServer } from "../../src/index.js"
import { echoAll } from "../utils/emulator.js"

interface Raw {
  readonly status: number
  readonly json: any
}

/** Sends `chunks` (streamed, without `Content-Length` when `chunked`) and reads the answer. */
const raw = (port: number, path: string, chunks: ReadonlyArray<Buffer>, chunked: boolean) =>
  Effect.async<Raw>((resume) => {
    const total = chunks.reduce((n, c) => n + c.length, 0)
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (!chunked) headers["content-length"] = String(total)
    const request = Http.request(
      { host: "127.0.0.1", port, method: "POST", path, headers, agent: false },
      (response) => {
        const parts: Array<Buffer> = []
        response.on("data", (chunk: Buffer) => parts.push(chunk))
        response.on("end", () => {
          const text = Buffer.concat(parts).toString("utf8")
          resume(Effect.succeed({ status: response.statusCode ?? 0, json: text === "" ? undefined : JSON.parse(text) }))
        })
      }
    )
    // The server may close while the rest of a refused body is still being written.
    request.on("error", () => undefined)
    for (const chunk of chunks) request.write(chunk)
    request.end()
  })

const twoMegabytes = Array.from({ length: 32 }, () => Buffer.alloc(64 * 1024, 0x20))

describe("hostile: the emulator's request bodies are bounded", () => {
  it.live("a 2 MB body is a 413, with or without Content-Length, and the next request works", () =>
    Effect.gen(function*() {
      const { port } = yield* EmulatorServer.EmulatorServer
      const declared = yield* raw(port, "/numbers/v1/projects/p/activeNumbers", twoMegabytes, false)
      expect(declared.status).toBe(413)
      expect(declared.json.error.message).toBe("The request body exceeds 1048576 bytes")
      const streamed = yield* raw(port, "/_emulator/reset", twoMegabytes, true)
      expect(streamed.status).toBe(413)
      const next = yield* raw(port, "/_emulator/reset", [Buffer.from("{}")], false)
      expect(next).toEqual({ status: 200, json: {} })
    }).pipe(Effect.provide(EmulatorServer.layerEmulator({ products: echoAll }))))

  it.live("the limit is an option of the server layer", () =>
    Effect.gen(function*() {
      const { port } = yield* EmulatorServer.EmulatorServer
      expect((yield* raw(port, "/_emulator/reset", [Buffer.alloc(101, 0x20)], true)).status).toBe(413)
      expect((yield* raw(port, "/_emulator/reset", [Buffer.alloc(100, 0x20)], true)).status).toBe(200)
    }).pipe(Effect.provide(EmulatorServer.layerEmulator({ products: echoAll, maxBodySize: 100 }))))
})
