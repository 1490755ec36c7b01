import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { members, organizations, users } from "@/db/schema/index";
import { openTestContext, testDbKind, uniqueEmail } from "@/test/db";
import { TEST_PASSWORD, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { createOrganizationWithOwner, resolveOrganization } from "./organizations";

let ctx: AppContext;
beforeAll(async () => {
  ctx = await openTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const input = (email: string, password = TEST_PASSWORD) => ({
  name: "Ada",
  organizationName: "Acme Agency",
  email,
  password,
});

describe("createOrganizationWithOwner", () => {
  it("creates the user, the organization and an owner membership", async () => {
    const email = uniqueEmail();
    const created = await createOrganizationWithOwner(ctx.db, input(email), new Date());
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { organization, userId } = created.value;
    expect(organization.name).toBe("Acme Agency");
    expect(organization.slug).toMatch(/^acme-agency(-[0-9a-f]{6})?$/);
    const [member] = await ctx.db.select().from(members).where(eq(members.organizationId, organization.id));
    expect(member).toMatchObject({ userId, role: "owner" });
  });

  it("gives a second organization of the same name its own slug", async () => {
    const a = await makeOrganization(ctx.db, "Same Name");
    const b = await makeOrganization(ctx.db, "Same Name");
    expect(a.organization.slug).not.toBe(b.organization.slug);
    expect(b.organization.slug).toMatch(/^same-name-[0-9a-f]{6}$/);
  });

  it("refuses a taken email (in any letter case) on the email field and writes nothing", async () => {
    const email = uniqueEmail();
    await createOrganizationWithOwner(ctx.db, input(email), new Date());
    const before = await ctx.db.$count(organizations);
    const again = await createOrganizationWithOwner(ctx.db, input(email.toUpperCase()), new Date());
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.kind).toBe("conflict");
    expect(again.error.details).toEqual([{ path: "email", message: "An account with this email already exists" }]);
    expect(await ctx.db.$count(organizations)).toBe(before);
  });

  it("refuses a too-short password on the password field and writes nothing", async () => {
    const email = uniqueEmail();
    const created = await createOrganizationWithOwner(ctx.db, input(email, "short"), new Date());
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.error.kind).toBe("validation_error");
    expect(created.error.details[0]?.path).toBe("password");
    expect(await ctx.db.$count(users, eq(users.email, email))).toBe(0);
  });

  it("stores a password better-auth can sign in with, and rejects a wrong one", async () => {
    const { email } = await makeOrganization(ctx.db);
    const signedIn = await ctx.auth.api.signInEmail({ body: { email, password: TEST_PASSWORD } });
    expect(signedIn.user.email).toBe(email);
    expect(signedIn.token).toBeTruthy();
    await expect(ctx.auth.api.signInEmail({ body: { email, password: "wrong-password" } })).rejects.toThrow(
      /invalid email or password/i,
    );
    // An unknown email fails with the very same words: nothing tells the two apart.
    await expect(
      ctx.auth.api.signInEmail({ body: { email: uniqueEmail("nobody"), password: "wrong-password" } }),
    ).rejects.toThrow(/invalid email or password/i);
  });

  it.runIf(testDbKind === "postgres")("lets exactly one of many parallel sign-ups with one email win", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 8 }, () => createOrganizationWithOwner(ctx.db, input(email), new Date())),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      if (!r.ok) expect(r.error.details[0]?.path).toBe("email");
    }
    expect(await ctx.db.$count(users, eq(users.email, email))).toBe(1);
  });
});

describe("resolveOrganization", () => {
  it("finds an organization by id and by slug, and 404s otherwise", async () => {
    const { organization } = await makeOrganization(ctx.db, "Findable");
    expect(await resolveOrganization(ctx.db, organization.id)).toEqual({ ok: true, value: organization });
    expect(await resolveOrganization(ctx.db, organization.slug)).toEqual({ ok: true, value: organization });
    const missing = await resolveOrganization(ctx.db, "no-such-org");
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.kind).toBe("not_found");
  });
});

describe("roles", () => {
  async function sessionHeaders(email: string): Promise<Headers> {
    const res = await ctx.auth.api.signInEmail({ body: { email, password: TEST_PASSWORD }, returnHeaders: true });
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    return new Headers({ cookie: cookies });
  }

  it("gives owner, admin, editor and viewer better-auth's member powers as configured", async () => {
    const { organization, email: ownerEmail } = await makeOrganization(ctx.db);
    const { findMembership } = await import("@/db/queries/organizations");
    const canAddMembers = async (email: string) =>
      (
        await ctx.auth.api.hasPermission({
          headers: await sessionHeaders(email),
          body: { organizationId: organization.id, permissions: { member: ["create"] } },
        })
      ).success;

    expect(await canAddMembers(ownerEmail)).toBe(true);
    // Only owners manage members (lib/domain/roles.ts "member:write"), over better-auth's endpoints too.
    const expected = { admin: false, editor: false, viewer: false } as const;
    for (const role of ["admin", "editor", "viewer"] as const) {
      const other = await makeOrganization(ctx.db, `Home of ${role}`);
      await ctx.auth.api.addMember({ body: { userId: other.userId, organizationId: organization.id, role } });
      const membership = await findMembership(ctx.db, { userId: other.userId, organizationId: organization.id });
      expect(membership?.role).toBe(role);
      expect(await canAddMembers(other.email)).toBe(expected[role]);
    }
  });
});
