// TypeDoc plugin for the API reference (`npm run docs`).
// - Names each entry point after its npm package ("auth-core/src" -> "@sinch-effect/auth-core").
// - Drops members a class or interface only inherits: Schema classes and TaggedErrors would otherwise
//   repeat the dozens of statics of Effect's Schema on every page (27 MB of HTML); the page still links
//   to the base type.
import { Converter, ReflectionKind } from "typedoc"
import * as fs from "node:fs"
import * as path from "node:path"

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
    for (const owner of project.getReflectionsByKind(ReflectionKind.ClassOrInterface)) {
      for (const child of [...(owner.children ?? [])]) {
        if (child.inheritedFrom !== undefined) project.removeReflection(child)
      }
    }
  })
}
