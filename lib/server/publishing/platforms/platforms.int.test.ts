// The TikTok and Instagram clients against the platform simulator: the real wire formats,
// the asynchronous pipelines, and errors mapped to failure classes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/simulator/server";
import { testConfig, testDbKind } from "@/test/db";
import { type ImageHost, startImageHost } from "@/test/image-host";
import * as instagram from "./instagram";
import * as tiktok from "./tiktok";

// No database involved: run once, in the PGlite pass.
describe.runIf(testDbKind === "pglite")("platform clients against the simulator", () => {
  let sim: Simulator;
  let host: ImageHost;
  let tt: tiktok.TikTokConfig;
  let ig: instagram.InstagramConfig;
  const admin = async <T>(path: string, body: unknown) =>
    (await (await fetch(`${sim.url}/__admin${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as T;
  const advance = (ms: number) => admin("/clock", { advanceMs: ms });
  async function eventually<T>(fn: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 400; i++) {
      const v = await fn();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("timed out");
  }

  beforeAll(async () => {
    sim = await createSimulator({ port: 0 });
    host = await startImageHost();
    const config = testConfig({ SIMULATOR_PORT: new URL(sim.url).port });
    tt = config.platforms.tiktok;
    ig = config.platforms.instagram;
  });
  afterAll(async () => {
    await host.close();
    await sim.close();
  });

  describe("TikTok", () => {
    it("posts a photo slideshow directly and reads the 19-digit post id exactly", async () => {
      const { accessToken } = await admin<{ accessToken: string }>("/tokens", { platform: "tiktok", username: "tt_direct" });
      const info = await tiktok.creatorInfo(tt, accessToken);
      expect(info.ok && info.value.privacyLevelOptions).toContain("PUBLIC_TO_EVERYONE");
      const init = await tiktok.initPhotoPost(tt, accessToken, {
        mode: "DIRECT_POST",
        title: "hello",
        description: "a slideshow #test",
        privacyLevel: "PUBLIC_TO_EVERYONE",
        imageUrls: [host.url("/portrait/1.jpg"), host.url("/portrait/2.jpg")],
      });
      expect(init.ok).toBe(true);
      if (!init.ok) return;
      await advance(10_000);
      const status = () => tiktok.fetchPublishStatus(tt, accessToken, init.value.publishId);
      await eventually(async () => {
        const s = await status();
        return s.ok && s.value.state === "complete" ? s.value : undefined;
      });
      // The public post id appears only after moderation.
      await advance(10_000);
      const done = await eventually(async () => {
        const s = await status();
        return s.ok && s.value.state === "complete" && s.value.postIds.length ? s.value : undefined;
      });
      expect(done).toMatchObject({ state: "complete" });
      if (done.state === "complete") expect(done.postIds[0]).toMatch(/^\d{19}$/);
    });

    it("sends a MEDIA_UPLOAD draft that waits in the creator's inbox", async () => {
      const { accessToken } = await admin<{ accessToken: string }>("/tokens", { platform: "tiktok", username: "tt_draft" });
      const init = await tiktok.initPhotoPost(tt, accessToken, { mode: "MEDIA_UPLOAD", title: "t", description: "d", imageUrls: [host.url("/portrait/3.jpg")] });
      if (!init.ok) throw new Error(init.error.reason);
      await advance(10_000);
      const s = await eventually(async () => {
        const r = await tiktok.fetchPublishStatus(tt, accessToken, init.value.publishId);
        return r.ok && r.value.state !== "processing" ? r.value : undefined;
      });
      expect(s.state).toBe("inbox");
    });

    it("maps a refused image to a permanent failure and a revoked grant to needs_reauth", async () => {
      const { accessToken } = await admin<{ accessToken: string }>("/tokens", { platform: "tiktok", username: "tt_fail" });
      const init = await tiktok.initPhotoPost(tt, accessToken, {
        mode: "DIRECT_POST",
        title: "t",
        description: "d",
        privacyLevel: "PUBLIC_TO_EVERYONE",
        imageUrls: [host.url("/missing.jpg")],
      });
      if (!init.ok) throw new Error(init.error.reason);
      await advance(10_000);
      const s = await eventually(async () => {
        const r = await tiktok.fetchPublishStatus(tt, accessToken, init.value.publishId);
        return r.ok && r.value.state === "failed" ? r.value : undefined;
      });
      expect(s.state === "failed" && s.failure).toMatchObject({ class: "retryable", reason: expect.stringContaining("photo_pull_failed") });

      await admin("/revoke", { platform: "tiktok", username: "tt_fail" });
      const after = await tiktok.creatorInfo(tt, accessToken);
      expect(!after.ok && after.error.class).toBe("needs_reauth");
    });

    it("classifies privacy mismatches, rate limits and server errors (a 5xx to content/init: unknown outcome)", async () => {
      const { accessToken } = await admin<{ accessToken: string }>("/tokens", { platform: "tiktok", username: "tt_errors" });
      const post = (privacyLevel: string) =>
        tiktok.initPhotoPost(tt, accessToken, { mode: "DIRECT_POST", title: "t", description: "d", privacyLevel, imageUrls: [host.url("/portrait/x.jpg")] });
      const mismatch = await post("FOLLOWER_OF_CREATOR");
      expect(!mismatch.ok && mismatch.error.class).toBe("permanent");
      await admin("/faults", { endpoint: "tiktok.content_init", status: 503, body: "<html>bad gateway</html>" });
      const down = await post("PUBLIC_TO_EVERYONE");
      expect(!down.ok && down.error.class).toBe("unknown_outcome");
      await admin("/faults", { endpoint: "tiktok.content_init", status: 429, code: "rate_limit_exceeded" });
      const limited = await post("PUBLIC_TO_EVERYONE");
      expect(!limited.ok && limited.error.class).toBe("rate_limited");
    });

    it("refreshes with rotation: the old refresh token stops working", async () => {
      const { refreshToken } = await admin<{ refreshToken: string }>("/tokens", { platform: "tiktok", username: "tt_refresh" });
      const first = await tiktok.refreshTokens(tt, refreshToken, new Date());
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      expect(first.value.refreshToken).not.toBe(refreshToken);
      const reuse = await tiktok.refreshTokens(tt, refreshToken, new Date());
      expect(!reuse.ok && reuse.error.class).toBe("needs_reauth");
      expect((await tiktok.refreshTokens(tt, first.value.refreshToken, new Date())).ok).toBe(true);
    });
  });

  describe("Instagram", () => {
    it("publishes a carousel: children, parent, wait, publish, permalink", async () => {
      const { accessToken, userId } = await admin<{ accessToken: string; userId: string }>("/tokens", { platform: "instagram", username: "ig_carousel" });
      const children: string[] = [];
      for (const n of [1, 2, 3]) {
        const child = await instagram.createImageContainer(ig, accessToken, userId, { imageUrl: host.url(`/square/${n}.jpg`), carouselItem: true });
        if (!child.ok) throw new Error(child.error.reason);
        children.push(child.value);
      }
      const parent = await instagram.createCarouselContainer(ig, accessToken, userId, { children, caption: "three squares #test" });
      if (!parent.ok) throw new Error(parent.error.reason);
      await advance(10_000);
      const status = await eventually(async () => {
        const s = await instagram.containerStatus(ig, accessToken, parent.value);
        return s.ok && s.value !== "IN_PROGRESS" ? s.value : undefined;
      });
      expect(status).toBe("FINISHED");
      const media = await instagram.publishContainer(ig, accessToken, userId, parent.value);
      expect(media.ok && media.value).toMatch(/^\d{17}$/);
      if (!media.ok) return;
      const link = await instagram.permalink(ig, accessToken, media.value);
      expect(link.ok && link.value).toMatch(/^https:\/\/www\.instagram\.com\/p\/[^/]+\/$/);
      const limit = await instagram.publishingLimit(ig, accessToken, userId);
      expect(limit.ok && limit.value).toEqual({ usage: 1, total: 50 });
      // Publishing the same container again must not post twice.
      expect((await instagram.publishContainer(ig, accessToken, userId, parent.value)).ok).toBe(false);
    });

    it("maps Instagram's image errors and an expired token to failure classes", async () => {
      const { accessToken, userId } = await admin<{ accessToken: string; userId: string }>("/tokens", { platform: "instagram", username: "ig_errors" });
      const tall = await instagram.createImageContainer(ig, accessToken, userId, { imageUrl: host.url("/portrait/tall.jpg"), carouselItem: false });
      expect(!tall.ok && tall.error).toMatchObject({ class: "permanent", reason: expect.stringContaining("36003") });
      const early = await instagram.createImageContainer(ig, accessToken, userId, { imageUrl: host.url("/square/early.jpg"), carouselItem: false });
      if (!early.ok) throw new Error(early.error.reason);
      const tooSoon = await instagram.publishContainer(ig, accessToken, userId, early.value);
      expect(!tooSoon.ok && tooSoon.error.class).toBe("retryable");
      await admin("/revoke", { platform: "instagram", username: "ig_errors" });
      const revoked = await instagram.me(ig, accessToken);
      expect(!revoked.ok && revoked.error.class).toBe("needs_reauth");
    });
  });
});
