import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { EmulatorClient } from "../../src/index.js"
import { demo, plainBasic, send } from "../utils/emulator.js"

// Requests as Mailgun's reference and user manual write them (curl --user 'api:KEY' -F ...).
const auth = plainBasic("api", Redacted.value(demo.mailgunApiKey))
const domain = demo.mailgunDomain
const us = "https://api.mailgun.net"

const get = (url: string, authorization: string | null = auth) =>
  send(
    HttpClientRequest.get(url).pipe(
      authorization === null ? (r) => r : HttpClientRequest.setHeader("authorization", authorization)
    )
  )

const postForm = (url: string, form: string, contentType = "application/x-www-form-urlencoded") =>
  send(
    HttpClientRequest.post(url).pipe(
      HttpClientRequest.setHeader("authorization", auth),
      HttpClientRequest.bodyText(form, contentType)
    )
  )

const multipart = (parts: ReadonlyArray<{ name: string; value: string; filename?: string; type?: string }>) =>
  parts.map((part) =>
    `--XyZ\r\ncontent-disposition: form-data; name="${part.name}"${
      part.filename === undefined ? "" : `; filename="${part.filename}"\r\ncontent-type: ${part.type}`
    }\r\n\r\n${part.value}\r\n`
  ).join("") + "--XyZ--\r\n"

