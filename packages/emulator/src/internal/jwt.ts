/**
 * JWT-shaped access tokens (base64url header.payload.signature). Clients must treat them as opaque;
 * the shape is there because real Sinch tokens have it and some clients read `exp` from them.
 *
 * @internal
 */
import { createHmac } from "node:crypto"

/** @internal */
export interface Claims {
  readonly iss: string
  readonly sub: string
  readonly scope: string
  readonly iat: number
  readonly exp: number
  readonly jti: string
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString("base64url")

/** @internal */
export const encode = (signingKey: string, claims: Claims): string => {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "sinch-emulator" }))
  const payload = base64url(JSON.stringify(claims))
  const signature = createHmac("sha256", signingKey).update(`${header}.${payload}`).digest("base64url")
  return `${header}.${payload}.${signature}`
}
