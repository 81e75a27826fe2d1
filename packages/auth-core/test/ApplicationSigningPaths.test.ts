import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { ApplicationSigning } from "@sinch-effect/auth-core"
import { Redacted } from "effect"

const urls = [
  "https://verification.api.sinch.com/verification/v1/verifications",
  "https://calling.api.sinch.com/calling/v1/callouts?x=1#f",
  "https://h.test",
  "https://h.test/a/../b",
  "https://h.test/a/./b",
  "https://h.test/%2e%2e/b",
  "https://h.test/a b/ü",
  "https://h.test/a%20b/%2B46",
  "http://127.0.0.1:8080/x/y/",
  "/relative/path?q"
]

describe("ApplicationSigning.pathOf", () => {
  it.each(urls)("%s: the path a URL serialiser sends", (url) => {
    const expected = (() => {
      try {
        return new URL(url).pathname
      } catch {
        return new URL(url, "http://relative.invalid").pathname
      }
    })()
    expect(ApplicationSigning.pathOf(HttpClientRequest.get(url))).toBe(expected)
  })
})

describe("ApplicationSigning keys", () => {
  it("each secret signs with its own key, however many secrets were seen", () => {
    const input = { method: "GET", path: "/p", body: "", timestamp: "2014-06-04T13:41:58Z", key: "k" }
    const first = Redacted.value(ApplicationSigning.sign({ ...input, secret: "BeIukql3pTKJ8RGL5zo0DA==" }).signature)
    for (let i = 0; i < 40; i++) {
      ApplicationSigning.sign({ ...input, secret: Buffer.from(`secret-${i}`).toString("base64") })
    }
    const other = Redacted.value(ApplicationSigning.sign({ ...input, secret: "AAAAAAAAAAAAAAAAAAAAAA==" }).signature)
    expect(other).not.toBe(first)
    expect(Redacted.value(ApplicationSigning.sign({ ...input, secret: "BeIukql3pTKJ8RGL5zo0DA==" }).signature)).toBe(
      first
    )
    expect(
      Redacted.value(ApplicationSigning.sign({ ...input, secret: Redacted.make("BeIukql3pTKJ8RGL5zo0DA==") }).signature)
    )
      .toBe(first)
  })
})