describe("emulated Mailgun", () => {
  it.effect("checks Basic api:KEY on every route and answers {message}", () =>
    Effect.gen(function*() {
      for (
        const authorization of [null, plainBasic("user", Redacted.value(demo.mailgunApiKey)), plainBasic("api", "x")]
      ) {
        const answer = yield* get(`${us}/v4/domains`, authorization)
        expect(answer.status).toBe(401)
        expect(answer.json).toEqual({ message: "Invalid private key" })
      }
      expect((yield* get(`${us}/v4/domains`)).status).toBe(200)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("sends a form-encoded message and records accepted and delivered events per recipient", () =>
    Effect.gen(function*() {
      const sent = yield* postForm(
        `${us}/v3/${domain}/messages`,
        new URLSearchParams([
          ["from", `Excited User <mailgun@${domain}>`],
          ["to", "bar@example.com"],
          ["to", "Baz <baz@example.com>"],
          ["subject", "Hello"],
          ["text", "Testing some Mailgun awesomeness!"],
          ["o:tag", "t1"],
          ["v:campaign", "c-7"]
        ]).toString()
      )
      expect(sent.status).toBe(200)
      expect(sent.json).toEqual({ id: `<19700101000000.1.7919@${domain}>`, message: "Queued. Thank you." })
      const page = yield* get(`${us}/v3/${domain}/events?ascending=yes`)
      expect(page.json.items.map((e: any) => [e.event, e.recipient, e.tags, e["user-variables"]])).toEqual([
        ["accepted", "bar@example.com", ["t1"], { campaign: "c-7" }],
        ["delivered", "bar@example.com", ["t1"], { campaign: "c-7" }],
        ["accepted", "baz@example.com", ["t1"], { campaign: "c-7" }],
        ["delivered", "baz@example.com", ["t1"], { campaign: "c-7" }]
      ])
      expect(page.json.items[0].message.headers["message-id"]).toBe(`19700101000000.1.7919@${domain}`)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("reads multipart messages with attachments; refuses what the reference requires", () =>
    Effect.gen(function*() {
      const ok = yield* postForm(
        `${us}/v3/${domain}/messages`,
        multipart([
          { name: "from", value: `a@${domain}` },
          { name: "to", value: "b@example.com" },
          { name: "html", value: "<p>hi</p>" },
          { name: "attachment", value: "col1,col2\n", filename: "tps-report.csv", type: "text/csv" }
        ]),
        "multipart/form-data; boundary=XyZ"
      )
      expect(ok.status).toBe(200)
      const page = yield* get(`${us}/v3/${domain}/events?event=accepted`)
      expect(page.json.items[0].message.attachments).toEqual([
        { filename: "tps-report.csv", "content-type": "text/csv", size: 10 }
      ])
      const refused = [
        [new URLSearchParams([["to", "b@example.com"], ["text", "x"]]), 400, "from parameter is missing"],
        [new URLSearchParams([["from", `a@${domain}`], ["text", "x"]]), 400, "to parameter is missing"],
        [
          new URLSearchParams([["from", `a@${domain}`], ["to", "b@example.com"]]),
          400,
          "Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified"
        ]
      ] as const
      for (const [form, status, message] of refused) {
        const answer = yield* postForm(`${us}/v3/${domain}/messages`, form.toString())
        expect([answer.status, answer.json]).toEqual([status, { message }])
      }
      const json = yield* postForm(`${us}/v3/${domain}/messages`, "{}", "application/json")
      expect(json.status).toBe(400)
      const unknown = yield* postForm(`${us}/v3/other.example.com/messages`, "from=a&to=b&text=x")
      expect([unknown.status, unknown.json]).toEqual([404, { message: "Domain not found: other.example.com" }])
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("pages events with absolute links under the URL it was reached at; next past the end is empty", () =>
    Effect.gen(function*() {
      const base = "http://127.0.0.1:1/mailgun"
      for (const to of ["r1@example.com", "r2@example.com"]) {
        yield* postForm(`${base}/v3/${domain}/messages`, `from=a%40${domain}&to=${to}&text=x`)
      }
      const first = yield* get(`${base}/v3/${domain}/events?limit=3&event=delivered`)
      expect(first.json.items.map((e: any) => e.recipient)).toEqual(["r2@example.com", "r1@example.com"])
      expect(Object.keys(first.json.paging).sort()).toEqual(["first", "last", "next", "previous"])
      expect(first.json.paging.next).toMatch(new RegExp(`^${base}/v3/${domain}/events/[A-Za-z0-9_-]+$`))
      const second = yield* get(first.json.paging.next)
      expect(second.json.items).toEqual([])
      expect(second.json.paging.next).toMatch(/^http:\/\/127\.0\.0\.1:1\/mailgun\//)
      const bad = yield* get(`${base}/v3/${domain}/events/!!notatoken`)
      expect([bad.status, bad.json]).toEqual([400, { message: "Invalid page token" }])
      const tooMany = yield* get(`${base}/v3/${domain}/events?limit=301`)
      expect(tooMany.status).toBe(400)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))

  it.effect("lists domains (v4) with limit, skip, state and sort; gets one with its DNS records", () =>
    Effect.gen(function*() {
      const all = yield* get(`${us}/v4/domains`)
      expect(all.json.total_count).toBe(2)
      expect(all.json.items.map((d: any) => d.name)).toEqual(["mg.example.com", domain])
      const sorted = yield* get(`${us}/v4/domains?sort=name:asc&limit=1&skip=1`)
      expect([sorted.json.total_count, sorted.json.items.map((d: any) => d.name)]).toEqual([2, [domain]])
      const active = yield* get(`${us}/v4/domains?state=active`)
      expect(active.json.items.map((d: any) => d.name)).toEqual([domain])
      const one = yield* get(`https://api.eu.mailgun.net/v4/domains/${domain}`)
      expect(one.json.domain.name).toBe(domain)
      expect(one.json.sending_dns_records).toHaveLength(2)
      expect(one.json.receiving_dns_records).toHaveLength(2)
      const missing = yield* get(`${us}/v4/domains/missing.example.com`)
      expect([missing.status, missing.json]).toEqual([404, { message: "Domain not found" }])
      const deleted = yield* send(
        HttpClientRequest.del(`${us}/v4/domains`).pipe(HttpClientRequest.setHeader("authorization", auth))
      )
      expect(deleted.status).toBe(405)
    }).pipe(Effect.provide(EmulatorClient.layerEmulator())))
})
