/** What the emulator in the test's context has counted so far. */
import { EmulatorControl } from "@sinch-effect/emulator"
import { Effect } from "effect"

export const counters = Effect.flatMap(EmulatorControl.EmulatorControl, (control) => control.counters)

/** Requests the emulator received on `route` (`METHOD /path`, as the counters name it). */
export const routeCount = (route: string) => Effect.map(counters, (c) => c.requestsByRoute[route] ?? 0)
