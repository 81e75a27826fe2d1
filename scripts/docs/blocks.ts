/**
 * Keeps the Markdown docs from drifting away from code that compiles.
 *
 * Every ```ts block of README.md and docs/**\/*.md (docs/api, the generated reference, excepted) must be
 * taken from a file under examples/, which `npm run typecheck` compiles:
 * - a plain block must equal a run of whole, consecutive lines of some examples/ file;
 * - a block right after `<!-- excerpt: examples/<file> -->` may leave code out: its lines `// ...`
 *   split it into chunks, and each chunk must be a run of whole lines of that file, in order.
 * Relative links must point at files that exist.
 */
import * as fs from "node:fs"
import * as path from "node:path"

/** A block or link of the docs that does not match the sources. */
export interface Drift {
  readonly file: string
  readonly line: number
  readonly problem: string
}

/** A fenced TypeScript block of a Markdown text. */
export interface Block {
  readonly line: number
  readonly lines: ReadonlyArray<string>
  readonly excerptOf: string | undefined
}

const fence = /^(\s*)```(\S*)\s*$/
const excerptMarker = /^\s*<!--\s*excerpt:\s*(\S+)\s*-->\s*$/
const elision = "// ..."

const trimEnd = (line: string) => line.replace(/\s+$/, "")

/** The ```ts / ```typescript blocks of a Markdown text, with their excerpt marker if any. */
export const tsBlocks = (markdown: string): ReadonlyArray<Block> => {
  const lines = markdown.split("\n")
  const blocks: Array<Block> = []
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i]!)
    if (open === null) continue
    const start = i
    // A block indented under a list item: its lines carry the fence's indentation, which is not code.
    const indent = open[1]!.length
    let end = i + 1
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) end++
    i = end
    if (open[2] !== "ts" && open[2] !== "typescript") continue
    let before = start - 1
    while (before >= 0 && lines[before]!.trim() === "") before--
    const marker = before >= 0 ? excerptMarker.exec(lines[before]!) : null
    const dedent = (line: string) => line.slice(Math.min(indent, line.length - line.trimStart().length))
    blocks.push({
      line: start + 1,
      lines: lines.slice(start + 1, end).map((l) => trimEnd(dedent(l))),
      excerptOf: marker?.[1]
    })
  }
  return blocks
}

/** The index of the first run of `haystack` lines equal to `needle`, at or after `from`; -1 if none. */
export const findLines = (haystack: ReadonlyArray<string>, needle: ReadonlyArray<string>, from = 0): number => {
  if (needle.length === 0) return from
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

const stripBlank = (lines: ReadonlyArray<string>): ReadonlyArray<string> => {
  let a = 0
  let b = lines.length
  while (a < b && lines[a]!.trim() === "") a++
  while (b > a && lines[b - 1]!.trim() === "") b--
  return lines.slice(a, b)
}

/** Splits an excerpt at its `// ...` lines into chunks without leading or trailing blank lines. */
const chunks = (lines: ReadonlyArray<string>): ReadonlyArray<ReadonlyArray<string>> => {
  const out: Array<Array<string>> = [[]]
  for (const line of lines) {
    if (line.trim() === elision) out.push([])
    else out[out.length - 1]!.push(line)
  }
  return out.map(stripBlank).filter((chunk) => chunk.length > 0)
}

/** Checks one Markdown text against the example sources (paths relative to the repository root). */
export const checkMarkdown = (
  file: string,
  markdown: string,
  examples: ReadonlyMap<string, ReadonlyArray<string>>
): ReadonlyArray<Drift> => {
  const drift: Array<Drift> = []
  for (const block of tsBlocks(markdown)) {
    if (block.excerptOf !== undefined) {
      const source = examples.get(block.excerptOf)
      if (source === undefined) {
        drift.push({
          file,
          line: block.line,
          problem: `excerpt of ${block.excerptOf}, which is not a file under examples/`
        })
        continue
      }
      let at = 0
      for (const chunk of chunks(block.lines)) {
        const found = findLines(source, chunk, at)
        if (found < 0) {
          drift.push({
            file,
            line: block.line,
            problem: `excerpt differs from ${block.excerptOf} (or is out of order) at: ${chunk[0]!.trim()}`
          })
          break
        }
        at = found + chunk.length
      }
    } else {
      const whole = stripBlank(block.lines)
      const found = [...examples.values()].some((source) => findLines(source, whole) >= 0)
      if (!found) {
        drift.push({
          file,
          line: block.line,
          problem: "ts block is not a verbatim copy of any examples/ file (copy it from one, or mark it " +
            "<!-- excerpt: examples/FILE.ts --> with `// ...` where code is left out)"
        })
      }
    }
  }
  return drift
}

const linkPattern = /\[[^\]]*\]\(([^)\s]+)\)/g

/** Relative links of a Markdown file that point at nothing (docs/api, generated, is not checked). */
export const checkLinks = (root: string, file: string, markdown: string): ReadonlyArray<Drift> => {
  const drift: Array<Drift> = []
  let inFence = false
  markdown.split("\n").forEach((text, index) => {
    if (fence.test(text)) inFence = !inFence
    if (inFence) return
    for (const match of text.matchAll(linkPattern)) {
      const target = match[1]!.split("#")[0]!
      if (target === "" || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue
      const resolved = path.resolve(root, path.dirname(file), target)
      const relative = path.relative(root, resolved).split(path.sep).join("/")
      if (relative === "docs/api" || relative.startsWith("docs/api/")) continue
      if (!fs.existsSync(resolved)) drift.push({ file, line: index + 1, problem: `broken link: ${match[1]}` })
    }
  })
  return drift
}

const walk = (dir: string, accept: (name: string) => boolean, skip: (dir: string) => boolean): ReadonlyArray<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "node_modules" || skip(full) ? [] : walk(full, accept, skip)
    return accept(entry.name) ? [full] : []
  })

/** README.md and docs/**\/*.md, relative to `root`. */
export const markdownFiles = (root: string): ReadonlyArray<string> => {
  const docs = path.join(root, "docs")
  const pages = fs.existsSync(docs)
    ? walk(docs, (name) => name.endsWith(".md"), (dir) => dir === path.join(docs, "api"))
    : []
  return ["README.md", ...pages.map((file) => path.relative(root, file).split(path.sep).join("/")).sort()]
}

/** The example sources by path relative to `root` (`examples/...`), as lines. */
export const exampleSources = (root: string): ReadonlyMap<string, ReadonlyArray<string>> =>
  new Map(
    walk(path.join(root, "examples"), (name) => /\.tsx?$/.test(name), () => false).map((file) => [
      path.relative(root, file).split(path.sep).join("/"),
      fs.readFileSync(file, "utf8").split("\n").map(trimEnd)
    ])
  )

/** Every drifted block and broken link of the repository's Markdown docs. */
export const checkDocs = (root: string): ReadonlyArray<Drift> => {
  const examples = exampleSources(root)
  return markdownFiles(root).flatMap((file) => {
    const markdown = fs.readFileSync(path.join(root, file), "utf8")
    return [...checkMarkdown(file, markdown, examples), ...checkLinks(root, file, markdown)]
  })
}
