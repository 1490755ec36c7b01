// The composer's "done when" (issue: the composer): a new user signs up, connects a simulated
// TikTok account, drops three images, reorders them, adds a caption and a sound, sees where and
// when it goes, schedules it, and it reaches the simulator as an inbox draft with the sound named;
// once the creator finishes the draft, it is on the feed. Also the preview's refusal of a strict
// time the account cannot take, and a refused image URL on its own row.
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { addMember, signUp, uniqueEmail } from "./helpers";

const simulator = () => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1010}`;

async function image(color: string) {
  const buffer = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: color } }).jpeg().toBuffer();
  return { name: `${color.slice(1)}.jpg`, mimeType: "image/jpeg", buffer };
}

async function connectTikTok(page: Page) {
  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("button", { name: "Connect TikTok (simulated)" }).click();
  const username = await page.getByLabel("Log in as").inputValue();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/accounts\?connected=/);
  return username;
}

test("a new user schedules a slideshow with a sound from the dashboard alone, and it reaches TikTok as an inbox draft", async ({ page }) => {
  const caption = `First slideshow ${Date.now()} #launch`;
  await signUp(page, { org: "Journey Studio", email: uniqueEmail("journey") });
  const username = await connectTikTok(page);
  await page.getByRole("link", { name: "Compose" }).click();

  await page.locator('input[type="file"]').setInputFiles(await Promise.all(["#111827", "#4f46e5", "#10b981"].map(image)));
  const slides = page.getByRole("list", { name: "Slides" }).getByRole("listitem");
  await expect(slides).toHaveCount(3);
  await page.getByRole("button", { name: "Move slide 3 left" }).click();
  await page.getByRole("textbox", { name: "Caption" }).fill(caption);
  await page.getByRole("combobox", { name: "Account" }).click();
  await page.getByRole("option", { name: new RegExp(`@${username}`) }).click();
  await page.getByRole("textbox", { name: "Sound" }).fill("https://www.tiktok.com/@sim_dj/video/7448335796416843001");
  await page.getByRole("button", { name: "Use sound" }).click();
  await expect(page.getByText("♬ Golden Hour Loop").first()).toBeVisible();
  await expect(page.getByRole("status", { name: "Schedule preview" })).toContainText(`@${username}`);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("link", { name: "View in calendar" })).toBeVisible();

  // The worker sends it as an inbox draft (TikTok's API cannot attach the sound); the creator
  // finishes it in TikTok, and it is published.
  let draft: { publishId: string; mode: string; status: string } | undefined;
  await expect(async () => {
    const { publishes } = (await (await fetch(`${simulator()}/__admin/tiktok/publishes`)).json()) as { publishes: { publishId: string; mode: string; status: string; description: string }[] };
    draft = publishes.find((p) => p.description === caption);
    expect(draft?.status).toBe("SEND_TO_USER_INBOX");
  }).toPass({ timeout: 30_000 });
  expect(draft!.mode).toBe("MEDIA_UPLOAD");
  await fetch(`${simulator()}/__admin/tiktok/publish/${encodeURIComponent(draft!.publishId)}/complete-draft`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  await expect(async () => {
    const { items } = (await (await fetch(`${simulator()}/feed.json`)).json()) as { items: { caption: string; note: string; images: string[] }[] };
    const item = items.find((i) => i.caption === caption);
    expect(item?.note).toMatch(/inbox draft posted by the creator/);
    expect(item?.images).toHaveLength(3);
  }).toPass({ timeout: 30_000 });
});

test("the preview refuses a strict time the account cannot take, and Schedule stays disabled; a private image URL is refused on its row", async ({ page }) => {
  await signUp(page, { org: "Strict Studio", email: uniqueEmail("strict") });
  await connectTikTok(page);
  await page.getByRole("link", { name: "Compose" }).click();
  await page.locator('input[type="file"]').setInputFiles([await image("#be185d")]);
  await expect(page.getByRole("list", { name: "Slides" }).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("combobox", { name: "Account" }).click();
  await page.getByRole("option").first().click();
  // Post once at a time, then ask for the same time, strictly.
  await page.getByRole("radio", { name: "Schedule for" }).check();
  const at = await page.getByLabel("Post time").inputValue();
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("link", { name: "View in calendar" })).toBeVisible();

  await page.locator('input[type="file"]').setInputFiles([await image("#9d174d")]);
  await expect(page.getByRole("list", { name: "Slides" }).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("combobox", { name: "Account" }).click();
  await page.getByRole("option").first().click();
  await page.getByRole("radio", { name: "Schedule for" }).check();
  await page.getByLabel("Post time").fill(at);
  await page.getByRole("checkbox", { name: "Exact time (strict)" }).check();
  await expect(page.getByRole("status", { name: "Schedule preview" })).toContainText("within the account's 120-minute minimum gap");
  await expect(page.getByRole("button", { name: "Schedule" })).toBeDisabled();

  await page.getByText("Add image URLs").click();
  await page.getByRole("textbox", { name: /image URLs/i }).fill("http://10.0.0.1/private.jpg");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText(/private/i).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Slides" }).getByRole("listitem")).toHaveCount(1);
});

test("a viewer sees the composer read-only and cannot schedule", async ({ page, browser }) => {
  await signUp(page, { org: "Viewer Org", email: uniqueEmail("owner") });
  const { page: viewer, close } = await addMember(page, browser, { org: "Viewer Org", role: "viewer" });
  await viewer.goto("/compose");
  await expect(viewer.getByTestId("org-name")).toHaveText("Viewer Org");
  await expect(viewer.getByText("You can look, but your role (viewer) can't schedule posts.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Schedule" })).toBeDisabled();
  await expect(viewer.getByRole("textbox", { name: "Caption" })).toBeDisabled();
  await close();
});
