// npm run bench: performance on the local Postgres, written to BENCHMARKS.md.
//   (a) raw single-row inserts into posts through postgres.js at concurrency 16 (the baseline)
//   (b) POST /api/v1/post/slideshow through HTTP at concurrency 16, with already-stored media
//   (c) auto-selection latency (choosePlacement) over a 2,000-account pool, strict and non-strict
// on a fresh database seeded with 10,000 accounts and 200,000 scheduled posts.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

import { parseConfig } from "@/env";
import { openDatabase } from "@/db/client";
import { beginConnect, completeConnect } from "@/lib/server/accounts/connect";
import { approveSimulatedConsent } from "@/lib/server/accounts/simulated-consent";
import { createApiKey } from "@/lib/server/identity/api-keys";
import { createOrganizationWithOwner } from "@/lib/server/identity/organizations";
import { createSlideshow } from "@/lib/server/posts/posts";
import { choosePlacement } from "@/lib/server/posts/scheduler";
import sharp from "sharp";
import { CALENDAR_UI_SECTION, readBenchmarks, sectionOf, writeBenchmarks } from "./benchmarks-file";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 200_000);
const POOL = 2_000;
const CONCURRENCY = 16;
const RAW_INSERTS = Number(process.env.BENCH_RAW_INSERTS ?? 4_000);
const API_CREATES = Number(process.env.BENCH_API_CREATES ?? 2_000);
const SELECTIONS = Number(process.env.BENCH_SELECTIONS ?? 300);
const PORT = 3390;
const SIM_PORT = 4390;
const TICK_MS = 5000;
const PUB_ACCOUNTS = Number(process.env.BENCH_PUB_ACCOUNTS ?? 100);
const PUB_POSTS = Number(process.env.BENCH_PUB_POSTS ?? 1000);

