/**
 * Test helpers for the application-scoped products (Verification, Voice): a recorder of what leaves the
 * client, and callback signing computed from the documented scheme, independently of auth-core.
 */
import type { HttpClientRequest } from "@effect/platform"
import { HttpClient } from "@effect/platform"
import { ApplicationCredentials, NonceStore } from "@sinch-effect/auth-core"
import { Effect, Layer } from "effect"
import { createHash, createHmac } from "node:crypto"

/**
 * Records what left the client after authentication, one line per request: method, URL, scheme of
 * `Authorization`, and whether `x-timestamp` was set (`ts` or `-`). `sent` is cleared by the tests.
 */
export const recorder = () => {
  const sent: Array<string> = []
  const record = (client: HttpClient.HttpClient) =>
    HttpClient.tapRequest(client, (request: HttpClientRequest.HttpClientRequest) =>
      Effect.sync(() => {
        const scheme = (request.headers["authorization"] ?? "").split(" ")[0]
        sent.push(
          `${request.method} ${request.url} ${scheme} ${request.headers["x-timestamp"] === undefined ? "-" : "ts"}`
        )
      }))
  return { sent, record }
}

/** The documented application signature of a JSON callback POSTed to `path`. */
export const callbackSignature = (secret: string, body: string, timestamp: string, path: string): string =>
  createHmac("sha256", Buffer.from(secret, "base64"))
    .update(
      [
        "POST",
        createHash("md5").update(body, "utf8").digest("base64"),
        "application/json",
        `x-timestamp:${timestamp}`,
        path
      ].join("\n")
    )
    .digest("base64")

/** What a callback endpoint needs: the application's credentials and a nonce store for replays. */
export const callbackContext = (applicationKey: string, applicationSecret: string) =>
  Layer.merge(
    ApplicationCredentials.layer({ applicationKey, applicationSecret }),
    NonceStore.layerMemory()
  )
