/**
 * Removes credentials from text about to be printed: servers echo the `Authorization` header, the
 * token or the key secret back in error bodies, and such text reaches error messages and logs. The
 * exact values of the header sent are removed first, then anything shaped like a credential (`Bearer …`,
 * `Basic …`, `Application key:signature`, JWTs). Meant for failure paths, not for every response.
 *
 * @since 0.2.0
 */

const redacted = "<redacted>"

const patterns: ReadonlyArray<readonly [RegExp, string]> = [
  // `Bearer <token>` and `Basic <base64>`: the scheme word stays, it is not a secret.
  [/\b(Bearer|Basic)(\s+|%20|\+)[A-Za-z0-9\-._~+/\\]+=*/gi, `$1 ${redacted}`],
  // Application signing: `Application <key>:<base64 signature>`.
  [/\b(Application)(\s+|%20|\+)[^\s:"',]+:[A-Za-z0-9+/\\=]+/gi, `$1 ${redacted}`],
  // A JWT: its header always starts with `eyJ` (`{"`). The look-behinds keep both patterns linear.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, redacted],
  // Any other three long base64url segments separated by dots.
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, redacted]
]

/** Below this length an exact value is too likely to match ordinary text; the patterns still apply. */
const minimumExact = 8

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** The exact strings of an Authorization header value that must never be printed. */
const exactValues = (authorization: string | undefined): ReadonlyArray<string> => {
  if (authorization === undefined) return []
  const value = authorization.trim()
  const space = value.indexOf(" ")
  const scheme = space === -1 ? "" : value.slice(0, space).toLowerCase()
  const credential = space === -1 ? value : value.slice(space + 1).trim()
  // The credential alone: `Bearer <token>` then reads `Bearer <redacted>`.
  const out = [credential]
  if (scheme === "basic") {
    const decoded = Buffer.from(credential, "base64").toString("utf8")
    const colon = decoded.indexOf(":")
    out.push(decoded)
    if (colon !== -1) out.push(decoded.slice(colon + 1))
  }
  if (scheme === "application") {
    const colon = credential.lastIndexOf(":")
    if (colon !== -1) out.push(credential.slice(colon + 1))
  }
  // JSON may escape `/` as `\/`.
  return out.flatMap((v) => v.includes("/") ? [v, v.replace(/\//g, "\\/")] : [v])
    .filter((v) => v.length >= minimumExact)
    .sort((a, b) => b.length - a.length)
}

/**
 * A scrubber for one request: the exact `Authorization` value sent (for `Basic`, also its decoded
 * `id:secret` and the secret alone; for `Application`, the signature), the values of `also` (of 8
 * characters or more, e.g. a key secret as configured), then the generic patterns.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (
  authorization: string | undefined,
  also: ReadonlyArray<string> = []
): (text: string) => string => {
  const exact = [...exactValues(authorization), ...also.filter((v) => v.length >= minimumExact)]
    .sort((a, b) => b.length - a.length)
  const exactPattern = exact.length === 0 ? undefined : new RegExp(exact.map(escapeRegExp).join("|"), "g")
  return (text) => {
    let out = exactPattern === undefined ? text : text.replace(exactPattern, redacted)
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement)
    return out
  }
}

/**
 * The generic patterns only, for text not tied to one request.
 *
 * @since 0.2.0
 * @category scrubbers
 */
export const generic: (text: string) => string = make(undefined)
