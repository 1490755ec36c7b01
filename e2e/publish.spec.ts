import { expect, test } from "./fixtures";
import sharp from "sharp";
import { signUp, uniqueEmail } from "./helpers";

// The whole journey of DESIGN.md §9: a new user connects a simulated TikTok account, schedules
// a slideshow through the API, and the in-app worker publishes it to the simulator's feed.
test("sign up, connect TikTok, schedule through the API, see it on the simulator's feed", async ({ page, api, request }) => {
  test.setTimeout(120_000);
  await signUp(page, { org: "Journey Org", email: uniqueEmail("journey") });
  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("button", { name: "Connect TikTok (simulated)" }).click();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Connected a TikTok account");

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Key name").fill("journey");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  const auth = { Authorization: `Bearer ${key}` };

  const accounts = (await (await api.post("/api/v1/accounts", { headers: auth, data: {} })).json()) as { data: { accounts: { id: string; username: string }[] } };
  const account = accounts.data.accounts[0]!;
  const png = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#ec4899" } }).png().toBuffer();
  // Uploads go straight to the app: Prism's proxy re-encodes binary bodies as text.
  const up = await request.post("/api/v1/media", { headers: auth, multipart: { file: { name: "s.png", mimeType: "image/png", buffer: png } } });
  const { data: image } = (await up.json()) as { data: { url: string } };

  const caption = `journey ${Date.now()}`;
  const created = await api.post("/api/v1/post/slideshow", { headers: auth, data: { accountId: account.id, imageUrls: [image.url, image.url], caption } });
  expect(created.status()).toBe(201);
  const { data: post } = (await created.json()) as { data: { id: string } };

  await expect
    .poll(
      async () => {
        const s = (await (await api.post("/api/v1/post/status", { headers: auth, data: { postId: post.id } })).json()) as { data: { status: string } };
        return s.data.status;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe("complete");

  const simulator = `http://127.0.0.1:${Number(new URL(page.url()).port) + 1010}`;
  const feed = (await (await request.get(`${simulator}/feed.json`)).json()) as { items: { caption: string; account: string }[] };
  expect(feed.items.filter((i) => i.caption === caption)).toEqual([expect.objectContaining({ account: `@${account.username}` })]);
});
