// What the calendar specs share: an organization signed in on `page` with connected simulated
// accounts, an API key, a stored image, posts made through the public API, and a pointer drag
// that dnd-kit recognises (press, move past the 6 px threshold in steps, release).
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import sharp from "sharp";
import { expect } from "./fixtures";
import { runCli, signUp, uniqueEmail } from "./helpers";

export type CalendarOrg = { name: string; id: string; key: string; accounts: { id: string; username: string }[]; image: string };
export type Post = { id: string; account_id: string; scheduled_at: string; status: string; updated_at: string };

export async function calendarOrg(page: Page, request: APIRequestContext, opts: { accounts?: number; timezone?: string } = {}): Promise<CalendarOrg> {
  const name = `Calendar ${Date.now().toString(36)}`;
  await signUp(page, { org: name, email: uniqueEmail("calendar") });
  const orgs = (await (await page.request.get("/api/auth/organization/list")).json()) as { id: string; name: string }[];
  const id = orgs.find((o) => o.name === name)!.id;
  const key = (await runCli(["api-key", "create", "--org", id])).stdout.trim();
  const connected = await runCli(["accounts", "connect-simulated", "--org", id, "--platform", "tiktok", "--count", String(opts.accounts ?? 1), "--timezone", opts.timezone ?? "UTC"]);
  expect(connected.code, connected.stderr).toBe(0);
  const accounts = (JSON.parse(connected.stdout) as { id: string; username: string }[]).sort((a, b) => a.username.localeCompare(b.username));
  const jpeg = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#4338ca" } }).jpeg().toBuffer();
  const up = await request.post("/api/v1/media", { headers: { Authorization: `Bearer ${key}` }, multipart: { file: { name: "c.jpg", mimeType: "image/jpeg", buffer: jpeg } } });
  expect(up.status()).toBe(201);
  const image = ((await up.json()) as { data: { url: string } }).data.url;
  return { name, id, key, accounts, image };
}

export async function createPost(api: APIRequestContext, org: CalendarOrg, body: { accountId: string; postTime?: string; strict?: boolean; caption?: string }): Promise<Post> {
  const res = await api.post("/api/v1/post/slideshow", { headers: { Authorization: `Bearer ${org.key}` }, data: { imageUrls: [org.image], caption: "calendar spec", ...body } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { data: Post }).data;
}

export async function getPost(api: APIRequestContext, org: CalendarOrg, postId: string): Promise<Post> {
  const res = await api.post("/api/v1/post/status", { headers: { Authorization: `Bearer ${org.key}` }, data: { postId } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: Post }).data;
}

/** A day `n` days after today (UTC), "YYYY-MM-DD", and the Wednesday of next week: always ahead, always in one week view. */
export function dayFromToday(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}
export function nextWeekDay(weekday: number): string {
  const today = new Date();
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7) + 7));
  return new Date(monday.getTime() + weekday * 86_400_000).toISOString().slice(0, 10);
}

/** Drags `source` onto `target` with the mouse, in small steps as a hand would. */
export async function drag(page: Page, source: Locator, target: Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  await target.scrollIntoViewIfNeeded();
  const to = (await target.boundingBox())!;
  // Released at once: waiting here lets dnd-kit's auto-scroll move the grid under a pointer
  // that rests near an edge, and the drop would land on another time.
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}
