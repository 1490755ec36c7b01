import { type Browser, type Page, expect } from "@playwright/test";
import { type RunResult, runScript } from "../test/run";

let n = 0;
export function uniqueEmail(label = "e2e"): string {
  n += 1;
  return `${label}-${Date.now().toString(36)}-${n}@example.test`;
}

export const PASSWORD = "e2e-password-123";

/** Signs up through the form and waits for the dashboard. */
export async function signUp(page: Page, opts: { org: string; email: string; password?: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Eve Tester");
  await page.getByLabel("Organization name").fill(opts.org);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(opts.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/compose$/);
  await expect(page.getByTestId("org-name")).toHaveText(opts.org);
}

/** Runs the operator CLI against the e2e app's data directory (the app owns the PGlite dir). */
export function runCli(args: string[]): Promise<RunResult> {
  return runScript("scripts/postdeck.ts", args, { DATA_DIR: process.env.E2E_DATA_DIR, DATABASE_URL: "" });
}

/** Clicks a submit button and waits until the server action's response has arrived. */
export async function submitAndWait(page: Page, buttonName: string) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined),
    page.getByRole("button", { name: buttonName }).click(),
  ]);
}

/**
 * A second member of the organization `ownerPage` is signed in to, with `role`, in its own
 * browser context: invited and accepted through better-auth's organization endpoints (a shortcut
 * for specs about something else; e2e/team.spec.ts walks the Team page and /invite/<id>), then
 * switched to that organization.
 */
export async function addMember(ownerPage: Page, browser: Browser, opts: { org: string; role: "viewer" | "editor" | "admin" }): Promise<{ page: Page; close: () => Promise<void> }> {
  const origin = new URL(ownerPage.url()).origin;
  const email = uniqueEmail(opts.role);
  const orgs = (await (await ownerPage.request.get("/api/auth/organization/list")).json()) as { id: string; name: string }[];
  const organizationId = orgs.find((o) => o.name === opts.org)!.id;
  const invited = await ownerPage.request.post("/api/auth/organization/invite-member", { headers: { origin }, data: { email, role: opts.role, organizationId } });
  expect(invited.ok(), await invited.text()).toBe(true);
  const invitation = (await invited.json()) as { id: string; organizationId: string };
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { org: `${opts.role} home`, email });
  const accepted = await page.request.post("/api/auth/organization/accept-invitation", { headers: { origin }, data: { invitationId: invitation.id } });
  expect(accepted.ok(), await accepted.text()).toBe(true);
  await page.request.post("/api/auth/organization/set-active", { headers: { origin }, data: { organizationId: invitation.organizationId } });
  return { page, close: () => context.close() };
}
