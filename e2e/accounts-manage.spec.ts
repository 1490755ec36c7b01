// Running many accounts from the Accounts page (dashboard.md §4): bulk relabel then the calendar
// filtered by the new tag; pause and resume; the settings dialog's posting times (a bad entry
// refused by day and entry, then times a non-strict post is placed on); disconnecting with its
// scheduled posts deleted; an editor sees the bulk actions disabled with the reason.
import { calendarOrg, createPost, dayFromToday, getPost, nextWeekDay } from "./calendar-setup";
import { expect, test } from "./fixtures";
import { addMember } from "./helpers";

test.use({ timezoneId: "UTC" });

test("bulk relabel 3 accounts, then the calendar filtered by the new tag shows only their posts; pause and resume", async ({ page, request, api }) => {
  // A whole journey (sign-up, accounts, several pages and a second browser): more than a minute on a loaded machine.
  test.slow();
  const org = await calendarOrg(page, request, { accounts: 4 });
  const [a, b, c, d] = org.accounts;
  const wed = nextWeekDay(2);
  const tagged = await createPost(api, org, { accountId: a!.id, postTime: `${wed}T10:00:00Z` });
  const other = await createPost(api, org, { accountId: d!.id, postTime: `${wed}T14:00:00Z` });

  await page.goto("/accounts");
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
  const table = page.getByRole("table", { name: "Accounts" });
  await expect(table.getByRole("row")).toHaveCount(5);
  for (const x of [a, b, c]) await table.getByRole("checkbox", { name: `Select @${x!.username}` }).check();
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toContainText("3 selected");

  await page.getByRole("button", { name: "Set labels" }).click();
  const dialog = page.getByRole("dialog", { name: "Set labels" });
  await dialog.getByRole("combobox", { name: "Tag: what to do" }).selectOption("set");
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog.getByText("must not be empty (or choose Clear)")).toBeVisible();
  await dialog.getByLabel("New tag").fill("spring");
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Set tag" })).toHaveText("Set tag “spring” on 3 accounts.");
  await expect(dialog).toHaveCount(0);
  for (const x of [a, b, c]) await expect(table.locator(`tr[data-account-id="${x!.id}"]`)).toContainText("spring");
  await expect(table.locator(`tr[data-account-id="${d!.id}"]`)).not.toContainText("spring");
  await expect(page.getByRole("list", { name: "Tags" }).getByRole("listitem").filter({ hasText: "spring" })).toContainText("3 accounts");

  // Pause one and resume it, from the same bar.
  await page.getByRole("button", { name: "Clear selection" }).click();
  await table.getByRole("checkbox", { name: `Select @${d!.username}` }).check();
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Paused on" })).toHaveText("Paused on 1 account.");
  await expect(table.locator(`tr[data-account-id="${d!.id}"]`)).toContainText("paused");
  // Its post is shown as held on the calendar, and says why.
  await page.goto(`/calendar?view=week&date=${wed}`);
  await expect(page.locator(`[data-post-id="${other.id}"]`)).toHaveAccessibleName(`@${d!.username} 14:00 held`);
  await expect(page.locator(`[data-post-id="${other.id}"]`)).toHaveAttribute("title", /^Held: its account is paused/);
  await page.goto("/accounts");
  await table.getByRole("checkbox", { name: `Select @${d!.username}` }).check();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(table.locator(`tr[data-account-id="${d!.id}"]`)).toContainText("active");

  // Search narrows the table; the filter by tag too.
  await page.getByLabel("Search accounts").fill(`@${d!.username}`);
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Search accounts").fill("");
  await page.getByRole("combobox", { name: "Tag", exact: true }).selectOption("spring");
  await expect(table.getByRole("row")).toHaveCount(4);

  await page.getByRole("link", { name: "Show tag spring in calendar" }).click();
  await expect(page).toHaveURL(/\/calendar\?tag=spring$/);
  await page.goto(`/calendar?view=week&date=${wed}&tag=spring`);
  await expect(page.locator(`[data-post-id="${tagged.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-post-id="${other.id}"]`)).toHaveCount(0);
});

