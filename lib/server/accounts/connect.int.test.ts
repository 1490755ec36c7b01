import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, oauthStates } from "@/db/schema/index";
import { createSimulator, type Simulator } from "@/simulator/server";
import { openTestContext, testConfig } from "@/test/db";
import { makeOrganization } from "@/test/factories";
import { completeConnect, beginConnect, type ConnectCtx } from "./connect";
import type { AppContext } from "../context";
import { decryptSecret } from "../crypto";
import { approveSimulatedConsent } from "./simulated-consent";

let app: AppContext;
let sim: Simulator;
let ctx: ConnectCtx;
beforeAll(async () => {
  app = await openTestContext();
  sim = await createSimulator({ port: 0 });
  const config = testConfig({ SIMULATOR_PORT: new URL(sim.url).port });
  ctx = { db: app.db, config };
});
afterAll(async () => {
  await sim.close();
  await app.close();
});

async function connect(organizationId: string, platform: "tiktok" | "instagram", username: string) {
  const url = await beginConnect(ctx, { organizationId, userId: null, platform, labels: { tag: "sim" }, now: new Date() });
  const callback = await approveSimulatedConsent(url, { username });
  return { callback, result: await completeConnect(ctx, {
    platform,
    state: callback.searchParams.get("state"),
    code: callback.searchParams.get("code"),
    error: callback.searchParams.get("error"),
    now: new Date(),
  }) };
}

describe.each(["tiktok", "instagram"] as const)("connecting a %s account through the simulator", (platform) => {
  it("stores the account with the platform's defaults and encrypted tokens", async () => {
    const { organization } = await makeOrganization(app.db);
    const { callback, result } = await connect(organization.id, platform, `${platform}_creator_a`);
    expect(callback.pathname).toBe(`/api/oauth/${platform}/callback`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await app.db.select().from(accounts).where(eq(accounts.id, result.value.accountId));
    expect(row).toMatchObject({
      organizationId: organization.id,
      platform,
      username: `${platform}_creator_a`,
      tag: "sim",
      status: "active",
      dailyCap: platform === "tiktok" ? 15 : 25,
      minGapMinutes: 120,
    });
    expect(row!.accessTokenEnc).toMatch(/^v1\./);
    const token = decryptSecret(row!.accessTokenEnc!, ctx.config.encryptionKey);
    expect(token.length).toBeGreaterThan(8);
    expect(row!.accessTokenEnc).not.toContain(token);
    expect(row!.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("reconnecting updates the same account and keeps a team's pause", async () => {
    const { organization } = await makeOrganization(app.db);
    const first = await connect(organization.id, platform, `${platform}_again`);
    if (!first.result.ok) throw first.result.error;
    await app.db.update(accounts).set({ status: "paused" }).where(eq(accounts.id, first.result.value.accountId));
    const second = await connect(organization.id, platform, `${platform}_again`);
    expect(second.result.ok && second.result.value.accountId).toBe(first.result.value.accountId);
    const [row] = await app.db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, first.result.value.accountId));
    expect(row?.status).toBe("paused");
  });

  it("refuses a reused or unknown state", async () => {
    const { organization } = await makeOrganization(app.db);
    const url = await beginConnect(ctx, { organizationId: organization.id, userId: null, platform, now: new Date() });
    const callback = await approveSimulatedConsent(url);
    const args = { platform, state: callback.searchParams.get("state"), code: callback.searchParams.get("code"), error: null, now: new Date() };
    expect((await completeConnect(ctx, args)).ok).toBe(true);
    const again = await completeConnect(ctx, args);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.details).toEqual([]);
    expect((await completeConnect(ctx, { ...args, state: "forged" })).ok).toBe(false);
  });

  it("refuses a state begun by a signed-in member when this process, not their browser, finishes it", async () => {
    const { organization, userId } = await makeOrganization(app.db);
    const url = await beginConnect(ctx, { organizationId: organization.id, userId, platform, now: new Date() });
    const callback = await approveSimulatedConsent(url);
    const state = callback.searchParams.get("state")!;
    const done = await completeConnect(ctx, { platform, state, code: callback.searchParams.get("code"), error: null, now: new Date() });
    expect(!done.ok && done.error.code).toBe("other_session");
    expect(await app.db.select().from(accounts).where(eq(accounts.organizationId, organization.id))).toEqual([]);
    expect(await app.db.select().from(oauthStates).where(eq(oauthStates.state, state))).toHaveLength(1);
  });
});

// platforms.md §1.1 documents PKCE (S256) for TikTok's Login Kit; Instagram Login has none.
describe("PKCE", () => {
  const tokenRequests = async () => {
    const { requests } = (await (await fetch(`${sim.url}/__admin/requests`)).json()) as { requests: { route: string; body?: string }[] };
    return requests.filter((r) => r.route === "tiktok.token");
  };

  it("TikTok: the challenge goes to the consent page, the verifier only to the token endpoint", async () => {
    const { organization } = await makeOrganization(app.db);
    const url = new URL(await beginConnect(ctx, { organizationId: organization.id, userId: null, platform: "tiktok", now: new Date() }));
    const state = url.searchParams.get("state")!;
    const [row] = await app.db.select().from(oauthStates).where(eq(oauthStates.state, state));
    const verifier = row!.codeVerifier!;
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(url.searchParams.get("code_challenge")).toBe(createHash("sha256").update(verifier).digest("base64url"));
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.toString()).not.toContain(verifier);

    const callback = await approveSimulatedConsent(url.toString());
    expect(callback.toString()).not.toContain(verifier);
    const before = (await tokenRequests()).length;
    const done = await completeConnect(ctx, { platform: "tiktok", state, code: callback.searchParams.get("code"), error: null, now: new Date() });
    expect(done.ok).toBe(true);
    const sent = (await tokenRequests()).slice(before);
    expect(sent).toHaveLength(1);
    expect(new URLSearchParams(sent[0]!.body).get("code_verifier")).toBe(verifier);
  });

  it("TikTok: a wrong verifier is refused by the token endpoint, with a clear error and no account", async () => {
    const { organization } = await makeOrganization(app.db);
    const url = await beginConnect(ctx, { organizationId: organization.id, userId: null, platform: "tiktok", now: new Date() });
    const callback = await approveSimulatedConsent(url);
    const state = callback.searchParams.get("state")!;
    await app.db.update(oauthStates).set({ codeVerifier: "a-different-verifier-of-a-proper-length-0123456789" }).where(eq(oauthStates.state, state));
    const done = await completeConnect(ctx, { platform: "tiktok", state, code: callback.searchParams.get("code"), error: null, now: new Date() });
    expect(done.ok).toBe(false);
    if (done.ok) return;
    expect(done.error.code).toBe("platform_refused");
    expect(done.error.message).toMatch(/^The connection was refused by TikTok\. \(TikTok invalid_grant: Code verifier or code challenge is invalid\.\)$/);
    expect(await app.db.select().from(accounts).where(eq(accounts.organizationId, organization.id))).toEqual([]);
  });

  it("Instagram: no challenge and no verifier", async () => {
    const { organization } = await makeOrganization(app.db);
    const url = new URL(await beginConnect(ctx, { organizationId: organization.id, userId: null, platform: "instagram", now: new Date() }));
    expect(url.searchParams.has("code_challenge")).toBe(false);
    const [row] = await app.db.select().from(oauthStates).where(eq(oauthStates.state, url.searchParams.get("state")!));
    expect(row!.codeVerifier).toBeNull();
  });
});
