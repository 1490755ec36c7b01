import { describe, expect, it } from "vitest";
import { fieldErrors, safeNextPath, signInSchema, signUpSchema, slugify } from "./auth";

const valid = { name: "Ada", organizationName: "Acme", email: " Ada@Example.COM ", password: "12345678" };

describe("signUpSchema", () => {
  it("accepts a valid sign-up and normalises the email", () => {
    const parsed = signUpSchema.parse(valid);
    expect(parsed.email).toBe("ada@example.com");
  });

  it.each([
    [{ password: "1234567" }, "password", "Use at least 8 characters"],
    [{ password: "x".repeat(129) }, "password", "Use at most 128 characters"],
    [{ email: "not-an-email" }, "email", "Enter a valid email address"],
    [{ organizationName: "  " }, "organizationName", "Name your organization"],
    [{ name: "" }, "name", "Enter your name"],
  ])("%j → %s: %s", (patch, field, message) => {
    const parsed = signUpSchema.safeParse({ ...valid, ...patch });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrors(parsed.error)[field]).toBe(message);
  });
});

describe("signInSchema", () => {
  it("needs a password", () => {
    const parsed = signInSchema.safeParse({ email: "a@b.co", password: "" });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrors(parsed.error)).toEqual({ password: "Enter your password" });
  });
});

describe("slugify", () => {
  it.each([
    ["Acme Agency", undefined, "acme-agency"],
    ["  Ça va, Zoë!  ", undefined, "ca-va-zoe"],
    ["🎉🎉", undefined, "org"],
    ["Acme", "a1b2c3", "acme-a1b2c3"],
    ["x".repeat(60), undefined, "x".repeat(40)],
  ])("%j (%s) → %s", (name, suffix, slug) => {
    expect(slugify(name, suffix)).toBe(slug);
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/invite/abc_DEF-123", "/invite/abc_DEF-123"],
    ["/compose?x=1", "/compose?x=1"],
    ["//evil.example/x", null],
    ["/\\evil.example", null],
    ["https://evil.example", null],
    ["javascript:alert(1)", null],
    ["/a b", null],
    ["", null],
    [undefined, null],
  ])("%j → %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });
});
