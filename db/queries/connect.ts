// OAuth states and the upsert of a connected account.
import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, oauthStates } from "../schema";

export type NewOAuthState = typeof oauthStates.$inferInsert;

export async function insertOAuthState(db: Db, params: NewOAuthState): Promise<void> {
  await db.insert(oauthStates).values(params);
}

/** Takes a state, once: the row is deleted as it is read, and an expired one is not returned. */
export async function consumeOAuthState(db: Db, params: { state: string; platform: "tiktok" | "instagram"; now: Date }) {
  const [row] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.state, params.state), eq(oauthStates.platform, params.platform), gt(oauthStates.expiresAt, params.now)))
    .returning();
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
