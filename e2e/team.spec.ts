// The Team page and invitations (dashboard.md §5): an owner invites an editor through the page
// and copies the link; in a second browser the invitee opens it, signs up with the invited email
// and joins; the editor schedules a post from Compose, while a viewer finds the controls disabled
// and the server refuses the same request. A revoked invitation's page says so, and the only
// owner cannot remove themselves.
import type { Page, Request } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { PASSWORD, addMember, runCli, signUp, uniqueEmail } from "./helpers";

async function ownerWithAccount(page: Page) {
  const org = `Team ${Date.now().toString(36)}`;
  const email = uniqueEmail("owner");
  await signUp(page, { org, email });
  const orgs = (await (await page.request.get("/api/auth/organization/list")).json()) as { id: string; name: string }[];
  const id = orgs.find((o) => o.name === org)!.id;
  const connected = await runCli(["accounts", "connect-simulated", "--org", id, "--platform", "tiktok", "--count", "1"]);
  expect(connected.code, connected.stderr).toBe(0);
  return { org, email };
}

/** Opens the Team page, invites `email` as `role` through the dialog and returns the link shown. */
async function inviteThroughPage(page: Page, email: string, role: string): Promise<string> {
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Team", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite member" });
  await dialog.getByRole("textbox", { name: "Email" }).fill(email);
  await dialog.getByRole("combobox", { name: "Role" }).selectOption(role);
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const box = dialog.getByRole("textbox", { name: "Invitation link" });
  await expect(box).toHaveValue(/\/invite\/[\w-]+$/);
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(dialog.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await box.inputValue());
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("list", { name: /Pending invitations/ })).toContainText(email);
  return link;
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test("an owner invites an editor who joins in a second browser and schedules a post; a viewer cannot", async ({ page, browser }) => {
  // A whole journey (sign-up, accounts, several pages and a second browser): more than a minute on a loaded machine.
  test.slow();
  const { org } = await ownerWithAccount(page);
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row")).toHaveCount(2);

  const editorEmail = uniqueEmail("editor");
  const link = await inviteThroughPage(page, editorEmail, "editor");

  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await editor.goto(link);
  await expect(editor.getByTestId("invitation-org")).toHaveText(org);
  await expect(editor.getByTestId("invitation-role")).toHaveText("Editor");
  await expect(editor.getByLabel("Email")).toHaveValue(editorEmail);
  await expect(editor.getByLabel("Organization name")).toHaveCount(0);
  await editor.getByLabel("Your name").fill("Eddie Editor");
  await editor.getByLabel("Password").fill(PASSWORD);
  await editor.getByRole("button", { name: "Create account" }).click();
  await editor.getByRole("button", { name: `Join ${org}` }).click();
  await expect(editor).toHaveURL(/\/compose$/);
  await expect(editor.getByTestId("org-name")).toHaveText(org);

  // The editor schedules a slideshow; the request is kept to replay as the viewer.
  const jpeg = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#0f766e" } }).jpeg().toBuffer();
  await editor.locator('input[type="file"]').setInputFiles([{ name: "t.jpg", mimeType: "image/jpeg", buffer: jpeg }]);
  await expect(editor.getByRole("list", { name: "Slides" }).getByRole("listitem")).toHaveCount(1);
  await editor.getByRole("textbox", { name: "Caption" }).fill("Scheduled by the invited editor");
  await editor.getByRole("combobox", { name: "Account" }).click();
  await editor.getByRole("option").first().click();
  // Only the create's answer holds post objects (previews do not). Every server action's answer
  // is read as it arrives (a later refresh can make an earlier body unavailable), and the create's
  // request is picked once the page says it is scheduled.
  const answered: { request: Request; body: string }[] = [];
  editor.on("response", (r) => {
    if (r.request().method() !== "POST" || r.request().headers()["next-action"] === undefined) return;
    void r.text().then((body) => answered.push({ request: r.request(), body }), () => {});
  });
  // Chromium sometimes cannot hand over an answer's body once the page has refreshed after the
  // create: then the create is the first server action sent from the click on with the caption.
  const sent: Request[] = [];
  editor.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"] !== undefined && (r.postData() ?? "").includes("Scheduled by the invited editor")) sent.push(r);
  });
  await editor.getByRole("button", { name: "Schedule" }).click();
  await expect(editor.getByRole("link", { name: "View in calendar" })).toBeVisible();
  const created = () => answered.find((a) => a.body.includes('"media_urls"'))?.request ?? sent[0];
  await expect.poll(() => created() !== undefined).toBe(true);
  const request = created()!;

  // The owner sees the editor in the table with their role.
  await page.reload();
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row", { name: /Eddie Editor/ })).toContainText("Editor");

  const { page: viewer, close } = await addMember(page, browser, { org, role: "viewer" });
  await viewer.goto("/compose");
  await expect(viewer.getByTestId("org-name")).toHaveText(org);
  await expect(viewer.getByRole("button", { name: "Schedule" })).toBeDisabled();
  await expect(viewer.getByRole("textbox", { name: "Caption" })).toBeDisabled();
  // The same server action, sent with the viewer's session: refused with 403.
  const replay = await viewer.request.post(request.url(), {
    headers: {
      "next-action": request.headers()["next-action"]!,
      "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(request.url()).origin,
    },
    data: request.postDataBuffer() ?? "",
  });
  const answer = await replay.text();
  expect(answer).toContain('"status":403');
  expect(answer).toContain("Your role (viewer) can't do this.");
  expect(answer).not.toContain('"media_urls"');
  // And the Team page is read-only for them, saying why.
  await viewer.goto("/team");
  await expect(viewer.getByRole("button", { name: "Invite member" })).toBeDisabled();
  await expect(viewer.getByText("Only owners change roles, remove members and invite.")).toBeVisible();
  await expect(viewer.getByRole("table", { name: "Members" }).getByRole("combobox")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await close();
  await editorContext.close();
});

test("a revoked invitation's page says so, and the only owner cannot remove themselves", async ({ page, browser }) => {
  await ownerWithAccount(page);
  const email = uniqueEmail("revoked");
  const link = await inviteThroughPage(page, email, "viewer");
  await page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
  await expect(page.getByText(`Revoked the invitation for ${email}.`)).toBeVisible();
  await expect(page.getByRole("list", { name: /Pending invitations/ })).toHaveCount(0);

  const other = await browser.newContext();
  const invitee = await other.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "This invitation was revoked" })).toBeVisible();
  await expect(invitee.getByTestId("invitation-problem")).toContainText("withdrew it");
  await expect(invitee.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await other.close();

  // The only owner: Remove and the role select are disabled, and the tooltip says why.
  const table = page.getByRole("table", { name: "Members" });
  const remove = table.getByRole("button", { name: /^Remove Eve Tester/ });
  await expect(remove).toBeDisabled();
  await expect(table.getByRole("combobox", { name: "Role for Eve Tester" })).toBeDisabled();
  await remove.locator("xpath=..").focus();
  await expect(page.getByRole("tooltip")).toContainText("Eve Tester is the only owner and can't be removed. Make another member an owner first.");
});
