// One data size of `npm run bench` (scripts/bench.ts): a fresh database seeded with N accounts
// and M scheduled posts, the app started on it (scripts/start.ts, DATABASE_POOL_SIZE = the
// client concurrency), then, while it is up:
//   create   raw single-row inserts into posts through postgres.js (A) interleaved with HTTP
//            creates (B), A B A B …, the same K and concurrency C on both sides; once with an
//            explicit account, once auto-selected into the 2,000-account pool; ratio = B ÷ A per pair
//   select   sequential auto-selected creates into the pool (scripts/bench-select.ts)
//   revoke   an API key revoked in this process (another instance) is refused by the app
// The app's memory is sampled during every HTTP phase.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import sharp from "sharp";

import { openDatabase } from "@/db/client";
import { type Config, parseConfig } from "@/env";
import { createApiKey, revokeApiKey } from "@/lib/server/identity/api-keys";
import { createOrganizationWithOwner } from "@/lib/server/identity/organizations";
import { type MemoryPeak, freshDatabase, median, pct, runPool, sampleMemory, sleep, startApp, timed } from "./bench-lib";
import { type SelectionFigures, runSelectionBench } from "./bench-select";

export type Part = "create" | "select" | "publish";

export type SizeOptions = {
  adminUrl: string;
  accounts: number;
  posts: number;
  pairs: number;
  /** Rows (A) and requests (B) per round. */
  k: number;
  concurrency: number;
  selections: number;
  parts: ReadonlySet<Part>;
  port: number;
  simPort: number;
  log: (line: string) => void;
};

export type PairSeries = {
  pairs: { raw: number; http: number; ratio: number }[];
  medianRatio: number;
  medianRaw: number;
  medianHttp: number;
  /** Per request, over all B rounds. */
  latency: { p50: number; p99: number };
  statuses: Record<string, number>;
  memory: MemoryPeak;
};

/** Milliseconds after the revoke that requests were sent: the first refused one, the last accepted one. */
export type Revocation = { refused: boolean; afterMs: number; lastAcceptedMs: number; acceptedAfterRevoke: number; verifiedBeforeMs: number };

export type SizeFigures = {
  accounts: number;
  posts: number;
  pool: number;
  seedSeconds: number;
  appStartSeconds: number;
  pgVersion: string;
  concurrency: number;
  k: number;
  explicit?: PairSeries;
  /** The same route refused at validation (a past postTime): nothing read or written, the app's floor per request. */
  floor?: PairSeries;
  pooled?: PairSeries;
  selection?: SelectionFigures;
  revocation?: Revocation;
};

export const POOL = 2_000;
const DAY = 86_400_000;
const MIN = 60_000;
/** Stored images per create. */
export const IMAGES = 3;
/** Posts per account are seeded one every 3 days from tomorrow, at 09–21 h UTC: up to day 58. */
const SEED_EVERY_DAYS = 3;
/** A revoked key must be refused within the verified-key memory; later than this fails the bench. */
export const REVOKE_LIMIT_MS = 6_000;

/** Accounts 1…POOL carry tag "pool"; every account posts at 09, 12, 15, 18 and 21 local time. */
export async function seed(sql: postgres.Sql, orgId: string, accounts: number, posts: number, pool: number): Promise<number> {
  const times = JSON.stringify(Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, ["09:00", "12:00", "15:00", "18:00", "21:00"]])));
  await sql`
    insert into accounts (organization_id, platform, platform_user_id, username, tag, timezone, posting_times, min_gap_minutes, daily_cap)
    select ${orgId}, case when i % 4 = 0 then 'instagram'::platform else 'tiktok'::platform end, 'bench-' || i, 'creator' || i,
           case when i <= ${pool} then 'pool' else 'other' end,
           (array['UTC','America/New_York','Europe/Berlin','Asia/Tokyo'])[1 + i % 4], ${times}::jsonb, 120, 15
    from generate_series(1, ${accounts}) as i`;
  const perAccount = Math.max(1, Math.round(posts / accounts));
  await sql`
    insert into posts (organization_id, account_id, caption, scheduled_at, status, selection)
    select ${orgId}, a.id, 'seeded',
           date_trunc('day', now()) + (1 + k * ${SEED_EVERY_DAYS}) * interval '1 day' + (9 + (a.n % 5) * 3) * interval '1 hour',
           'scheduled', '{}'::jsonb
    from (select id, row_number() over (order by id) as n from accounts) a, generate_series(0, ${perAccount - 1}) as k`;
  await sql`analyze`;
  const [{ count }] = (await sql`select count(*)::int as count from posts`) as unknown as [{ count: number }];
  return count;
}

