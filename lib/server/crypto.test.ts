import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

const key = randomBytes(32);

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, and never stores the plain text", () => {
    const token = "act.example12345Example12345Example";
    const stored = encryptSecret(token, key);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain("example");
    expect(decryptSecret(stored, key)).toBe(token);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a tampered value and a wrong key", () => {
    const stored = encryptSecret("secret-token", key);
    const parts = stored.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    parts[3] = flipped.toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow();
    expect(() => decryptSecret("plain-token", key)).toThrow(/not an encrypted secret/);
  });

  it("refuses a key of the wrong length", () => {
    expect(() => encryptSecret("x", randomBytes(16))).toThrow(/32 bytes/);
  });
});
