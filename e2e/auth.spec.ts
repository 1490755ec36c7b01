import { expect, test } from "@playwright/test";
import { PASSWORD, signUp, submitAndWait, uniqueEmail } from "./helpers";

test("a fresh visitor is offered sign-up or sign-in, and the dashboard needs a session", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-(up|in)$/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("sign-up shows each problem next to its field and keeps what was typed", async ({ page }) => {
  const email = uniqueEmail("taken");
  await signUp(page, { org: "First Org", email });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Mallory");
  await page.getByLabel("Organization name").fill("Second Org");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await submitAndWait(page, "Create account");
  await expect(page.locator("#field-password-error")).toHaveText("Use at least 8 characters");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Organization name")).toHaveValue("Second Org");

  await page.getByLabel("Password").fill(PASSWORD);
  await submitAndWait(page, "Create account");
  await expect(page.locator("#field-email-error")).toHaveText("An account with this email already exists");
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("sign-in with a wrong password says so without revealing whether the email exists", async ({ page }) => {
  const email = uniqueEmail("signin");
  await signUp(page, { org: "Sign In Org", email });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await submitAndWait(page, "Sign in");
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  const wrongPassword = await page.getByRole("main").getByRole("alert").textContent();
  expect(wrongPassword).toBe("Wrong email or password.");

  const nobody = uniqueEmail("nobody");
  await page.getByLabel("Email").fill(nobody);
  await page.getByLabel("Password").fill("not-the-password");
  await submitAndWait(page, "Sign in");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(wrongPassword!);
  // The form re-renders with what the server sent back; type only after it has.
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Email")).toHaveValue(nobody);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/compose$/);
  await expect(page.getByTestId("org-name")).toHaveText("Sign In Org");
});

test("sign-in is throttled after five failures for an email, known or not", async ({ page }) => {
  const email = uniqueEmail("throttle");
  await signUp(page, { org: "Throttle Org", email });
  await page.getByRole("button", { name: "Sign out" }).click();
  // The sign-out is a server action too: the form is filled only once its redirect has landed.
  await expect(page).toHaveURL(/\/sign-in$/);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    // This attempt's own answer (the alert still shows the last one's words until it arrives).
    await Promise.all([
      page.waitForResponse((r) => r.request().headers()["next-action"] !== undefined && (r.request().postData() ?? "").includes(`wrong-password-${i}`)),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  // Even the right password is refused now; the message says when to come back.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await submitAndWait(page, "Sign in");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed attempts\. Try again in 1[45] minutes\.$/);
  await expect(page).toHaveURL(/\/sign-in$/);
});
