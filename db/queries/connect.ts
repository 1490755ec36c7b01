// OAuth states (bound to the member or process that began the flow) and the upsert of a
// connected account.
import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, oauthStates } from "../schema";

export type NewOAuthState = typeof oauthStates.$inferInsert;

export async function insertOAuthState(db: Db, params: NewOAuthState): Promise<void> {
  await db.insert(oauthStates).values(params);
}

/** Who may finish a flow: the signed-in member who began it, or the process that began it. */
export type OAuthStateOwner = { userId: string; organizationId: string } | { localBinding: string };

/**
 * Takes a state, once, for its owner: the row is deleted as it is read. A state that has
 * expired, or that belongs to someone else, is not returned and stays as it was.
 */
export async function consumeOAuthState(
  db: Db,
  params: { state: string; platform: "tiktok" | "instagram"; now: Date; owner: OAuthStateOwner },
) {
  const owned =
    "localBinding" in params.owner
      ? and(isNull(oauthStates.userId), eq(oauthStates.localBinding, params.owner.localBinding))
      : and(eq(oauthStates.userId, params.owner.userId), eq(oauthStates.organizationId, params.owner.organizationId));
  const [row] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.state, params.state), eq(oauthStates.platform, params.platform), gt(oauthStates.expiresAt, params.now), owned))
    .returning();
  return row ?? null;
}

/** Reads a live state without taking it, to say why its owner check failed. */
export async function findLiveOAuthState(db: Db, params: { state: string; platform: "tiktok" | "instagram"; now: Date }) {
  const [row] = await db
    .select({ userId: oauthStates.userId, organizationId: oauthStates.organizationId })
    .from(oauthStates)
    .where(and(eq(oauthStates.state, params.state), eq(oauthStates.platform, params.platform), gt(oauthStates.expiresAt, params.now)));
  return row ?? null;
}

export type ConnectedAccount = typeof accounts.$inferInsert;

/**
 * Creates the account, or — when this organization already has it — refreshes its tokens and
 * profile. Labels,
 * schedule, gap and cap chosen by the team are kept on reconnect.
 */
export async function upsertConnectedAccount(db: Db, a: ConnectedAccount & { organizationId: string }) {
  const [row] = await db
    .insert(accounts)
    .values(a)
    .onConflictDoUpdate({
      target: [accounts.organizationId, accounts.platform, accounts.platformUserId],
      set: {
        username: a.username,
        displayName: a.displayName,
        avatarUrl: a.avatarUrl,
        accessTokenEnc: a.accessTokenEnc,
        refreshTokenEnc: a.refreshTokenEnc,
        accessTokenExpiresAt: a.accessTokenExpiresAt,
        refreshTokenExpiresAt: a.refreshTokenExpiresAt,
        accessTokenIssuedAt: a.accessTokenIssuedAt,
        tokenRefreshUntil: null,
        scopes: a.scopes,
        // Reconnecting fixes needs_reauth; an account the team paused stays paused.
        status: sql`case when ${accounts.status} = 'needs_reauth' then 'active'::account_status else ${accounts.status} end`,
        lastError: null,
        updatedAt: new Date(),
      },
    })
    .returning({ id: accounts.id });
  return row!.id;
}
