// npm run bench:profile-select: where an auto-selected create's time goes, step by step, on a
// fresh database seeded as `npm run bench` seeds its first size (10,000 accounts, 200,000 posts,
// a 2,000-account pool). Each step runs alone, sequentially, 300 times after 10 unmeasured
// runs; printed as p50 / p90 / p99 / max. A report for BENCHMARKS.md's explanations, not a test.
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { insertPostIfUnchanged } from "@/db/queries/posts";
import * as q from "@/db/queries/scheduling";
import { rankPool } from "@/lib/domain/scheduling";
import { poolMembers } from "@/lib/server/posts/pool-cache";
import { choosePlacement } from "@/lib/server/posts/scheduler";
import { POOL, seed } from "./bench-create";
import { freshDatabase, pct } from "./bench-lib";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const RUNS = 300;
const WARM = 10;
const adminUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

async function main() {
  const database = await freshDatabase(adminUrl, "postdeck_profile_");
  const opened = await openDatabase({ databaseUrl: database.url, maxConnections: 4 });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    const [org] = await sql<{ id: string }[]>`insert into organizations (id, name, slug) values (gen_random_uuid()::text, 'Profile', 'profile-' || gen_random_uuid()) returning id`;
    const orgId = org!.id;
    await seed(sql, orgId, 10_000, 200_000, POOL);
    const db = opened.db;
    const day0 = Math.floor(Date.now() / DAY) * DAY;
    const filters = { tag: "pool", platforms: ["tiktok", "instagram"] as const };
    const pool = { kind: "pool" as const, filters: { tag: "pool" }, platforms: ["tiktok" as const, "instagram" as const], label: "tag=pool" };
    const [other] = await sql<{ id: string }[]>`select id from accounts where tag = 'other' limit 1`;
    const [media] = await sql<{ id: string }[]>`insert into media_objects (organization_id, sha256, mime_type, width, height, bytes) values (${orgId}, ${"f".repeat(64)}, 'image/jpeg', 1080, 1920, 10) returning id`;
    const series = new Map<string, number[]>();
    const time = async <T>(label: string, i: number, fn: () => Promise<T> | T): Promise<T> => {
      const t = performance.now();
      const value = await fn();
      if (i >= WARM) series.set(label, [...(series.get(label) ?? []), performance.now() - t]);
      return value;
    };
    for (let i = 0; i < RUNS + WARM; i++) {
      // Among the seeded posts (days 31–57), as npm run bench's selections.
      const T = new Date(day0 + 31 * DAY + i * 37 * 60_000);
      const pad = 2 * HOUR + 27 * HOUR;
      await time("(1) the pool's heads alone (postgres.js, 2,000 accounts)", i, () =>
        sql`select string_agg(id::text || ',' || rules_version || ',' || bookings_version || ',' || coalesce(((extract(epoch from last_post_at) * 1000)::bigint)::text, ''), ',') from accounts where organization_id = ${orgId} and tag = 'pool'`,
      );
      await time("(1') the pool's posts near T alone (postgres.js; what the cache saves)", i, () =>
        sql`select string_agg(p.account_id::text || ',' || p.id::text || ',' || (extract(epoch from p.scheduled_at) * 1000)::bigint, ',') from posts p join accounts a on a.id = p.account_id
            where a.organization_id = ${orgId} and a.tag = 'pool' and p.status = 'scheduled' and p.scheduled_at >= ${new Date(T.getTime() - pad)} and p.scheduled_at < ${new Date(T.getTime() + pad)}`,
      );
      const m = await time("(2) poolMembers: heads through drizzle, cached rules and posts, windows", i, () =>
        poolMembers(db, { organizationId: orgId, filters, windowOf: () => ({ from: new Date(T.getTime() - pad), to: new Date(T.getTime() + pad) }) }),
      );
      const candidates = m.members.map((x) => ({ account: x.account, booked: m.booked.get(x.account.id) ?? [], lastPostAt: x.lastPostAt }));
      await time("(3) rankPool, strict (2,000 candidates)", i, () => rankPool(candidates, T, true, new Date()));
      await time("(3) rankPool, non-strict", i, () => rankPool(candidates, T, false, new Date()));
      await time("(4) choosePlacement, strict (2 + 3)", i, () => choosePlacement(db, { organizationId: orgId, target: pool, at: T, strict: true, now: new Date() }));
      const at = new Date(day0 + 70 * DAY + i * 3 * HOUR);
      const snap = (await q.accountSnapshot(db, { organizationId: orgId, accountId: other!.id, from: at, to: at }))!;
      const post = { organizationId: orgId, accountId: other!.id, caption: "profile", musicPostId: null, requestedTime: at, scheduledAt: at, strict: true, bumped: false, selection: {}, warnings: [], mediaIds: [media!.id, media!.id, media!.id], sourceUrls: [null, null, null] };
      await time("(5) the guarded write: post and 3 images in one statement, committed", i, () =>
        insertPostIfUnchanged(db, { organizationId: orgId, accountId: other!.id, rulesVersion: snap.rulesVersion, bookingsVersion: snap.bookingsVersion }, post),
      );
      await time("(5') a raw single-row insert into posts, for comparison", i, () =>
        sql`insert into posts (organization_id, account_id, caption, scheduled_at, status, selection) values (${orgId}, ${other!.id}, 'raw', ${new Date(at.getTime() + HOUR)}, 'scheduled', '{}'::jsonb)`,
      );
    }
    console.log(`step (${RUNS} sequential runs each)`.padEnd(78), "p50      p90      p99      max");
    for (const [label, values] of series) {
      const s = [...values].sort((a, b) => a - b);
      console.log(label.padEnd(78), [50, 90, 99].map((p) => `${pct(s, p).toFixed(1)} ms`.padEnd(9)).join(""), `${s[s.length - 1]!.toFixed(1)} ms`);
    }
  } finally {
    await sql.end({ timeout: 2 });
    await opened.close();
    await database.drop();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
