/**
 * Plain-text tables for people: left-aligned columns padded to the widest cell, no colours (the
 * output is often piped or captured), and cells cut at a maximum width so one long value cannot wrap
 * every row.
 *
 * @internal
 */

const maxCell = 72

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return "-"
  const text = Array.isArray(value) ? value.join(",") : String(value)
  const flat = text.replace(/\s+/g, " ")
  return flat.length > maxCell ? `${flat.slice(0, maxCell - 1)}…` : flat
}

/** @internal */
export const render = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<unknown>>): string => {
  const cells = rows.map((row) => headers.map((_, i) => cell(row[i])))
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i]!.length)))
  const line = (row: ReadonlyArray<string>) => row.map((value, i) => value.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n")
}

/** Key / value lines, keys aligned. @internal */
export const fields = (entries: ReadonlyArray<readonly [string, unknown]>): string => {
  const width = Math.max(0, ...entries.map(([key]) => key.length))
  return entries.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${cell(value)}`).join("\n")
}
