// Settings (dashboard.md §5): the viewer's own time zone is what every page shows times in; the
// owner renames the organization and the shell shows the new name.
import { calendarOrg, createPost, nextWeekDay } from "./calendar-setup";
import { expect, test } from "./fixtures";

test.use({ timezoneId: "UTC" });

test("a chosen time zone moves every time on screen; the owner renames the organization", async ({ page, request, api }) => {
  const org = await calendarOrg(page, request);
  const wed = nextWeekDay(2);
  const post = await createPost(api, org, { accountId: org.accounts[0]!.id, postTime: `${wed}T10:00:00Z` });
  const card = page.locator(`[data-post-id="${post.id}"]`);
  await page.goto(`/calendar?view=week&date=${wed}`);
  await expect(card).toHaveAccessibleName(`@${org.accounts[0]!.username} 10:00 scheduled`);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("combobox", { name: "Time zone" }).fill("Tokyo");
  await page.getByRole("option", { name: /Asia\/Tokyo/ }).click();
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Tokyo time" })).toBeVisible();

  await page.goto(`/calendar?view=week&date=${wed}`);
  await expect(card).toHaveAccessibleName(`@${org.accounts[0]!.username} 19:00 scheduled`);

  // Back to the browser's zone.
  await page.goto("/settings");
  await page.getByRole("button", { name: /Use my browser's/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "follow your browser" })).toBeVisible();
  await page.goto(`/calendar?view=week&date=${wed}`);
  await expect(card).toHaveAccessibleName(`@${org.accounts[0]!.username} 10:00 scheduled`);

  await page.goto("/settings");
  await page.getByLabel("Organization name").fill("Renamed Studio");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByTestId("org-name")).toHaveText("Renamed Studio");
});
