// The composer opened from the calendar (dashboard.md §2): "Edit" (?edit=) loads a post and saves
// it through the update use-case, refusing a version changed elsewhere; "Duplicate" (?duplicate=)
// makes a second post of the same images; a free slot (?account=&at=) aims the draft at that
// account and instant. Posts are made through the API and checked through it. The browser runs in
// New York (a negative offset), so times are read in a zone that is not the server's.
import type { APIRequestContext, Page } from "@playwright/test";
import sharp from "sharp";
import { addDays, localDay, zonedInstant } from "../lib/domain/time";
import { expect, test } from "./fixtures";
import { PASSWORD, runCli, uniqueEmail } from "./helpers";

const ZONE = "America/New_York";
test.use({ timezoneId: ZONE });

type Post = { id: string; account_id: string; caption: string; media_urls: string[]; scheduled_at: string; strict: boolean; status: string };
type Org = { email: string; auth: { Authorization: string }; account: { id: string; username: string } };

async function orgWithAccount(name: string): Promise<Org> {
  const email = uniqueEmail("edit");
  const org = await runCli(["org", "create", "--name", name, "--owner-email", email, "--password", PASSWORD]);
  expect(org.code, org.stderr).toBe(0);
  const { slug } = JSON.parse(org.stdout) as { slug: string };
  const connected = await runCli(["accounts", "connect-simulated", "--org", slug, "--platform", "tiktok", "--count", "1"]);
  expect(connected.code, connected.stderr).toBe(0);
  const auth = { Authorization: `Bearer ${(await runCli(["api-key", "create", "--org", slug])).stdout.trim()}` };
  return { email, auth, account: { id: "", username: "" } };
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/compose$/);
}

async function upload(request: APIRequestContext, org: Org, color: string): Promise<string> {
  const buffer = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: color } }).jpeg().toBuffer();
  // Uploads go straight to the app: the contract proxy re-encodes binary bodies as text.
  const res = await request.post("/api/v1/media", { headers: org.auth, multipart: { file: { name: "s.jpg", mimeType: "image/jpeg", buffer } } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { data: { url: string } }).data.url;
}

/** A day away from today in the viewer's zone, and an instant on it, so dates are deterministic. */
function dayAhead(n: number): string {
  return addDays(localDay(new Date(), ZONE), n);
}
const at = (day: string, time: string) => zonedInstant(day, time, ZONE)!.toISOString();

