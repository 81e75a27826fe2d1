/**
 * Verification of application-signed requests (Voice, Verification), recomputed from the documented
 * algorithm: `METHOD \n Base64(MD5(body)) or "" \n Content-Type or "" \n x-timestamp:TS \n path`,
 * signed with HMAC-SHA256 under the base64-decoded application secret.
 *
 * @internal
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto"

/** @internal */
export interface SignedRequest {
  readonly method: string
  readonly path: string
  readonly contentType: string | undefined
  readonly timestamp: string
  readonly body: Uint8Array
}

/** @internal */
export const stringToSign = (request: SignedRequest): string =>
  [
    request.method.toUpperCase(),
    request.body.length === 0 ? "" : createHash("md5").update(request.body).digest("base64"),
    request.contentType ?? "",
    `x-timestamp:${request.timestamp}`,
    request.path
  ].join("\n")

/** @internal */
export const sign = (secretBase64: string, request: SignedRequest): string =>
  createHmac("sha256", Buffer.from(secretBase64, "base64")).update(stringToSign(request), "utf8").digest("base64")

/**
 * Constant-time comparison of a presented signature with the expected one.
 *
 * @internal
 */
export const verify = (secretBase64: string, request: SignedRequest, presented: string): boolean => {
  const expected = Buffer.from(sign(secretBase64, request), "utf8")
  const actual = Buffer.from(presented, "utf8")
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

/**
 * `Application {key}:{signature}`; the key may not contain a colon, the signature is base64.
 *
 * @internal
 */
export const parseHeader = (
  authorization: string | undefined
): { readonly key: string; readonly signature: string } | undefined => {
  if (authorization === undefined) return undefined
  const match = /^application[ ]+([^:\s]+):(\S+)\s*$/i.exec(authorization)
  return match === null ? undefined : { key: match[1]!, signature: match[2]! }
}
