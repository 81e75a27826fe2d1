/**
 * Finds exported declarations without a `@since` JSDoc tag in the packages' public sources.
 *
 * It parses each file with the TypeScript compiler (syntax only: no program, no type-check), so that
 * comments inside strings, decorators, overloads and multi-line declarations are handled as the
 * compiler sees them. Rules, as in Effect's own packages:
 * - every exported statement carries `@since` in its own JSDoc (`export const`, `function`, `class`,
 *   `interface`, `type`, `enum`, `namespace`, `export * as X from`, `export { a } from`, `export default`);
 * - function overloads form one group: the first signature's JSDoc counts for the group;
 * - the exported members of an exported namespace are checked the same way;
 * - `export * from` (no name) re-exports declarations that are checked in their own file.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import ts from "typescript"

/** One exported declaration that lacks `@since`. */
export interface Missing {
  readonly file: string
  readonly line: number
  readonly name: string
}

const hasExportModifier = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false)

const hasSince = (node: ts.Node): boolean => ts.getJSDocTags(node).some((tag) => tag.tagName.text === "since")

const declarationName = (statement: ts.Statement): string => {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.map((d) => d.name.getText()).join(", ")
  }
  if (ts.isExportDeclaration(statement)) {
    const clause = statement.exportClause
    if (clause === undefined) return "*"
    return ts.isNamespaceExport(clause)
      ? `* as ${clause.name.text}`
      : `{ ${clause.elements.map((e) => e.name.text).join(", ")} }`
  }
  if (ts.isExportAssignment(statement)) return "default"
  const name = (statement as ts.DeclarationStatement).name
  return name !== undefined && ts.isIdentifier(name) ? name.text : "(anonymous)"
}

const isExported = (statement: ts.Statement): boolean =>
  hasExportModifier(statement) ||
  (ts.isExportDeclaration(statement) && statement.exportClause !== undefined) ||
  ts.isExportAssignment(statement)

const checkStatements = (
  statements: ReadonlyArray<ts.Statement>,
  source: ts.SourceFile,
  prefix: string,
  missing: Array<Missing>
): void => {
  let overloadGroup: string | undefined
  for (const statement of statements) {
    if (!isExported(statement)) {
      overloadGroup = undefined
      continue
    }
    const name = declarationName(statement)
    // A later signature (or the implementation) of an overloaded function is covered by the first one.
    if (ts.isFunctionDeclaration(statement) && overloadGroup === name) continue
    overloadGroup = ts.isFunctionDeclaration(statement) ? name : undefined
    if (!hasSince(statement)) {
      const { line } = source.getLineAndCharacterOfPosition(statement.getStart(source))
      missing.push({ file: source.fileName, line: line + 1, name: `${prefix}${name}` })
    }
    if (ts.isModuleDeclaration(statement) && statement.body !== undefined && ts.isModuleBlock(statement.body)) {
      checkStatements(statement.body.statements, source, `${prefix}${name}.`, missing)
    }
  }
}

/** The exported declarations of one source text that lack `@since`. */
export const checkSource = (fileName: string, text: string): ReadonlyArray<Missing> => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const missing: Array<Missing> = []
  checkStatements(source.statements, source, "", missing)
  return missing
}

const walk = (dir: string): ReadonlyArray<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "internal" ? [] : walk(full)
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : []
  })

/** The public source files: `packages/<name>/src/**\/*.ts`, without any `internal/` folder. */
export const publicSources = (root: string): ReadonlyArray<string> => {
  const packages = path.join(root, "packages")
  return fs.readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(packages, entry.name, "src")))
    .flatMap((entry) => walk(path.join(packages, entry.name, "src")))
    .sort()
}

/** Every exported declaration without `@since` in the packages' public sources, paths relative to `root`. */
export const checkRepository = (root: string): ReadonlyArray<Missing> =>
  publicSources(root).flatMap((file) => checkSource(path.relative(root, file), fs.readFileSync(file, "utf8")))
