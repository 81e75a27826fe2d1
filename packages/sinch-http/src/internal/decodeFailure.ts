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

/**
 * The first failing field's full path (never cut: it names the item of a page, e.g.
 * `activeNumbers[3].phoneNumber`), then a short preview of the body with secret-like values masked.
 *
 * @internal
 */
export const describe = (issue: ParseResult.ParseIssue, json: unknown): string => {
  const [first] = ParseResult.ArrayFormatter.formatIssueSync(issue)
  const path = first === undefined ? "(root)" : formatPath(first.path)
  const what = first === undefined ? "does not decode" : truncate(first.message.replace(/\s+/g, " "), 200)
  return `at ${path}: ${what}; body: ${truncate(JSON.stringify(maskSecrets(json, 0)) ?? "", 300)}`
}
