/**
 * The consumer test: proves the artefacts users install, not the sources. Builds, packs every
 * package, installs the tarballs with pinned Effect 3 peers into a fresh app outside the workspace,
 * then runs that app with plain `node`, type-checks it with its own strict `tsc`, and runs the
 * installed `sinch` bin. Nothing is published. The install is kept (keyed by a hash of the tarballs
 * and peers) so that a rerun on unchanged packages skips it.
 */
import { execFile, spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { connect, createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../", import.meta.url))
const fixtures = fileURLToPath(new URL("./app/", import.meta.url))
const packages = ["auth-core", "sinch-http", "products", "emulator", "cli", "redis", "node"] as const

/** The versions we test against: what a user's `npm install` line names. */
export const peers = {
  "effect": "3.22.4",
  "@effect/platform": "0.97.2",
  "@effect/platform-node": "0.108.2",
  "@effect/cli": "0.77.2"
} as const

/**
 * The consumer's compiler. Our own .d.ts need neither @types/node nor the DOM lib (asserted below), but
 * @effect/platform's need the DOM lib (`URL`, `Request`, `Storage`) and @effect/platform-node's need
 * @types/node, so an app that checks its libraries (`skipLibCheck: false`) has both.
 */
const tooling = {
  "typescript": "5.9.3",
  "@types/node": "20.19.25"
} as const

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const run = (
  file: string,
  args: ReadonlyArray<string>,
  cwd: string,
  timeout = 300_000,
  env: Readonly<Record<string, string>> = {}
): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, timeout, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr })
    )
  })

const npm = (args: ReadonlyArray<string>, cwd: string) => run("npm", [...args, "--no-audit", "--no-fund"], cwd, 240_000)

const must = async (step: string, result: Promise<Run>): Promise<Run> => {
  const done = await result
  if (done.code !== 0) throw new Error(`${step} failed (${done.code}):\n${done.stdout}\n${done.stderr}`)
  return done
}

const app = join(tmpdir(), "sinch-effect-consumer")
const tarballs = join(app, "tarballs")

