import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import sharp from "sharp";
import { createSimulator, type Simulator } from "../simulator/server";
import { runScript } from "../test/run";
import { startS3, type TestS3 } from "../test/s3";

// The scale-out path of DESIGN.md §9: two app instances (`next start` on the build the suite's
// web server made) on one fresh Postgres database and one S3 bucket. Media is uploaded and posts
// created through A's API while B alone runs the publish worker; creates race into one pool on
// both instances at once. Every post must be published exactly once, no account may take two
// posts inside its gap, and what A stored B serves (the platform pulls it from B).

const distDir = process.env.NEXT_DIST_DIR || ".next";
const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const POOL = 5;
const TAG = "scale-out";

type Instance = { name: string; url: string; child: ChildProcess; log: () => string };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function postgresReachable(): Promise<boolean> {
  const sql = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

function startInstance(name: string, port: number, env: Record<string, string>): Instance {
  mkdirSync(env.DATA_DIR!, { recursive: true });
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env, PORT: String(port), NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  return { name, url: `http://127.0.0.1:${port}`, child, log: () => out };
}

async function waitHealthy(instance: Instance): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited (${instance.child.exitCode}):\n${instance.log()}`);
    try {
      const res = await fetch(`${instance.url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${instance.name} did not become healthy:\n${instance.log()}`);
}

async function stop(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  const exited = new Promise((r) => instance.child.once("exit", r));
  instance.child.kill("SIGTERM");
  const timer = setTimeout(() => instance.child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

test("two instances on one Postgres and one S3 bucket publish every post exactly once", async () => {
  test.setTimeout(150_000);
  test.skip(!existsSync(path.join(distDir, "BUILD_ID")), `no production build in ${distDir} (the suite's web server makes one)`);
  test.skip(!process.env.CI && !(await postgresReachable()), `no Postgres at ${new URL(adminUrl).host}: the two-instance test needs one`);

  const dbName = `postdeck_two_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const work = mkdtempSync(path.join(tmpdir(), "postdeck-two-"));
  const instances: Instance[] = [];
  let s3: TestS3 | undefined;
  let sim: Simulator | undefined;
  try {
    await admin.unsafe(`create database ${dbName}`);
    const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
    s3 = await startS3();
    sim = await createSimulator({ port: 0 });
    const [portA, portB] = [await freePort(), await freePort()];
    // What every instance shares in production: the database, the bucket, the secrets, and
    // the public URL (a load balancer's; here it leads to B, so the platform pulls from B).
    const shared = {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "4",
      PUBLIC_BASE_URL: `http://127.0.0.1:${portB}`,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      WORKER_SECRET: randomBytes(24).toString("base64url"),
      SIMULATOR_PORT: new URL(sim.url).port,
      LOG_LEVEL: "warn",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...s3.env,
    };
    const a = startInstance("A", portA, { ...shared, DATA_DIR: path.join(work, "a"), WORKER_TICK_MS: "0" });
    const b = startInstance("B", portB, { ...shared, DATA_DIR: path.join(work, "b"), WORKER_TICK_MS: "500" });
    instances.push(a, b);
    await Promise.all([waitHealthy(a), waitHealthy(b)]);

    // An organization, a key and a pool of simulated TikTok accounts, through the operator CLI.
    const cli = async (args: string[]) => {
      const res = await runScript("scripts/postdeck.ts", args, { ...shared, DATA_DIR: path.join(work, "cli") }, 90_000);
      expect(res.code, res.stderr).toBe(0);
      return res.stdout.trim();
    };
    const org = JSON.parse(await cli(["org", "create", "--name", "Scale Out", "--owner-email", `scale-${Date.now()}@example.test`, "--password", "scale-out-password-1"])) as { slug: string };
    const key = await cli(["api-key", "create", "--org", org.slug]);
    const pool = JSON.parse(await cli(["accounts", "connect-simulated", "--org", org.slug, "--platform", "tiktok", "--count", String(POOL), "--tag", TAG])) as { id: string }[];
    expect(pool).toHaveLength(POOL);
    const auth = { authorization: `Bearer ${key}` };
    const call = async (instance: Instance, route: string, body: unknown) => {
      const res = await fetch(`${instance.url}/api/v1${route}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { data: Record<string, unknown> | null; message: string } };
    };
    const gap = await call(a, "/accounts/update-info", { accountIds: pool.map((p) => p.id), minGapMinutes: 30 });
    expect(gap.status, gap.body.message).toBe(200);

    // Upload through A; the bytes live in the bucket, so B serves them.
    const jpeg = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#0f766e" } }).jpeg().toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "slide.jpg");
    const uploaded = await fetch(`${a.url}/api/v1/media`, { method: "POST", headers: auth, body: form });
    expect(uploaded.status).toBe(201);
    const media = ((await uploaded.json()) as { data: { url: string; sha256: string } }).data;
    expect(media.url).toBe(`${b.url}/media/${media.sha256}.jpg`);
    const fromB = await fetch(media.url);
    expect([fromB.status, fromB.headers.get("cache-control")]).toEqual([200, "public, max-age=31536000, immutable"]);
    expect(Buffer.from(await fromB.arrayBuffer()).equals(jpeg)).toBe(true);
    const ranged = await fetch(`${b.url}/media/${media.sha256}.jpg`, { headers: { range: "bytes=0-1" } });
    expect([ranged.status, Buffer.from(await ranged.arrayBuffer()).toString("hex")]).toEqual([206, "ffd8"]);

    // A burst into the pool at one instant, split over both instances: one post per account,
    // and the two requests too many are refused, never double-booked.
    const at = new Date(Date.now() - 30_000).toISOString();
    const creates = await Promise.all(
      Array.from({ length: POOL + 2 }, (_, i) =>
        call(i % 2 ? b : a, "/post/slideshow", { accountId: null, tag: TAG, imageUrls: [media.url], caption: `scale-out #${i}`, postTime: at, strict: true }),
      ),
    );
    const created = creates.filter((c) => c.status === 201).map((c) => c.body.data as { id: string; account_id: string; scheduled_at: string; caption: string });
    expect(creates.map((c) => c.status).sort()).toEqual([...Array<number>(POOL).fill(201), 409, 409]);
    expect(new Set(created.map((p) => p.account_id)).size).toBe(POOL);
    expect(created.every((p) => p.scheduled_at === at)).toBe(true);

    // B publishes them all; A never ticks.
    const ids = created.map((p) => p.id);
    await expect
      .poll(
        async () => {
          const list = await call(a, "/post", { postIds: ids, limit: 100 });
          return (list.body.data!.posts as { status: string }[]).map((p) => p.status).sort();
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toEqual(Array<string>(POOL).fill("complete"));

    const feed = (await (await fetch(`${sim.url}/feed.json`)).json()) as { items: { caption: string; account: string }[] };
    const ours = feed.items.filter((item) => item.caption.startsWith("scale-out #"));
    expect(ours.map((item) => item.caption).sort()).toEqual(created.map((p) => p.caption).sort());
    expect(new Set(ours.map((item) => item.account)).size).toBe(POOL);

    // Live posts of each account, after publishing: one each, so none inside another's gap.
    const all = await call(b, "/post", { accountIds: pool.map((p) => p.id), limit: 100 });
    const perAccount = new Map<string, number>();
    for (const p of all.body.data!.posts as { account_id: string }[]) perAccount.set(p.account_id, (perAccount.get(p.account_id) ?? 0) + 1);
    expect([...perAccount.values()]).toEqual(Array<number>(POOL).fill(1));
  } catch (error) {
    for (const instance of instances) console.error(`--- ${instance.name} log ---\n${instance.log()}`);
    throw error;
  } finally {
    await Promise.all(instances.map(stop));
    await sim?.close();
    await s3?.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch((e: unknown) => console.warn(`could not drop ${dbName}: ${String(e)}`));
    await admin.end({ timeout: 5 });
    rmSync(work, { recursive: true, force: true });
  }
});
