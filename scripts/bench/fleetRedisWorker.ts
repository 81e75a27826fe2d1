/**
 * One process of a fleet cold start: builds `instances` client instances (separate credential-set
 * instances), prints `ready`, waits for the parent's `go <epoch millis>` (the common start instant, set
 * once every process is ready, so that start-up time is not measured), makes each instance's first call, and keeps calling
 * an instance whose call failed (as an application would) until it succeeds or the deadline passes.
 * Prints one JSON line with its tally.
 *
 * Argument 1: JSON `WorkerInput`.
 *
 * @since 0.2.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { AuthError } from "@sinch-effect/auth-core"
import { Numbers } from "@sinch-effect/products"
import { RedisClient, RedisTokenStore } from "@sinch-effect/redis"
import { Clock, Context, Duration, Effect, Either, Layer, Option } from "effect"
import * as Contenders from "./contenders.js"
import { sleep } from "./harness.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface WorkerInput {
  readonly contender: "redis" | "local" | "official"
  readonly baseUrl: string
  readonly redisUrl: string
  readonly instances: number
  readonly phoneNumber: string
  readonly deadlineMs: number
  /** Deadline of one Redis command. */
  readonly commandTimeoutMs: number
}

/**
 * @since 0.2.0
 * @category models
 */
export interface WorkerTally {
  /** Millis from `startAt` until each served instance's first successful call. */
  readonly times: Array<number>
  failedFirst: number
  failed: number
  calls: number
}

const maxAttempts = 500
const input = JSON.parse(process.argv[2]!) as WorkerInput
const tally: WorkerTally = { times: [], failedFirst: 0, failed: 0, calls: 0 }
let startAt = Number.POSITIVE_INFINITY
const elapsed = () => Date.now() - startAt

/** Says `ready`, then waits for `go <startAt>` on stdin and sleeps until that instant. */
const ready = () =>
  new Promise<void>((resolve) => {
    let buffered = ""
    process.stdin.setEncoding("utf8")
    process.stdin.on("data", (chunk: string) => {
      buffered += chunk
      const match = /go (\d+)\n/.exec(buffered)
      if (match !== null) {
        startAt = Number(match[1])
        process.stdin.pause()
        resolve(sleep(Math.max(0, startAt - Date.now())))
      }
    })
    process.stdout.write("ready\n")
  })

const ours = Effect.gen(function*() {
  const store = input.contender === "redis"
    ? Layer.provide(
      RedisTokenStore.layer({ commandTimeout: input.commandTimeoutMs }),
      RedisClient.layer({ url: input.redisUrl, commandTimeout: input.commandTimeoutMs, connectWait: "10 seconds" })
    )
    : Layer.empty
  const contexts = yield* Effect.forEach(
    Array.from({ length: input.instances }),
    // Each instance has its own Redis connection, as separate processes would.
    () => Layer.build(Contenders.sinchLayer(input.baseUrl).pipe(Layer.provide(store))),
    { concurrency: 50 }
  )
  yield* Effect.promise(ready)
  const instance = (numbers: Numbers.Service) =>
    Effect.gen(function*() {
      for (let attempt = 0; attempt < maxAttempts && elapsed() < input.deadlineMs; attempt++) {
        tally.calls++
        const result = yield* Effect.either(numbers.getActiveNumber(input.phoneNumber))
        if (Either.isRight(result)) {
          tally.times.push(elapsed())
          return
        }
        tally.failed++
        if (attempt === 0) tally.failedFirst++
        const error = result.left
        const now = yield* Clock.currentTimeMillis
        const wait = error._tag === "TokenUnavailable" && error.retryAt !== undefined
          ? Math.max(10, error.retryAt - now)
          : Option.match(AuthError.retryAfter(error), { onNone: () => 1000, onSome: Duration.toMillis })
        yield* Effect.sleep(Duration.millis(Math.min(wait, Math.max(10, input.deadlineMs - elapsed()))))
      }
    })
  yield* Effect.forEach(contexts, (context) => instance(Context.get(context, Numbers.Numbers)), {
    concurrency: "unbounded",
    discard: true
  })
}).pipe(Effect.scoped, Effect.provide(NodeHttpClient.layerUndici))

const official = async () => {
  const clients = Array.from({ length: input.instances }, () => Contenders.official(input.baseUrl))
  await ready()
  await Promise.all(clients.map(async (sdk) => {
    for (let attempt = 0; attempt < maxAttempts && elapsed() < input.deadlineMs; attempt++) {
      tally.calls++
      try {
        await sdk.numbers.get({ phoneNumber: input.phoneNumber })
        tally.times.push(elapsed())
        return
      } catch {
        tally.failed++
        if (attempt === 0) tally.failedFirst++
        await sleep(Math.min(1000 + Math.random() * 1000, Math.max(10, input.deadlineMs - elapsed())))
      }
    }
  }))
}

const main = input.contender === "official" ? official() : Effect.runPromise(ours)
main.then(
  () => {
    process.stdout.write(`${JSON.stringify(tally)}\n`)
    process.exit(0)
  },
  (error: unknown) => {
    process.stderr.write(`fleet worker failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
