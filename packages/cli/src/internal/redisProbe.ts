import { Effect } from "effect"
import { connect as connectTcp, type Socket } from "node:net"
import { connect as connectTls } from "node:tls"

/** RESP encoding of one command (an array of bulk strings). */
const encode = (args: ReadonlyArray<string>): string =>
  `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg, "utf8")}\r\n${arg}\r\n`).join("")}`

/**
 * Whether the Redis server at `url` answers `PING` (after `AUTH`, when the URL carries a password)
 * within `timeoutMillis`. A plain socket rather than a client library: the `sinch` command does not
 * need one for a single round trip. Answers with text that never contains the password.
 */
export const probe = (url: string, timeoutMillis: number): Effect.Effect<{ ok: boolean; detail: string }> =>
  Effect.async((resume) => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return resume(Effect.succeed({ ok: false, detail: "SINCH_REDIS_URL is not a URL" }))
    }
    if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
      return resume(Effect.succeed({ ok: false, detail: "SINCH_REDIS_URL must start with redis:// or rediss://" }))
    }
    const host = parsed.hostname || "127.0.0.1"
    const port = Number(parsed.port || 6379)
    const where = `${host}:${port}`
    const password = decodeURIComponent(parsed.password)
    const user = decodeURIComponent(parsed.username)
    const commands = [
      ...(password === "" ? [] : [user === "" ? ["AUTH", password] : ["AUTH", user, password]]),
      ["PING"]
    ]
    // eslint-disable-next-line prefer-const -- assigned below, after the finish closure that destroys it
    let socket: Socket
    let buffer = ""
    let done = false
    const finish = (ok: boolean, detail: string) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resume(Effect.succeed({ ok, detail }))
    }
    const timer = setTimeout(() => finish(false, `no answer from ${where} within ${timeoutMillis} ms`), timeoutMillis)
    socket = parsed.protocol === "rediss:" ? connectTls({ host, port, servername: host }) : connectTcp({ host, port })
    socket.setEncoding("utf8")
    socket.once(
      parsed.protocol === "rediss:" ? "secureConnect" : "connect",
      () => socket.write(commands.map(encode).join(""))
    )
    socket.on("data", (chunk: string) => {
      buffer += chunk
      const lines = buffer.split("\r\n").filter((line) => line !== "")
      const error = lines.find((line) => line.startsWith("-"))
      // Only the error's first word (e.g. NOAUTH, WRONGPASS): its text could echo what was sent.
      if (error !== undefined) return finish(false, `${where} answered ${error.slice(1).split(" ")[0]}`)
      if (lines.length >= commands.length) {
        finish(lines[lines.length - 1] === "+PONG", `${where} answered PING`)
      }
    })
    socket.on(
      "error",
      (cause) => finish(false, `cannot connect to ${where} (${(cause as NodeJS.ErrnoException).code ?? cause.name})`)
    )
    return Effect.sync(() => finish(false, "interrupted"))
  })
