import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Redacted } from "effect"
import { Emulator } from "../../src/index.js"
import type { ProductApi, ProductRequest } from "../../src/ProductApi.js"

export const demo = Emulator.demoCredentials
export const demoSecret = Redacted.value(demo.keySecret)

/** RFC 6749 2.3.1: form-urlencode id and secret, then Basic. */
export const formEncode = (value: string): string =>
  encodeURIComponent(value).replace(/%20/g, "+").replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )

export const clientBasic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${formEncode(id)}:${formEncode(secret)}`, "utf8").toString("base64")}`

export const plainBasic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`

export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  readonly json: any
}

export const read = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<Answer> =>
  Effect.map(Effect.orDie(response.text), (text) => {
    let json: unknown = undefined
    try {
      json = text === "" ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, text, json }
  })

export const send = (request: HttpClientRequest.HttpClientRequest) =>
  Effect.flatMap(HttpClient.HttpClient, (client) => client.execute(request).pipe(Effect.flatMap(read), Effect.scoped))

export const tokenRequest = (options?: {
  readonly url?: string | undefined
  /** `null`: no Authorization header at all. */
  readonly authorization?: string | null | undefined
  readonly body?: string | undefined
  readonly contentType?: string | undefined
}) =>
  send(
    HttpClientRequest.post(options?.url ?? "https://auth.sinch.com/oauth2/token").pipe(
      options?.authorization === null
        ? (request) => request
        : HttpClientRequest.setHeader("authorization", options?.authorization ?? clientBasic(demo.keyId, demoSecret)),
      HttpClientRequest.bodyText(
        options?.body ?? "grant_type=client_credentials",
        options?.contentType ?? "application/x-www-form-urlencoded"
      )
    )
  )

export const token = (authorization?: string) =>
  Effect.map(tokenRequest({ authorization }), (answer) => {
    if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${answer.text}`)
    return answer.json.access_token as string
  })

/** A product API that echoes what the core handed it, for every API family. */
export const echo = (api: ProductApi["api"]): Effect.Effect<ProductApi> =>
  Effect.succeed({
    api,
    handle: (request: ProductRequest) =>
      Effect.succeed({
        status: 200,
        body: {
          api,
          method: request.method,
          path: request.path,
          segments: request.segments,
          query: Object.fromEntries(request.query),
          body: request.body ?? null,
          rawBody: request.rawBody,
          region: request.region ?? null,
          projectId: request.projectId ?? null
        }
      })
  })

export const echoAll: ReadonlyArray<Effect.Effect<ProductApi>> = (
  ["numbers", "est", "conversation", "templates", "voice", "verification", "mailgun"] as const
).map(echo)

export const numbersUrl = (projectId: string = demo.projectId, rest = "/activeNumbers") =>
  `https://numbers.api.sinch.com/v1/projects/${projectId}${rest}`
