import { expect, test } from "./fixtures";
import { signUp, uniqueEmail } from "./helpers";

test("sign up, create an API key in Settings, list accounts with it, revoke it", async ({ page, api }) => {
  await signUp(page, { org: "Smoke Test Agency", email: uniqueEmail("smoke") });

  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await page.getByLabel("Key name").fill("smoke key");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^pdk_[0-9a-f]{8}_[0-9A-Za-z]{40}$/);
  const prefix = key.slice(0, 12);
  const row = page.getByTestId(`api-key-row-${prefix}`);
  await expect(row).toContainText("smoke key");
  await expect(row).toContainText("Active");

  const listed = await api.post("/api/v1/accounts", { headers: { Authorization: `Bearer ${key}` }, data: {} });
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toEqual({ ok: true, code: 200, message: "OK", data: { accounts: [] } });

  // The key is shown once: after a reload only its prefix remains, and it shows its last use.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row).not.toContainText("Never");

  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: /Revoke/ }).click();
  await expect(row).toContainText("Revoked");

  const refused = await api.post("/api/v1/accounts", { headers: { Authorization: `Bearer ${key}` }, data: {} });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ ok: false, code: 401, data: null, error: { type: "unauthorized" } });
});
