// TypeDoc plugin for the API reference (`npm run docs`).
// - Names each entry point after its npm package ("auth-core/src" -> "@sinch-effect/auth-core").
// - Drops members a class or interface only inherits: Schema classes and TaggedErrors would otherwise
//   repeat the dozens of statics of Effect's Schema on every page (27 MB of HTML); the page still links
//   to the base type.
// - Gives each public module (`export * as TokenProvider from "./TokenProvider.js"`, whose own JSDoc
//   holds only `@since`) the overview its file opens with.
import * as fs from "node:fs"
import * as path from "node:path"
import { Comment, Converter, ReflectionKind } from "typedoc"
import ts from "typescript"

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project
    for (const module of project.children ?? []) {
      const match = /^([\w-]+)\/src$/.exec(module.name)
      if (match === null) continue
      const manifest = path.join(process.cwd(), "packages", match[1], "package.json")
      if (fs.existsSync(manifest)) module.name = JSON.parse(fs.readFileSync(manifest, "utf8")).name
    }
    for (const namespace of project.getReflectionsByKind(ReflectionKind.Namespace)) {
      if (namespace.comment !== undefined && namespace.comment.summary.length > 0) continue
      const overview = moduleOverview(context, namespace)
      if (overview === undefined) continue
      const comment = namespace.comment ?? new Comment()
      comment.summary = [{ kind: "text", text: overview }]
      namespace.comment = comment
    }
    for (const owner of project.getReflectionsByKind(ReflectionKind.ClassOrInterface)) {
      for (const child of [...(owner.children ?? [])]) {
        if (child.inheritedFrom !== undefined) project.removeReflection(child)
      }
    }
  })
}

/** The text of the JSDoc a namespace's source file opens with, without its block tags. */
function moduleOverview(context, reflection) {
  const symbol = context.getSymbolFromReflection(reflection)
  if (symbol === undefined) return undefined
  const target = symbol.flags & ts.SymbolFlags.Alias ? context.checker.getAliasedSymbol(symbol) : symbol
  const file = target.declarations?.find((d) => d.kind === ts.SyntaxKind.SourceFile)
  if (file === undefined) return undefined
  const match = /^(?:#![^\n]*\n)?\s*\/\*\*([\s\S]*?)\*\//.exec(file.text)
  if (match === null) return undefined
  const lines = match[1].split("\n").map((line) => line.replace(/^\s*\* ?/, ""))
  const end = lines.findIndex((line) => line.startsWith("@"))
  const text = (end < 0 ? lines : lines.slice(0, end)).join("\n").trim()
  return text === "" ? undefined : text
}
