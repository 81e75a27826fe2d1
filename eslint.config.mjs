// Lint and format as Effect's own repository does: typescript-eslint's recommended rules, and dprint
// (through @effect/eslint-plugin) with Effect's formatting options, so `eslint --fix` is the formatter.
import * as effectEslint from "@effect/eslint-plugin"
import js from "@eslint/js"
import { defineConfig } from "eslint/config"
import tseslint from "typescript-eslint"

export default defineConfig(
  {
    ignores: ["**/dist/**", "**/build/**", "**/node_modules/**", "bench/**", ".changeset/**"]
  },
  {
    files: ["**/*.ts", "**/*.mjs"],
    extends: [js.configs.recommended, tseslint.configs.recommended, effectEslint.configs.dprint],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { console: "readonly", process: "readonly", URL: "readonly", Buffer: "readonly" }
    },
    rules: {
      "@effect/dprint": ["error", {
        config: {
          indentWidth: 2,
          lineWidth: 120,
          semiColons: "asi",
          quoteStyle: "alwaysDouble",
          trailingCommas: "never",
          operatorPosition: "maintain",
          "arrowFunction.useParentheses": "force"
        }
      }],
      // The platform-node barrel loads @effect/cluster: import its modules by subpath.
      "@effect/no-import-from-barrel-package": ["error", { packageNames: ["@effect/platform-node"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Effect's `Context.Tag` classes and generator helpers use the empty interface and `{}` idioms.
      "@typescript-eslint/no-empty-object-type": "off",
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/no-explicit-any": "off",
      // TypeScript checks these (noUndef-style checks are the compiler's job in a typed codebase).
      "no-undef": "off",
      "no-redeclare": "off"
    }
  }
)
