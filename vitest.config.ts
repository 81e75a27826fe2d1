import { defaultServerConditions } from "vite"
import { defineConfig } from "vitest/config"

const packages = ["auth-core", "sinch-http", "products", "emulator", "cli", "redis", "node"]

// Inside the repository, `@sinch-effect/*` imports resolve to the TypeScript sources (the
// `@sinch-effect/source` export condition), so tests run without a build.
const conditions = ["@sinch-effect/source", ...defaultServerConditions]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["@sinch-effect/source"] } },
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
    }, {
      extends: true as const,
      // Builds, packs and installs the packages into an app outside the workspace (see the file).
      test: { name: "consumer", root: "test/consumer", include: ["*.test.ts"], testTimeout: 120_000 }
    }]),
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ["default"],
    sequence: { hooks: "list" }
  }
})
