// Groups on the Accounts page (dashboard.md §4): the labels in use with their counts; renaming
// one onto a label in use merges them and says so; "Calendar" opens the calendar on that label.
import { calendarOrg } from "./calendar-setup";
import { expect, test } from "./fixtures";

test("renaming a tag onto one in use merges the groups, says so, and the calendar filters by it", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request, { accounts: 3 });
  const headers = { Authorization: `Bearer ${org.key}` };
  const ids = org.accounts.map((x) => x.id);
  for (const [accountIds, tag] of [[ids.slice(0, 2), "food"], [ids.slice(2), "cooking"]] as const) {
    const res = await api.post("/api/v1/accounts/update-info", { headers, data: { accountIds, tag } });
    expect(res.status(), await res.text()).toBe(200);
  }
  await page.goto("/accounts");
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags.getByRole("listitem").filter({ hasText: "food" })).toContainText("2 accounts");

  await page.getByRole("button", { name: "Rename tag food" }).click();
  const dialog = page.getByRole("dialog", { name: "Rename tag" });
  await dialog.getByLabel("New name").fill("cooking");
  await dialog.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged tag" })).toHaveText("Merged tag “food” into “cooking”: 2 accounts moved, 3 accounts now have “cooking”.");
  await expect(tags.getByRole("listitem")).toHaveCount(1);
  await expect(tags.getByRole("listitem").filter({ hasText: "cooking" })).toContainText("3 accounts");

  const listed = await api.post("/api/v1/accounts", { headers, data: { tag: "cooking" } });
  expect(((await listed.json()) as { data: { accounts: unknown[] } }).data.accounts).toHaveLength(3);

  await page.getByRole("link", { name: "Show tag cooking in calendar" }).click();
  await expect(page).toHaveURL(/\/calendar\?tag=cooking$/);
  await expect(page.getByRole("combobox", { name: "Tag" })).toHaveValue("cooking");
});
