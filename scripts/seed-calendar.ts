// Seeds an organization with accounts and a month of posts for the calendar: the screenshots,
// the Playwright walk-throughs and `npm run bench:ui` (5,000 posts over 200 accounts). Posts are
// written straight into the tables with times that keep every account's gap and cap, each with a
// real stored cover image, so the calendar draws thumbnails as it would in use.
//
//   npx tsx --conditions=react-server scripts/seed-calendar.ts   (DATABASE_URL or DATA_DIR as the app)
import sharp from "sharp";
import { sql } from "drizzle-orm";
import { parseConfig, type S3Config } from "@/env";
import { type Db, openDatabase, pgliteDirFor } from "@/db/client";
import { accounts, postImages, posts } from "@/db/schema";
import { defaultPostingTimes } from "@/lib/domain/accounts";
import { createOrganizationWithOwner } from "@/lib/server/identity/organizations";
import { ingestUploadedImage } from "@/lib/server/media/ingest";

export type SeedOptions = {
  accounts: number;
  posts: number;
  /** The month the posts fall in, "YYYY-MM". */
  month: string;
  email: string;
  password: string;
  mediaDir: string;
  /** The S3 media store when the app uses one (MEDIA_STORE=s3); else the images go to mediaDir. */
  s3?: S3Config | null;
  publicBaseUrl: string;
};

const COLOURS = ["#4f46e5", "#0891b2", "#db2777", "#ea580c", "#16a34a", "#7c3aed"];
const ZONES = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo"];
const TAGS = ["food", "travel", "fashion", "tech"];
const STATUSES = ["scheduled", "scheduled", "scheduled", "scheduled", "complete", "failed", "pending"] as const;

export async function seedCalendar(db: Db, o: SeedOptions): Promise<{ organizationId: string }> {
  const org = await createOrganizationWithOwner(db, { name: "Calendar Seed", organizationName: "Northwind Social", email: o.email, password: o.password }, new Date());
  if (!org.ok) throw org.error;
  const organizationId = org.value.organization.id;

  const covers: string[] = [];
  for (const colour of COLOURS) {
    const bytes = await sharp({ create: { width: 1080, height: 1350, channels: 3, background: colour } }).jpeg().toBuffer();
    const img = await ingestUploadedImage(db, { organizationId, bytes, config: { mediaDir: o.mediaDir, s3: o.s3 ?? null, publicBaseUrl: o.publicBaseUrl, allowPrivateMediaUrls: false } });
    if (!img.ok) throw img.error;
    covers.push(img.value.mediaId);
  }

  const rows = await db
    .insert(accounts)
    .values(
      Array.from({ length: o.accounts }, (_, i) => ({
        organizationId,
        platform: i % 4 === 3 ? ("instagram" as const) : ("tiktok" as const),
        platformUserId: `seed-${Date.now().toString(36)}-${i}`,
        username: `${TAGS[i % TAGS.length]}.${String(i + 1).padStart(3, "0")}`,
        tag: TAGS[i % TAGS.length]!,
        userGroup: i % 2 === 0 ? "team-a" : "team-b",
        timezone: ZONES[i % ZONES.length]!,
        postingTimes: defaultPostingTimes(),
        minGapMinutes: 60,
        dailyCap: 15,
      })),
    )
    .returning({ id: accounts.id });

  // Spread the posts over the month's days and 06:00–22:45 UTC in quarter hours; an account's
  // posts are at least a day apart (its gap and cap always hold).
  const [y, m] = o.month.split("-").map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const values = Array.from({ length: o.posts }, (_, i) => {
    const account = rows[i % rows.length]!;
    const round = Math.floor(i / rows.length);
    const day = (round * 7 + (i % 7)) % daysInMonth;
    const quarter = (i * 37) % 68;
    const at = new Date(Date.UTC(y, m - 1, 1 + day, 6, quarter * 15));
    return { organizationId, accountId: account.id, caption: `Seeded slideshow ${i + 1} #calendar`, scheduledAt: at, requestedTime: at, status: STATUSES[i % STATUSES.length]!, selection: {} };
  });
  for (let i = 0; i < values.length; i += 1000) {
    const chunk = values.slice(i, i + 1000);
    const inserted = await db.insert(posts).values(chunk).returning({ id: posts.id });
    await db.insert(postImages).values(inserted.map((p, j) => ({ postId: p.id, position: 0, mediaId: covers[(i + j) % covers.length]! })));
  }
  await db.execute(sql`analyze posts`);
  return { organizationId };
}

async function main() {
  const config = parseConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: pgliteDirFor(config.dataDir) });
  const email = process.env.SEED_EMAIL ?? "demo@postdeck.test";
  const password = process.env.SEED_PASSWORD ?? "demo-password-123";
  const month = process.env.SEED_MONTH ?? new Date().toISOString().slice(0, 7);
  await seedCalendar(database.db, {
    accounts: Number(process.env.SEED_ACCOUNTS ?? 24),
    posts: Number(process.env.SEED_POSTS ?? 300),
    month,
    email,
    password,
    mediaDir: config.mediaDir,
    s3: config.s3,
    publicBaseUrl: config.publicBaseUrl,
  });
  await database.close();
  console.log(`seeded: sign in as ${email} / ${password}`);
}

if (process.argv[1]?.endsWith("seed-calendar.ts")) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
