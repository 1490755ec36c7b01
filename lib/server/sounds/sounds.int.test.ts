// The sound library against the simulator's oEmbed: resolve, keep, count uses, list most used first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccount, makeOrganization } from "@/test/factories";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { createSlideshow } from "../posts/posts";
import { listSoundLibrary, resolveSound } from "./sounds";

let h: PublishingHarness;
beforeAll(async () => {
  h = await startPublishing();
});
afterAll(async () => {
  await h.close();
});

describe("the sound library", () => {
  it("resolves a video link through oEmbed and keeps its title, author, thumbnail and sound", async () => {
    const { organization } = await makeOrganization(h.app.db);
    const r = await resolveSound(h.ctx, organization.id, { sound: "https://www.tiktok.com/@sim_dj/video/7448335796416843001?is_from_webapp=1" });
    if (!r.ok) throw r.error;
    expect(r.value.warning).toBeNull();
    expect(r.value.sound).toMatchObject({ tiktok_post_id: "7448335796416843001", title: "Sunset mix #fyp", author: "Sim DJ", music_title: "Golden Hour Loop", usage_count: 0 });
    expect(r.value.sound.thumbnail_url).toMatch(/^http/);
  });

  it("keeps an id it cannot resolve, with a warning, never an error", async () => {
    const { organization } = await makeOrganization(h.app.db);
    const unknown = await resolveSound(h.ctx, organization.id, { sound: "https://www.tiktok.com/@nobody/video/1234567890123456789" });
    if (!unknown.ok) throw unknown.error;
    expect(unknown.value.warning).toMatch(/did not describe/);
    const bare = await resolveSound(h.ctx, organization.id, { sound: "7559313483398008095" });
    if (!bare.ok) throw bare.error;
    expect(bare.value.warning).toMatch(/id alone/);
    expect(bare.value.sound.title).toBeNull();
  });

  it.each([["https://vm.tiktok.com/ZMabc/"], ["not a link"], ["x".repeat(501)], ["nul\u0000"]])("refuses %s with a 400 naming sound", async (sound) => {
    const { organization } = await makeOrganization(h.app.db);
    const r = await resolveSound(h.ctx, organization.id, { sound });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.status).toBe(400);
      expect(r.error.details[0]?.path).toBe("sound");
    }
  });

  it("counts the posts using each sound and lists the most used first, searchable, per organization", async () => {
    const { organization } = await makeOrganization(h.app.db);
    const other = await makeOrganization(h.app.db);
    const account = await makeAccount(h.app.db, organization.id, { minGapMinutes: 0, dailyCap: 100 });
    const img = await h.storedImage(organization.id, 1080, 1920, "#65a30d");
    await resolveSound(h.ctx, organization.id, { sound: "https://www.tiktok.com/@sim_band/video/7448335796416843002" });
    await resolveSound(h.ctx, other.organization.id, { sound: "https://www.tiktok.com/@sim_lofi/video/7448335796416843003" });
    const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    for (const [i, id] of ["7448335796416843002", "7000000000000000001", "7000000000000000001"].entries()) {
      const p = await createSlideshow(h.ctx, organization.id, { accountId: account.id, imageUrls: [img], musicPostId: id, postTime: at(i + 1) }, new Date());
      if (!p.ok) throw p.error;
    }
    const all = await listSoundLibrary(h.app.db, organization.id, {});
    if (!all.ok) throw all.error;
    expect(all.value.sounds.map((s) => [s.tiktok_post_id, s.usage_count])).toEqual([
      ["7000000000000000001", 2],
      ["7448335796416843002", 1],
    ]);
    const found = await listSoundLibrary(h.app.db, organization.id, { search: "sim band" });
    if (!found.ok) throw found.error;
    expect(found.value.sounds.map((s) => s.tiktok_post_id)).toEqual(["7448335796416843002"]);
  });
});
