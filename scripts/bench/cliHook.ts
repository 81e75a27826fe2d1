/**
 * The CLI start-up figure, when it can be measured: `scripts/bench/cliStartup.ts` measures
 * `node packages/cli/dist/bin.js --version` against `node -e 0`. Optional: skipped, with a message, when
 * that module or the compiled CLI (`packages/cli/dist/bin.js`, from `npm run build -w @sinch-effect/cli`)
 * is absent.
 *
 * @since 0.2.0
 */
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { Table } from "./stats.js"

/**
 * @since 0.2.0
 * @category models
 */
export type Result =
  | { readonly _tag: "Skipped"; readonly reason: string }
  | { readonly _tag: "Measured"; readonly result: unknown; readonly table: Table | undefined }

const module = fileURLToPath(new URL("./cliStartup.ts", import.meta.url))
const bin = fileURLToPath(new URL("../../packages/cli/dist/bin.js", import.meta.url))

interface StartupModule {
  readonly run?: (options?: { readonly quick?: boolean }) => unknown
  readonly table?: (result: never) => Table
}

/**
 * @since 0.2.0
 * @category benchmarks
 */
export const run = async (quick: boolean): Promise<Result> => {
  if (!existsSync(module)) return { _tag: "Skipped", reason: "scripts/bench/cliStartup.ts is not in this tree" }
  if (!existsSync(bin)) {
    return { _tag: "Skipped", reason: "packages/cli/dist/bin.js is absent (build the CLI first: npm run build)" }
  }
  const startup = (await import(module)) as StartupModule
  if (typeof startup.run !== "function") return { _tag: "Skipped", reason: "cliStartup.ts exports no run()" }
  const result = await startup.run({ quick })
  return {
    _tag: "Measured",
    result,
    table: typeof startup.table === "function" ? startup.table(result as never) : undefined
  }
}