async function setUp(api: APIRequestContext, request: APIRequestContext, name: string) {
  const org = await orgWithAccount(name);
  const accounts = (await (await api.post("/api/v1/accounts", { headers: org.auth, data: {} })).json()) as { data: { accounts: { id: string; username: string }[] } };
  org.account = accounts.data.accounts[0]!;
  const imageUrls = [await upload(request, org, "#dc2626"), await upload(request, org, "#2563eb")];
  const created = await api.post("/api/v1/post/slideshow", {
    headers: org.auth,
    data: { accountId: org.account.id, imageUrls, caption: "Original caption #one", postTime: at(dayAhead(3), "15:00"), strict: true },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { org, post: ((await created.json()) as { data: Post }).data };
}

async function status(api: APIRequestContext, org: Org, postId: string): Promise<Post> {
  return ((await (await api.post("/api/v1/post/status", { headers: org.auth, data: { postId } })).json()) as { data: Post }).data;
}

const slides = (page: Page) => page.getByRole("list", { name: "Slides" }).getByRole("listitem");

test("Edit loads the post, saves a new caption and time, and refuses a version changed elsewhere", async ({ page, api, request }, testInfo) => {
  const { org, post } = await setUp(api, request, "Edit Studio");
  await signIn(page, org.email);
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.goto(`/compose?edit=${post.id}`);

  const day = dayAhead(3);
  await expect(slides(page)).toHaveCount(2);
  await expect(page.getByRole("textbox", { name: "Caption" })).toHaveValue("Original caption #one");
  await expect(page.getByRole("combobox", { name: "Account" })).toHaveValue(`@${org.account.username}`);
  await expect(page.getByLabel("Post time")).toHaveValue(`${day}T15:00`);
  await expect(page.getByRole("checkbox", { name: "Exact time (strict)" })).toBeChecked();
  // One post on one account: no pool, no copies, and the button saves rather than schedules.
  await expect(page.getByRole("radio", { name: "Choose automatically" })).toHaveCount(0);
  await expect(page.getByRole("spinbutton", { name: "Copies" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Schedule", exact: true })).toHaveCount(0);
  await expect(page.getByRole("status", { name: "Schedule preview" })).toContainText("Stays:");
  await page.screenshot({ path: testInfo.outputPath("compose-edit-1280.png"), fullPage: true });

  await page.getByRole("textbox", { name: "Caption" }).fill("Edited caption #two");
  await page.getByLabel("Post time").fill(`${day}T16:30`);
  await expect(page.getByRole("status", { name: "Schedule preview" })).toContainText("16:30 New York");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved: @${org.account.username} at`).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "View in calendar" })).toHaveAttribute("href", `/calendar?date=${day}`);

  const saved = await status(api, org, post.id);
  expect(saved).toMatchObject({ caption: "Edited caption #two", scheduled_at: at(day, "16:30"), media_urls: post.media_urls, strict: true, status: "scheduled" });
  // Saving clears the edit's draft; the new slideshow's draft was never touched.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":edit:")))).toEqual([]);

  // Someone else changes it: the next edit here is refused, beside the button, with a way back.
  const elsewhere = await api.post("/api/v1/post/update", { headers: org.auth, data: { postId: post.id, caption: "Changed in another tab" } });
  expect(elsewhere.ok(), await elsewhere.text()).toBe(true);
  await page.getByRole("textbox", { name: "Caption" }).fill("Mine, on the old version");
  await expect(page.getByRole("alert").filter({ hasText: "changed elsewhere" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
  expect((await status(api, org, post.id)).caption).toBe("Changed in another tab");
});

test("Duplicate starts from the post's images, caption and account and schedules a second post", async ({ page, api, request }) => {
  const { org, post } = await setUp(api, request, "Duplicate Studio");
  await signIn(page, org.email);
  await page.goto(`/compose?duplicate=${post.id}`);

  await expect(slides(page)).toHaveCount(2);
  await expect(page.getByRole("textbox", { name: "Caption" })).toHaveValue("Original caption #one");
  await expect(page.getByRole("combobox", { name: "Account" })).toHaveValue(`@${org.account.username}`);
  await expect(page.getByRole("radio", { name: "Post now" })).toBeChecked();
  await page.getByRole("radio", { name: "Schedule for" }).check();
  const day = dayAhead(4);
  await page.getByLabel("Post time").fill(`${day}T15:00`);
  await expect(page.getByRole("status", { name: "Schedule preview" })).toContainText("15:00 New York");
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByRole("link", { name: "View in calendar" })).toBeVisible();

  const list = ((await (await api.post("/api/v1/post", { headers: org.auth, data: {} })).json()) as { data: { posts: Post[] } }).data.posts;
  expect(list).toHaveLength(2);
  const copy = list.find((p) => p.id !== post.id)!;
  expect(copy).toMatchObject({ account_id: post.account_id, caption: post.caption, media_urls: post.media_urls, strict: true, scheduled_at: at(day, "15:00") });
  expect(await status(api, org, post.id)).toMatchObject({ caption: post.caption, scheduled_at: post.scheduled_at });
});

test("a free slot's link aims the draft at that account and time; a post of no one's says so", async ({ page, api, request }) => {
  const { org } = await setUp(api, request, "Slot Studio");
  await signIn(page, org.email);
  await page.getByRole("textbox", { name: "Caption" }).fill("Draft in progress");
  const day = dayAhead(5);
  await page.goto(`/compose?account=${org.account.id}&at=${encodeURIComponent(at(day, "09:15"))}`);

  await expect(page.getByRole("combobox", { name: "Account" })).toHaveValue(`@${org.account.username}`);
  await expect(page.getByRole("radio", { name: "Schedule for" })).toBeChecked();
  await expect(page.getByLabel("Post time")).toHaveValue(`${day}T09:15`);
  await expect(page.getByRole("textbox", { name: "Caption" })).toHaveValue("Draft in progress");
  // The draft holds the slot now: the query is gone, and a reload keeps it.
  await expect(page).toHaveURL(/\/compose$/);
  await page.reload();
  await expect(page.getByLabel("Post time")).toHaveValue(`${day}T09:15`);

  await page.goto("/compose?edit=00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("alert").filter({ hasText: "was not found in this organization" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
});
