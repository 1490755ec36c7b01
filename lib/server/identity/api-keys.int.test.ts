import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "@/db/schema/index";
import { openTestContext } from "@/test/db";
import { makeApiKey, makeOrganization } from "@/test/factories";
import { VERIFIED_KEY_TTL_MS, authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import type { AppContext } from "../context";

let ctx: AppContext;
beforeAll(async () => {
  ctx = await openTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const now = () => new Date();

describe("API keys", () => {
  it("authenticates a new key to its organization and stores only a hash", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const { key, apiKey } = await makeApiKey(ctx.db, organization.id);
    const auth = await authenticateApiKey(ctx.db, `Bearer ${key}`, now());
    expect(auth).toEqual({ ok: true, value: { organizationId: organization.id, apiKeyId: apiKey.id } });
    const [row] = await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.slice(13));
  });

  it("lists keys with prefix and last use, newest first, and never the key", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const first = await makeApiKey(ctx.db, organization.id, "first");
    const second = await makeApiKey(ctx.db, organization.id, "second");
    expect((await listApiKeys(ctx.db, { organizationId: organization.id }))[0]?.lastUsedAt).toBeNull();
    await authenticateApiKey(ctx.db, `Bearer ${first.key}`, now());
    const list = await listApiKeys(ctx.db, { organizationId: organization.id });
    expect(list.map((k) => k.name).sort()).toEqual(["first", "second"]);
    expect(list.find((k) => k.name === "first")?.lastUsedAt).toBeInstanceOf(Date);
    expect(list.find((k) => k.name === "second")?.prefix).toBe(second.apiKey.prefix);
    expect(JSON.stringify(list)).not.toContain(first.key);
    expect(Object.keys(list[0]!)).not.toContain("keyHash");
  });

  it("refuses an empty name on the name field", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const created = await createApiKey(ctx.db, { organizationId: organization.id, createdBy: null, name: "  " });
    expect(created.ok).toBe(false);
    if (!created.ok) expect(created.error.details[0]?.path).toBe("name");
  });

  it.each([
    ["missing", null, /^Missing API key/],
    ["not bearer", "Basic dXNlcjpwYXNz", /^Malformed API key/],
    ["malformed", "Bearer not-a-key", /^Malformed API key/],
    ["unknown", `Bearer pdk_00000000_${"a".repeat(40)}`, /^Unknown API key/],
  ])("answers a %s key with 401", async (_label, header, message) => {
    const auth = await authenticateApiKey(ctx.db, header, now());
    expect(auth.ok).toBe(false);
    if (!auth.ok) {
      expect(auth.error.status).toBe(401);
      expect(auth.error.message).toMatch(message);
    }
  });

  it("refuses a key whose prefix exists but whose secret is wrong", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const { key } = await makeApiKey(ctx.db, organization.id);
    const forged = key.slice(0, 14) + (key[14] === "a" ? "b" : "a") + key.slice(15);
    const auth = await authenticateApiKey(ctx.db, `Bearer ${forged}`, now());
    expect(auth.ok).toBe(false);
  });

  it("refuses a revoked key, and revoking is scoped to the organization", async () => {
    const mine = await makeOrganization(ctx.db);
    const theirs = await makeOrganization(ctx.db);
    const { key, apiKey } = await makeApiKey(ctx.db, mine.organization.id);

    const wrongOrg = await revokeApiKey(ctx.db, { organizationId: theirs.organization.id, id: apiKey.id, now: now() });
    expect(wrongOrg.ok).toBe(false);
    if (!wrongOrg.ok) expect(wrongOrg.error.kind).toBe("not_found");
    expect((await authenticateApiKey(ctx.db, `Bearer ${key}`, now())).ok).toBe(true);

    const revoked = await revokeApiKey(ctx.db, { organizationId: mine.organization.id, id: apiKey.id, now: now() });
    expect(revoked.ok).toBe(true);
    const auth = await authenticateApiKey(ctx.db, `Bearer ${key}`, now());
    expect(auth.ok).toBe(false);
    if (!auth.ok) expect(auth.error.message).toMatch(/revoked/);
    expect((await listApiKeys(ctx.db, { organizationId: theirs.organization.id })).length).toBe(0);
  });

  it("answers a busy key from memory for a few seconds; a revoke elsewhere takes hold within them", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const { key } = await makeApiKey(ctx.db, organization.id);
    const t0 = new Date();
    expect((await authenticateApiKey(ctx.db, `Bearer ${key}`, t0)).ok).toBe(true);
    // Another instance revokes it: this one's database row changes, its memory does not.
    await ctx.db.update(apiKeys).set({ revokedAt: t0 }).where(eq(apiKeys.organizationId, organization.id));
    const soon = await authenticateApiKey(ctx.db, `Bearer ${key}`, new Date(t0.getTime() + 1_000));
    expect(soon.ok).toBe(true);
    const after = await authenticateApiKey(ctx.db, `Bearer ${key}`, new Date(t0.getTime() + VERIFIED_KEY_TTL_MS));
    expect(!after.ok && after.error.message).toBe("This API key has been revoked");
    // A wrong secret with a known prefix is never taken from memory.
    const forged = `${key.slice(0, -4)}AAAA`;
    expect((await authenticateApiKey(ctx.db, `Bearer ${forged}`, new Date(t0.getTime() + 1_000))).ok).toBe(false);
  });

  it("404s revoking a malformed id instead of erroring", async () => {
    const { organization } = await makeOrganization(ctx.db);
    const res = await revokeApiKey(ctx.db, { organizationId: organization.id, id: "nope", now: now() });
    expect(res.ok).toBe(false);
  });
});
