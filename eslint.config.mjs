// Flat config: Next.js and typescript-eslint rules plus the import boundaries of docs/style.md B11.
import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

const noEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read configuration through env.ts (getConfig), not process.env.",
};

const config = [
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "db/migrations/**", "next-env.d.ts", "test/openapi-client/generated/**"],
  },
  ...nextVitals,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Only env.ts, tool configs, entry scripts and tests may read process.env.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["env.ts", "*.config.ts", "*.config.mts", "instrumentation.ts", "scripts/**", "simulator/main.ts", "test/**", "e2e/**", "**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", noEnv] },
  },
  // The pure domain: no framework, database, env or server code, and no reading the clock.
  {
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react-dom"], message: "lib/domain is pure: no framework imports." },
            { group: ["@/db", "@/db/*", "@/env", "@/lib/server", "@/lib/server/*", "@/lib/server/**", "@/lib/actions", "@/lib/actions/*", "node:*"], message: "lib/domain may not import IO, env or server code." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        noEnv,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Take `now` as an argument." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Take `now` as an argument." },
      ],
    },
  },
  // Components render; they reach data only through props, lib/actions and lib/client.
  {
    files: ["components/**/*.tsx", "components/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db", "@/db/*", "@/db/**", "@/lib/server", "@/lib/server/*", "@/lib/server/**", "@/env"], message: "Components may not reach the database, server code or env." }] },
      ],
    },
  },
  // The database layer knows nothing of the app above it.
  {
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/server", "@/lib/server/*", "@/lib/server/**", "@/lib/actions", "@/lib/actions/*", "@/app/*", "@/components/*"], message: "db/ may import only drizzle and lib/domain types." }] },
      ],
    },
  },
  // Routes and pages compose use-cases; they never query the database themselves.
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db/queries", "@/db/queries/*", "@/db/schema", "@/db/schema/*"], message: "app/ reaches data through lib/server use-cases." }] },
      ],
    },
  },
];

export default config;
