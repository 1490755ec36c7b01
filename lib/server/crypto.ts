// Secrets at rest (platform OAuth tokens): AES-256-GCM with ENCRYPTION_KEY. The stored form is
// "v1.<iv>.<tag>.<ciphertext>" in base64url, so a later key rotation can add "v2" beside it.
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from "node:crypto";

const VERSION = "v1";

/** Encrypts `plain` with a fresh 96-bit IV; the auth tag makes any tampering detectable. */
export function encryptSecret(plain: string, key: Buffer): string {
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Decrypts a value from encryptSecret; throws when it was altered or the key is wrong. */
export function decryptSecret(stored: string, key: Buffer): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not an encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Whether a presented bearer secret equals the expected one, in constant time. */
export function sameSecret(presented: string | null, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
