/**
 * Fleet cold start repeated: 3 runs of the fleet measurement (50 and 200 instances unless `--sizes=`
 * says otherwise, ours and the official SDK, each against its own emulator process, reset before every
 * run), quiet or with one busy process per core (`hog`), one JSON line per row. Run apart from
 * `npm run bench`:
 *
 *   NODE_OPTIONS=--conditions=@sinch-effect/source npx tsx scripts/bench/fleetRepeat.ts [hog] [--sizes=1000]
 *
 * @since 0.3.0
 */
import { spawn } from "node:child_process"
import { availableParallelism } from "node:os"
import * as Emulator from "./emulator.js"
import * as Fleet from "./fleet.js"

const runs = 3
const sizesArgument = process.argv.find((argument) => argument.startsWith("--sizes="))
const sizes = sizesArgument === undefined
  ? [50, 200]
  : sizesArgument.slice("--sizes=".length).split(",").map((size) => Number(size))
if (sizes.some((size) => !Number.isSafeInteger(size) || size < 1 || size > 5000)) {
  throw new Error(`--sizes takes fleet sizes from 1 to 5000, separated by commas: ${sizesArgument}`)
}
const hog = process.argv.includes("hog")
// A fleet of 1000 takes about 110 s at the bucket's pace; the bound leaves room for a busy machine.
const deadlineMs = Math.max(120_000, ...sizes.map((size) => size * 200))
// Bounded: each hog spins for at most 30 minutes and is killed when the runs end.
const hogs = hog
  ? Array.from(
    { length: availableParallelism() },
    () =>
      spawn(process.execPath, ["-e", "const end = Date.now() + 1800000; while (Date.now() < end) {}"], {
        stdio: "ignore"
      })
  )
  : []
const [ours, official] = await Promise.all([Emulator.start(), Emulator.start()])
try {
  for (let run = 1; run <= runs; run++) {
    await Promise.all([ours.reset(), official.reset()])
    const result = await Fleet.run({ ours, official }, sizes, deadlineMs, () => {})
    for (const row of result.rows) {
      process.stdout.write(
        `${
          JSON.stringify({
            hog,
            run,
            instances: row.instances,
            contender: row.contender,
            allTokensMs: row.allTokensMs,
            failedFirstCalls: row.failedFirstCalls
          })
        }\n`
      )
    }
  }
} finally {
  for (const h of hogs) h.kill("SIGKILL")
  await Promise.all([ours.close(), official.close()])
}
// The fleets' HTTP agents may keep idle sockets open for a few seconds; the measurement is over.
process.exit(0)
