// Workers SIGKILLed at random moments while publishing 200 posts, and restarted, until all
// settle: every post must end complete exactly once on the simulator's feed, or failed with a
// reason (and then be on the feed at most once); none stuck, none duplicated. Needs several
// processes on one database, so it runs on Postgres.
import { type ChildProcess, spawn } from "node:child_process";
import { createReadStream, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inArray } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { createSimulator, type Simulator } from "@/simulator/server";
import { openTestContext, testConfig, testDbKind } from "@/test/db";
import { makeOrganization } from "@/test/factories";
import { beginConnect, completeConnect } from "./connect";
import type { AppContext } from "./context";
import { ingestUploadedImage } from "./media/ingest";
import { mediaFilePath } from "./media/store";
import { createSlideshow } from "./posts";
import { approveSimulatedConsent } from "./simulated-consent";

// Node with tsx's loader directly (not tsx's CLI, which would put a parent process between the
// test and the worker, and SIGKILL would hit the parent while the worker lived on).
const NODE_ARGS = [
  "--require",
  path.join(process.cwd(), "node_modules", "tsx", "dist", "preflight.cjs"),
  "--import",
  pathToFileURL(path.join(process.cwd(), "node_modules", "tsx", "dist", "loader.mjs")).href,
  "--conditions=react-server",
  "test/worker-process.ts",
];
const POSTS = 200;
const ACCOUNTS_PER_PLATFORM = 25;

describe.runIf(testDbKind === "postgres")("crash safety of the publish worker", () => {
  let app: AppContext;
  let sim: Simulator;
  let media: Server;
  let env: Record<string, string>;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    app = await openTestContext();
    sim = await createSimulator({ port: 0, settings: { tiktokProcessingMs: 300, igProcessingMs: 300, tiktokModerationMs: 300 } });
    const dataDir = mkdtempSync(path.join(tmpdir(), "postdeck-crash-"));
    const mediaDir = path.join(dataDir, "media");
    media = createServer((req, res) => {
      const file = mediaFilePath(mediaDir, (req.url ?? "").replace(/^\/media\//, ""));
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "image/jpeg" });
      createReadStream(file).on("error", () => res.destroy()).pipe(res);
    });
    await new Promise<void>((r) => media.listen(0, "127.0.0.1", r));
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      SIMULATOR_PORT: new URL(sim.url).port,
      PUBLIC_BASE_URL: `http://127.0.0.1:${(media.address() as AddressInfo).port}`,
      MEDIA_DIR: mediaDir,
      WORKER_LEASE_MS: "3000",
    };
    config = testConfig(env);
  });
  afterAll(async () => {
    await new Promise((r) => media.close(r));
    await sim.close();
    await app.close();
  });

  it("publishes 200 posts exactly once through random SIGKILLs", async () => {
    const ctx = { db: app.db, config };
    const { organization } = await makeOrganization(app.db);
    const accounts: string[] = [];
    for (const platform of ["tiktok", "instagram"] as const) {
      for (let i = 0; i < ACCOUNTS_PER_PLATFORM; i++) {
        const url = await beginConnect(ctx, { organizationId: organization.id, userId: null, platform, now: new Date() });
        const cb = await approveSimulatedConsent(url);
        const done = await completeConnect(ctx, { platform, state: cb.searchParams.get("state"), code: cb.searchParams.get("code"), error: null, now: new Date() });
        if (!done.ok) throw done.error;
        accounts.push(done.value.accountId);
      }
    }
    const png = await sharp({ create: { width: 1080, height: 1350, channels: 3, background: "#334155" } }).png().toBuffer();
    const image = await ingestUploadedImage(app.db, { organizationId: organization.id, bytes: png, config });
    if (!image.ok) throw image.error;
    const ids: string[] = [];
    for (let i = 0; i < POSTS; i++) {
      const p = await createSlideshow(ctx, organization.id, { accountId: accounts[i % accounts.length], imageUrls: [image.value.url], caption: `crash ${i}` }, new Date());
      if (!p.ok) throw p.error;
      ids.push(p.value.id);
    }
    await app.db.update(posts).set({ scheduledAt: new Date() }).where(inArray(posts.id, ids));

    const workers = new Set<ChildProcess>();
    const startWorker = () => {
      const w = spawn(process.execPath, NODE_ARGS, { env: { ...process.env, ...env }, stdio: "ignore" });
      workers.add(w);
      w.on("exit", () => workers.delete(w));
    };
    startWorker();
    startWorker();
    let kills = 0;
    const settled = async () => {
      const rows = await app.db.select({ status: posts.status }).from(posts).where(inArray(posts.id, ids));
      return rows.every((r) => r.status === "complete" || r.status === "failed");
    };
    const deadline = Date.now() + 240_000;
    while (!(await settled())) {
      if (Date.now() > deadline) throw new Error("posts did not settle in 4 minutes");
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
      // Kill one worker mid-whatever it is doing, and start a fresh one.
      const victim = [...workers][Math.floor(Math.random() * workers.size)];
      if (victim && kills < 40) {
        victim.kill("SIGKILL");
        kills++;
      }
      while (workers.size < 2) startWorker();
    }
    for (const w of workers) w.kill("SIGKILL");
    // Every worker process must really be gone (no orphan still publishing behind the test's back).
    await new Promise((r) => setTimeout(r, 200));
    expect(workers.size).toBe(0);

    const rows = await app.db.select().from(posts).where(inArray(posts.id, ids));
    const feed = ((await (await fetch(`${sim.url}/feed.json`)).json()) as { items: { caption: string }[] }).items;
    const onFeed = (caption: string) => feed.filter((f) => f.caption === caption).length;
    let complete = 0;
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.id === id)!;
      const copies = onFeed(`crash ${i}`);
      expect(copies, `crash ${i} published ${copies} times`).toBeLessThanOrEqual(1);
      if (row.status === "complete") {
        complete++;
        expect(copies, `crash ${i} is complete but not on the feed`).toBe(1);
      } else {
        expect(row.status).toBe("failed");
        expect(row.lastError, `crash ${i} failed without a reason`).toBeTruthy();
      }
    }
    expect(kills).toBeGreaterThan(5);
    // Most posts make it; the rest are the ones a kill caught mid-send, failed for a human.
    expect(complete).toBeGreaterThan(POSTS / 2);
    console.log(`crash test: ${complete} complete, ${POSTS - complete} failed for a human, ${kills} workers killed`);
  }, 300_000);
});
