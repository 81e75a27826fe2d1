import { SecretScrub } from "@sinch-effect/auth-core"
import { ParseResult } from "effect"

const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

const secretKey = /secret|password|token|authorization|signature|credential|key/i

/** Values under secret-like keys are masked, so that a body preview never carries a credential. */
const maskSecrets = (value: unknown, depth: number): unknown => {
  if (depth > 32) return "…"
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map((
        [k, v]
      ) => [k, secretKey.test(k) && v !== null ? "<redacted>" : maskSecrets(v, depth + 1)])
    )
  }
  return value
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`,
    ""
  ) || "(root)"

/** Every string held under a secret-like key, however deep: none of them may reach a message. */
const secretStrings = (value: unknown, under: boolean, out: Set<string>, depth: number): Set<string> => {
  if (depth > 32) return out
  if (typeof value === "string") {
    // Shorter values are too likely to be ordinary words of the message (and too short to be secrets).
    if (under && value.length >= 6) out.add(value)
  } else if (Array.isArray(value)) {
    for (const item of value) secretStrings(item, under, out, depth + 1)
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) secretStrings(v, under || secretKey.test(k), out, depth + 1)
  }
  return out
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Masks every string of `secrets` wherever it appears in `text`. */
const masker = (secrets: ReadonlySet<string>): (text: string) => string => {
  if (secrets.size === 0) return (text) => text
  const pattern = new RegExp(
    Array.from(secrets).sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"),
    "g"
  )
  return (text) => text.replace(pattern, "<redacted>")
}

/**
 * The formatter's message quotes the value that failed (`Expected …, actual <value>`): below a
 * secret-like key that value is withheld whole.
 */
const withholdActual = (message: string, path: ReadonlyArray<PropertyKey>): string => {
  const actual = message.indexOf(", actual ")
  return actual !== -1 && path.some((key) => typeof key === "string" && secretKey.test(key))
    ? `${message.slice(0, actual)}, actual <redacted>`
    : message
}

/**
 * The first failing field's full path (never cut: it names the item of a page, e.g.
 * `activeNumbers[3].phoneNumber`), then a short preview of the body. Values under secret-like keys are
 * masked in both, wherever else the body repeats them, and so is anything shaped like a credential.
 *
 * @internal
 */
export const describe = (issue: ParseResult.ParseIssue, json: unknown): string => {
  const [first] = ParseResult.ArrayFormatter.formatIssueSync(issue)
  const mask = masker(secretStrings(json, false, new Set(), 0))
  const clean = (text: string) => SecretScrub.generic(mask(text))
  const path = first === undefined ? "(root)" : formatPath(first.path)
  const what = first === undefined
    ? "does not decode"
    : truncate(clean(withholdActual(first.message, first.path)).replace(/\s+/g, " "), 200)
  return `at ${path}: ${what}; body: ${truncate(clean(JSON.stringify(maskSecrets(json, 0)) ?? ""), 300)}`
}
