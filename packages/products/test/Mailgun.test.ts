import { FetchHttpClient, HttpClient, HttpClientResponse, UrlParams } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { AuthStrategy, MailgunCredentials } from "@sinch-effect/auth-core"
import { Emulator, EmulatorClient, EmulatorServer } from "@sinch-effect/emulator"
import { SinchEndpoints } from "@sinch-effect/sinch-http"
import { Chunk, ConfigProvider, Effect, Layer, Redacted, Schema, Stream } from "effect"
import { Mailgun, MailgunSchema } from "../src/index.js"
import { capturingLogger, renderings } from "./evidence/utils/secretScan.js"

const demo = Emulator.demoCredentials
const domain = demo.mailgunDomain

/** Every request the service sent: method, URL and content type. */
const sentRequests = () => {
  const seen: Array<{ readonly method: string; readonly url: string; readonly contentType: string | undefined }> = []
  const record = (request: HttpClientRequest.HttpClientRequest) =>
    Effect.sync(() => {
      seen.push({
        method: request.method,
        url: request.urlParams.length === 0 ? request.url : `${request.url}?${UrlParams.toString(request.urlParams)}`,
        contentType: request.body._tag === "Uint8Array" ? request.body.contentType : undefined
      })
    })
  return { seen, transformClient: (client: HttpClient.HttpClient) => HttpClient.tapRequest(client, record) }
}

const service = (options: {
  readonly apiKey?: string | undefined
  readonly region?: "us" | "eu" | undefined
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
} = {}) =>
  Mailgun.layer({ transformClient: options.transformClient }).pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        MailgunCredentials.layer({ apiKey: options.apiKey ?? demo.mailgunApiKey, region: options.region }),
        SinchEndpoints.layer()
      ).pipe(Layer.orDie)
    ),
    Layer.provideMerge(EmulatorClient.layerEmulator())
  )

const message: MailgunSchema.Message = {
  from: `Excited User <postmaster@${domain}>`,
  to: ["alice@example.com", "Bob <bob@example.com>"],
  subject: "Hello",
  text: "Testing some Mailgun awesomeness!",
  tags: ["welcome", "july"],
  testMode: true,
  headers: { "Reply-To": "support@example.com" },
  variables: { "order-id": "1234" }
}

