import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "@/db/schema/index";
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
});
