// The account settings dialog's use-cases beyond update-info (dashboard.md §4): the TikTok
// creator's privacy options, and disconnecting an account.
import "server-only";
import { type Db, retryOnConflict } from "@/db/client";
import * as q from "@/db/queries/accounts";
import * as pq from "@/db/queries/posts";
import { lockAccount } from "@/db/queries/scheduling";
import type { Config } from "@/env";
import { DISCONNECTED_REASON, accountIdSchema, disconnectAccountSchema } from "@/lib/domain/accounts";
import { AppError, type Result, resultOf } from "@/lib/domain/errors";
import { parseOrThrow } from "../http/envelope";
import * as tiktok from "../publishing/platforms/tiktok";
import { usableToken } from "../publishing/tokens";

type Ctx = { db: Db; config: Pick<Config, "encryptionKey" | "platforms"> };

export type PrivacyOptions = { options: string[]; current: string | null };

/**
 * The privacy levels this TikTok creator may post with right now (TikTok's creator_info, which
 * the publisher also reads before each post), and the one the account is set to.
 */
export function privacyOptions(ctx: Ctx, organizationId: string, body: unknown, now: Date): Promise<Result<PrivacyOptions>> {
  return resultOf(async () => {
    const { accountId } = parseOrThrow(accountIdSchema, body);
    const [row] = (await q.accountsTable(ctx.db, { organizationId, now })).filter((r) => r.id === accountId);
    if (!row) throw new AppError("not_found", `accountId: no account ${accountId} in your organization`);
    if (row.platform !== "tiktok") throw new AppError("validation_error", "accountId: privacy levels are a TikTok setting; Instagram accounts have none", [{ path: "accountId", message: "is not a TikTok account" }]);
    const token = await usableToken(ctx, accountId, now);
    if (!token.ok) throw new AppError("conflict", `TikTok's options cannot be read: ${token.failure.reason}`);
    const info = await tiktok.creatorInfo(ctx.config.platforms.tiktok, token.token);
    if (!info.ok) throw new AppError("conflict", `TikTok did not give the creator's options: ${info.error.reason}`);
    return { options: info.value.privacyLevelOptions, current: row.privacyLevel };
  });
}

export type Disconnected = { accountId: string; failed: number; deleted: number };

/**
 * Disconnects an account: its tokens are dropped, it is marked as needing a reconnect (so it
 * keeps its labels, times and history, and "Reconnect" brings it back), and its posts still to go
 * out are failed or deleted as asked, in one transaction under the account's lock — so no post
 * is created or moved onto it meanwhile. Refused while one of its posts is being published.
 */
export function disconnectAccount(db: Db, organizationId: string, body: unknown, actor: string, now: Date): Promise<Result<Disconnected>> {
  return resultOf(async () => {
    const input = parseOrThrow(disconnectAccountSchema, body);
    return retryOnConflict(() =>
      db.transaction(async (tx) => {
        const account = await lockAccount(tx, { organizationId, accountId: input.accountId });
        if (!account) throw new AppError("not_found", `accountId: no account ${input.accountId} in your organization`);
        const open = await q.accountPostIds(tx, { organizationId, accountId: input.accountId, statuses: ["scheduled", "retrying", "pending"] });
        // Then the posts, in id order (the one lock order), and their status read again under the
        // lock: the worker may have taken one to publish meanwhile.
        const locked = await pq.lockPosts(tx, { organizationId, postIds: open.map((p) => p.id) });
        if (locked.some((p) => p.status === "pending")) {
          throw new AppError("conflict", "A post of this account is being published right now; try again in a minute");
        }
        const ids = locked.filter((p) => p.status === "scheduled" || p.status === "retrying").map((p) => p.id);
        if (input.scheduledPosts === "delete") await pq.setStatuses(tx, { organizationId, postIds: ids, status: "deleted", now });
        else await pq.failPosts(tx, { organizationId, postIds: ids, reason: DISCONNECTED_REASON, now });
        await q.disconnect(tx, { organizationId, accountId: input.accountId, reason: `disconnected by ${actor}`, now });
        return { accountId: input.accountId, failed: input.scheduledPosts === "fail" ? ids.length : 0, deleted: input.scheduledPosts === "delete" ? ids.length : 0 };
      }),
    );
  });
}
