/**
 * Closed-loop load: `concurrency` workers each awaiting one call after another until `total` calls
 * were made, recording each call's latency. Every contender goes through this same loop.
 *
 * @since 0.1.0
 */
import { performance } from "node:perf_hooks"

/**
 * One call of a contender; rejects on failure.
 *
 * @since 0.1.0
 * @category models
 */
export type Call = () => Promise<unknown>

/**
 * @since 0.1.0
 * @category models
 */
export interface Run {
  readonly latenciesUs: Array<number>
  readonly failures: number
  readonly wallMs: number
}

/**
 * @since 0.1.0
 * @category load
 */
export const closedLoop = async (call: Call, total: number, concurrency: number): Promise<Run> => {
  const latenciesUs: Array<number> = []
  let failures = 0
  let issued = 0
  const worker = async () => {
    while (issued < total) {
      issued++
      const start = performance.now()
      try {
        await call()
        latenciesUs.push((performance.now() - start) * 1000)
      } catch {
        failures++
      }
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  return { latenciesUs, failures, wallMs: performance.now() - start }
}

/**
 * `items` rotated by `round`, so that each contender goes first in turn.
 *
 * @since 0.1.0
 * @category load
 */
export const rotate = <A>(items: ReadonlyArray<A>, round: number): ReadonlyArray<A> => {
  const k = round % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}

/**
 * @since 0.1.0
 * @category load
 */
export const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis))

/**
 * Settles with `promise`, or rejects after `millis`.
 *
 * @since 0.1.0
 * @category load
 */
export const withDeadline = <A>(promise: Promise<A>, millis: number, what: string): Promise<A> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: gave up after ${millis} ms`)), millis)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}
