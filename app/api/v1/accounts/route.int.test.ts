import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { defaultPostingTimes } from "@/lib/domain/accounts";
import type { AppContext } from "@/lib/server/context";
import { installAppContext, openTestContext } from "@/test/db";
import { makeApiKey, makeOrganization } from "@/test/factories";
import { POST as unknownEndpoint } from "../[...path]/route";
import { POST } from "./route";

let ctx: AppContext;
beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
});
afterAll(async () => {
  await ctx.close();
});

function call(headers: Record<string, string>, body?: string) {
  return POST(new Request("http://test/api/v1/accounts", { method: "POST", headers, body }));
}

async function seedAccount(organizationId: string, username: string, tag: string | null) {
  await ctx.db.insert(accounts).values({
    organizationId,
    platform: "tiktok",
    platformUserId: `open-${username}`,
    username,
    tag,
    postingTimes: defaultPostingTimes(),
    dailyCap: 15,
  });
}

describe("POST /api/v1/accounts", () => {
  it("lists only the key's organization's accounts, in the envelope, filtered exactly", async () => {
    const mine = await makeOrganization(ctx.db);
    const theirs = await makeOrganization(ctx.db);
    await seedAccount(mine.organization.id, "alpha", "fitness");
    await seedAccount(mine.organization.id, "beta", "food");
    await seedAccount(theirs.organization.id, "gamma", "fitness");
    const { key } = await makeApiKey(ctx.db, mine.organization.id);

    const all = await call({ authorization: `Bearer ${key}` });
    expect(all.status).toBe(200);
    const body = (await all.json()) as { ok: boolean; code: number; data: { accounts: { username: string }[] } };
    expect(body).toMatchObject({ ok: true, code: 200 });
    expect(body.data.accounts.map((a) => a.username)).toEqual(["alpha", "beta"]);

    const filtered = await call({ authorization: `Bearer ${key}` }, JSON.stringify({ tag: "fitness" }));
    const fBody = (await filtered.json()) as { data: { accounts: Record<string, unknown>[] } };
    expect(fBody.data.accounts).toHaveLength(1);
    expect(fBody.data.accounts[0]).toMatchObject({
      username: "alpha",
      platform: "tiktok",
      tag: "fitness",
      user_group: null,
      timezone: "UTC",
      min_gap_minutes: 120,
      daily_cap: 15,
      status: "active",
      last_posted_at: null,
    });
    expect(Object.keys(fBody.data.accounts[0]!)).not.toContain("access_token_enc");
  });

  it("returns an empty list for a new organization", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const { key } = await makeApiKey(ctx.db, organization.id);
    const res = await call({ authorization: `Bearer ${key}` });
    expect(await res.json()).toEqual({ ok: true, code: 200, message: "OK", data: { accounts: [] } });
  });

  it.each([
    ["no key", {}, "Missing API key"],
    ["a malformed key", { authorization: "Bearer abc" }, "Malformed API key"],
    ["an unknown key", { authorization: `Bearer pdk_12345678_${"Z".repeat(40)}` }, "Unknown API key"],
  ])("answers %s with the 401 envelope", async (_label, headers, message) => {
    const res = await call(headers);
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: false, code: 401, data: null, error: { type: "unauthorized", details: [] } });
    expect(String(body.message)).toContain(message);
  });

  it("answers a revoked key with 401", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const { key, apiKey } = await makeApiKey(ctx.db, organization.id);
    const { revokeApiKey } = await import("@/lib/server/identity/api-keys");
    await revokeApiKey(ctx.db, { organizationId: organization.id, id: apiKey.id, now: new Date() });
    const res = await call({ authorization: `Bearer ${key}` });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/revoked/);
  });

  it.each([
    ['{"tag": 1}', "tag", 400],
    ['{"tag": "x", "colour": "red"}', "colour", 400],
    ["{not json", "body", 400],
  ])("refuses body %s naming %s", async (raw, path, status) => {
    const { organization } = await makeOrganization(ctx.db);
    const { key } = await makeApiKey(ctx.db, organization.id);
    const res = await call({ authorization: `Bearer ${key}` }, raw);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { message: string; error: { type: string; details: { path: string }[] } };
    expect(body.error.type).toBe("validation_error");
    expect(body.error.details[0]?.path).toBe(path);
    expect(body.message.startsWith(`${path}:`)).toBe(true);
  });

  it("refuses a body over 1 MiB with 413, whatever Content-Length claims", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const { key } = await makeApiKey(ctx.db, organization.id);
    const big = JSON.stringify({ tag: "x".repeat(1_048_577) });
    const res = await call({ authorization: `Bearer ${key}`, "content-length": "10" }, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("payload_too_large");
  });

  it("answers an unknown endpoint with a 404 envelope", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const { key } = await makeApiKey(ctx.db, organization.id);
    const res = await unknownEndpoint(
      new Request("http://test/api/v1/nope", { method: "POST", headers: { authorization: `Bearer ${key}` } }),
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, code: 404, error: { type: "not_found" } });
  });
});
