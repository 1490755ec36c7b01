// The calendar (dashboard.md §2) in Chromium: drags in the week, month (across a DST change) and
// board views persist; a drop the rules refuse rolls back with the reason; keyboard moves; the
// post panel's retry and delete; live status after the worker publishes; two tabs racing; roles.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { calendarOrg, createPost, dayFromToday, drag, getPost, nextWeekDay } from "./calendar-setup";
import { addMember } from "./helpers";

const simulator = () => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1010}`;
const card = (page: Page, postId: string) => page.locator(`[data-post-id="${postId}"]`);
const cell = (page: Page, time: string) => page.locator(`[data-drop="cell"][data-time="${time}"]`);

test.use({ timezoneId: "UTC" });

test("a week drag moves a post to exactly that time, and it is still there after a reload", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  const wed = nextWeekDay(2);
  const thu = nextWeekDay(3);
  const post = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${wed}T10:00:00Z` });
  await page.goto(`/calendar?view=week&date=${wed}`);
  await expect(page.getByRole("heading", { name: "Calendar" })).toBeVisible();
  const name = `@${org.accounts[0]!.username} 10:00 scheduled`;
  await expect(page.getByRole("button", { name })).toBeVisible();
  await expect(page.locator(`[data-day="${wed}"]`).first()).toBeVisible();

  await drag(page, card(page, post.id), cell(page, `${thu}T14:15`));
  await expect(page.getByRole("status").filter({ hasText: "Moved" })).toContainText(`@${org.accounts[0]!.username}`);
  await expect(page.getByRole("button", { name: `@${org.accounts[0]!.username} 14:15 scheduled` })).toBeVisible();
  expect((await getPost(api, org, post.id)).scheduled_at).toBe(`${thu}T14:15:00.000Z`);

  await page.reload();
  await expect(page.locator(`[data-day="${thu}"] [data-post-id="${post.id}"]`)).toHaveAccessibleName(`@${org.accounts[0]!.username} 14:15 scheduled`);
});

