import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import * as SinchApi from "../src/SinchApi.js"
import * as SinchEndpoints from "../src/SinchEndpoints.js"

const fromEnv = (env: Record<string, string>) =>
  SinchEndpoints.SinchEndpoints.pipe(
    Effect.provide(
      SinchEndpoints.layerConfig().pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

describe("SinchApi registry", () => {
  it("lists the eight APIs, each with its name, variable, scope and error-body shape", () => {
    expect(SinchApi.keys).toEqual([
      "numbers",
      "est",
      "conversation",
      "templates",
      "voice",
      "verification",
      "mailgun",
      "account"
    ])
    expect(SinchApi.keys.map((key) => [SinchApi.get(key).name, SinchApi.get(key).scope, SinchApi.get(key).errorBody]))
      .toEqual([
        ["Numbers", "project", "sinch"],
        ["Elastic SIP Trunking", "project", "sinch"],
        ["Conversation", "project", "sinch"],
        ["Templates", "project", "sinch"],
        ["Voice", "application", "application"],
        ["Verification", "application", "application"],
        ["Mailgun", "mailgun", "mailgun"],
        ["Account", "project", "sinch"]
      ])
  })

  it("derives every URL of SinchEndpoints, production and emulator, from the descriptions", () => {
    const urls = Object.keys(SinchEndpoints.production).sort()
    const described = ["auth", ...SinchApi.keys.flatMap((key) => Object.keys(SinchApi.get(key).hosts))].sort()
    expect(urls).toEqual(described)
    expect(urls).toHaveLength(12)
    for (const key of SinchApi.keys) {
      for (const [url, host] of Object.entries(SinchApi.get(key).hosts)) {
        expect(SinchEndpoints.production[url as keyof SinchEndpoints.Urls]).toBe(host.production)
        expect(SinchEndpoints.emulator("http://127.0.0.1:9/")[url as keyof SinchEndpoints.Urls]).toBe(
          `http://127.0.0.1:9${host.emulator}`
        )
      }
    }
  })

  it.effect("one variable per API moves every URL of that API, and nothing else", () =>
    Effect.forEach(SinchApi.keys, (key) =>
      Effect.gen(function*() {
        const api = SinchApi.get(key)
        const e = yield* fromEnv({ [api.variable]: "http://127.0.0.1:7/x" })
        for (const url of Object.keys(SinchEndpoints.production) as Array<keyof SinchEndpoints.Urls>) {
          const moved = url in api.hosts
          expect(e.urls[url], `${api.variable} ${url}`).toBe(
            moved ? "http://127.0.0.1:7/x" : SinchEndpoints.production[url]
          )
        }
      }), { discard: true }))

  it.effect("only an API whose every URL is regional accepts {region} in its variable", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(fromEnv({ SINCH_VOICE_URL: "https://{region}.voice.example" }))
      expect(String(error)).toContain(
        "SINCH_VOICE_URL cannot contain {region} (only SINCH_CONVERSATION_URL and SINCH_TEMPLATES_URL can)"
      )
      const e = yield* fromEnv({ SINCH_TEMPLATES_URL: "https://{region}.t.example" })
      expect(e.templates("br")).toBe("https://br.t.example")
    }))
})
