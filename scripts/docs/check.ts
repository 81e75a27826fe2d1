/**
 * `npm run docs:check`: fails when an exported declaration in packages/*\/src (outside internal/)
 * has no `@since` tag, or when a TypeScript block of the Markdown docs is not taken from examples/.
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { checkDocs } from "./blocks.js"
import { checkRepository } from "./since.js"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

const missing = checkRepository(root)
for (const m of missing) console.error(`${m.file}:${m.line}: export ${m.name} has no @since tag`)
const drift = checkDocs(root)
for (const d of drift) console.error(`${d.file}:${d.line}: ${d.problem}`)

if (missing.length + drift.length > 0) {
  console.error(
    `docs:check: ${missing.length} export(s) without @since, ${drift.length} doc block(s) not from examples/`
  )
  process.exit(1)
}
console.log("docs:check: every public export has @since; every ts block of the docs comes from examples/")