beforeAll(async () => {
  await must("npm run build", npm(["run", "build"], root))
  rmSync(tarballs, { recursive: true, force: true })
  mkdirSync(tarballs, { recursive: true })
  const packed = await must(
    "npm pack",
    npm(["pack", "--json", "--pack-destination", tarballs, ...packages.flatMap((p) => ["-w", `packages/${p}`])], root)
  )
  const files = (JSON.parse(packed.stdout) as ReadonlyArray<{ readonly name: string; readonly filename: string }>)
    .map((entry) => ({ name: entry.name, file: entry.filename.replace(/^@/, "").replace("/", "-") }))
  const hash = createHash("sha256").update(JSON.stringify([peers, tooling]))
  for (const { file } of files) hash.update(readFileSync(join(tarballs, file)))
  const stamp = hash.digest("hex")
  const stampFile = join(app, "node_modules", ".consumer-stamp")
  const manifest = {
    name: "sinch-effect-consumer",
    private: true,
    type: "module",
    dependencies: {
      ...Object.fromEntries(files.map(({ file, name }) => [name, `file:./tarballs/${file}`])),
      ...peers,
      ...tooling
    }
  }
  for (const name of ["app.mjs", "internal.mjs", "cli.mjs", "redis.mjs", "check.ts", "tsconfig.json"]) {
    cpSync(join(fixtures, name), join(app, name))
  }
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return
  writeFileSync(join(app, "package.json"), JSON.stringify(manifest, null, 2))
  rmSync(join(app, "package-lock.json"), { force: true })
  // From the npm cache first (warm after `npm ci`); the registry only for what it lacks.
  await must("npm install", npm(["install", "--prefer-offline", "--no-package-lock"], app))
  writeFileSync(stampFile, stamp)
}, 600_000)

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Bounded: 250 attempts 20 ms apart. */
const awaitPort = async (port: number): Promise<void> => {
  for (let i = 0; i < 250; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1")
      socket.once("connect", () => {
        socket.destroy()
        resolve(true)
      })
      socket.once("error", () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`)
}

describe("the packed packages, installed in a fresh app", () => {
  it("ship dist (JS, .d.ts, maps) and sources for the maps, never tests", () => {
    for (const name of packages) {
      const dir = join(app, "node_modules", "@sinch-effect", name)
      for (
        const file of ["dist/index.js", "dist/index.d.ts", "dist/index.js.map", "dist/index.d.ts.map", "src/index.ts"]
      ) {
        expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(true)
      }
      expect(existsSync(join(dir, "test")), `${name}/test`).toBe(false)
      expect(existsSync(join(dir, "tsconfig.json")), `${name}/tsconfig.json`).toBe(false)
      for (const file of ["LICENSE", "README.md", "CHANGELOG.md"]) {
        expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(true)
      }
    }
    // The libraries' declarations stand without Node's or the DOM's types.
    for (const name of ["auth-core", "sinch-http", "products"] as const) {
      const dist = join(app, "node_modules", "@sinch-effect", name, "dist")
      for (const file of readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith(".d.ts"))) {
        expect(readFileSync(join(dist, file), "utf8"), `${name}/dist/${file}`).not.toMatch(
          /from "node:|reference types="node"|\bBuffer\b|NodeJS\./
        )
      }
    }
    // One copy of effect: the packages peer on it.
    expect(existsSync(join(app, "node_modules", "@sinch-effect", "products", "node_modules", "effect"))).toBe(false)
  })

  it("(a) plain node composes Sinch.layerConfig() over the installed UndiciHttpClient against the installed emulator with exactly 1 token request", async () => {
    const { stdout } = await must("node app.mjs", run(process.execPath, ["app.mjs"], app))
    expect(stdout).toBe(
      "token requests: 1; active numbers: 1; sip trunks: 1; conversation app: demo eu app; emulator on 127.0.0.1: true\n"
    )
  })

  it("(b) the consumer's strict tsc type-checks every package's public API from our .d.ts", async () => {
    const result = await run(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "."], app)
    expect(result.stdout + result.stderr).toBe("")
    expect(result.code).toBe(0)
  }, 300_000)

  it("(c) internal modules are not exported", async () => {
    const { stdout } = await must("node internal.mjs", run(process.execPath, ["internal.mjs"], app))
    expect(stdout).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED\n")
  })

  it("(d) the installed sinch bin runs with plain node: --version and doctor --json against the emulator", async () => {
    const bin = join(app, "node_modules", "@sinch-effect", "cli", "dist", "bin.js")
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true)
    expect(statSync(bin).mode & 0o111).not.toBe(0)
    const { stdout } = await must("node cli.mjs", run(process.execPath, ["cli.mjs"], app))
    const { doctor, version } = JSON.parse(stdout) as { version: Run; doctor: Run }
    const expected = (JSON.parse(readFileSync(join(root, "packages", "cli", "package.json"), "utf8")) as {
      version: string
    }).version
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toBe(expected)
    // Exit code 0, or non-zero while checks are skipped (until `--allow-skipped`); the output is JSON either way.
    expect(() => JSON.parse(doctor.stdout)).not.toThrow()
    expect(doctor.stdout).not.toContain("demo-key-secret")
  })

  it("(e) the installed @sinch-effect/redis shares one token between two instances through a real redis-server", async () => {
    const port = await freePort()
    const server = spawn("redis-server", [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no"
    ], {
      stdio: "ignore"
    })
    try {
      await awaitPort(port)
      const { stdout } = await must(
        "node redis.mjs",
        run(process.execPath, ["redis.mjs"], app, 120_000, { SINCH_REDIS_URL: `redis://127.0.0.1:${port}` })
      )
      expect(stdout).toBe("instances: 2; active numbers: 2; token requests: 1\n")
    } finally {
      server.kill("SIGKILL")
    }
  })
})
