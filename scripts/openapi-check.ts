// npm run openapi:check: the OpenAPI document as standard tools see it.
//   1. validate: the document that GET /api/v1/openapi.json serves passes an OpenAPI 3.1
//      validator (@readme/openapi-parser: the 3.1 schema, every $ref, operationIds, ...);
//   2. generate: openapi-typescript turns it into TypeScript types
//      (test/openapi-client/generated/api.ts, made here, never committed);
//   3. typed client: tsc compiles test/openapi-client against those types.
// Prints one line per check and "N passed, N failed"; OPENAPI_CHECK_REPORT names a JSON file
// to write the counts to (scripts/test.ts reads it).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "@/lib/server/http/openapi";

const clientDir = path.join(process.cwd(), "test", "openapi-client");
const generated = path.join(clientDir, "generated", "api.ts");

type Check = { name: string; run: () => Promise<string | null> };
const doc = openApiDocument("https://postdeck.example");
let generatedOk = false;

const checks: Check[] = [
  {
    name: "validate (OpenAPI 3.1, @readme/openapi-parser)",
    // validate() dereferences what it is given, so it gets a copy.
    run: async () => {
      const result = await validate(structuredClone(doc) as never);
      if (!result.valid) return compileErrors(result);
      return result.warnings.length ? compileErrors(result) : null;
    },
  },
  {
    name: "generate types (openapi-typescript)",
    run: async () => {
      rmSync(path.dirname(generated), { recursive: true, force: true });
      const ast = await openapiTS(structuredClone(doc) as never);
      mkdirSync(path.dirname(generated), { recursive: true });
      writeFileSync(generated, astToString(ast));
      generatedOk = true;
      return null;
    },
  },
  {
    name: "typed client compiles against them (tsc -p test/openapi-client)",
    run: async () => {
      if (!generatedOk) return "no generated types to compile against";
      const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(clientDir, "tsconfig.json")], { encoding: "utf8" });
      return tsc.status === 0 ? null : `${tsc.stdout}${tsc.stderr}`.trim() || `tsc exited with ${tsc.status}`;
    },
  },
];

async function main() {
  let passed = 0;
  let failed = 0;
  for (const check of checks) {
    const started = Date.now();
    let problem: string | null;
    try {
      problem = await check.run();
    } catch (error) {
      problem = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (problem === null) {
      passed += 1;
      console.log(`ok   ${check.name} (${took})`);
    } else {
      failed += 1;
      console.log(`FAIL ${check.name} (${took})\n${problem.replace(/^/gm, "     ")}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (process.env.OPENAPI_CHECK_REPORT) writeFileSync(process.env.OPENAPI_CHECK_REPORT, JSON.stringify({ passed, failed }));
  process.exit(failed ? 1 : 0);
}

void main();
