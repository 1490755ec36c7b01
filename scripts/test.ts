// npm test: every test the project has, in order: unit, components (React in jsdom), the
// platform simulator's contracts, the OpenAPI document check (validator, generated types, typed
// client), integration on PGlite, integration on a fresh database on the real Postgres, then the
// Playwright end-to-end suite in Chromium (its API calls through Prism). The two integration
// passes run side by side (each is one process working through its files in turn, so together
// they keep both cores busy); the output of the second is held back and printed when it ends.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { tsxNodeArgs } from "../test/run";

type Counts = { passed: number; failed: number; skipped: number };
type Step = { name: string; ok: boolean; counts: Counts };

const reports = mkdtempSync(path.join(tmpdir(), "postdeck-test-reports-"));
const steps: Step[] = [];
const inCi = Boolean(process.env.CI);
const extraArgs = process.argv.slice(2);

type Started = { name: string; done: Promise<Step> };

/**
 * Starts a step. `log` (a file) holds its output back instead of printing it as it comes, for a
 * step that runs beside another; `finish` prints it.
 */
function start(name: string, args: string[], env: Record<string, string | undefined>, report: () => Counts, log?: string): Started {
  if (!log) console.log(`\n━━ ${name} ━━`);
  const child = spawn(process.execPath, args, { stdio: log ? ["ignore", "pipe", "pipe"] : "inherit", env: { ...process.env, ...env } });
  if (log) {
    const out = createWriteStream(log);
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  const done = new Promise<Step>((resolve) => {
    child.on("close", (code) => {
      let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
      try {
        counts = report();
      } catch {
        // No report means the runner died before writing one; its exit status says so.
      }
      resolve({ name, ok: code === 0, counts });
    });
  });
  return { name, done };
}

async function finish(started: Started, log?: string): Promise<void> {
  const step = await started.done;
  if (log) {
    console.log(`\n━━ ${started.name} ━━`);
    process.stdout.write(readFileSync(log));
  }
  steps.push(step);
}

async function run(name: string, args: string[], env: Record<string, string | undefined>, report: () => Counts): Promise<void> {
  await finish(start(name, args, env, report));
}

function vitest(name: string, project: string, env: Record<string, string | undefined>, log?: string): Started {
  const out = path.join(reports, `${project}-${name.replace(/\W+/g, "-")}.json`);
  return start(
    name,
    ["node_modules/vitest/vitest.mjs", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...extraArgs],
    env,
    () => {
      const r = JSON.parse(readFileSync(out, "utf8")) as Record<string, number>;
      return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
    },
    log,
  );
}

/** The server to make a scratch database on: DATABASE_URL's, else the local one. */
function postgresAdminUrl(): string {
  return process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

async function withScratchDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const admin = postgresAdminUrl();
  const sql = postgres(admin, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    const where = new URL(admin).host;
    const message = `Postgres at ${where} is unreachable (${error instanceof Error ? error.message : String(error)})`;
    if (inCi) {
      console.error(`\nError: ${message}; CI needs it for the integration tests.`);
      steps.push({ name: "integration (postgres)", ok: false, counts: { passed: 0, failed: 1, skipped: 0 } });
    } else {
      console.warn(`\nWarning: ${message}; skipping the Postgres integration pass. Set DATABASE_URL to run it.`);
    }
    return;
  }
  const name = `postdeck_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await sql.unsafe(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    await fn(url.toString());
  } finally {
    await sql.unsafe(`drop database if exists ${name} with (force)`).catch((e: unknown) => {
      console.warn(`Could not drop scratch database ${name}: ${String(e)}`);
    });
    await sql.end({ timeout: 5 });
  }
}

async function main() {
  await finish(vitest("unit", "unit", {}));
  await finish(vitest("components (jsdom)", "components", {}));
  if (existsSync("simulator")) await finish(vitest("simulator (platform contracts)", "simulator", {}));
  const openapiReport = path.join(reports, "openapi.json");
  await run("openapi document (validate, generate types, typed client)", tsxNodeArgs("scripts/openapi-check.ts"), { OPENAPI_CHECK_REPORT: openapiReport }, () => ({
    ...(JSON.parse(readFileSync(openapiReport, "utf8")) as { passed: number; failed: number }),
    skipped: 0,
  }));
  const pglite = vitest("integration (pglite)", "integration", { TEST_DATABASE_URL: undefined });
  const postgresLog = path.join(reports, "integration-postgres.log");
  await withScratchDatabase(async (url) => {
    console.log("(the Postgres pass runs beside it; its output follows when both end)");
    const onPostgres = vitest("integration (postgres)", "integration", { TEST_DATABASE_URL: url }, postgresLog);
    await finish(pglite);
    await finish(onPostgres, postgresLog);
  });
  if (!steps.some((s) => s.name === "integration (pglite)")) await finish(pglite);

  if (!process.env.SKIP_E2E) {
    const out = path.join(reports, "e2e.json");
    await run(
      "end-to-end (playwright, chromium)",
      ["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: out },
      () => {
        const r = JSON.parse(readFileSync(out, "utf8")) as { stats: Record<string, number> };
        return { passed: (r.stats.expected ?? 0) + (r.stats.flaky ?? 0), failed: r.stats.unexpected ?? 0, skipped: r.stats.skipped ?? 0 };
      },
    );
  }

  console.log("\n━━ summary ━━");
  for (const s of steps) {
    console.log(`${s.ok ? "ok  " : "FAIL"} ${s.name}: ${s.counts.passed} passed, ${s.counts.failed} failed, ${s.counts.skipped} skipped`);
  }
  const total = steps.reduce(
    (t, s) => ({ passed: t.passed + s.counts.passed, failed: t.failed + s.counts.failed + (s.ok || s.counts.failed ? 0 : 1), skipped: t.skipped + s.counts.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(steps.every((s) => s.ok) && total.passed > 0 ? 0 : 1);
}

void main();