const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const dbName = `postdeck_bench_${Date.now()}`;
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "postdeck-bench-"));
  let app: ReturnType<typeof spawn> | undefined;
  try {
    const database = await openDatabase({ databaseUrl, maxConnections: CONCURRENCY + 4 });
    const db = database.db;
    const sql = postgres(databaseUrl, { max: CONCURRENCY, onnotice: () => {} });
    const pgVersion = (await sql`show server_version`)[0]!.server_version as string;

    console.log(`seeding ${ACCOUNTS} accounts and ${POSTS} posts…`);
    const org = await createOrganizationWithOwner(
      db,
      { name: "Bench", organizationName: "Bench Org", email: `bench-${Date.now()}@example.test`, password: "bench-password-1" },
      new Date(),
    );
    if (!org.ok) throw org.error;
    const orgId = org.value.organization.id;
    const t0 = performance.now();
    await sql`
      insert into accounts (organization_id, platform, platform_user_id, username, tag, timezone, posting_times, min_gap_minutes, daily_cap)
      select ${orgId}, case when i % 4 = 0 then 'instagram'::platform else 'tiktok'::platform end, 'bench-' || i, 'creator' || i,
             case when i <= ${POOL} then 'pool' else 'other' end,
             (array['UTC','America/New_York','Europe/Berlin','Asia/Tokyo'])[1 + i % 4],
             '{"mon":["09:00","12:00","15:00","18:00","21:00"],"tue":["09:00","12:00","15:00","18:00","21:00"],"wed":["09:00","12:00","15:00","18:00","21:00"],"thu":["09:00","12:00","15:00","18:00","21:00"],"fri":["09:00","12:00","15:00","18:00","21:00"],"sat":["09:00","12:00","15:00","18:00","21:00"],"sun":["09:00","12:00","15:00","18:00","21:00"]}'::jsonb,
             120, 15
      from generate_series(1, ${ACCOUNTS}) as i`;
    // 20 posts per account, one every 3 days at a rotating hour, over the next 60 days.
    const perAccount = Math.max(1, Math.round(POSTS / ACCOUNTS));
    await sql`
      insert into posts (organization_id, account_id, caption, scheduled_at, status, selection)
      select ${orgId}, a.id, 'seeded', date_trunc('day', now()) + interval '1 day' + (k * 3) * interval '1 day'
             + ((9 + (a.n % 5) * 3) * interval '1 hour'), 'scheduled', '{}'::jsonb
      from (select id, row_number() over (order by id) as n from accounts) a, generate_series(0, ${perAccount - 1}) as k`;
    await sql`analyze`;
    const seedSeconds = (performance.now() - t0) / 1000;
    const [{ count: postCount }] = (await sql`select count(*)::int as count from posts`) as unknown as [{ count: number }];

    // (a) the raw insert baseline.
    const accountIds = (await sql`select id from accounts order by id`).map((r) => r.id as string);
    const ta = performance.now();
    await pool(RAW_INSERTS, CONCURRENCY, (i) =>
      sql`insert into posts (organization_id, account_id, caption, scheduled_at, status)
          values (${orgId}, ${accountIds[i % accountIds.length]!}, 'raw', now() + interval '90 days' + ${i} * interval '1 minute', 'scheduled')`,
    );
    const rawRate = RAW_INSERTS / ((performance.now() - ta) / 1000);
    await sql`delete from posts where caption = 'raw'`;

    // (b) through HTTP, with media already stored in Postdeck.
    const key = await createApiKey(db, { organizationId: orgId, createdBy: null, name: "bench" });
    if (!key.ok) throw key.error;
    console.log("starting the app on Postgres…");
    app = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        PORT: String(PORT),
        PUBLIC_BASE_URL: `http://127.0.0.1:${PORT}`,
        SIMULATOR_PORT: String(SIM_PORT),
        WORKER_TICK_MS: String(TICK_MS),
        // The same number of connections as the raw baseline's client.
        DATABASE_POOL_SIZE: String(CONCURRENCY),
        NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS ?? process.env.NODE_OPTIONS,
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const base = `http://127.0.0.1:${PORT}`;
    for (let i = 0; i < 1200; i++) {
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const auth = { Authorization: `Bearer ${key.value.key}` };
    const image = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#6366f1" } }).jpeg().toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "slide.jpg");
    const uploaded = (await (await fetch(`${base}/api/v1/media`, { method: "POST", headers: auth, body: form })).json()) as { data: { url: string } };
    const mediaUrl = uploaded.data.url;
    const tiktokIds = (await sql`select id from accounts where platform = 'tiktok' order by id`).map((r) => r.id as string);
    const statuses: Record<number, number> = {};
    const latencies: number[] = [];
    const start = new Date(Date.now() + 70 * 86_400_000);
    // Warm up the route handlers once so compilation is not measured.
    await fetch(`${base}/api/v1/post`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
    const tb = performance.now();
    await pool(API_CREATES, CONCURRENCY, async (i) => {
      const body = {
        accountId: tiktokIds[i % tiktokIds.length],
        imageUrls: [mediaUrl, mediaUrl, mediaUrl],
        caption: `bench ${i}`,
        postTime: new Date(start.getTime() + (i % 7) * 3_600_000).toISOString(),
      };
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/post/slideshow`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    });
    const apiRate = API_CREATES / ((performance.now() - tb) / 1000);
    latencies.sort((x, y) => x - y);

    // (b') the same use-case in-process, without Next.js and HTTP, to show where time goes.
    const direct = { db, config: { publicBaseUrl: base, mediaDir: path.join(dataDir, "media"), allowPrivateMediaUrls: false } };
    const tb2 = performance.now();
    await pool(API_CREATES, CONCURRENCY, async (i) => {
      const r = await createSlideshow(direct, orgId, {
        accountId: tiktokIds[(i + 7919) % tiktokIds.length],
        imageUrls: [mediaUrl, mediaUrl, mediaUrl],
        postTime: new Date(start.getTime() + 10 * 86_400_000 + (i % 7) * 3_600_000).toISOString(),
      }, new Date());
      if (!r.ok) throw r.error;
    });
    const directRate = API_CREATES / ((performance.now() - tb2) / 1000);

    // (c) auto-selection over the 2,000-account pool (snapshot read + pure selection).
    const sel: Record<"strict" | "nonStrict", number[]> = { strict: [], nonStrict: [] };
    for (const strict of [true, false]) {
      for (let i = 0; i < SELECTIONS; i++) {
        const at = new Date(Date.now() + 86_400_000 * (1 + (i % 50)) + ((i * 37) % 24) * 3_600_000);
        const t = performance.now();
        const r = await choosePlacement(db, {
          organizationId: orgId,
          target: { kind: "pool", filters: { tag: "pool" }, platforms: ["tiktok", "instagram"], label: "tag=pool" },
          at,
          strict,
          now: new Date(),
        });
        const ms = performance.now() - t;
        if (i >= 10) (strict ? sel.strict : sel.nonStrict).push(ms); // the first few warm caches
        if (!r.ok && !strict) throw new Error(`selection failed: ${r.error.message}`);
      }
    }
    for (const k of ["strict", "nonStrict"] as const) sel[k].sort((x, y) => x - y);

    // (d) publishing: 1,000 posts due within one minute across 100 simulated accounts, published
    // by the app's in-app worker through the simulator that `npm start` runs beside it.
    console.log("connecting 100 simulated accounts and scheduling 1,000 posts within one minute…");
    const sim = `http://127.0.0.1:${SIM_PORT}`;
    const appConfig = parseConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PORT: String(PORT), SIMULATOR_PORT: String(SIM_PORT), PUBLIC_BASE_URL: base });
    const connectCtx = { db, config: appConfig };
    const pubAccounts: string[] = [];
    for (const platform of ["tiktok", "instagram"] as const) {
      for (let i = 0; i < PUB_ACCOUNTS / 2; i++) {
        const url = await beginConnect(connectCtx, { organizationId: orgId, userId: null, platform, now: new Date() });
        const cb = await approveSimulatedConsent(url);
        const done = await completeConnect(connectCtx, { platform, state: cb.searchParams.get("state"), code: cb.searchParams.get("code"), error: null, now: new Date() });
        if (!done.ok) throw done.error;
        pubAccounts.push(done.value.accountId);
      }
    }
    // Ten posts per account within a minute only fit with no minimum gap: the send gate holds
    // real sends to the gap (DESIGN.md §6), so these accounts have none.
    await sql`update accounts set min_gap_minutes = 0 where id = any(${pubAccounts})`;
    const mediaId = (await sql`select id from media_objects where organization_id = ${orgId} limit 1`)[0]!.id as string;
    const firstDue = Date.now() + 15_000;
    const pubIds: string[] = [];
    for (let i = 0; i < PUB_POSTS; i++) {
      const at = new Date(firstDue + Math.floor((i / PUB_POSTS) * 55_000));
      const [row] = await sql`insert into posts (organization_id, account_id, caption, scheduled_at, status)
        values (${orgId}, ${pubAccounts[i % pubAccounts.length]!}, ${`lag ${i}`}, ${at}, 'scheduled') returning id`;
      pubIds.push(row!.id as string);
    }
    await sql`insert into post_images (post_id, position, media_id) select id, 0, ${mediaId} from posts where id = any(${pubIds})`;
    const settledStatuses = ["complete", "failed", "awaiting_creator"];
    let settleSeconds = NaN;
    for (;;) {
      const [{ open }] = (await sql`select count(*)::int as open from posts where id = any(${pubIds}) and status <> all(${settledStatuses}::post_status[])`) as unknown as [{ open: number }];
      if (open === 0) {
        settleSeconds = (Date.now() - firstDue) / 1000;
        break;
      }
      if (Date.now() - firstDue > 15 * 60_000) throw new Error(`${open} posts still unsettled after 15 minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const lagRows = await sql`select a.platform, p.status, extract(epoch from (p.sent_at - p.scheduled_at)) * 1000 as lag
      from posts p join accounts a on a.id = p.account_id where p.id = any(${pubIds})`;
    const lags = (platform?: string) =>
      lagRows.filter((r) => r.lag !== null && (!platform || r.platform === platform)).map((r) => Number(r.lag)).sort((x, y) => x - y);
    const pubStatuses: Record<string, number> = {};
    for (const r of lagRows) pubStatuses[r.status as string] = (pubStatuses[r.status as string] ?? 0) + 1;
    const feedCount = ((await (await fetch(`${sim}/feed.json`)).json()) as { items: unknown[] }).items.length;

    const cpu = os.cpus();
    const lines = [
      "# Benchmarks",
      "",
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (scripts/bench.ts) on a fresh database on the local Postgres.`,
      "",
      `- Machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}`,
      `- Node ${process.version}, PostgreSQL ${pgVersion} (same machine, default settings)`,
      `- Data: ${ACCOUNTS.toLocaleString("en")} accounts, ${postCount.toLocaleString("en")} scheduled posts (seeded in ${seedSeconds.toFixed(1)} s); pool of ${POOL.toLocaleString("en")} accounts for selection`,
      "",
      "| measure | result |",
      "| --- | --- |",
      `| (a) raw single-row inserts into \`posts\`, postgres.js, concurrency ${CONCURRENCY} (${RAW_INSERTS} rows) | **${rawRate.toFixed(0)} rows/s** |`,
      `| (b) \`POST /api/v1/post/slideshow\` over HTTP, concurrency ${CONCURRENCY}, 3 stored images each (${API_CREATES} requests) | **${apiRate.toFixed(0)} posts/s** = ${((100 * apiRate) / rawRate).toFixed(0)}% of (a); latency p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms; statuses ${JSON.stringify(statuses)} |`,
      `| (b') the same create use-case in-process (no Next.js, no HTTP), concurrency ${CONCURRENCY} | ${directRate.toFixed(0)} posts/s = ${((100 * directRate) / rawRate).toFixed(0)}% of (a) |`,
      `| (c) auto-selection, strict, ${POOL}-account pool (${sel.strict.length} runs) | p50 **${pct(sel.strict, 50).toFixed(1)} ms**, p99 **${pct(sel.strict, 99).toFixed(1)} ms** |`,
      `| (c) auto-selection, non-strict, ${POOL}-account pool (${sel.nonStrict.length} runs) | p50 **${pct(sel.nonStrict, 50).toFixed(1)} ms**, p99 **${pct(sel.nonStrict, 99).toFixed(1)} ms** |`,
      `| (d) publishing ${PUB_POSTS} posts due within one minute on ${PUB_ACCOUNTS} simulated accounts (half TikTok, half Instagram); in-app ticker every ${TICK_MS / 1000} s; simulator processing 1.5 s | all settled ${settleSeconds.toFixed(0)} s after the first was due; statuses ${JSON.stringify(pubStatuses)}; ${feedCount} on the simulator's feed |`,
      `| (d) publish lag (platform accepted the publishing request − scheduled time) | all: p50 ${(pct(lags(), 50) / 1000).toFixed(1)} s, p99 ${(pct(lags(), 99) / 1000).toFixed(1)} s; Instagram (media_publish, after the container is processed): p50 ${(pct(lags("instagram"), 50) / 1000).toFixed(1)} s, p99 ${(pct(lags("instagram"), 99) / 1000).toFixed(1)} s; TikTok (content/init): p50 ${(pct(lags("tiktok"), 50) / 1000).toFixed(1)} s, p99 ${(pct(lags("tiktok"), 99) / 1000).toFixed(1)} s |`,
      "",
      "Targets: (b) at least 25% of (a); (c) p99 at most 25 ms. (c) is measured in-process through the",
      "same use-case the API calls (`choosePlacement`: the pool's accounts with their last post time,",
      "their live posts near T, then the pure selection), without HTTP.",
      "",
      "## Why the targets are missed, and what would close the gap",
      "",
      "(b) A create is a correct reservation, not an insert: API-key check, account and platform",
      "check, stored-media lookup, then a transaction that locks the account row, re-reads its live",
      "posts, inserts the post and its images and commits: about nine round trips against (a)'s one.",
      "(b') shows how much of the rest is Next.js and HTTP on this 2-core machine, where the app, the",
      "client and Postgres share the cores; a profile of the app (BENCH_APP_NODE_OPTIONS=--require",
      "with an inspector profiler) showed socket writes, Next's request handling, drizzle's query",
      "building and response compression as the largest costs, not the scheduling rules. Next steps:",
      "one SQL function per reservation (lock, read, insert in one round trip), caching API keys for a",
      "few seconds, and running the app on more cores than Postgres shares.",
      "",
      "(d) Target: lag p99 at most the tick interval + 2 s. Ten posts per account in one minute is more",
      "than TikTok allows (6 content/init calls per minute per token): the worker holds the 7th to 10th",
      "back until the window frees instead of collecting 429s, so TikTok's p99 is tens of seconds by",
      "design. Instagram's lag includes the container's processing (1.5 s in the simulator); a tick waits",
      "2 s for the containers it created and publishes them in the same tick, which keeps Instagram within",
      "the target.",
      "",
      "(c) The database work is small (the pool query and its posts take about 1 ms and 5 ms in",
      "Postgres, by EXPLAIN ANALYZE); the time goes into decoding ~2,000 account rows and ~2,000–4,000",
      "post rows in Node and mapping them. Keeping each account's last post time in the row (triggers)",
      "halved it. Next steps: cache the pool's slowly changing account rules per organization behind a",
      "version counter, so a selection reads only ids, last post times and the posts near T.",
      "",
      "Reproduce: `npm run bench` (Postgres from `DATABASE_URL`, else 127.0.0.1:5432; sizes via",
      "`BENCH_ACCOUNTS`, `BENCH_POSTS`, `BENCH_API_CREATES`, `BENCH_SELECTIONS`). Shared machines are",
      "noisy: compare ratios and medians, not single numbers.",
      "",
    ];
    // The calendar's section (npm run bench:ui) stays as it was.
    const ui = sectionOf(readBenchmarks(), CALENDAR_UI_SECTION);
    writeBenchmarks(ui ? `${lines.join("\n").replace(/\s*$/, "")}\n\n${ui}` : lines.join("\n"));
    console.log(lines.join("\n"));
    await sql.end();
    await database.close();
  } finally {
    app?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
