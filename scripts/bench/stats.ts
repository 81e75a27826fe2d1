/**
 * Summaries of latency samples and plain-text / Markdown tables.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly n: number
  readonly meanUs: number
  readonly p50Us: number
  readonly p99Us: number
  readonly minUs: number
  readonly maxUs: number
}

/**
 * Nearest-rank percentile of sorted samples.
 *
 * @since 0.1.0
 * @category stats
 */
export const percentile = (sorted: ReadonlyArray<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]!
}

/**
 * @since 0.1.0
 * @category stats
 */
export const summarize = (samplesUs: ReadonlyArray<number>): Summary => {
  const sorted = [...samplesUs].sort((a, b) => a - b)
  const total = sorted.reduce((sum, x) => sum + x, 0)
  return {
    n: sorted.length,
    meanUs: sorted.length === 0 ? Number.NaN : total / sorted.length,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    minUs: sorted[0] ?? Number.NaN,
    maxUs: sorted[sorted.length - 1] ?? Number.NaN
  }
}

/**
 * @since 0.1.0
 * @category formatting
 */
export const fixed = (value: number, digits = 0): string => Number.isFinite(value) ? value.toFixed(digits) : "n/a"

/**
 * `a / b` as `1.23x`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}x` : "n/a")

/**
 * @since 0.1.0
 * @category models
 */
export interface Table {
  readonly title: string
  readonly headers: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  /** Printed under the table: what was measured and how. */
  readonly notes?: ReadonlyArray<string> | undefined
}

/**
 * Aligned columns for the terminal.
 *
 * @since 0.1.0
 * @category formatting
 */
export const toText = (table: Table): string => {
  const widths = table.headers.map((header, i) =>
    Math.max(header.length, ...table.rows.map((row) => (row[i] ?? "").length))
  )
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")
  return [
    `\n${table.title}`,
    line(table.headers),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...table.rows.map(line),
    ...(table.notes ?? []).map((note) => `  ${note}`)
  ].join("\n")
}

/**
 * @since 0.1.0
 * @category formatting
 */
export const toMarkdown = (table: Table): string =>
  [
    `### ${table.title}`,
    "",
    `| ${table.headers.join(" | ")} |`,
    // Numbers right-aligned, words (names, labels) left-aligned.
    `|${
      table.headers.map((_, i) => (table.rows.every((row) => /^[-\d]/.test(row[i] ?? "")) ? "---:" : "---")).join("|")
    }|`,
    ...table.rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    ...(table.notes ?? []).map((note) => `- ${note}`),
    ...(table.notes === undefined || table.notes.length === 0 ? [] : [""])
  ].join("\n")
