import { describe, expect, it } from "vitest";
import { bearerToken, formatApiKey, parseApiKey } from "./api-keys";

const bytes = (fill: (i: number) => number) => Uint8Array.from({ length: 44 }, (_, i) => fill(i));

describe("formatApiKey", () => {
  it("builds pdk_<8 hex>_<40 base62> from the random bytes", () => {
    const { key, prefix } = formatApiKey(bytes((i) => i * 7));
    expect(key).toMatch(/^pdk_[0-9a-f]{8}_[0-9A-Za-z]{40}$/);
    expect(prefix).toBe("pdk_00070e15");
    expect(key.startsWith(`${prefix}_`)).toBe(true);
  });

  it("gives different keys for different bytes", () => {
    expect(formatApiKey(bytes(() => 1)).key).not.toBe(formatApiKey(bytes(() => 2)).key);
  });

  it("refuses too few random bytes", () => {
    expect(() => formatApiKey(new Uint8Array(10))).toThrow(/44 random bytes/);
  });

  it("round-trips through parseApiKey", () => {
    const { key, prefix } = formatApiKey(bytes((i) => 255 - i));
    expect(parseApiKey(key)).toEqual({ prefix });
  });
});

describe("parseApiKey", () => {
  it.each([
    "",
    "pdk_",
    "pdk_0011aabb",
    "pdk_0011aabb_short",
    "pdk_0011AABB_" + "a".repeat(40),
    "sk_0011aabb_" + "a".repeat(40),
    "pdk_0011aabb_" + "a".repeat(39) + "!",
    "pdk_0011aabb_" + "a".repeat(41),
  ])("rejects %j", (k) => {
    expect(parseApiKey(k)).toBeNull();
  });
});

describe("bearerToken", () => {
  it.each([
    [null, null],
    ["", null],
    ["Bearer", null],
    ["Bearer ", null],
    ["Basic abc", null],
    ["Bearer a b", null],
    ["Bearer abc", "abc"],
    ["bearer abc", "abc"],
    ["Bearer   abc  ", "abc"],
  ])("%j → %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
