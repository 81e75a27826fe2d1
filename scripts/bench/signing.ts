/**
 * 5. Application-signed requests per second on the same vector (the Verification documentation's POST):
 * ours (`ApplicationSigning`) against the official SDK's signer (`generateAuthorizationHeader`, and the
 * `SigningRequest` plugin that applies it to a request), in interleaved rounds after a warm-up round.
 * Every contender's output is checked against the vector's expected signature first.
 *
 * @since 0.1.0
 */
import { HttpClientRequest } from "@effect/platform"
import { ApplicationSigning } from "@sinch-effect/auth-core"
import type { ApplicationCredentials } from "@sinch-effect/auth-core"
import { generateAuthorizationHeader, SigningRequest } from "@sinch/sdk-core"
import { Effect, Redacted } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { rotate } from "./harness.js"
import type { Table } from "./stats.js"
import { fixed, ratio } from "./stats.js"

interface Vector {
  readonly name: string
  readonly method: string
  readonly body: string
  readonly contentType: string
  readonly timestamp: string
  readonly path: string
  readonly applicationKey: string
  readonly applicationSecret: string
  readonly expectedSignature: string
}

const fixture = fileURLToPath(new URL("../../test/fixtures/application-signed.json", import.meta.url))

/**
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  readonly opsPerRound: number
  readonly rounds: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly settings: Settings
  readonly vector: string
  readonly contenders: ReadonlyArray<
    {
      readonly name: string
      readonly level: string
      readonly opsPerSecond: number
      readonly roundsOpsPerSecond: ReadonlyArray<number>
    }
  >
}

interface Contender {
  readonly name: string
  readonly level: "signature" | "request"
  /** Signs `n` times; returns the last Authorization header value. */
  readonly sign: (n: number) => string
}

const contenders = (v: Vector): ReadonlyArray<Contender> => {
  const secret = Redacted.make(v.applicationSecret)
  const credentials: ApplicationCredentials.Credentials = {
    _tag: "ApplicationCredentials",
    applicationKey: v.applicationKey,
    applicationSecret: secret
  }
  const url = `https://verification.api.sinch.com${v.path}`
  const plugin = new SigningRequest(v.applicationKey, v.applicationSecret).load()
  return [
    {
      name: "ours: ApplicationSigning.sign",
      level: "signature",
      sign: (n) => {
        let last = ""
        for (let i = 0; i < n; i++) {
          last = Redacted.value(
            ApplicationSigning.sign({
              method: v.method,
              path: v.path,
              body: v.body,
              contentType: v.contentType,
              timestamp: v.timestamp,
              key: v.applicationKey,
              secret
            }).authorization
          )
        }
        return last
      }
    },
    {
      name: "official: generateAuthorizationHeader",
      level: "signature",
      sign: (n) => {
        let last = ""
        for (let i = 0; i < n; i++) {
          last = generateAuthorizationHeader(
            v.method,
            v.body,
            v.contentType,
            `x-timestamp:${v.timestamp}`,
            v.path,
            v.applicationKey,
            v.applicationSecret
          )
        }
        return last
      }
    },
    {
      name: "ours: ApplicationSigning.signRequest (HttpClientRequest)",
      level: "request",
      sign: (n) =>
        Effect.runSync(Effect.gen(function*() {
          let last = ""
          for (let i = 0; i < n; i++) {
            // `bodyText` sets the content-type header: the request is what a user's code builds.
            const request = HttpClientRequest.post(url).pipe(HttpClientRequest.bodyText(v.body, v.contentType))
            const signed = yield* ApplicationSigning.signRequest(request, { credentials, timestamp: v.timestamp })
            last = signed.headers["authorization"] ?? ""
          }
          return last
        }))
    },
    {
      name: "official: SigningRequest plugin (RequestOptions)",
      level: "request",
      sign: (n) => {
        let last = ""
        for (let i = 0; i < n; i++) {
          const options = {
            method: v.method,
            path: v.path,
            hostname: "https://verification.api.sinch.com",
            body: v.body,
            headers: new Headers({ "Content-Type": v.contentType, "x-timestamp": v.timestamp })
          }
          last = (plugin.transform(options) as typeof options).headers.get("Authorization") ?? ""
        }
        return last
      }
    }
  ]
}

/**
 * @since 0.1.0
 * @category benchmarks
 */
export const run = (settings: Settings): Result => {
  const vectors = (JSON.parse(readFileSync(fixture, "utf8")) as { vectors: ReadonlyArray<Vector> }).vectors
  const vector = vectors[0]!
  const all = contenders(vector)
  const expected = `Application ${vector.applicationKey}:${vector.expectedSignature}`
  for (const contender of all) {
    const got = contender.sign(1)
    if (got !== expected) throw new Error(`${contender.name} does not reproduce the vector's signature`)
  }
  // Warm-up round.
  for (const contender of all) contender.sign(settings.opsPerRound)
  const rounds = new Map(all.map((c) => [c.name, [] as Array<number>]))
  for (let round = 0; round < settings.rounds; round++) {
    for (const contender of rotate(all, round)) {
      // Per CPU-second of this process (user + system): a busy neighbour does not count against anyone.
      const start = process.cpuUsage()
      contender.sign(settings.opsPerRound)
      const used = process.cpuUsage(start)
      rounds.get(contender.name)!.push(settings.opsPerRound / ((used.user + used.system) / 1e6))
    }
  }
  return {
    settings,
    vector: vector.name,
    contenders: all.map((c) => {
      const perRound = rounds.get(c.name)!
      const sorted = [...perRound].sort((a, b) => a - b)
      return {
        name: c.name,
        level: c.level,
        opsPerSecond: sorted[Math.floor(sorted.length / 2)]!,
        roundsOpsPerSecond: perRound
      }
    })
  }
}

/**
 * @since 0.1.0
 * @category reporting
 */
export const table = (result: Result): Table => ({
  title: `5. Application signing throughput (vector "${result.vector}": POST with a JSON body)`,
  headers: ["signer", "level", "signatures per CPU-second (median round)", "vs official, same level (target ≥ 1.00)"],
  rows: result.contenders.map((c) => {
    const official = result.contenders.find((o) => o.level === c.level && o.name.startsWith("official"))!
    const r = c.opsPerSecond / official.opsPerSecond
    return [
      c.name,
      c.level,
      fixed(c.opsPerSecond),
      c.name.startsWith("official")
        ? ratio(c.opsPerSecond, official.opsPerSecond)
        : `${ratio(c.opsPerSecond, official.opsPerSecond)} ${r >= 1 ? "met" : "MISSED"}`
    ]
  }),
  notes: [
    `${result.settings.rounds} interleaved rounds of ${result.settings.opsPerRound} signatures each after a warm-up round; every signer first reproduces the vector's expected signature.`,
    "Request level: ours builds an HttpClientRequest and signs it (body bytes, MD5, headers); the official plugin signs a fresh RequestOptions with a Headers object."
  ]
})