type HttpRound = { rate: number; latencies: number[]; statuses: Record<string, number> };

export async function runSizeBench(o: SizeOptions): Promise<SizeFigures> {
  const { log, concurrency: C, k: K } = o;
  const pool = Math.min(POOL, o.accounts);
  const database = await freshDatabase(o.adminUrl, "postdeck_bench_");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "postdeck-bench-"));
  const opened = await openDatabase({ databaseUrl: database.url, maxConnections: 4 });
  const sql = postgres(database.url, { max: C, onnotice: () => {} });
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    const db = opened.db;
    const base = `http://127.0.0.1:${o.port}`;
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, PORT: String(o.port), PUBLIC_BASE_URL: base, SIMULATOR_PORT: String(o.simPort) };
    // Also writes DATA_DIR/secrets.json, which the app then reads.
    const config: Config = parseConfig(env);
    const pgVersion = (await sql`show server_version`)[0]!.server_version as string;
    const org = await createOrganizationWithOwner(
      db,
      { name: "Bench", organizationName: "Bench Org", email: `bench-${Date.now()}@example.test`, password: "bench-password-1" },
      new Date(),
    );
    if (!org.ok) throw org.error;
    const orgId = org.value.organization.id;

    log(`seeding ${o.accounts.toLocaleString("en")} accounts and ${o.posts.toLocaleString("en")} posts…`);
    const seeded = await timed(() => seed(sql, orgId, o.accounts, o.posts, pool));
    log(`  seeded ${seeded.value.toLocaleString("en")} posts in ${seeded.seconds.toFixed(1)} s`);
    const figures: SizeFigures = {
      accounts: o.accounts, posts: seeded.value, pool, seedSeconds: seeded.seconds, appStartSeconds: NaN, pgVersion, concurrency: C, k: K,
    };

    log(`starting the app on port ${o.port} (DATABASE_POOL_SIZE=${C}; log ${path.join(dataDir, "app.log")})…`);
    app = await startApp({
      port: o.port,
      logFile: path.join(dataDir, "app.log"),
      env: {
        ...env,
        DATABASE_POOL_SIZE: String(C),
        NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS ?? process.env.NODE_OPTIONS,
      },
    });
    figures.appStartSeconds = app.startSeconds;
    log(`  healthy after ${app.startSeconds.toFixed(1)} s (next-server pid ${app.serverPid})`);
    const key = await createApiKey(db, { organizationId: orgId, createdBy: null, name: "bench" });
    if (!key.ok) throw key.error;
    const auth = { Authorization: `Bearer ${key.value.key}` };
    const jpeg = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#6366f1" } }).jpeg().toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "slide.jpg");
    const upload = await fetch(`${base}/api/v1/media`, { method: "POST", headers: auth, body: form });
    if (upload.status !== 201) throw new Error(`uploading the bench image: ${upload.status} ${await upload.text()}`);
    const mediaUrl = ((await upload.json()) as { data: { url: string } }).data.url;
    const imageUrls = Array.from({ length: IMAGES }, () => mediaUrl);

    const postCreate = async (body: Record<string, unknown>) => {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/post/slideshow`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - t };
    };
    const day0 = Math.floor(Date.now() / DAY) * DAY;

    if (o.parts.has("create")) Object.assign(figures, await createPairs({ o, sql, orgId, pool, imageUrls, day0, serverPid: app.serverPid, postCreate }));

    if (o.parts.has("select")) {
      log(`selection latency: ${o.selections} sequential auto-selected creates per series into the ${pool}-account pool…`);
      figures.selection = await runSelectionBench({
        db, config, orgId, imageUrls, serverPid: app.serverPid, runs: o.selections, log,
        http: (body) => postCreate(body),
        // Days 31–57: inside the seeded posts, apart from the create phases.
        window: { from: day0 + 31 * DAY, to: day0 + 57 * DAY },
      });
    }

    log("revoking an API key in this process while the app is up…");
    figures.revocation = await checkRevocation(db, base, orgId);
    log(
      figures.revocation.refused
        ? `  refused from ${(figures.revocation.afterMs / 1000).toFixed(2)} s after the revoke (last accepted request sent at ${(figures.revocation.lastAcceptedMs / 1000).toFixed(2)} s; ${figures.revocation.acceptedAfterRevoke} accepted)`
        : `  STILL ACCEPTED ${(REVOKE_LIMIT_MS / 1000).toFixed(0)} s after the revoke`,
    );
    return figures;
  } finally {
    await app?.stop();
    await sql.end({ timeout: 2 }).catch(() => {});
    await opened.close().catch(() => {});
    await database.drop();
    if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A B A B … rounds: (a) K raw inserts, then (b) K HTTP creates for explicit accounts, `pairs`
 * times; then the same with (c) creates auto-selected from the pool. Each series starts with
 * unmeasured warm-up rounds on both sides.
 */
async function createPairs(x: {
  o: SizeOptions;
  sql: postgres.Sql;
  orgId: string;
  pool: number;
  imageUrls: string[];
  day0: number;
  serverPid: number;
  postCreate: (body: Record<string, unknown>) => Promise<{ status: number; ms: number }>;
}): Promise<{ explicit: PairSeries; floor: PairSeries; pooled: PairSeries }> {
  const { o, sql, orgId, pool, imageUrls, day0, serverPid, postCreate } = x;
  const { log, concurrency: C, k: K } = o;
  const accountIds = (await sql`select id from accounts order by id`).map((r) => r.id as string);
  const N = accountIds.length;
  const warm = 4 * C;
  // Raw rows go past everything else (day 100 on), one minute apart, round-robin over accounts.
  let rawNext = 0;
  const rawRound = async (count: number) => {
    const first = rawNext;
    rawNext += count;
    const { seconds } = await timed(() =>
      runPool(count, C, (i) => sql`insert into posts (organization_id, account_id, caption, scheduled_at, status)
        values (${orgId}, ${accountIds[(first + i) % N]!}, 'raw', ${new Date(day0 + 100 * DAY + (first + i) * MIN)}, 'scheduled')`),
    );
    return count / seconds;
  };
  const httpRound = async (count: number, bodyOf: (j: number) => Record<string, unknown>, from: number): Promise<HttpRound> => {
    const statuses: Record<string, number> = {};
    const { seconds, value } = await timed(() => runPool(count, C, (i) => postCreate(bodyOf(from + i))));
    for (const r of value) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    return { rate: count / seconds, latencies: value.map((r) => r.ms), statuses };
  };
  const series = async (label: string, bodyOf: (j: number) => Record<string, unknown>): Promise<PairSeries> => {
    // Warm-up, not measured: route compilation, connection pools, caches.
    await rawRound(warm);
    await httpRound(warm, bodyOf, 0);
    const memory = sampleMemory(serverPid);
    const pairs: PairSeries["pairs"] = [];
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    for (let r = 0; r < o.pairs; r++) {
      const raw = await rawRound(K);
      const http = await httpRound(K, bodyOf, warm + r * K);
      latencies.push(...http.latencies);
      for (const [s, c] of Object.entries(http.statuses)) statuses[s] = (statuses[s] ?? 0) + c;
      pairs.push({ raw, http: http.rate, ratio: http.rate / raw });
      log(`  ${label} pair ${r + 1}/${o.pairs}: raw ${raw.toFixed(0)} rows/s, HTTP ${http.rate.toFixed(0)} posts/s → ${(100 * http.rate / raw).toFixed(1)}%  ${JSON.stringify(http.statuses)}`);
    }
    latencies.sort((a, b) => a - b);
    const s: PairSeries = {
      pairs,
      medianRatio: median(pairs.map((p) => p.ratio)),
      medianRaw: median(pairs.map((p) => p.raw)),
      medianHttp: median(pairs.map((p) => p.http)),
      latency: { p50: pct(latencies, 50), p99: pct(latencies, 99) },
      statuses,
      memory: memory.stop(),
    };
    log(`  ${label}: median ratio ${(100 * s.medianRatio).toFixed(1)}%; latency p50 ${s.latency.p50.toFixed(1)} ms, p99 ${s.latency.p99.toFixed(1)} ms; app peak RSS ${s.memory.peakRssMiB.toFixed(0)} MiB`);
    return s;
  };

  // Explicit account: account j mod N; an account's k-th create is 150 min after its previous,
  // three a night (00:30, 03:00, 05:30 UTC, clear of the seeded 09–21 h), from day 2.
  log(`explicit-account creates vs raw inserts: ${o.pairs} pairs of ${K} at concurrency ${C}…`);
  const explicit = await series("explicit", (j) => {
    const q = Math.floor(j / N);
    return { accountId: accountIds[j % N], imageUrls, caption: `bench ${j}`, postTime: new Date(day0 + (2 + Math.floor(q / 3)) * DAY + 30 * MIN + (q % 3) * 150 * MIN).toISOString() };
  });

  // The floor: the same request to the same route (key, JSON, the create's schema), refused with
  // 400 for its past postTime before anything is read: no create through this app can be faster.
  log(`the route's floor (the same create refused at validation, 400) vs raw inserts: ${o.pairs} pairs of ${K} at concurrency ${C}…`);
  const floor = await series("floor", (j) => ({ accountId: accountIds[j % N], imageUrls, caption: `floor ${j}`, postTime: "2020-01-01T00:00:00.000Z" }));

  // Pool: non-strict (the default), times spread evenly over days 3–30 so the pool never fills.
  const total = warm + o.pairs * K;
  const spacing = Math.max(MIN, Math.floor((27 * DAY) / total / MIN) * MIN);
  log(`auto-selected creates into the ${pool}-account pool vs raw inserts: ${o.pairs} pairs of ${K} at concurrency ${C}…`);
  const pooled = await series("pool", (j) => ({ accountId: null, tag: "pool", imageUrls, caption: `pool ${j}`, postTime: new Date(day0 + 3 * DAY + j * spacing).toISOString() }));
  return { explicit, floor, pooled };
}