test("posting times: 25:00 is refused by day and entry; saved times are where a non-strict post lands", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request, { accounts: 1 });
  const [a] = org.accounts;
  await page.goto("/accounts");
  await page.getByRole("button", { name: `Settings for @${a!.username}` }).click();
  const dialog = page.getByRole("dialog", { name: "Account settings" });
  await expect(dialog).toBeVisible();

  const monday = dialog.getByRole("listitem", { name: "Monday" });
  await monday.getByRole("textbox", { name: "Monday time 1", exact: true }).fill("25:00");
  await expect(monday.getByRole("alert")).toHaveText('Monday, time 1: must be a time "HH:mm" (00:00–23:59)');
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await expect(dialog).toBeVisible();

  // One time on Monday, copied to every day.
  await monday.getByRole("textbox", { name: "Monday time 1", exact: true }).fill("07:45");
  while ((await monday.getByRole("button", { name: /^Remove Monday time/ }).count()) > 1) {
    await monday.getByRole("button", { name: "Remove Monday time 2" }).click();
  }
  await dialog.getByRole("button", { name: "Copy Monday to all days" }).click();
  await expect(dialog.getByRole("listitem", { name: "Sunday" }).getByRole("textbox", { name: "Sunday time 1", exact: true })).toHaveValue("07:45");
  await expect(dialog.getByRole("textbox", { name: "Sunday time 2", exact: true })).toHaveCount(0);
  await dialog.getByLabel("Daily cap").fill("0");
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await expect(dialog.getByText("must be at least 1")).toBeVisible();
  await dialog.getByLabel("Daily cap").fill("3");
  // The privacy levels are the ones TikTok (here its simulator) offers this creator now.
  await expect(dialog.getByText("The options TikTok allows this creator now.")).toBeVisible();
  await dialog.getByLabel("TikTok privacy level").selectOption("SELF_ONLY");
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "posting times" })).toHaveText(
    "Set the posting times, set the daily cap to 3 and set the privacy level to SELF_ONLY on 1 account.",
  );
  await expect(dialog).toHaveCount(0);

  // 07:00 two days on is taken; a non-strict post asked for then goes to the first of the new
  // slots it may use: 07:45 that day is inside the 2-hour gap, so 07:45 the day after (with the
  // default times it would have been 09:00 the same day).
  const day = dayFromToday(2);
  await createPost(api, org, { accountId: a!.id, postTime: `${day}T07:00:00Z`, strict: true });
  const post = await createPost(api, org, { accountId: a!.id, postTime: `${day}T07:00:00Z` });
  expect(post.scheduled_at).toBe(`${dayFromToday(3)}T07:45:00.000Z`);
  await page.reload();
  await expect(page.getByRole("table", { name: "Accounts" }).locator(`tr[data-account-id="${a!.id}"]`)).toContainText("0 / 3");
});

test("disconnect says what happens to the scheduled posts, deletes them when asked, and the account waits for a reconnect", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request, { accounts: 1 });
  const [a] = org.accounts;
  const post = await createPost(api, org, { accountId: a!.id, postTime: `${nextWeekDay(2)}T10:00:00Z` });
  await page.goto("/accounts");
  await page.getByRole("button", { name: `Settings for @${a!.username}` }).click();
  const dialog = page.getByRole("dialog", { name: "Account settings" });
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  const ask = dialog.getByRole("alertdialog", { name: `Disconnect @${a!.username}?` });
  await expect(ask).toContainText("Its 1 post still to go out:");
  await ask.getByLabel("Delete them").check();
  await ask.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Disconnected" })).toHaveText(`Disconnected @${a!.username}; 1 post deleted.`);
  await expect(page.getByRole("table", { name: "Accounts" }).locator(`tr[data-account-id="${a!.id}"]`)).toContainText("reconnect needed");
  expect((await getPost(api, org, post.id)).status).toBe("deleted");
});

test("an editor sees the bulk actions disabled with the reason", async ({ page, request, browser }) => {
  const org = await calendarOrg(page, request, { accounts: 1 });
  const editor = await addMember(page, browser, { org: org.name, role: "editor" });
  try {
    await editor.page.goto("/accounts");
    const table = editor.page.getByRole("table", { name: "Accounts" });
    await table.getByRole("checkbox", { name: `Select @${org.accounts[0]!.username}` }).check();
    await expect(editor.page.getByRole("button", { name: "Pause" })).toBeDisabled();
    await expect(editor.page.getByRole("button", { name: "Pause" })).toHaveAttribute("title", "Your role (editor) can't do this. Ask an owner or admin.");
    await expect(editor.page.getByRole("button", { name: "Connect TikTok" })).toHaveCount(0);
  } finally {
    await editor.close();
  }
});
