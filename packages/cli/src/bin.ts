#!/usr/bin/env node
/**
 * The `sinch` executable. `sinch --version` answers before anything else is loaded; every other
 * invocation loads the command tree (and each command loads its implementation only when it runs).
 *
 * @since 0.1.0
 */
import { version } from "./internal/version.js"

const args = process.argv.slice(2)
if (args.length === 1 && args[0] === "--version") {
  process.stdout.write(`${version}\n`)
} else {
  await import("./internal/main.js")
}
