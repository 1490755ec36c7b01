import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test("connects simulated TikTok and Instagram accounts from the Accounts page", async ({ page }) => {
  await signUp(page, { org: "Connect Org", email: uniqueEmail("connect") });
  await page.getByRole("link", { name: "Accounts" }).click();

  for (const [button, label] of [
    ["Connect TikTok (simulated)", "TikTok"],
    ["Connect Instagram (simulated)", "Instagram"],
  ] as const) {
    await page.getByRole("button", { name: button }).click();
    // The simulator's consent page, as the platform's would be.
    const username = await page.getByLabel("Log in as").inputValue();
    expect(username).toMatch(/\w+/);
    await page.getByRole("button", { name: "Allow" }).click();
    await expect(page).toHaveURL(/\/accounts\?connected=/);
    await expect(page.getByRole("main").getByRole("status")).toContainText(`Connected a ${label} account`);
    await expect(page.getByRole("table")).toContainText(`@${username}`);
  }
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(3);
});
