/**
 * Fleet cold start repeated: 3 runs of the fleet measurement (50 and 200 instances, ours and the
 * official SDK, each against its own emulator process, reset before every run), quiet or with one busy
 * process per core (`hog`), one JSON line per row. Run apart from `npm run bench`:
 *
 *   NODE_OPTIONS=--conditions=@sinch-effect/source npx tsx scripts/bench/fleetRepeat.ts [hog]
 *
 * @since 0.3.0
 */
import { spawn } from "node:child_process"
import { availableParallelism } from "node:os"
import * as Emulator from "./emulator.js"
import * as Fleet from "./fleet.js"

const runs = 3
const sizes = [50, 200]
const hog = process.argv[2] === "hog"
// Bounded: each hog spins for at most 10 minutes and is killed when the runs end.
const hogs = hog
  ? Array.from(
    { length: availableParallelism() },
    () =>
      spawn(process.execPath, ["-e", "const end = Date.now() + 600000; while (Date.now() < end) {}"], {
        stdio: "ignore"
      })
  )
  : []
const [ours, official] = await Promise.all([Emulator.start(), Emulator.start()])
try {
  for (let run = 1; run <= runs; run++) {
    await Promise.all([ours.reset(), official.reset()])
    const result = await Fleet.run({ ours, official }, sizes, 120_000, () => {})
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
