// One lint setup for the whole workspace (TypeScript, strict-ish, no type-aware rules for speed).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "model/.venv/**",
      "web/public/**",
      "test-results/**",
      "bench/results*",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: [
      "scripts/**",
      "bench/**",
      "**/cli.ts",
      "**/*.test.ts",
      "**/e2e/**",
      "web/bench/**",
      "web/scripts/**",
      "model/pipeline/*.mjs",
      "sync-server/src/log*",
    ],
    rules: { "no-console": "off" },
  },
);
