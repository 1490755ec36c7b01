import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Integration tests run against TEST_DATABASE_URL when it is set (a fresh Postgres database
// made by scripts/test.ts), otherwise against an in-memory PGlite per test file.
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside React's server condition; node tests are server code.
    alias: { "server-only": fileURLToPath(new URL("./test/server-only.ts", import.meta.url)) },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "simulator/**", "node_modules/**", "e2e/**", ".next/**", ".next-*/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          // React components in a simulated DOM: keyboard behaviour, focus and ARIA of components/.
          name: "components",
          include: ["components/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["test/components-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          // The platform simulator's contract tests: real HTTP servers on loopback, no database.
          name: "simulator",
          include: ["simulator/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["simulator/**", "node_modules/**", "e2e/**", ".next/**", ".next-*/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Files share one Postgres database; each test makes its own organizations.
          fileParallelism: false,
          // The AWS SDK's notice that its 2027 releases will need Node 22 (this one runs on 20).
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
        },
      },
    ],
  },
});
