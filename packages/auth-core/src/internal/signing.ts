import { Redacted } from "effect"
import type { KeyObject } from "node:crypto"
import * as Crypto from "node:crypto"

type OneShotHash = (algorithm: string, data: string | Uint8Array, outputEncoding: "base64") => string

/** `crypto.hash` (Node 20.12+): one call, no Hash object. Older runtimes get `createHash`. */
const oneShot: OneShotHash = typeof (Crypto as { hash?: unknown }).hash === "function"
  ? (Crypto as unknown as { hash: OneShotHash }).hash
  : (algorithm, data, encoding) => Crypto.createHash(algorithm).update(data).digest(encoding)

/** Base64 MD5 of the body (a string is hashed as UTF-8), or "" for an empty body. */
export const contentMd5 = (body: Uint8Array | string): string => body.length === 0 ? "" : oneShot("md5", body, "base64")

/**
 * A secret's HMAC key. Opaque outside this module, so that the emitted declarations need no Node types
 * (a consumer without `@types/node` compiles against them).
 */
export interface HmacKey {
  readonly _HmacKey: unique symbol
}

/** Keys of `Redacted` secrets, for as long as the `Redacted` lives (one per credential set). */
const byRedacted = new WeakMap<Redacted.Redacted<string>, KeyObject>()
/** Keys of plain-string secrets: a few at most in any application, bounded anyway. */
const byText = new Map<string, KeyObject>()
const maxTextKeys = 32

const decode = (secret: string): KeyObject => Crypto.createSecretKey(Buffer.from(secret, "base64"))

/**
 * The HMAC key of an application secret (base64-decoded), decoded once per secret and kept as a
 * `KeyObject`: the decoded bytes never sit in a JavaScript buffer between signatures.
 */
export const keyOf = (secret: Redacted.Redacted<string> | string): HmacKey => keyObjectOf(secret) as never

const keyObjectOf = (secret: Redacted.Redacted<string> | string): KeyObject => {
  if (typeof secret !== "string") {
    let key = byRedacted.get(secret)
    if (key === undefined) {
      key = decode(Redacted.value(secret))
      byRedacted.set(secret, key)
    }
    return key
  }
  let key = byText.get(secret)
  if (key === undefined) {
    key = decode(secret)
    if (byText.size >= maxTextKeys) byText.delete(byText.keys().next().value!)
    byText.set(secret, key)
  }
  return key
}

/** The base64 HMAC-SHA256 signature of the string to sign, built in one concatenation. */
export const signature = (
  key: HmacKey,
  method: string,
  md5: string,
  contentType: string,
  timestamp: string,
  path: string
): string =>
  Crypto.createHmac("sha256", key as unknown as KeyObject)
    .update(`${method}\n${md5}\n${contentType}\nx-timestamp:${timestamp}\n${path}`, "utf8")
    .digest("base64")

/**
 * An absolute http(s) URL whose path holds only characters a URL serialiser leaves alone, captured up
 * to the query or fragment: such a path is sent exactly as written.
 */
const plainAbsolute = /^https?:\/\/[^/?#]*(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?(?:[?#]|$)/i
/** Dot segments, also percent-encoded: a serialiser resolves them, so such a path goes through `URL`. */
const dotSegment = /(?:^|\/)\.{1,2}(?:\/|$)|%2e/i

/**
 * The path of `url` as a client serialises it, without parsing the URL when it is already plain (no
 * dot segments, nothing to percent-encode); anything else goes through `URL`.
 */
export const pathOf = (url: string): string => {
  const plain = plainAbsolute.exec(url)
  if (plain !== null) {
    const path = plain[1]
    if (path === undefined || path === "") return "/"
    if (!dotSegment.test(path)) return path
  }
  try {
    return new URL(url).pathname
  } catch {
    return new URL(url, "http://relative.invalid").pathname
  }
}
