import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test("every dashboard page renders in the shell and is reachable by keyboard", async ({ page }) => {
  await signUp(page, { org: "Shell Org", email: uniqueEmail("shell") });
  const pages = [
    ["Compose", /Drop images here/],
    ["Calendar", /Today/],
    ["Posts", /Compose your first slideshow/],
    ["Accounts", /No accounts connected/],
    ["Settings", /API keys/],
  ] as const;
  for (const [name, content] of pages) {
    const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(link).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("main")).toContainText(content);
    // The announcer's live regions sit on every page, outside the content and empty until used.
    await expect(page.locator('[data-kind="status"]').getByRole("status")).toHaveText("");
    await expect(page.locator('[data-kind="alert"]').getByRole("alert")).toHaveText("");
  }
  // ...and in the server's HTML: a screen reader only announces regions it already knows.
  const html = await (await page.request.get("/calendar")).text();
  expect(html).toContain('role="status" aria-live="polite"');
  expect(html).toContain('role="alert" aria-live="assertive"');
});
