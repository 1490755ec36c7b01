// The Posts page (dashboard.md §3) in Chromium: the table lists and filters posts; selected rows
// are deleted after a confirmation; the failures view groups failed posts and "Retry all" fixes
// them (and the navigation's badge goes); an exported CSV goes through the import's dry run (a bad
// row's errors by row and column, the good rows' placements) and back in as posts.
import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { type CalendarOrg, type Post, calendarOrg, createPost, dayFromToday, getPost } from "./calendar-setup";

const simulator = () => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1010}`;
const row = (page: Page, postId: string) => page.getByRole("table", { name: "Posts" }).locator(`[data-post-id="${postId}"]`);

test.use({ timezoneId: "UTC" });

async function listPosts(api: APIRequestContext, org: CalendarOrg, body: Record<string, unknown>): Promise<Post[]> {
  const res = await api.post("/api/v1/post", { headers: { Authorization: `Bearer ${org.key}` }, data: body });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: { posts: Post[] } }).data.posts;
}

test("the table lists posts with filters in the URL, and selected rows are deleted after a confirmation", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request, { accounts: 2 });
  const [a, b] = org.accounts;
  const alpha = await createPost(api, org, { accountId: a!.id, postTime: `${dayFromToday(2)}T10:00:00Z`, caption: "alpha launch" });
  const beta = await createPost(api, org, { accountId: b!.id, postTime: `${dayFromToday(3)}T10:00:00Z`, caption: "beta recipe" });
  const gamma = await createPost(api, org, { accountId: a!.id, postTime: `${dayFromToday(4)}T10:00:00Z`, caption: "gamma teaser" });

  await page.goto("/posts");
  await expect(page.getByRole("heading", { name: "Posts", level: 1 })).toBeVisible();
  for (const p of [alpha, beta, gamma]) await expect(row(page, p.id)).toBeVisible();
  await expect(row(page, alpha.id)).toContainText(`@${a!.username}`);
  await expect(row(page, alpha.id)).toContainText("alpha launch");

  await page.getByRole("searchbox", { name: "Search captions" }).fill("RECIPE");
  await expect(page).toHaveURL(/q=RECIPE/);
  await expect(row(page, alpha.id)).toHaveCount(0);
  await expect(row(page, beta.id)).toBeVisible();
  // Filters live in the URL: a shared link (here, an account) shows the same list.
  await page.goto(`/posts?account=${a!.id}&sort=scheduled_desc`);
  await expect(row(page, beta.id)).toHaveCount(0);
  const ids = await page.getByRole("table", { name: "Posts" }).locator("[data-post-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-post-id")));
  expect(ids).toEqual([gamma.id, alpha.id]);

  await page.getByRole("checkbox", { name: `Select post ${alpha.id}` }).check();
  await page.getByRole("checkbox", { name: `Select post ${gamma.id}` }).check();
  await page.getByRole("button", { name: "Delete selected" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete 2 posts?" });
  await confirm.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 posts deleted" })).toBeVisible();
  await expect(row(page, alpha.id)).toHaveCount(0);
  await expect(page.getByText("No post matches these filters.")).toBeVisible();
  expect((await getPost(api, org, alpha.id)).status).toBe("deleted");
  expect((await getPost(api, org, gamma.id)).status).toBe("deleted");
  expect((await getPost(api, org, beta.id)).status).toBe("scheduled");
});

test("the failures view groups failed posts by reason, and Retry all puts them back on schedule", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request, { accounts: 2 });
  // TikTok refuses the next two publishes for good: both posts fail.
  await fetch(`${simulator()}/__admin/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ endpoint: "tiktok.content_init", status: 403, code: "spam_risk_user_banned_from_posting", message: "banned for this test", count: 2 }),
  });
  const posts = [await createPost(api, org, { accountId: org.accounts[0]!.id }), await createPost(api, org, { accountId: org.accounts[1]!.id })];
  for (const p of posts) await expect.poll(async () => (await getPost(api, org, p.id)).status, { timeout: 30_000 }).toBe("failed");

  await page.goto("/compose");
  const badge = page.getByRole("link", { name: "Failures: 2 failed posts" });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(page).toHaveURL(/\/posts\?status=failed$/);
  const group = page.getByRole("listitem", { name: "Other: 2" });
  await expect(group).toContainText("refused these posts for another reason");
  for (const p of posts) await expect(row(page, p.id)).toContainText("banned for this test");
  await group.getByRole("button", { name: "Retry all" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 posts retried" })).toBeVisible();
  for (const p of posts) await expect.poll(async () => (await getPost(api, org, p.id)).status, { timeout: 30_000 }).toMatch(/scheduled|pending|complete/);
  // The badge goes with the failures, without a reload.
  await expect(page.getByTestId("nav-failures")).toHaveCount(0);
  await expect(page.getByText("No failed posts.")).toBeVisible();
});

