// API keys: created and shown once, listed by prefix, revoked, and checked on every API call.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/api-keys";
import { bearerToken, createApiKeySchema, formatApiKey, parseApiKey } from "@/lib/domain/api-keys";
import { AppError, type Result, err, ok } from "@/lib/domain/errors";
import { parseResult } from "../http/envelope";

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export type ApiKeyView = q.ApiKeyRow;

/** Creates a key for the organization; the plain key is returned here and never again. */
export async function createApiKey(
  db: Db,
  params: { organizationId: string; createdBy: string | null; name: string },
): Promise<Result<{ key: string; apiKey: ApiKeyView }>> {
  const parsed = parseResult(createApiKeySchema, { name: params.name });
  if (!parsed.ok) return parsed;
  const { key, prefix } = formatApiKey(randomBytes(44));
  const apiKey = await q.insertApiKey(db, {
    organizationId: params.organizationId,
    name: parsed.value.name,
    prefix,
    keyHash: hashKey(key),
    createdBy: params.createdBy,
  });
  return ok({ key, apiKey });
}

export function listApiKeys(db: Db, params: { organizationId: string }): Promise<ApiKeyView[]> {
  return q.listApiKeys(db, params);
}

export async function revokeApiKey(
  db: Db,
  params: { organizationId: string; id: string; now: Date },
): Promise<Result<ApiKeyView>> {
  if (!/^[0-9a-f-]{36}$/i.test(params.id)) return err(notFoundKey());
  const row = await q.revokeApiKey(db, params);
  if (row) forgetVerified(row.id);
  return row ? ok(row) : err(notFoundKey());
}

function notFoundKey() {
  return new AppError("not_found", "id: no active API key with this id in your organization");
}

export type ApiPrincipal = { organizationId: string; apiKeyId: string };

/**
 * Authenticates an `Authorization` header. Missing, malformed, unknown and revoked keys are
 * all 401; the message says which, which helps the caller and tells an attacker nothing new.
 */
export async function authenticateApiKey(
  db: Db,
  header: string | null,
  now: Date,
): Promise<Result<ApiPrincipal>> {
  if (!header) return err(unauthorized("Missing API key: send Authorization: Bearer <key>"));
  const token = bearerToken(header);
  const parsed = token ? parseApiKey(token) : null;
  if (!token || !parsed) return err(unauthorized("Malformed API key: expected Authorization: Bearer pdk_…"));
  const hash = hashKey(token);
  const cached = verified.get(hash);
  if (cached && now.getTime() - cached.checkedAt < VERIFIED_KEY_TTL_MS && now.getTime() >= cached.checkedAt) {
    await touchAtMostEveryMinute(db, cached.principal.apiKeyId, now);
    return ok(cached.principal);
  }
  verified.delete(hash);
  const row = await q.findApiKeyByPrefix(db, { prefix: parsed.prefix });
  if (!row || !timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(row.keyHash, "hex"))) {
    return err(unauthorized("Unknown API key"));
  }
  if (row.revokedAt) return err(unauthorized("This API key has been revoked"));
  const principal = { organizationId: row.organizationId, apiKeyId: row.id };
  if (verified.size >= VERIFIED_KEYS_MAX) verified.clear();
  verified.set(hash, { principal, checkedAt: now.getTime() });
  await touchAtMostEveryMinute(db, row.id, now);
  return ok(principal);
}

/**
 * Keys checked against the database in the last few seconds, by hash: a busy client's requests
 * skip the lookup. A revoke on this instance drops its entry at once (revokeApiKey); another
 * instance refuses the key once its entry is older than VERIFIED_KEY_TTL_MS.
 */
export const VERIFIED_KEY_TTL_MS = 5_000;
const VERIFIED_KEYS_MAX = 10_000;
// On globalThis, like the app context (lib/server/context.ts): Next.js bundles route handlers and
// server actions apart, and a revoke from Settings (an action) must reach the API routes' copy.
type Verified = Map<string, { principal: ApiPrincipal; checkedAt: number }>;
const verified: Verified = ((globalThis as unknown as { __postdeckVerifiedKeys?: Verified }).__postdeckVerifiedKeys ??= new Map());

function forgetVerified(apiKeyId: string): void {
  for (const [hash, entry] of verified) if (entry.principal.apiKeyId === apiKeyId) verified.delete(hash);
}

// Last-use times are for humans ("used 3 minutes ago"): one write a minute per key is plenty,
// and remembering the last write here saves busy keys a query on every request.
const lastTouched = new Map<string, number>();

async function touchAtMostEveryMinute(db: Db, id: string, now: Date): Promise<void> {
  const last = lastTouched.get(id) ?? 0;
  if (now.getTime() - last < 60_000) return;
  lastTouched.set(id, now.getTime());
  if (lastTouched.size > 10_000) lastTouched.clear();
  await q.touchApiKey(db, { id, now });
}

function unauthorized(message: string) {
  return new AppError("unauthorized", message);
}
