// API keys. Every query is scoped by organization except the lookup by prefix,
// which is how a presented key finds its organization in the first place.
import "server-only";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { apiKeys } from "../schema";

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function insertApiKey(
  db: Db,
  params: { organizationId: string; name: string; prefix: string; keyHash: string; createdBy: string | null },
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(params).returning(publicColumns);
  return row!;
}

export async function listApiKeys(db: Db, params: { organizationId: string }): Promise<ApiKeyRow[]> {
  return db
    .select(publicColumns)
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, params.organizationId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Marks a key revoked; returns it, or null when the org has no such (unrevoked) key. */
export async function revokeApiKey(
  db: Db,
  params: { organizationId: string; id: string; now: Date },
): Promise<ApiKeyRow | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: params.now })
    .where(
      and(
        eq(apiKeys.organizationId, params.organizationId),
        eq(apiKeys.id, params.id),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning(publicColumns);
  return row ?? null;
}

export async function findApiKeyByPrefix(db: Db, params: { prefix: string }) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      keyHash: apiKeys.keyHash,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.prefix, params.prefix))
    .limit(1);
  return row ?? null;
}

/** Records use, at most once a minute per key, so busy keys do not write on every request. */
export async function touchApiKey(db: Db, params: { id: string; now: Date }): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: params.now })
    .where(
      and(
        eq(apiKeys.id, params.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(params.now.getTime() - 60_000))),
      ),
    );
}
