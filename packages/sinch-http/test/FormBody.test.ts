import { HttpClient, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as SinchClient from "../src/SinchClient.js"
import { basic } from "./support.js"

/** Answers `statuses` in turn and records each body sent, with its content type. */
const recording = (statuses: ReadonlyArray<number>) => {
  const sent: Array<{ readonly contentType: string | undefined; readonly body: Uint8Array }> = []
  const client = HttpClient.make((request) =>
    Effect.sync(() => {
      if (request.body._tag === "Uint8Array") {
        sent.push({ contentType: request.body.contentType, body: request.body.body })
      }
      const status = statuses[sent.length - 1] ?? 200
      return HttpClientResponse.fromWeb(
        request,
        new Response(status === 200 ? "{}" : "", { status, headers: status === 429 ? { "retry-after": "0" } : {} })
      )
    })
  )
  return { sent, client }
}

const post = (statuses: ReadonlyArray<number>, form: ReadonlyArray<SinchClient.FormField>) =>
  Effect.gen(function*() {
    const fake = recording(statuses)
    const client = yield* SinchClient.make({
      api: "Mailgun",
      baseUrl: "https://mail.test",
      strategy: basic("Basic eA==")
    })
      .pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
    yield* client.requestVoid("POST", "/v3/{domain}/messages", { path: { domain: "example.com" }, form })
    return fake.sent
  })

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1")

describe("form bodies", () => {
  it.effect("text fields only: urlencoded, repeated names kept in order", () =>
    Effect.gen(function*() {
      const sent = yield* post([200], [
        { name: "to", value: "a@example.com" },
        { name: "to", value: "Bob <b@example.com>" },
        { name: "o:tag", value: "x y&z" }
      ])
      expect(sent.map((s) => [s.contentType, text(s.body)])).toEqual([[
        "application/x-www-form-urlencoded",
        "to=a%40example.com&to=Bob+%3Cb%40example.com%3E&o%3Atag=x+y%26z"
      ]])
    }))

  it.effect("with a file: multipart, bytes intact, quotes and line breaks escaped, the same bytes on a resend", () =>
    Effect.gen(function*() {
      const data = new Uint8Array([0, 255, 13, 10, 45, 45])
      const sent = yield* post([429, 200], [
        { name: "a\"b\r\nx", value: "héllo" },
        { name: "attachment", file: { filename: "r\"1\n.bin", data, contentType: "application/pdf\r\nx-evil: 1" } }
      ])
      expect(sent).toHaveLength(2)
      const boundary =
        /^multipart\/form-data; boundary=(----sinch-effect-[0-9a-f-]{36})$/.exec(sent[0]!.contentType!)![1]
      expect(text(sent[0]!.body)).toBe(
        `--${boundary}\r\ncontent-disposition: form-data; name="a%22b%0D%0Ax"\r\n\r\n${
          Buffer.from("héllo").toString("latin1")
        }\r\n` +
          `--${boundary}\r\ncontent-disposition: form-data; name="attachment"; filename="r%221%0A.bin"\r\n` +
          `content-type: application/pdfx-evil: 1\r\n\r\n${text(data)}\r\n--${boundary}--\r\n`
      )
      expect(sent[1]!.contentType).toBe(sent[0]!.contentType)
      expect(text(sent[1]!.body)).toBe(text(sent[0]!.body))
    }))
})