test("a drop into another post's minimum gap or onto a full day goes back, and the alert names the post or the cap", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  const wed = nextWeekDay(2);
  const blocking = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${wed}T10:00:00Z` });
  const moving = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${wed}T14:00:00Z`, strict: true });
  // Both in the grid's first view (08:00–16:00 at 720 px): no scrolling during the drag, which
  // dnd-kit's auto-scroll near the edges could turn into a drop on another hour.
  await page.goto(`/calendar?view=week&date=${wed}`);
  await drag(page, card(page, moving.id), cell(page, `${wed}T10:30`));
  await expect(page.getByRole("alert").filter({ hasText: "was not moved" })).toContainText(blocking.id);
  await expect(card(page, moving.id)).toHaveAccessibleName(`@${org.accounts[0]!.username} 14:00 scheduled`);
  expect((await getPost(api, org, moving.id)).scheduled_at).toBe(`${wed}T14:00:00.000Z`);

  // A day already at the account's daily cap: the month drop goes back, and the alert names the cap.
  const cap = await api.post("/api/v1/accounts/update-info", { headers: { Authorization: `Bearer ${org.key}` }, data: { accountIds: [org.accounts[0]!.id], dailyCap: 1 } });
  expect(cap.status(), await cap.text()).toBe(200);
  const thu = nextWeekDay(3);
  await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${thu}T09:00:00Z` });
  await page.goto(`/calendar?view=month&date=${wed}`);
  await drag(page, card(page, moving.id), page.locator(`[data-drop="day"][data-day="${thu}"]`));
  await expect(page.getByRole("alert").filter({ hasText: "was not moved" })).toContainText("daily cap of 1");
  await expect(page.locator(`[data-day="${wed}"] [data-post-id="${moving.id}"]`)).toBeVisible();
  expect((await getPost(api, org, moving.id)).scheduled_at).toBe(`${wed}T14:00:00.000Z`);
});

test("by keyboard: Space lifts, arrows step 15 minutes and a day, Space drops; Escape cancels; the past is refused", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  const wed = nextWeekDay(2);
  const thu = nextWeekDay(3);
  const post = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${wed}T10:00:00Z` });
  await page.goto(`/calendar?view=week&date=${wed}`);
  const c = card(page, post.id);
  await c.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  await expect(c).toHaveAccessibleName(`@${org.accounts[0]!.username} 10:30 scheduled`);
  await expect.poll(async () => (await getPost(api, org, post.id)).scheduled_at).toBe(`${thu}T10:30:00.000Z`);

  // Escape puts it back without a write.
  await c.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Escape");
  await expect(c).toHaveAccessibleName(`@${org.accounts[0]!.username} 10:30 scheduled`);

  // A post tomorrow moved two days back lands in the past: refused, with the reason.
  const tomorrow = dayFromToday(1);
  const soon = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${tomorrow}T12:00:00Z` });
  await page.goto(`/calendar?view=week&date=${tomorrow}`);
  await card(page, soon.id).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Space");
  await expect(page.getByRole("alert").filter({ hasText: "was not moved" })).toContainText("past");
  expect((await getPost(api, org, soon.id)).scheduled_at).toBe(`${tomorrow}T12:00:00.000Z`);
});

test.describe("in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  test("a month drag keeps the local time of day across the spring-forward change", async ({ page, request, api }) => {
    const org = await calendarOrg(page, request, { timezone: "America/New_York" });
    // 10:00 EST on Wednesday 10 March 2027 is 15:00Z; 10:00 EDT on the 17th is 14:00Z.
    const post = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: "2027-03-10T15:00:00Z" });
    await page.goto("/calendar?view=month&date=2027-03-01");
    await expect(page.getByRole("heading", { name: "March 2027" })).toBeVisible();
    await drag(page, card(page, post.id), page.locator('[data-drop="day"][data-day="2027-03-17"]'));
    await expect(page.locator(`[data-day="2027-03-17"] [data-post-id="${post.id}"]`)).toHaveAccessibleName(`@${org.accounts[0]!.username} 10:00 scheduled`);
    await expect.poll(async () => (await getPost(api, org, post.id)).scheduled_at).toBe("2027-03-17T14:00:00.000Z");
  });
});

test("the board moves a post to another account and time", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request, { accounts: 2 });
  const [a, b] = org.accounts as [CalendarAccount, CalendarAccount];
  const wed = nextWeekDay(2);
  const post = await createPost(api, org, { accountId: a.id, postTime: `${wed}T10:00:00Z` });
  await page.goto(`/calendar?view=board&date=${wed}`);
  await expect(page.getByRole("region", { name: /Slot board, 2 accounts/ })).toBeVisible();
  await expect(page.locator(`[data-row-account-id="${a.id}"]`)).toContainText("today 1 /");
  // 11:00, not further right: a pointer resting in the board's right fifth makes dnd-kit scroll
  // it sideways, and a release a moment later lands a cell or two on.
  await drag(page, card(page, post.id), page.locator(`[data-drop="board"][data-account-id="${b.id}"][data-time="${wed}T11:00"]`));
  await expect(page.locator(`[data-row-account-id="${b.id}"] [data-post-id="${post.id}"]`)).toHaveAccessibleName(`@${b.username} 11:00 scheduled`);
  await expect.poll(async () => (await getPost(api, org, post.id)).account_id).toBe(b.id);
  expect((await getPost(api, org, post.id)).scheduled_at).toBe(`${wed}T11:00:00.000Z`);
  await expect(page.locator(`[data-row-account-id="${b.id}"]`)).toContainText("today 1 /");
});
type CalendarAccount = { id: string; username: string };

test("the post panel retries a failed post and deletes one after a confirmation", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  // TikTok refuses the next publish for good: the post fails.
  await fetch(`${simulator()}/__admin/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ endpoint: "tiktok.content_init", status: 403, code: "spam_risk_user_banned_from_posting", message: "banned for this test" }),
  });
  const post = await createPost(api, org, { accountId: org.accounts[0]!.id });
  await expect.poll(async () => (await getPost(api, org, post.id)).status, { timeout: 30_000 }).toBe("failed");

  await page.goto(`/calendar?view=week&date=${dayFromToday(0)}`);
  await card(page, post.id).click();
  const panel = page.getByRole("dialog", { name: "Post details" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("link", { name: "Edit" })).toHaveAttribute("href", `/compose?edit=${post.id}`);
  await expect(panel.getByRole("link", { name: "Duplicate" })).toHaveAttribute("href", `/compose?duplicate=${post.id}`);
  await expect(panel.getByTestId("panel-status")).toHaveText("failed");
  await expect(panel.getByText("Created")).toBeVisible();
  await panel.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Retrying" })).toBeVisible();
  await expect.poll(async () => (await getPost(api, org, post.id)).status, { timeout: 30_000 }).toMatch(/scheduled|pending|complete/);

  const later = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${nextWeekDay(2)}T10:00:00Z` });
  await page.goto(`/calendar?view=week&date=${nextWeekDay(2)}`);
  await card(page, later.id).press("Enter");
  await panel.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog", { name: "Delete this post?" }).getByRole("button", { name: "Yes, delete" }).click();
  await expect(card(page, later.id)).toHaveCount(0);
  expect((await getPost(api, org, later.id)).status).toBe("deleted");
});

test("a card changes colour when the worker publishes it, without a reload; a published post cannot be dragged", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  await page.goto(`/calendar?view=week&date=${dayFromToday(0)}`);
  const post = await createPost(api, org, { accountId: org.accounts[0]!.id });
  // Not on the page yet; the live refresh brings it, then its status, with no reload.
  await expect(card(page, post.id)).toHaveAttribute("data-status", "complete", { timeout: 40_000 });
  await expect(card(page, post.id)).not.toHaveAttribute("data-movable", "");
});

test("two tabs move one post at once: one wins, the other says so and shows where it really is", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  const wed = nextWeekDay(2);
  const post = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${wed}T10:00:00Z` });
  const other = await page.context().newPage();
  await page.goto(`/calendar?view=week&date=${wed}`);
  await other.goto(`/calendar?view=week&date=${wed}`);
  await expect(card(other, post.id)).toBeVisible();
  // The second tab's live refresh is held back, so it still shows the post as it first loaded.
  await other.route("**/api/calendar/range?*", (route) => (route.request().url().includes("changedSince") ? route.abort() : route.continue()));

  await drag(page, card(page, post.id), cell(page, `${wed}T13:00`));
  await expect.poll(async () => (await getPost(api, org, post.id)).scheduled_at).toBe(`${wed}T13:00:00.000Z`);
  await drag(other, card(other, post.id), cell(other, `${wed}T18:00`));
  await expect(other.getByRole("alert").filter({ hasText: "was not moved" })).toContainText("changed elsewhere");
  await expect(card(other, post.id)).toHaveAccessibleName(`@${org.accounts[0]!.username} 13:00 scheduled`);
  expect((await getPost(api, org, post.id)).scheduled_at).toBe(`${wed}T13:00:00.000Z`);
});

