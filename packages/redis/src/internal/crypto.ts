import type { TokenStore } from "@sinch-effect/auth-core"
import { Redacted } from "effect"
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto"

/** Bumped whenever the derivation or the sealed format changes: old entries then simply fail to open. */
const version = "v1"

/** The keys of one access key and token URL, derived from the key secret; never stored anywhere. */
export interface Keys {
  /** The Redis key of the token: a hash of key id and token URL, never of the secret. */
  readonly storageKey: string
  readonly lockKey: string
  readonly encryption: Buffer
  readonly fingerprint: Buffer
}

const derive = (secret: Redacted.Redacted<string>, info: string): Buffer =>
  Buffer.from(
    hkdfSync("sha256", Buffer.from(Redacted.value(secret), "utf8"), `sinch-effect/token-store/${version}`, info, 32)
  )

export const keysFor = (prefix: string, key: TokenStore.Key): Keys => {
  const id = `${key.keyId}\n${key.tokenUrl}`
  const storageKey = `${prefix}token:${createHash("sha256").update(id, "utf8").digest("hex")}`
  return {
    storageKey,
    lockKey: `${storageKey}:lock`,
    encryption: derive(key.keySecret, `aes-256-gcm\n${id}`),
    fingerprint: derive(key.keySecret, `fingerprint\n${id}`)
  }
}

/**
 * A short keyed hash of a token value: what compare-and-swap compares. Without the key secret it
 * reveals nothing about the token, and it cannot be computed from a token alone.
 */
export const fingerprint = (keys: Keys, value: Redacted.Redacted<string>): string =>
  createHmac("sha256", keys.fingerprint).update(Redacted.value(value), "utf8").digest("hex").slice(0, 32)

/** What the compare-and-swap script matches: the start of the sealed entry. */
export const fingerprintPrefix = (keys: Keys, value: Redacted.Redacted<string>): string =>
  `${version}.${fingerprint(keys, value)}.`

/**
 * `v1.<fingerprint>.<iv>.<ciphertext>.<tag>`: AES-256-GCM with a fresh 96-bit IV, the Redis key as
 * additional data (an entry copied under another key does not open).
 */
export const seal = (keys: Keys, token: TokenStore.StoredToken): string => {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv)
  cipher.setAAD(Buffer.from(keys.storageKey, "utf8"))
  const plain = JSON.stringify({
    v: Redacted.value(token.value),
    s: token.scope ?? null,
    i: token.issuedAt,
    e: token.expiresAt
  })
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
  return [
    fingerprintPrefix(keys, token.value).slice(0, -1),
    iv.toString("base64"),
    body.toString("base64"),
    cipher.getAuthTag().toString("base64")
  ].join(".")
}

/** The token in a sealed entry, or `undefined` when it does not open (other secret, tampered, other format). */
export const open = (keys: Keys, sealed: string): TokenStore.StoredToken | undefined => {
  const parts = sealed.split(".")
  if (parts.length !== 5 || parts[0] !== version) return undefined
  try {
    const decipher = createDecipheriv("aes-256-gcm", keys.encryption, Buffer.from(parts[2]!, "base64"))
    decipher.setAAD(Buffer.from(keys.storageKey, "utf8"))
    decipher.setAuthTag(Buffer.from(parts[4]!, "base64"))
    const plain = Buffer.concat([decipher.update(Buffer.from(parts[3]!, "base64")), decipher.final()]).toString("utf8")
    const data = JSON.parse(plain) as { v: unknown; s: unknown; i: unknown; e: unknown }
    if (typeof data.v !== "string" || typeof data.i !== "number" || typeof data.e !== "number") return undefined
    return {
      value: Redacted.make(data.v),
      scope: typeof data.s === "string" ? data.s : undefined,
      issuedAt: data.i,
      expiresAt: data.e
    }
  } catch {
    return undefined
  }
}