describe("Mailgun against the emulator", () => {
  it.effect("sends a message as a form: Message-ID answered, fields as Mailgun reads them", () => {
    const requests = sentRequests()
    return Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      const sent = yield* mailgun.sendMessage(domain, message)
      expect(sent).toEqual({ id: `<19700101000000.1.7919@${domain}>`, message: "Queued. Thank you." })
      expect(requests.seen).toEqual([{
        method: "POST",
        url: `https://api.mailgun.net/v3/${domain}/messages`,
        contentType: "application/x-www-form-urlencoded"
      }])
      const events = Chunk.toReadonlyArray(yield* Stream.runCollect(mailgun.listEvents(domain, { ascending: true })))
      expect(events.map((event) => [event.event, event.recipient])).toEqual([
        ["accepted", "alice@example.com"],
        ["delivered", "alice@example.com"],
        ["accepted", "bob@example.com"],
        ["delivered", "bob@example.com"]
      ])
      expect(events[0]).toEqual({
        id: "acc-1-0",
        event: "accepted",
        timestamp: 0,
        "log-level": "info",
        method: "HTTP",
        recipient: "alice@example.com",
        "recipient-domain": "example.com",
        tags: ["welcome", "july"],
        "user-variables": { "order-id": "1234" },
        message: {
          headers: {
            "message-id": `19700101000000.1.7919@${domain}`,
            from: `Excited User <postmaster@${domain}>`,
            to: "alice@example.com, Bob <bob@example.com>",
            subject: "Hello"
          },
          attachments: [],
          size: expect.any(Number)
        }
      })
      expect(events[1]!["delivery-status"]).toEqual({
        code: 250,
        message: "OK",
        description: "",
        "attempt-no": 1,
        "session-seconds": 0.5
      })
    }).pipe(Effect.provide(service({ transformClient: requests.transformClient })))
  })

  it.effect("encodes every option to its form field", () =>
    Effect.gen(function*() {
      const encoded = yield* Schema.encode(MailgunSchema.SendMessageRequest)(message)
      expect(encoded).toEqual({
        from: `Excited User <postmaster@${domain}>`,
        to: ["alice@example.com", "Bob <bob@example.com>"],
        subject: "Hello",
        text: "Testing some Mailgun awesomeness!",
        "o:tag": ["welcome", "july"],
        "o:testmode": "yes",
        "h:Reply-To": "support@example.com",
        "v:order-id": "1234"
      })
      const decoded = yield* Schema.decode(MailgunSchema.SendMessageRequest)(encoded)
      expect(decoded).toEqual(message)
    }))

  it.effect("sends attachments as multipart/form-data, binary bytes intact", () => {
    const requests = sentRequests()
    const binary = new Uint8Array([0, 255, 13, 10, 45, 45, 0x80, 0xfe])
    return Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      yield* mailgun.sendMessage(domain, {
        from: `postmaster@${domain}`,
        to: "alice@example.com",
        subject: "Report",
        html: "<p>See attached</p>",
        attachments: [
          { filename: "report.bin", data: binary },
          { filename: "notes \"v2\".txt", data: new TextEncoder().encode("héllo"), contentType: "text/plain" }
        ]
      })
      expect(requests.seen).toHaveLength(1)
      expect(requests.seen[0]!.contentType).toMatch(/^multipart\/form-data; boundary=----sinch-effect-[0-9a-f-]{36}$/)
      const [accepted] = Chunk.toReadonlyArray(
        yield* Stream.runCollect(mailgun.listEvents(domain, { ascending: true, event: "accepted" }))
      )
      expect(accepted!.message!.attachments).toEqual([
        { filename: "report.bin", "content-type": "application/octet-stream", size: 8 },
        { filename: "notes %22v2%22.txt", "content-type": "text/plain", size: 6 }
      ])
      expect(accepted!.message!.headers!.subject).toBe("Report")
    }).pipe(Effect.provide(service({ transformClient: requests.transformClient })))
  })

  it.effect("a message without a body part is refused with Mailgun's message; an unknown domain is a 404", () =>
    Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      const noBody = yield* Effect.flip(mailgun.sendMessage(domain, { from: `a@${domain}`, to: "b@example.com" }))
      expect(noBody).toMatchObject({
        _tag: "SinchApiError",
        status: 400,
        detail: "Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified"
      })
      const unknown = yield* Effect.flip(mailgun.sendMessage("nope.example.com", message))
      expect(unknown).toMatchObject({
        _tag: "SinchApiError",
        status: 404,
        detail: "Domain not found: nope.example.com"
      })
      const dots = yield* Effect.flip(mailgun.sendMessage("..", message))
      expect(dots).toMatchObject({ _tag: "InvalidRequest", parameter: "domain", reason: "dot-segment" })
    }).pipe(Effect.provide(service())))

  it.effect("lists events page by page over paging.next, stopping at the first empty page", () => {
    const requests = sentRequests()
    return Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      for (let i = 0; i < 3; i++) {
        yield* mailgun.sendMessage(domain, { from: `a@${domain}`, to: `r${i}@example.com`, text: "x" })
      }
      const sends = requests.seen.length
      // Newest first without `ascending`; 6 events in pages of 4: pages of 4, 2, then the empty one.
      const events = Chunk.toReadonlyArray(yield* Stream.runCollect(mailgun.listEvents(domain, { limit: 4 })))
      expect(events.map((event) => event.id)).toEqual([
        "del-3-0",
        "acc-3-0",
        "del-2-0",
        "acc-2-0",
        "del-1-0",
        "acc-1-0"
      ])
      const pages = requests.seen.slice(sends)
      expect(pages).toHaveLength(3)
      expect(pages[0]!.url).toBe(`https://api.mailgun.net/v3/${domain}/events?limit=4`)
      expect(pages[1]!.url).toMatch(new RegExp(`^https://api\\.mailgun\\.net/v3/${domain}/events/[A-Za-z0-9_-]+$`))
      // Pulling 2 items fetches one page only.
      const before = requests.seen.length
      const two = yield* Stream.runCollect(Stream.take(mailgun.listEvents(domain, { limit: 4 }), 2))
      expect(Chunk.size(two)).toBe(2)
      expect(requests.seen.length - before).toBe(1)
      // Filters travel with the links.
      const delivered = yield* Stream.runCollect(mailgun.listEvents(domain, { event: "delivered", limit: 2 }))
      expect(Chunk.toReadonlyArray(delivered).map((event) => event.id)).toEqual(["del-3-0", "del-2-0", "del-1-0"])
    }).pipe(Effect.provide(service({ transformClient: requests.transformClient })))
  })

  it.effect("uses the EU host for the EU region, and follows its links there", () => {
    const requests = sentRequests()
    return Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      yield* mailgun.sendMessage(domain, { from: `a@${domain}`, to: "r@example.com", text: "x" })
      const events = yield* Stream.runCollect(mailgun.listEvents(domain, { limit: 1 }))
      expect(Chunk.size(events)).toBe(2)
      expect(requests.seen.map((request) => new URL(request.url).host)).toEqual([
        "api.eu.mailgun.net",
        "api.eu.mailgun.net",
        "api.eu.mailgun.net",
        "api.eu.mailgun.net"
      ])
    }).pipe(Effect.provide(service({ region: "eu", transformClient: requests.transformClient })))
  })

  it.effect("never follows a paging.next that leaves the API's URL (the key would go with it)", () =>
    Effect.gen(function*() {
      const seen: Array<string> = []
      const fake = HttpClient.make((request) =>
        Effect.sync(() => {
          seen.push(request.url)
          return HttpClientResponse.fromWeb(
            request,
            new Response(
              JSON.stringify({
                items: [{ id: "e1", event: "accepted", timestamp: 1 }],
                paging: { next: "https://api.mailgun.net.evil.example/v3/x/events/abc" }
              }),
              { status: 200, headers: { "content-type": "application/json" } }
            )
          )
        })
      )
      const mailgun = yield* Mailgun.make().pipe(
        Effect.provide(Layer.succeed(HttpClient.HttpClient, fake)),
        Effect.provide(
          Layer.mergeAll(MailgunCredentials.layer({ apiKey: "k" }), SinchEndpoints.layer()).pipe(Layer.orDie)
        )
      )
      const error = yield* Effect.flip(Stream.runCollect(mailgun.listEvents("x")))
      expect(error).toMatchObject({
        _tag: "MalformedResponse",
        detail: "paging.next does not point under https://api.mailgun.net; it is not followed"
      })
      expect(seen).toEqual(["https://api.mailgun.net/v3/x/events"])
    }))

  it.effect("lists domains over skip/limit pages, newest first, and filters by state", () => {
    const requests = sentRequests()
    return Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      const domains = Chunk.toReadonlyArray(yield* Stream.runCollect(mailgun.listDomains({ limit: 1 })))
      expect(domains.map((d) => [d.name, d.state, d.type])).toEqual([
        ["mg.example.com", "unverified", "custom"],
        [domain, "active", "sandbox"]
      ])
      expect(requests.seen.map((request) => request.url)).toEqual([
        "https://api.mailgun.net/v4/domains?limit=1&skip=0",
        "https://api.mailgun.net/v4/domains?limit=1&skip=1"
      ])
      const active = yield* Stream.runCollect(mailgun.listDomains({ state: "active" }))
      expect(Chunk.toReadonlyArray(active).map((d) => d.name)).toEqual([domain])
    }).pipe(Effect.provide(service({ transformClient: requests.transformClient })))
  })

  it.effect("gets a domain with its DNS records; an unknown one is a 404", () =>
    Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      const details = yield* mailgun.getDomain(domain)
      expect(details.domain).toEqual({
        name: domain,
        id: "64d2b1f0e4b0c1a2b3c4d5e6",
        state: "active",
        type: "sandbox",
        created_at: "Mon, 02 Jan 2023 10:00:00 GMT",
        smtp_login: `postmaster@${domain}`,
        spam_action: "disabled",
        wildcard: false,
        require_tls: false,
        skip_verification: false,
        is_disabled: false,
        web_scheme: "https",
        web_prefix: "email",
        use_automatic_sender_security: true
      })
      expect(details.sending_dns_records!.map((r) => [r.record_type, r.valid])).toEqual([
        ["TXT", "valid"],
        ["CNAME", "valid"]
      ])
      expect(details.receiving_dns_records!.map((r) => r.value)).toEqual(["mxa.mailgun.org", "mxb.mailgun.org"])
      const missing = yield* Effect.flip(mailgun.getDomain("missing.example.com"))
      expect(missing).toMatchObject({ _tag: "SinchApiError", status: 404, detail: "Domain not found" })
    }).pipe(Effect.provide(service())))

  it.effect("a wrong API key is a 401 whose error and logs never show the key", () => {
    const planted = "key-planted-0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    const logs = capturingLogger()
    return Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      const error = yield* Effect.flip(mailgun.getDomain(domain))
      expect(error).toMatchObject({ _tag: "SinchApiError", status: 401, detail: "Invalid private key" })
      yield* Effect.logError("mailgun failed", error)
      const basic = Buffer.from(`api:${planted}`).toString("base64")
      for (const text of [...renderings(error), ...logs.lines]) {
        expect(text).not.toContain(planted)
        expect(text).not.toContain(basic)
      }
      expect(logs.lines.length).toBeGreaterThan(0)
    }).pipe(Effect.provide(service({ apiKey: planted })), Effect.provide(logs.layer))
  })

  it.effect("layerConfig reads MAILGUN_API_KEY and MAILGUN_REGION", () => {
    const requests = sentRequests()
    return Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      const details = yield* mailgun.getDomain(domain)
      expect(details.domain.name).toBe(domain)
      expect(requests.seen.map((request) => request.url)).toEqual([`https://api.eu.mailgun.net/v4/domains/${domain}`])
    }).pipe(
      Effect.provide(
        Mailgun.layerConfig({ transformClient: requests.transformClient }).pipe(
          Layer.provideMerge(EmulatorClient.layerEmulator()),
          Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(
            new Map([["MAILGUN_API_KEY", Redacted.value(demo.mailgunApiKey)], ["MAILGUN_REGION", "eu"]])
          ))),
          Layer.orDie
        )
      )
    )
  })

  it.effect("layerWith takes another strategy and region", () =>
    Effect.gen(function*() {
      const mailgun = yield* Mailgun.Mailgun
      expect(mailgun.client.baseUrl).toBe("https://api.eu.mailgun.net")
      expect((yield* mailgun.getDomain(domain)).domain.name).toBe(domain)
    }).pipe(
      Effect.provide(
        Mailgun.layerWith({ region: "eu", strategy: AuthStrategy.mailgun }).pipe(
          Layer.provideMerge(
            Layer.mergeAll(MailgunCredentials.layer({ apiKey: demo.mailgunApiKey }), SinchEndpoints.layer()).pipe(
              Layer.orDie
            )
          ),
          Layer.provideMerge(EmulatorClient.layerEmulator())
        )
      )
    ))

  // Samples of Mailgun's API reference (Domains: "Get domains"; Events: a "rejected" event), as published.
  it.effect("decodes the reference's samples: sparse fields, unknown ones dropped, enums open", () =>
    Effect.gen(function*() {
      const page = yield* Schema.decodeUnknown(MailgunSchema.DomainsPage)({
        total_count: 1,
        items: [{
          created_at: "Mon, 02 Jan 2006 15:04:05 MST",
          id: "1",
          name: "example.com",
          state: "unverified",
          type: "custom",
          web_prefix: "email",
          disabled: { code: "blacklisted", note: "for debugging", permanently: true, reason: "bad customer" }
        }]
      })
      expect(page.items[0]).toEqual({
        created_at: "Mon, 02 Jan 2006 15:04:05 MST",
        id: "1",
        name: "example.com",
        state: "unverified",
        type: "custom",
        web_prefix: "email",
        disabled: { code: "blacklisted", note: "for debugging", permanently: true, reason: "bad customer" }
      })
      const events = yield* Schema.decodeUnknown(MailgunSchema.EventsPage)({
        items: [{
          event: "rejected",
          id: "OMTXD3-sSmKIQa1gSKkYVA",
          timestamp: 1529704976.104692,
          "log-level": "warn",
          flags: { "is-test-mode": false },
          reject: { reason: "Sandbox subdomains are for test purposes only." },
          message: { headers: { to: "foo@example.com", "message-id": "20180622215256.1.E4D0E8@sandbox.mailgun.org" } }
        }, { event: "list_member_uploaded_v2", id: "x", timestamp: 1, severity: "transient" }],
        paging: { next: "https://api.mailgun.net/v3/sandbox.mailgun.org/events/W3siYSI6IGZhbHNlfV0=" }
      })
      expect(events.items[0]).toEqual({
        event: "rejected",
        id: "OMTXD3-sSmKIQa1gSKkYVA",
        timestamp: 1529704976.104692,
        "log-level": "warn",
        message: { headers: { to: "foo@example.com", "message-id": "20180622215256.1.E4D0E8@sandbox.mailgun.org" } }
      })
      expect(events.items[1]).toEqual({
        event: "list_member_uploaded_v2",
        id: "x",
        timestamp: 1,
        severity: "transient"
      })
      expect(MailgunSchema.ReceivedEventType.isKnown(events.items[1]!.event)).toBe(false)
    }))
})

