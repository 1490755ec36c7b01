// TikTok Login Kit driven end to end by a scripted client: consent page, code exchange,
// refresh rotation, revocation (platforms.md §1.1, §3.2).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { form, formFields, startHarness, type Harness } from "./harness";

const CLIENT = { client_key: "sim-tiktok-client", client_secret: "sim-tiktok-secret" };
const REDIRECT = "http://127.0.0.1:3000/api/oauth/tiktok/callback";

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.admin("/reset", {}));

function authorizeUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...{ client_key: CLIENT.client_key, response_type: "code", scope: "user.info.basic,video.publish,video.upload", redirect_uri: REDIRECT, state: "csrf-1" }, ...extra });
  return `${h.sim.url}/tiktok/v2/auth/authorize/?${q}`;
}

/** GET the consent page, then POST its fields back with a decision; returns the callback URL. */
async function consent(decision: "allow" | "deny", extra: Record<string, string> = {}, edit?: (f: URLSearchParams) => void): Promise<URL> {
  const page = await fetch(authorizeUrl(extra));
  expect(page.status).toBe(200);
  const fields = formFields(await page.text());
  fields.set("decision", decision);
  edit?.(fields);
  const res = await fetch(authorizeUrl(extra), { ...form(Object.fromEntries(fields)), body: fields.toString(), redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

async function exchange(code: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${h.sim.url}/tiktok/v2/oauth/token/`, form({ ...CLIENT, code, grant_type: "authorization_code", redirect_uri: REDIRECT, ...extra }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function userInfo(token: string) {
  const res = await fetch(`${h.sim.url}/tiktok/v2/user/info/?fields=open_id,display_name,username`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { data: { user?: Record<string, string> }; error: { code: string; log_id: string } } };
}

describe("TikTok OAuth", () => {
  it("shows a consent page with app name, scopes and a fresh username", async () => {
    const page = await (await fetch(authorizeUrl())).text();
    expect(page).toContain("Postdeck (simulated)");
    expect(page).toContain("video.publish");
    expect(page).toMatch(/name="username" value="sim_creator_1"/);
    expect(page).toMatch(/value="allow"/);
  });

  it("runs allow → code → token → user info", async () => {
    const callback = await consent("allow", {}, (f) => f.set("username", "cat_pics"));
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get("state")).toBe("csrf-1");
    expect(callback.searchParams.get("scopes")).toBe("user.info.basic,video.publish,video.upload");
    const { status, body } = await exchange(callback.searchParams.get("code")!);
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 7200, refresh_expires_in: 15552000, token_type: "Bearer", scope: "user.info.basic,video.publish,video.upload" });
    expect(String(body.access_token)).toMatch(/^act\./);
    expect(String(body.refresh_token)).toMatch(/^rft\./);
    const info = await userInfo(String(body.access_token));
    expect(info.status).toBe(200);
    expect(info.body.error.code).toBe("ok");
    expect(info.body.error.log_id).toMatch(/^\d{14}[0-9A-F]{20}$/);
    expect(info.body.data.user).toEqual({ open_id: body.open_id, display_name: "cat pics", username: "cat_pics" });
  });

  it("redirects a denial with error=access_denied and the state", async () => {
    const callback = await consent("deny");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBeTruthy();
    expect(callback.searchParams.get("state")).toBe("csrf-1");
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("grants only the ticked scopes, and a missing scope is scope_not_authorized", async () => {
    const callback = await consent("allow", {}, (f) => {
      f.append("granted_scope", "user.info.basic");
      f.append("granted_scope", "video.upload");
    });
    expect(callback.searchParams.get("scopes")).toBe("user.info.basic,video.upload");
    const { body } = await exchange(callback.searchParams.get("code")!);
    const res = await fetch(`${h.sim.url}/tiktok/v2/post/publish/creator_info/query/`, { method: "POST", headers: { authorization: `Bearer ${String(body.access_token)}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("scope_not_authorized");
  });

  it("rejects unknown clients and unregistered redirect URIs with an error page", async () => {
    expect((await fetch(authorizeUrl({ client_key: "nope" }))).status).toBe(400);
    expect((await fetch(authorizeUrl({ redirect_uri: "https://evil.example/cb" }))).status).toBe(400);
    await h.admin("/clients", { platform: "tiktok", clientId: "strict-app", clientSecret: "s3cret", redirectUris: ["https://app.example/cb"] });
    await h.admin("/settings", { strictRedirects: true });
    expect((await fetch(authorizeUrl({ client_key: "strict-app" }))).status).toBe(400);
    expect((await fetch(authorizeUrl({ client_key: "strict-app", redirect_uri: "https://app.example/cb" }))).status).toBe(200);
  });

  it("codes are single-use, short-lived and bound to the redirect URI", async () => {
    const first = (await consent("allow")).searchParams.get("code")!;
    expect((await exchange(first, { redirect_uri: "http://127.0.0.1:3000/other" })).body.error).toBe("invalid_grant");
    expect((await exchange(first)).status).toBe(200);
    const reused = await exchange(first);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: "invalid_grant" });
    expect(typeof reused.body.log_id).toBe("string");
    const late = (await consent("allow")).searchParams.get("code")!;
    await h.admin("/clock", { advanceMs: 301_000 });
    expect((await exchange(late)).body.error).toBe("invalid_grant");
  });

  it("requires form encoding and the right client secret", async () => {
    const code = (await consent("allow")).searchParams.get("code")!;
    const asJson = await fetch(`${h.sim.url}/tiktok/v2/oauth/token/`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...CLIENT, code, grant_type: "authorization_code", redirect_uri: REDIRECT }),
    });
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toMatchObject({ error: "invalid_request" });
    const wrongSecret = await exchange(code, { client_secret: "wrong" });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toMatchObject({ error: "invalid_client", error_description: "Client key or secret is incorrect." });
  });

  it("checks PKCE with a hex or base64url S256 challenge", async () => {
    const verifier = "a-verifier-that-is-long-enough-for-pkce-0123456789";
    const digest = createHash("sha256").update(verifier).digest();
    for (const challenge of [digest.toString("hex"), digest.toString("base64url")]) {
      const pkce = { code_challenge: challenge, code_challenge_method: "S256" };
      const missing = (await consent("allow", pkce)).searchParams.get("code")!;
      expect((await exchange(missing)).body.error).toBe("invalid_grant");
      const wrong = (await consent("allow", pkce)).searchParams.get("code")!;
      expect((await exchange(wrong, { code_verifier: "not-it" })).body.error).toBe("invalid_grant");
      const right = (await consent("allow", pkce)).searchParams.get("code")!;
      expect((await exchange(right, { code_verifier: verifier })).status).toBe(200);
    }
  });

  it("rotates refresh tokens: the old one stops working", async () => {
    const code = (await consent("allow")).searchParams.get("code")!;
    const first = (await exchange(code)).body;
    const refresh = (token: unknown) =>
      fetch(`${h.sim.url}/tiktok/v2/oauth/token/`, form({ ...CLIENT, grant_type: "refresh_token", refresh_token: String(token) }));
    const rotated = await refresh(first.refresh_token);
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as Record<string, unknown>;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.open_id).toBe(first.open_id);
    const again = await refresh(first.refresh_token);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect((await refresh(second.refresh_token)).status).toBe(200);
  });

  it("expires access tokens on the sim clock", async () => {
    const { body } = await exchange((await consent("allow")).searchParams.get("code")!);
    await h.admin("/clock", { advanceMs: 7_201_000 });
    const info = await userInfo(String(body.access_token));
    expect(info.status).toBe(401);
    expect(info.body).toMatchObject({ data: {}, error: { code: "access_token_invalid", message: "The access token is invalid or not found in the request." } });
  });

  it("revokes through /v2/oauth/revoke/ and through the admin API", async () => {
    const a = (await exchange((await consent("allow", {}, (f) => f.set("username", "alice"))).searchParams.get("code")!)).body;
    const revoked = await fetch(`${h.sim.url}/tiktok/v2/oauth/revoke/`, form({ ...CLIENT, token: String(a.access_token) }));
    expect(revoked.status).toBe(200);
    expect((await userInfo(String(a.access_token))).body.error.code).toBe("access_token_invalid");

    const b = (await exchange((await consent("allow", {}, (f) => f.set("username", "bob"))).searchParams.get("code")!)).body;
    expect((await userInfo(String(b.access_token))).status).toBe(200);
    await h.admin("/revoke", { platform: "tiktok", username: "bob" });
    expect((await userInfo(String(b.access_token))).status).toBe(401);
    const refresh = await fetch(`${h.sim.url}/tiktok/v2/oauth/token/`, form({ ...CLIENT, grant_type: "refresh_token", refresh_token: String(b.refresh_token) }));
    expect(refresh.status).toBe(400);
  });

  it("auto-approves when configured, unless disable_auto_auth=1", async () => {
    await h.admin("/settings", { autoApprove: true });
    const auto = await fetch(authorizeUrl(), { redirect: "manual" });
    expect(auto.status).toBe(302);
    expect(new URL(auto.headers.get("location")!).searchParams.get("code")).toBeTruthy();
    expect((await fetch(authorizeUrl({ disable_auto_auth: "1" }), { redirect: "manual" })).status).toBe(200);
  });
});
