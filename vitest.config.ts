import { defineConfig } from "vitest/config"

const packages = ["auth-core", "sinch-http", "products", "emulator", "cli", "redis"]

export default defineConfig({
  test: {
    projects: packages.map((name) => ({
      extends: true as const,
      test: {
        name,
        root: `packages/${name}`,
        include: ["test/**/*.test.ts"]
      }
    })).concat([{
      extends: true as const,
      test: { name: "examples", root: "examples", include: ["**/*.test.ts"] }
    }]),
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ["default"],
    sequence: { hooks: "list" }
  }
})
