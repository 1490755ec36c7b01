// The composer's server actions called directly, as a hostile client could: bad bodies get the
// API's 400 shape with field paths and write nothing; a viewer is refused with 403; a good body
// schedules through the same use-case as the API. The session is stubbed; the rest is real.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { posts } from "@/db/schema";
import type { Role } from "@/lib/domain/roles";
import type { AppContext } from "@/lib/server/context";
import type { Member } from "@/lib/server/identity/session";
import { ingestUploadedImage } from "@/lib/server/media/ingest";
import { installAppContext, openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";

const session = vi.hoisted(() => ({ member: null as Member | null }));
vi.mock("@/lib/server/identity/session", () => ({ currentMember: async () => session.member }));

const { scheduleAction, previewScheduleAction } = await import("./compose");

let ctx: AppContext;
let orgId: string;
let accountId: string;
let image: string;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  const { organization } = await makeOrganization(ctx.db);
  orgId = organization.id;
  accountId = (await makeAccount(ctx.db, orgId)).id;
  const bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#0f172a" } }).jpeg().toBuffer();
  const img = await ingestUploadedImage(ctx.db, { organizationId: orgId, bytes, config: ctx.config });
  if (!img.ok) throw img.error;
  image = img.value.url;
});
afterAll(async () => {
  await ctx.close();
});

function as(role: Role) {
  session.member = { userId: "u", userName: "U", email: "u@example.test", organizationId: orgId, organizationName: "O", organizationSlug: "o", role };
}
const count = async () => (await ctx.db.select({ id: posts.id }).from(posts).where(eq(posts.organizationId, orgId))).length;

describe("scheduleAction", () => {
  it.each([
    [{ posts: [{ accountId: null, imageUrls: ["not a url"] }] }, "imageUrls[0]"],
    [{ posts: [{ accountId: "x", imageUrls: ["https://cdn.test/a.jpg"] }] }, "accountId"],
    [{ posts: [{ accountId: null, imageUrls: ["https://cdn.test/a.jpg"], caption: "ok" }, { accountId: null, imageUrls: ["https://cdn.test/a.jpg"], caption: "bad\u0000" }] }, "posts[1].caption"],
    [{ posts: [{ accountId: null, imageUrls: ["https://cdn.test/a.jpg"], extra: true }] }, "extra"],
    [{ posts: [] }, "posts"],
    [{ nothing: 1 }, "nothing"],
  ])("refuses %j with a 400 at %s, writing nothing", async (body, path) => {
    as("editor");
    const before = await count();
    const r = await scheduleAction(body as { posts: unknown[] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.status).toBe(400);
      expect(r.error.details[0]?.path).toBe(path);
    }
    expect(await count()).toBe(before);
  });

  it("refuses a viewer with 403 and writes nothing; an editor schedules", async () => {
    const body = { posts: [{ accountId, imageUrls: [image], postTime: new Date(Date.now() + 86_400_000).toISOString() }] };
    as("viewer");
    const before = await count();
    const refused = await scheduleAction(body);
    expect(refused).toMatchObject({ ok: false, error: { status: 403, type: "forbidden" } });
    expect(await count()).toBe(before);
    const preview = await previewScheduleAction(body.posts[0]);
    expect(preview.ok).toBe(true);
    as("editor");
    const made = await scheduleAction(body);
    expect(made.ok).toBe(true);
    expect(await count()).toBe(before + 1);
  });
});