test("CSV export → import dry run (a bad row's errors by row and column, the good rows' placements) → import", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  const account = org.accounts[0]!;
  const day = dayFromToday(5);
  const first = await createPost(api, org, { accountId: account.id, postTime: `${day}T10:00:00Z`, caption: "=SUM(1,2) first", strict: true });
  const second = await createPost(api, org, { accountId: account.id, postTime: `${day}T15:00:00Z`, caption: "second, with a comma" });

  await page.goto("/posts");
  await expect(row(page, second.id)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  const exported = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = exported.trimEnd().split("\r\n");
  expect(lines[0]).toBe("id,account_id,username,platform,status,scheduled_at,requested_time,strict,caption,image_urls,music_post_id,post_url,error");
  expect(lines).toHaveLength(3);
  // The caption a spreadsheet would run as a formula is defused with an apostrophe (and quoted for its comma).
  expect(lines[1]).toContain(`,"'=SUM(1,2) first",`);

  // The originals go; the file comes back with one bad row: an unknown account, 36 images, a bad
  // date and cells missing at the end.
  const del = await api.post("/api/v1/post/delete", { headers: { Authorization: `Bearer ${org.key}` }, data: { postIds: [first.id, second.id] } });
  expect(del.status()).toBe(200);
  const bad = ["", "3f1c2b9e-6a8d-4c1e-9b7a-2d5e8f0a1b2c", "", "", "", "next week", "", "false", "bad row", Array.from({ length: 36 }, () => org.image).join("|")].join(",");
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import CSV" });
  await dialog.getByLabel("CSV file").setInputFiles({ name: "back.csv", mimeType: "text/csv", buffer: Buffer.from(`${exported}${bad}\r\n`) });
  const dry = dialog.getByRole("table", { name: "Dry run" });
  const badRow = dry.locator('[data-row="4"]');
  await expect(badRow).toContainText("Row 4, column account_id: unknown account");
  await expect(badRow).toContainText("Row 4, column image_urls: must hold at most 35 images");
  await expect(badRow).toContainText("Row 4, column scheduled_at: must be an ISO 8601 time");
  await expect(badRow).toContainText("Row 4, column music_post_id: missing");
  await expect(dry.locator('[data-row="2"]')).toContainText(`@${account.username}`);
  await expect(dry.locator('[data-row="2"]')).toContainText("10:00");
  await expect(dry.locator('[data-row="3"]')).toContainText("15:00");
  // Nothing was written by the dry run.
  expect(await listPosts(api, org, { accountIds: [account.id], status: "scheduled" })).toEqual([]);

  await dialog.getByRole("button", { name: "Import 2 posts" }).click();
  await expect(dialog.getByText("rows 2–3: 2 posts created")).toBeVisible();
  await expect(dialog.getByRole("status").filter({ hasText: "Import finished: 1 of 1 chunk created." })).toBeVisible();
  const back = await listPosts(api, org, { accountIds: [account.id], status: "scheduled" });
  expect(back.map((p) => [p.scheduled_at, (p as Post & { caption: string; strict: boolean }).caption, (p as Post & { strict: boolean }).strict])).toEqual([
    [first.scheduled_at, "=SUM(1,2) first", true],
    [second.scheduled_at, "second, with a comma", false],
  ]);
  await dialog.getByRole("button", { name: "Close" }).click();
  for (const p of back) await expect(row(page, p.id)).toBeVisible();
});
