/**
 * The docs cannot drift: every public export carries `@since`, every ```ts block of README.md and
 * docs/ is copied from a file of this folder (which `npm run typecheck` compiles), every relative link
 * resolves, and the README stays a front page.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { checkDocs, checkMarkdown } from "../scripts/docs/blocks.js"
import { checkRepository, checkSource } from "../scripts/docs/since.js"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

describe("docs", () => {
  it("every exported declaration in packages/*/src (outside internal/) has @since", () => {
    expect(checkRepository(root)).toEqual([])
  })

  it("every ts block of README.md and docs/ comes from examples/, and every relative link resolves", () => {
    expect(checkDocs(root)).toEqual([])
  })

  it("the README is a front page of at most 250 lines", () => {
    const lines = fs.readFileSync(path.join(root, "README.md"), "utf8").trimEnd().split("\n").length
    expect(lines).toBeLessThanOrEqual(250)
  })
})

describe("the checks bite", () => {
  it("reports each export without @since, by name and line, and accepts overloads documented once", () => {
    const source = [
      "/** @since 0.1.0 */",
      "export const documented = 1",
      "/** Documented, but no version. */",
      "export const undocumented = 2",
      "export type Bare = string",
      "/** @since 0.1.0 */",
      "export function over(a: string): string",
      "export function over(a: number): number",
      "export function over(a: unknown) { return a }",
      "export { x } from \"./x.js\"",
      "export * from \"./y.js\"",
      "/** @since 0.1.0 */",
      "export declare namespace N {",
      "  export type Inner = 1",
      "}"
    ].join("\n")
    expect(checkSource("A.ts", source).map((m) => `${m.line}:${m.name}`)).toEqual([
      "4:undocumented",
      "5:Bare",
      "10:{ x }",
      "14:N.Inner"
    ])
  })

  const examples = new Map([["examples/a.ts", ["const a = 1", "const b = 2", "", "const c = 3"]]])

  it("accepts a verbatim block and rejects one changed by a single character", () => {
    expect(checkMarkdown("x.md", "```ts\nconst a = 1\nconst b = 2\n```\n", examples)).toEqual([])
    const drift = checkMarkdown("x.md", "text\n\n```ts\nconst a = 1\nconst b = 3\n```\n", examples)
    expect(drift).toHaveLength(1)
    expect(drift[0]).toMatchObject({ file: "x.md", line: 3 })
  })

  it("accepts a marked excerpt whose chunks appear in order, and rejects them out of order", () => {
    const marker = "<!-- excerpt: examples/a.ts -->\n"
    expect(checkMarkdown("x.md", `${marker}\`\`\`ts\nconst a = 1\n// ...\nconst c = 3\n\`\`\`\n`, examples)).toEqual([])
    expect(checkMarkdown("x.md", `${marker}\`\`\`ts\nconst c = 3\n// ...\nconst a = 1\n\`\`\`\n`, examples))
      .toHaveLength(1)
    expect(checkMarkdown("x.md", "<!-- excerpt: examples/b.ts -->\n```ts\nconst a = 1\n```\n", examples))
      .toHaveLength(1)
  })

  it("checks blocks indented under a list item, without their indentation", () => {
    expect(checkMarkdown("x.md", "- step\n\n  ```ts\n  const a = 1\n  ```\n", examples)).toEqual([])
    expect(checkMarkdown("x.md", "- step\n\n  ```ts\n  const a = 2\n  ```\n", examples)).toHaveLength(1)
  })

  it("ignores blocks in other languages", () => {
    expect(checkMarkdown("x.md", "```sh\nnpm test\n```\n```text\nnot code\n```\n", examples)).toEqual([])
  })
})