// Over real HTTP on 127.0.0.1: the multipart body crosses a socket and the paging links name the server.
describe("Mailgun against the emulator's HTTP server", () => {
  it.live("sends with an attachment and follows paging links under the server's URL", () => {
    const requests = sentRequests()
    return Effect.gen(function*() {
      const server = yield* EmulatorServer.EmulatorServer
      const mailgun = yield* Mailgun.makeWith({
        region: "us",
        strategy: AuthStrategy.mailgun,
        transformClient: requests.transformClient
      }).pipe(
        Effect.provide(
          Layer.mergeAll(
            MailgunCredentials.layer({ apiKey: demo.mailgunApiKey }),
            SinchEndpoints.layer(SinchEndpoints.emulator(server.baseUrl))
          ).pipe(Layer.orDie)
        )
      )
      const sent = yield* mailgun.sendMessage(domain, {
        from: `a@${domain}`,
        to: "r@example.com",
        text: "x",
        attachments: [{ filename: "a.bin", data: new Uint8Array(70_000).fill(0xab) }]
      })
      expect(sent.message).toBe("Queued. Thank you.")
      const events = Chunk.toReadonlyArray(yield* Stream.runCollect(mailgun.listEvents(domain, { limit: 1 })))
      expect(events.map((event) => event.event)).toEqual(["delivered", "accepted"])
      expect(events[1]!.message!.attachments).toEqual([
        { filename: "a.bin", "content-type": "application/octet-stream", size: 70_000 }
      ])
      const urls = requests.seen.slice(1).map((request) => request.url)
      expect(urls).toHaveLength(3)
      for (const url of urls) expect(url.startsWith(`${server.baseUrl}/mailgun/v3/${domain}/events`)).toBe(true)
    }).pipe(
      Effect.provide(Layer.merge(EmulatorServer.layerEmulator(), FetchHttpClient.layer)),
      Effect.scoped
    )
  })
})
