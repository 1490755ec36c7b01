// GET /api/oauth/:platform/callback: a flow begun by a signed-in member can be finished only by
// that member's session in that organization; anyone else's (or no) session is refused with a
// code of ours, and nothing is written: not the account, not the state (its owner can still
// finish). Reconnecting keeps the account and its posts.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, oauthStates, posts } from "@/db/schema";
import { beginConnect } from "@/lib/server/accounts/connect";
import { approveSimulatedConsent } from "@/lib/server/accounts/simulated-consent";
import type { AppContext } from "@/lib/server/context";
import { createSimulator, type Simulator } from "@/simulator/server";
import { installAppContext, openTestContext } from "@/test/db";
import { makeOrganization, memberSession, sessionFor } from "@/test/factories";
import { GET } from "./route";

let ctx: AppContext;
let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator({ port: 0 });
  ctx = await openTestContext({ env: { SIMULATOR_PORT: new URL(sim.url).port } });
  installAppContext(ctx);
});
afterAll(async () => {
  await sim.close();
  await ctx.close();
});

/** An owner who began connecting `platform` (as the Accounts page's action does) and clicked Allow. */
async function begun(platform: "tiktok" | "instagram", username?: string) {
  const owner = await makeOrganization(ctx.db);
  const url = await beginConnect(ctx, { organizationId: owner.organization.id, userId: owner.userId, platform, now: new Date() });
  const callback = await approveSimulatedConsent(url, { username });
  return { owner, callback, state: callback.searchParams.get("state")! };
}

async function arrive(callback: URL, headers: Headers = new Headers()) {
  const platform = callback.pathname.split("/")[3]!;
  const res = await GET(new Request(callback, { headers }), { params: Promise.resolve({ platform }) });
  expect(res.status).toBe(303);
  return new URL(res.headers.get("location")!);
}

const accountsOf = (organizationId: string) => ctx.db.select().from(accounts).where(eq(accounts.organizationId, organizationId));
const stateRows = (state: string) => ctx.db.select().from(oauthStates).where(eq(oauthStates.state, state));

describe.each(["tiktok", "instagram"] as const)("the %s callback", (platform) => {
  it("connects the account for the member whose session began the flow", async () => {
    const { owner, callback, state } = await begun(platform);
    const back = await arrive(callback, await sessionFor(ctx, owner.email, owner.organization.id));
    expect(back.pathname).toBe("/accounts");
    expect(back.searchParams.get("connected")).toBe(platform);
    expect(back.searchParams.has("error")).toBe(false);
    expect(await accountsOf(owner.organization.id)).toHaveLength(1);
    expect(await stateRows(state)).toEqual([]);
  });

  it("refuses another member's session, writing nothing, and the owner can still finish", async () => {
    const { owner, callback, state } = await begun(platform);
    const otherAdmin = await memberSession(ctx, owner.organization.id, "admin");
    const back = await arrive(callback, otherAdmin);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: "other_session", platform });
    expect(await accountsOf(owner.organization.id)).toEqual([]);
    expect(await stateRows(state)).toHaveLength(1);

    const mine = await arrive(callback, await sessionFor(ctx, owner.email, owner.organization.id));
    expect(mine.searchParams.get("connected")).toBe(platform);
    expect(await accountsOf(owner.organization.id)).toHaveLength(1);
  });

  it("refuses the same member signed in to another organization", async () => {
    const { owner, callback, state } = await begun(platform);
    const elsewhere = await makeOrganization(ctx.db, "Another team");
    await ctx.auth.api.addMember({ body: { userId: owner.userId, organizationId: elsewhere.organization.id, role: "admin" } });
    const back = await arrive(callback, await sessionFor(ctx, owner.email, elsewhere.organization.id));
    expect(back.searchParams.get("error")).toBe("other_organization");
    expect(await accountsOf(owner.organization.id)).toEqual([]);
    expect(await accountsOf(elsewhere.organization.id)).toEqual([]);
    expect(await stateRows(state)).toHaveLength(1);
  });

  it("refuses a callback with no session, writing nothing", async () => {
    const { owner, callback, state } = await begun(platform);
    const back = await arrive(callback);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: "signed_out", platform });
    expect(await accountsOf(owner.organization.id)).toEqual([]);
    expect(await stateRows(state)).toHaveLength(1);
  });

  it("refuses a flow begun without a browser (the CLI's), even for a signed-in owner", async () => {
    const owner = await makeOrganization(ctx.db);
    const url = await beginConnect(ctx, { organizationId: owner.organization.id, userId: null, platform, now: new Date() });
    const callback = await approveSimulatedConsent(url);
    const back = await arrive(callback, await sessionFor(ctx, owner.email, owner.organization.id));
    expect(back.searchParams.get("error")).toBe("other_session");
    expect(await accountsOf(owner.organization.id)).toEqual([]);
  });

  it("passes the platform's refusal back as a detail, not as the message", async () => {
    const { owner, callback } = await begun(platform);
    callback.searchParams.delete("code");
    callback.searchParams.set("error", "access_denied");
    callback.searchParams.set("error_description", "<img src=x onerror=alert(1)>");
    const back = await arrive(callback, await sessionFor(ctx, owner.email, owner.organization.id));
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: "not_approved", platform, detail: "<img src=x onerror=alert(1)>" });
  });

  it("reconnecting keeps the account, its settings and its posts", async () => {
    const username = `${platform}_reconnect_${Date.now().toString(36)}`;
    const first = await begun(platform, username);
    const headers = await sessionFor(ctx, first.owner.email, first.owner.organization.id);
    await arrive(first.callback, headers);
    const [account] = await accountsOf(first.owner.organization.id);
    await ctx.db.update(accounts).set({ tag: "kept", minGapMinutes: 45, status: "needs_reauth" }).where(eq(accounts.id, account!.id));
    const [post] = await ctx.db
      .insert(posts)
      .values({ organizationId: first.owner.organization.id, accountId: account!.id, caption: "still here", scheduledAt: new Date(Date.now() + 86_400_000) })
      .returning();

    const url = await beginConnect(ctx, { organizationId: first.owner.organization.id, userId: first.owner.userId, platform, now: new Date() });
    const again = await approveSimulatedConsent(url, { username });
    expect((await arrive(again, headers)).searchParams.get("connected")).toBe(platform);

    const after = await accountsOf(first.owner.organization.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: account!.id, tag: "kept", minGapMinutes: 45, status: "active" });
    expect(after[0]!.accessTokenEnc).not.toBe(account!.accessTokenEnc);
    const kept = await ctx.db.select().from(posts).where(and(eq(posts.id, post!.id), eq(posts.accountId, account!.id)));
    expect(kept).toMatchObject([{ caption: "still here", status: "scheduled" }]);
  });
});