/**
 * Revokes a key through the use-case here, in another process than the app (so the app's own
 * memory of verified keys is not dropped, as it is for a revoke on the same instance), right
 * after the app verified it, then uses it every 100 ms until the app answers 401. Times are
 * from the revoke to when each request was sent.
 */
async function checkRevocation(db: Parameters<typeof createApiKey>[0], base: string, orgId: string): Promise<Revocation> {
  const key = await createApiKey(db, { organizationId: orgId, createdBy: null, name: "bench revoke" });
  if (!key.ok) throw key.error;
  const call = async () => {
    const sentAt = performance.now();
    const res = await fetch(`${base}/api/v1/post`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key.value.key}`, "content-type": "application/json" },
      body: JSON.stringify({ limit: 1 }),
    });
    await res.arrayBuffer();
    return { status: res.status, sentAt };
  };
  const first = await call();
  if (first.status !== 200) throw new Error(`the new API key was not accepted before the revoke: ${first.status}`);
  const revoked = await revokeApiKey(db, { organizationId: orgId, id: key.value.apiKey.id, now: new Date() });
  if (!revoked.ok) throw revoked.error;
  const revokedAt = performance.now();
  const verifiedBeforeMs = revokedAt - first.sentAt;
  let accepted = 0;
  let lastAcceptedMs = NaN;
  for (;;) {
    const { status, sentAt } = await call();
    const afterMs = sentAt - revokedAt;
    if (status === 401) return { refused: true, afterMs, lastAcceptedMs, acceptedAfterRevoke: accepted, verifiedBeforeMs };
    if (status !== 200) throw new Error(`unexpected status ${status} while waiting for the revoked key to be refused`);
    accepted++;
    lastAcceptedMs = afterMs;
    if (afterMs > REVOKE_LIMIT_MS) return { refused: false, afterMs, lastAcceptedMs, acceptedAfterRevoke: accepted, verifiedBeforeMs };
    await sleep(100);
  }
}
