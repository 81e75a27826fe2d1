/**
 * Terminal handling of `sinch`: whether to colour, how wide to wrap, and the wrapping itself. Pure
 * functions of what they are given, so they are tested without a terminal.
 *
 * @internal
 */

/** SGR escape sequences (colours, bold), the only ones the help renderer emits. */
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const sgr = /\u001b\[[0-9;]*m/g

/** @internal */
export const stripAnsi = (text: string): string => text.replace(sgr, "")

const visible = (text: string): number => stripAnsi(text).length

/**
 * Colour only on a terminal, never with `NO_COLOR` set to anything non-empty (https://no-color.org)
 * nor with `--no-color`.
 *
 * @internal
 */
export const colourEnabled = (options: {
  readonly isTTY: boolean | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  readonly noColorFlag: boolean
}): boolean => options.isTTY === true && !options.noColorFlag && (options.env["NO_COLOR"] ?? "") === ""

/**
 * The width to wrap at: `COLUMNS` when it is a positive integer, else the terminal's width, else 80.
 *
 * @internal
 */
export const terminalWidth = (options: {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly columns: number | undefined
}): number => {
  const fromEnv = Number(options.env["COLUMNS"])
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv
  return options.columns !== undefined && options.columns > 0 ? options.columns : defaultWidth
}

/** @internal */
export const defaultWidth = 80

/** Narrower than this, wrapping would cut every word: lines are then left as they are. */
const minWidth = 20

/**
 * Greedy word wrap of one line: continuation lines keep the line's indentation, plus 4 for a term
 * (an unindented line, a `$ ` usage line or a `- ` list item). A run of three or more spaces is a
 * column gap (the help's command list): when the line is too long, what follows the gap goes on
 * its own line. ANSI escapes count as zero width.
 */
const wrapLine = (line: string, width: number): ReadonlyArray<string> => {
  if (visible(line) <= width || width < minWidth) return [line]
  const indent = /^ */.exec(stripAnsi(line))![0].length
  const body = line.slice(line.indexOf(line.trimStart()))
  const plain = stripAnsi(body)
  const hanging = indent === 0 || plain.startsWith("$ ") || plain.startsWith("- ") ? indent + 4 : indent
  const gap = body.search(/\S {3,}\S/)
  if (gap >= 0) {
    const left = body.slice(0, gap + 1)
    const right = body.slice(gap + 1).trimStart()
    return [...wrapLine(" ".repeat(indent) + left, width), ...wrapLine(" ".repeat(hanging) + right, width)]
  }
  const words = body.split(/ +/).filter((word) => word !== "")
  const lines: Array<string> = []
  let current = " ".repeat(indent)
  let currentWidth = indent
  let empty = true
  for (const word of words) {
    const w = visible(word)
    if (!empty && currentWidth + 1 + w > width) {
      lines.push(current)
      current = " ".repeat(hanging) + word
      currentWidth = hanging + w
    } else {
      current += empty ? word : ` ${word}`
      currentWidth += empty ? w : 1 + w
    }
    empty = false
  }
  lines.push(current)
  return lines
}

/**
 * Wraps every line of `text` to `width` columns.
 *
 * @internal
 */
export const wrap = (text: string, width: number): string =>
  text.split("\n").flatMap((line) => wrapLine(line, width)).join("\n")
