// Instagram Login end to end as a scripted client: consent page, code exchange, long-lived
// exchange, refresh rules, revocation (platforms.md §2.2, §3.3).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { form, formFields, startHarness, type Harness } from "./harness";
import { graph } from "./instagram-client";

const APP = { client_id: "sim-instagram-app", client_secret: "sim-instagram-secret" };
const REDIRECT = "http://localhost:3000/api/oauth/instagram/callback";
const SCOPE = "instagram_business_basic,instagram_business_content_publish";

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.admin("/reset", {}));

async function consent(decision: "allow" | "deny", username = "shop_account"): Promise<string> {
  const url = `${h.sim.url}/instagram/www/oauth/authorize?${new URLSearchParams({ client_id: APP.client_id, redirect_uri: REDIRECT, response_type: "code", scope: SCOPE, state: "st-9" })}`;
  const page = await (await fetch(url)).text();
  expect(page).toContain("instagram_business_content_publish");
  const fields = formFields(page);
  fields.set("username", username);
  fields.set("decision", decision);
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields.toString(), redirect: "manual" });
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

async function codeExchange(code: string, asMultipart = false) {
  const fields = { ...APP, grant_type: "authorization_code", redirect_uri: REDIRECT, code };
  let init: RequestInit = form(fields);
  if (asMultipart) {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    init = { method: "POST", body };
  }
  const res = await fetch(`${h.sim.url}/instagram/api/oauth/access_token`, init);
  return { status: res.status, text: await res.text() };
}

const codeOf = (location: string) => new URL(location.replace(/#_$/, "")).searchParams.get("code")!;

describe("Instagram Login", () => {
  it("runs allow → code (with #_) → short-lived → long-lived → /me", async () => {
    const location = await consent("allow");
    expect(location.endsWith("#_")).toBe(true);
    expect(new URL(location).searchParams.get("state")).toBe("st-9");
    const exchanged = await codeExchange(codeOf(location), true);
    expect(exchanged.status).toBe(200);
    const { data } = JSON.parse(exchanged.text) as { data: { access_token: string; user_id: string; permissions: string }[] };
    expect(data[0]!.user_id).toMatch(/^\d{17}$/);
    expect(data[0]!.permissions).toBe(SCOPE);

    const long = await graph(h, "GET", "/access_token", { grant_type: "ig_exchange_token", client_secret: APP.client_secret, access_token: data[0]!.access_token });
    expect(long.body).toMatchObject({ token_type: "bearer", expires_in: 5_184_000 });
    const me = await fetch(`${h.sim.url}/instagram/graph/me?fields=user_id,username,account_type`, { headers: { authorization: `Bearer ${String(long.body.access_token)}` } });
    expect(await me.json()).toMatchObject({ user_id: data[0]!.user_id, username: "shop_account", account_type: "BUSINESS" });
  });

  it("redirects a denial with error, error_reason and error_description", async () => {
    const url = new URL(await consent("deny"));
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ error: "access_denied", error_reason: "user_denied", error_description: "The user denied your request", state: "st-9" });
  });

  it("refuses a reused code with the legacy error shape", async () => {
    const code = codeOf(await consent("allow"));
    expect((await codeExchange(code)).status).toBe(200);
    const again = await codeExchange(code);
    expect(again.status).toBe(400);
    expect(JSON.parse(again.text)).toEqual({ error_type: "OAuthException", code: 400, error_message: "Matching code was not found or was already used" });
  });

  it("can answer in the flat shape with user_id as a raw 17-digit number", async () => {
    await h.admin("/settings", { igCodeExchangeShape: "flat" });
    const { text } = await codeExchange(codeOf(await consent("allow")));
    expect(text).toMatch(/"user_id":\d{17}[,}]/);
    expect(JSON.parse(text)).toMatchObject({ permissions: SCOPE.split(",") });
  });

  it("refreshes only tokens at least 24 h old and unexpired, with code 190 otherwise", async () => {
    const { data } = JSON.parse((await codeExchange(codeOf(await consent("allow")))).text) as { data: { access_token: string }[] };
    const long = String((await graph(h, "GET", "/access_token", { grant_type: "ig_exchange_token", client_secret: APP.client_secret, access_token: data[0]!.access_token })).body.access_token);
    const refresh = (token: string) => graph(h, "GET", "/refresh_access_token", { grant_type: "ig_refresh_token", access_token: token });

    const young = await refresh(long);
    expect(young.status).toBe(400);
    expect(young.body.error).toMatchObject({ code: 190, type: "OAuthException", is_transient: false });
    expect(String(young.body.error!.fbtrace_id)).toMatch(/^[\w-]{23}$/);

    await h.admin("/clock", { advanceMs: 25 * 3_600_000 });
    const ok = await refresh(long);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: "bearer", expires_in: 5_184_000 });

    await h.admin("/clock", { advanceMs: 61 * 86_400_000 });
    const dead = await refresh(String(ok.body.access_token));
    expect(dead.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it("revoked tokens fail with code 190", async () => {
    const { data } = JSON.parse((await codeExchange(codeOf(await consent("allow")))).text) as { data: { access_token: string }[] };
    await h.admin("/revoke", { platform: "instagram", username: "shop_account" });
    const me = await graph(h, "GET", "/me", { fields: "user_id", access_token: data[0]!.access_token });
    expect(me.status).toBe(400);
    expect(me.body.error).toMatchObject({ code: 190, error_subcode: 460 });
  });

  it("rejects a wrong client secret and an unknown app", async () => {
    const code = codeOf(await consent("allow"));
    const res = await fetch(`${h.sim.url}/instagram/api/oauth/access_token`, form({ ...APP, client_secret: "x", grant_type: "authorization_code", redirect_uri: REDIRECT, code }));
    expect(res.status).toBe(400);
    expect((await fetch(`${h.sim.url}/instagram/www/oauth/authorize?client_id=nope&redirect_uri=${REDIRECT}&response_type=code`)).status).toBe(400);
  });
});
