/**
 * HTTP Basic credentials, decoded two ways: plainly (RFC 7617, the APIs) and as OAuth2 client
 * credentials (RFC 6749 2.3.1, the token endpoint), where id and secret are form-urlencoded before
 * base64 and must be decoded after the split.
 *
 * @internal
 */

/** @internal */
export interface BasicCredentials {
  readonly user: string
  readonly password: string
}

const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * The raw user and password of a `Basic` header, split at the FIRST colon (a password may contain
 * colons, a user id may not). `undefined` when the header is not Basic or not valid base64.
 *
 * @internal
 */
export const parse = (authorization: string | undefined): BasicCredentials | undefined => {
  if (authorization === undefined) return undefined
  const match = /^basic[ ]+(\S+)\s*$/i.exec(authorization)
  if (match === null || !strictBase64.test(match[1]!)) return undefined
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) return undefined
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * `application/x-www-form-urlencoded` decoding of one value: `+` is a space, `%XX` are UTF-8 bytes.
 * `undefined` on a malformed escape.
 *
 * @internal
 */
export const formDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "))
  } catch {
    return undefined
  }
}

/**
 * RFC 6749 2.3.1 client credentials from a Basic header.
 *
 * @internal
 */
export const parseClient = (authorization: string | undefined): BasicCredentials | undefined => {
  const raw = parse(authorization)
  if (raw === undefined) return undefined
  const user = formDecode(raw.user)
  const password = formDecode(raw.password)
  return user === undefined || password === undefined ? undefined : { user, password }
}
