// Test harness for publishing: a test database, the platform simulator, and a media server
// standing in for the app's /media route (the simulator pulls transcoded images from it). The
// media store is the local directory, or S3 when `env` says MEDIA_STORE=s3 (see test/s3.ts).
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { posts } from "@/db/schema";
import { beginConnect, completeConnect } from "@/lib/server/accounts/connect";
import type { AppContext } from "@/lib/server/context";
import { ingestUploadedImage } from "@/lib/server/media/ingest";
import { mediaStoreFor } from "@/lib/server/media/media-store";
import { isMediaFileName } from "@/lib/server/media/store";
import { approveSimulatedConsent } from "@/lib/server/accounts/simulated-consent";
import { createSimulator, type Simulator } from "@/simulator/server";
import type { Settings } from "@/simulator/settings";
import { openTestContext, testConfig } from "./db";

export type PublishingHarness = Awaited<ReturnType<typeof startPublishing>>;

export async function startPublishing(opts: { simulator?: Partial<Settings>; env?: Record<string, string>; maxConnections?: number } = {}) {
  const app: AppContext = await openTestContext({ maxConnections: opts.maxConnections });
  const sim: Simulator = await createSimulator({ port: 0, settings: opts.simulator });
  const dataDir = mkdtempSync(path.join(tmpdir(), "postdeck-publishing-"));
  const mediaDir = path.join(dataDir, "media");
  const media = createServer((req, res) => {
    const name = (req.url ?? "").replace(/^\/media\//, "");
    if (!isMediaFileName(name)) return void res.writeHead(404).end();
    mediaStoreFor(ctx.config)
      .get(name)
      .then((bytes) => (bytes ? res.writeHead(200, { "content-type": "image/jpeg" }).end(bytes) : res.writeHead(404).end()))
      .catch(() => res.destroy());
  });
  await new Promise<void>((r) => media.listen(0, "127.0.0.1", r));
  const env = {
    DATA_DIR: dataDir,
    SIMULATOR_PORT: new URL(sim.url).port,
    PUBLIC_BASE_URL: `http://127.0.0.1:${(media.address() as AddressInfo).port}`,
    MEDIA_DIR: mediaDir,
    ...opts.env,
  };
  const ctx = { db: app.db, config: testConfig(env) };

  const admin = async (p: string, body?: unknown) =>
    fetch(`${sim.url}/__admin${p}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  // The app's clock for worker ticks, kept in step with the simulator's when a test moves time.
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);

  return {
    app,
    sim,
    ctx,
    env,
    admin,
    clock,
    /** Moves both clocks (the simulator's and `clock`) forward by `ms`. */
    async advance(ms: number) {
      offsetMs += ms;
      await admin("/clock", { advanceMs: ms });
    },
    /** Simulator requests whose path contains `part` (its request log), with their bodies where logged. */
    async requests(part: string) {
      const all = ((await (await admin("/requests")).json()) as { requests: { path: string; status: number; method: string; body?: string }[] }).requests;
      return all.filter((r) => r.path.includes(part));
    },
    /** Connects an account through the simulator's real OAuth flow; returns its id. */
    async connectAccount(organizationId: string, platform: "tiktok" | "instagram") {
      const url = await beginConnect(ctx, { organizationId, userId: null, platform, now: clock() });
      const cb = await approveSimulatedConsent(url);
      const done = await completeConnect(ctx, { platform, state: cb.searchParams.get("state"), code: cb.searchParams.get("code"), error: null, now: clock() });
      if (!done.ok) throw done.error;
      return done.value.accountId;
    },
    /** Stores a generated PNG for the organization; returns its Postdeck URL. */
    async storedImage(organizationId: string, width: number, height: number, color: string) {
      const bytes = await sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
      const r = await ingestUploadedImage(app.db, { organizationId, bytes, config: ctx.config });
      if (!r.ok) throw r.error;
      return r.value.url;
    },
    async feed() {
      return ((await (await fetch(`${sim.url}/feed.json`)).json()) as { items: { platform: string; caption: string; postId: string }[] }).items;
    },
    async post(id: string) {
      return (await app.db.select().from(posts).where(eq(posts.id, id)))[0]!;
    },
    async close() {
      await new Promise((r) => media.close(r));
      await sim.close();
      await app.close();
    },
  };
}
