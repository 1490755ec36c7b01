// npm start: prepare .data, check the database (and the S3 bucket with MEDIA_STORE=s3), build
// when needed, then serve on PORT.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError, getConfig, type S3Config } from "@/env";
import { lockHolder, pgliteDirFor } from "@/db/client";

const root = process.cwd();
// Where `next build` writes (next.config.ts reads the same variable).
const distDir = process.env.NEXT_DIST_DIR || ".next";

function fail(message: string): never {
  console.error(`Error: ${message}`);
  process.exit(1);
}

/** The newest modification time among the files a build depends on. */
function newestSourceMtime(): number {
  let newest = 0;
  const skip = new Set(["node_modules", ".data", ".git", "test-results", "playwright-report", "e2e", "test"]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name) || entry.name.startsWith(".data") || entry.name.startsWith(".next")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css|json|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  walk(root);
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  return newestSourceMtime() > statSync(buildId).mtimeMs;
}

async function checkPostgres(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    let where = "";
    try {
      const u = new URL(url);
      where = ` at ${u.hostname}:${u.port || "5432"}`;
    } catch {
      // an unparsable URL: the reason says enough
    }
    fail(`cannot reach the database named by DATABASE_URL${where}: ${reason.split("\n")[0]}`);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** HeadBucket (creating a missing bucket); one line naming the variable to fix when it fails. */
async function checkMediaStore(s3: S3Config): Promise<void> {
  const { ensureBucket } = await import("@/lib/server/media/s3-client");
  const result = await ensureBucket(s3);
  if (!result.ok) fail(result.reason);
  if (result.created) console.log(`Postdeck: created the S3 bucket "${s3.bucket}" (S3_BUCKET).`);
}

async function main() {
  // The AWS SDK warns on every start that its releases after January 2027 will need Node 22;
  // this release supports Node 20, and the notice would break the one-line error contract.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  if (config.databaseUrl) {
    await checkPostgres(config.databaseUrl);
  } else {
    // A lock left by a dead process is simply taken over by the app.
    const holder = lockHolder(pgliteDirFor(config.dataDir));
    if (holder) fail(`Postdeck is already running on ${config.dataDir} (process ${holder}). Stop it first.`);
  }
  if (config.s3) await checkMediaStore(config.s3);

  if (needsBuild()) {
    console.log("Postdeck: building the app (first start or changed sources)…");
    const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) fail("the build failed (see above)");
  }

  // Without real platform credentials the app talks to the simulator: run it beside the app.
  let simulator: ReturnType<typeof spawn> | undefined;
  const simulated = config.platforms.tiktok.simulated || config.platforms.instagram.simulated;
  if (simulated && existsSync(path.join(root, "simulator", "main.ts"))) {
    simulator = spawn(process.execPath, [require.resolve("tsx/cli"), path.join(root, "simulator", "main.ts")], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, SIMULATOR_PORT: String(new URL(config.simulatorUrl).port) },
    });
  }

  const server = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "start", "-p", String(config.port)],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
  );
  server.stdout.on("data", (chunk: Buffer) => {
    // Next's own banner mentions 0.0.0.0 and timings; print our own line instead when ready.
    const text = chunk.toString();
    if (!/▲ Next\.js|Local:|Network:|Starting\.\.\.|Ready in/.test(text)) process.stdout.write(text);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      simulator?.kill(signal);
      server.kill(signal);
    });
  }
  server.on("exit", (code, signal) => {
    simulator?.kill("SIGTERM");
    process.exit(code ?? (signal ? 1 : 0));
  });

  const url = `http://localhost:${config.port}`;
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (server.exitCode !== null) return;
    try {
      const res = await fetch(`http://127.0.0.1:${config.port}/api/health`);
      if (res.ok) {
        const health = (await res.json()) as { db: string };
        console.log(`\nPostdeck is running at ${url}  (database: ${health.db}, data: ${config.dataDir})`);
        if (simulator) console.log(`Platform simulator (TikTok, Instagram): ${config.simulatorUrl} — its feed shows what was published.`);
        console.log(`Open ${url} to sign up. Press Ctrl+C to stop.\n`);
        return;
      }
    } catch {
      // not listening yet
    }
  }
  console.error("Postdeck did not become healthy within 150 s; see the log above.");
}

void main();
