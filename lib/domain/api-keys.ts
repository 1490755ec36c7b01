// The shape of an API key. A key is "pdk_" + 8 lowercase hex (its public prefix id)
// + "_" + 40 base62 characters (the secret). Randomness is passed in, so this stays pure.
import { z } from "zod";

const KEY_PATTERN = /^(pdk_[0-9a-f]{8})_([0-9A-Za-z]{40})$/;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Builds a key from random bytes (at least 44: 4 for the prefix, 40 for the secret). */
export function formatApiKey(random: Uint8Array): { key: string; prefix: string } {
  if (random.length < 44) throw new Error("formatApiKey needs 44 random bytes");
  const prefix = "pdk_" + Array.from(random.slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
  // 248 = 4 * 62, so `b % 62` over bytes below 248 is unbiased; bytes above are folded in
  // with a tiny bias (≤ 8/256 of draws) that costs < 0.1 bit of the ~238-bit secret.
  const secret = Array.from(random.slice(4, 44), (b) => BASE62[b % 62]).join("");
  return { key: `${prefix}_${secret}`, prefix };
}

/** Splits a presented key into its lookup prefix, or null when it is not a Postdeck key. */
export function parseApiKey(presented: string): { prefix: string } | null {
  const m = KEY_PATTERN.exec(presented);
  return m ? { prefix: m[1]! } : null;
}

/** Extracts the token from an `Authorization: Bearer <token>` header; null when absent or malformed. */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key").max(60, "Use at most 60 characters"),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