test("a viewer sees the calendar but cannot drag or edit", async ({ page, request, api, browser }) => {
  const org = await calendarOrg(page, request);
  const wed = nextWeekDay(2);
  const post = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${wed}T10:00:00Z` });
  const { page: viewer, close } = await addMember(page, browser, { org: org.name, role: "viewer" });
  await viewer.goto(`/calendar?view=week&date=${wed}`);
  const c = card(viewer, post.id);
  await expect(c).toBeVisible();
  await expect(c).not.toHaveAttribute("data-movable", "");
  await c.click();
  const panel = viewer.getByRole("dialog", { name: "Post details" });
  await expect(panel.getByRole("button", { name: "Move" })).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Delete" })).toBeDisabled();
  await expect(panel.getByText("Your role (viewer) can't change posts.")).toBeVisible();
  await close();
});

test("narrowed to one account, its slots are drawn: a free one opens the composer at that time, a taken one says why", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  const account = org.accounts[0]!;
  const wed = nextWeekDay(2);
  const post = await createPost(api, org, { accountId: account.id, postTime: `${wed}T12:00:00Z` });
  await page.goto(`/calendar?view=week&date=${wed}&account=${account.id}`);
  const day = page.locator(`[data-day="${wed}"]`).last();
  await expect(day.getByLabel(/^Unavailable slot 12:00/)).toHaveAccessibleName(new RegExp(`post ${post.id}`));
  const free = day.getByRole("link", { name: "Free slot 09:00: compose a post for it" });
  await expect(free).toHaveAttribute("href", `/compose?account=${account.id}&at=${wed}T09%3A00%3A00.000Z`);
  await free.click();
  // The composer takes the account and the time, then drops the query (a reload keeps the draft).
  await expect(page.getByRole("heading", { name: "Compose" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Account" })).toHaveValue(`@${account.username}`);
  await expect(page.getByRole("radio", { name: "Schedule for" })).toBeChecked();
  await expect(page.getByLabel("Post time")).toHaveValue(`${wed}T09:00`);
});
