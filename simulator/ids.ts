// Ids that appear in contracts are deterministic (counters), so a test run reads the same every
// time. Secrets (tokens, codes) and per-response trace ids are random, as on the real platforms.
import { randomBytes } from "node:crypto";

/** TikTok-style log id: a UTC timestamp followed by random hex, 34 characters. */
export function tiktokLogId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/\D/g, "").slice(0, 14);
  return stamp + randomBytes(10).toString("hex").toUpperCase();
}

export function fbtraceId(): string {
  return randomBytes(17).toString("base64url").slice(0, 23);
}

export function secret(prefix: string): string {
  return prefix + randomBytes(24).toString("base64url");
}

/** TikTok post ids are 19-digit int64s, beyond JS's safe integers on purpose. */
export function tiktokPostId(n: number): bigint {
  return 7_448_335_796_416_843_051n + BigInt(n) * 7_919n;
}

/** Instagram ids are 17-digit decimal strings; `family` keeps users, containers and media apart. */
export function instagramId(family: "user" | "app_user" | "container" | "media", n: number): string {
  const prefix = { user: "178414", app_user: "271839", container: "179012", media: "180533" }[family];
  return prefix + String(n).padStart(11, "0");
}

const SHORTCODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** An 11-character Instagram shortcode that is deliberately not the numeric media id. */
export function shortcode(n: number): string {
  let x = (BigInt(n) * 1_000_000_007n + 3_141_592_653n) % 64n ** 10n;
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = SHORTCODE_ALPHABET[Number(x % 64n)] + out;
    x /= 64n;
  }
  return "D" + out;
}
