// The composer as a social-media manager uses it (dashboard.md §1): drop images, reorder them by
// keyboard and by the buttons, caption, pick an account, see the preview, schedule, and check
// through the API that the post carries the images in the new order. Plus the bad inputs.
import { createHash } from "node:crypto";
import { type Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { PASSWORD, runCli, uniqueEmail } from "./helpers";

type Org = { slug: string; email: string; key: string };

async function orgWithAccounts(name: string, accounts: { platform: "tiktok" | "instagram"; count: number; tag?: string }[]): Promise<Org> {
  const email = uniqueEmail("compose");
  const org = await runCli(["org", "create", "--name", name, "--owner-email", email, "--password", PASSWORD]);
  expect(org.code, org.stderr).toBe(0);
  const { slug } = JSON.parse(org.stdout) as { slug: string };
  for (const a of accounts) {
    const args = ["accounts", "connect-simulated", "--org", slug, "--platform", a.platform, "--count", String(a.count), ...(a.tag ? ["--tag", a.tag] : [])];
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(0);
  }
  const key = (await runCli(["api-key", "create", "--org", slug])).stdout.trim();
  return { slug, email, key };
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/compose$/);
  await expect(page.getByRole("heading", { name: "Compose" })).toBeVisible();
}

async function image(color: string, width = 1080, height = 1920, format: "jpeg" | "png" = "jpeg") {
  const img = sharp({ create: { width, height, channels: 3, background: color } });
  const buffer = await (format === "png" ? img.png() : img.jpeg()).toBuffer();
  return { name: `${color.slice(1)}.${format === "png" ? "png" : "jpg"}`, mimeType: `image/${format}`, buffer };
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const slides = (page: Page) => page.getByRole("list", { name: "Slides" }).getByRole("listitem");

test("drop, reorder by keyboard and buttons, caption, choose an account, schedule: the post has the new order", async ({ page, api }) => {
  const org = await orgWithAccounts("Compose Journey", [{ platform: "tiktok", count: 1 }]);
  await signIn(page, org.email);
  const files = await Promise.all(["#ef4444", "#22c55e", "#3b82f6"].map((c) => image(c)));
  await page.locator('input[type="file"]').setInputFiles(files);
  await expect(slides(page)).toHaveCount(3);

  // Keyboard: lift slide 1, move it one to the right, drop → order 2, 1, 3.
  await page.getByRole("button", { name: "Drag slide 1" }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  // Buttons: slide 3 one to the left → order 2, 3, 1.
  await page.getByRole("button", { name: "Move slide 3 left" }).click();

  await page.getByRole("textbox", { name: "Caption" }).fill("Three colours #slideshow");
  await page.getByRole("combobox", { name: "Account" }).click();
  await page.getByRole("option").first().click();
  await expect(page.getByRole("status", { name: "Schedule preview" })).toContainText("@");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("link", { name: "View in calendar" })).toBeVisible();

  const list = await api.post("/api/v1/post", { headers: { Authorization: `Bearer ${org.key}` }, data: {} });
  const { posts } = ((await list.json()) as { data: { posts: { caption: string; media_urls: string[] }[] } }).data;
  expect(posts).toHaveLength(1);
  expect(posts[0]!.caption).toBe("Three colours #slideshow");
  const expected = [files[1]!, files[2]!, files[0]!].map((f) => sha(f.buffer));
  expect(posts[0]!.media_urls.map((u) => u.split("/media/")[1]!.slice(0, 64))).toEqual(expected);
});

test("refuses bad files with their reasons and keeps the good ones; a 501-character caption disables Schedule", async ({ page }) => {
  const org = await orgWithAccounts("Compose Bad Input", [{ platform: "tiktok", count: 1 }]);
  await signIn(page, org.email);
  const good = await image("#a855f7");
  const gif = { name: "anim.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;") };
  const big = { name: "big.jpg", mimeType: "image/jpeg", buffer: Buffer.concat([good.buffer, Buffer.alloc(6 * 1024 * 1024)]) };
  const text = { name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("these are notes, not an image") };
  await page.locator('input[type="file"]').setInputFiles([good, gif, big, text]);
  await expect(slides(page)).toHaveCount(1);
  await expect(page.getByText(/anim\.gif/)).toBeVisible();
  await expect(page.getByText(/big\.jpg/)).toBeVisible();
  await expect(page.getByText(/not a JPEG or PNG/).first()).toBeVisible();

  await page.getByRole("textbox", { name: "Caption" }).fill("😀".repeat(501));
  await expect(page.getByText("501 / 500")).toBeVisible();
  await expect(page.getByRole("button", { name: "Schedule" })).toBeDisabled();
});

test("the draft survives a reload", async ({ page }) => {
  const org = await orgWithAccounts("Compose Draft", [{ platform: "tiktok", count: 1 }]);
  await signIn(page, org.email);
  await page.locator('input[type="file"]').setInputFiles([await image("#0ea5e9")]);
  await expect(slides(page)).toHaveCount(1);
  await page.getByRole("textbox", { name: "Caption" }).fill("kept across a reload");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Caption" })).toHaveValue("kept across a reload");
  await expect(slides(page)).toHaveCount(1);
});

test("auto mode with three copies puts three posts on three accounts", async ({ page, api }) => {
  const org = await orgWithAccounts("Compose Copies", [{ platform: "tiktok", count: 3, tag: "pool" }]);
  await signIn(page, org.email);
  await page.locator('input[type="file"]').setInputFiles([await image("#f59e0b")]);
  await expect(slides(page)).toHaveCount(1);
  await page.getByRole("radio", { name: "Choose automatically" }).check();
  await page.getByRole("combobox", { name: "Tag" }).selectOption("pool");
  await page.getByRole("spinbutton", { name: "Copies" }).fill("3");
  await page.getByRole("radio", { name: "Schedule for" }).check();
  await expect(page.getByRole("status", { name: "Schedule preview" })).toContainText("Copy 3");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("link", { name: "View in calendar" })).toBeVisible();
  const list = await api.post("/api/v1/post", { headers: { Authorization: `Bearer ${org.key}` }, data: {} });
  const { posts } = ((await list.json()) as { data: { posts: { account_id: string }[] } }).data;
  expect(posts).toHaveLength(3);
  expect(new Set(posts.map((p) => p.account_id)).size).toBe(3);
});

test("an Instagram account disables the sound, with the reason", async ({ page }) => {
  const org = await orgWithAccounts("Compose Instagram", [{ platform: "instagram", count: 1 }]);
  await signIn(page, org.email);
  await page.getByRole("combobox", { name: "Account" }).click();
  await page.getByRole("option").first().click();
  await expect(page.getByRole("textbox", { name: "Sound" })).toBeDisabled();
  await expect(page.getByText("Instagram carousels can't carry a sound.")).toBeVisible();
});
