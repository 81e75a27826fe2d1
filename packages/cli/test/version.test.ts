import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import * as Cli from "../src/Cli.js"

describe("version", () => {
  it("sinch --version is the version of the published package", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string
    }
    expect(Cli.version).toBe(manifest.version)
  })
})
