/**
 * A real `redis-server` on a free loopback port, started and stopped by the test's scope. Nothing is
 * mocked: the point of these tests is the real engine's semantics (SET NX PX, Lua, TTLs, failures).
 */
import { Effect, TestServices } from "effect"
import { Redis } from "ioredis"
import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"

export interface RedisServer {
  readonly port: number
  readonly url: string
  /** SIGKILL, then wait until the process is gone. */
  readonly kill: Effect.Effect<void>
  /** Starts a fresh server (empty) on the same port. */
  readonly restart: Effect.Effect<void>
  /** SIGSTOP: the connection stays open but nothing answers. */
  readonly pause: Effect.Effect<void>
  readonly resume: Effect.Effect<void>
}

const freePort = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

const liveSleep = (millis: number) => TestServices.provideLive(Effect.sleep(`${millis} millis`))

/** Bounded: 250 pings 20 ms apart at most. */
const awaitPing = (port: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < 250; i++) {
      const ok = yield* Effect.promise(async () => {
        const client = new Redis({
          port,
          host: "127.0.0.1",
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null
        })
        client.on("error", () => {})
        try {
          await client.connect()
          return (await client.ping()) === "PONG"
        } catch {
          return false
        } finally {
          client.disconnect()
        }
      })
      if (ok) return
      yield* liveSleep(20)
    }
    return yield* Effect.dieMessage(`redis-server on port ${port} did not answer`)
  })

const exited = (child: ChildProcess) =>
  Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    child.once("exit", () => resume(Effect.void))
  })

export const start = Effect.gen(function*() {
  const port = yield* freePort
  let child: ChildProcess | undefined
  const launch = Effect.gen(function*() {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore"
    })
    child.on("error", () => {})
    yield* awaitPing(port)
  })
  const stop = Effect.suspend(() => {
    const current = child
    if (current === undefined || current.exitCode !== null || current.signalCode !== null) return Effect.void
    current.kill("SIGCONT")
    current.kill("SIGKILL")
    return exited(current)
  })
  yield* Effect.acquireRelease(launch, () => stop)
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: stop,
    restart: launch,
    pause: Effect.sync(() => child?.kill("SIGSTOP")),
    resume: Effect.sync(() => child?.kill("SIGCONT"))
  }
  return server
})
