// The sign-up policy (SIGNUP) on the server: the form's use-case and better-auth's own endpoint
// (a direct POST to /api/auth/sign-up/email, through the app's route handler) both obey it,
// an invitee still gets in under `invite`, and the operator CLI is never refused.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authRoute } from "@/app/api/auth/[...all]/route";
import { openDatabase } from "@/db/client";
import { invitations, members, organizations, users } from "@/db/schema/index";
import { SIGNUP_BY_INVITATION_MESSAGE } from "@/lib/domain/signup";
import { installAppContext, openTestContext, testConfig, testDbKind, uniqueEmail } from "@/test/db";
import { TEST_PASSWORD, makeOrganization, sessionFor } from "@/test/factories";
import { runCliCommand } from "../cli";
import { type AppContext, contextFor } from "../context";
import { createOrganizationWithOwner } from "./organizations";
import { mayAnyoneSignUp } from "./signup";

const input = (email: string, organizationName = "Newcomer Agency") => ({
  name: "Newcomer",
  organizationName,
  email,
  password: TEST_PASSWORD,
});

/** What the sign-up form does (its action adds signing in and the redirect). */
const signUpThroughForm = (ctx: AppContext, email: string) =>
  createOrganizationWithOwner(ctx.db, input(email), new Date(), { signupPolicy: ctx.config.signup });

/** A direct POST to better-auth's sign-up endpoint, as any client on the internet can send. */
async function signUpThroughEndpoint(ctx: AppContext, email: string): Promise<Response> {
  installAppContext(ctx);
  return authRoute(
    new Request(`${ctx.config.publicBaseUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ctx.config.publicBaseUrl },
      body: JSON.stringify({ name: "Direct", email, password: TEST_PASSWORD }),
    }),
  );
}

const usersWith = (ctx: AppContext, email: string) => ctx.db.$count(users, eq(users.email, email));

async function invite(ctx: AppContext, role: "editor" | "viewer" = "editor") {
  const owner = await makeOrganization(ctx.db, "Inviting Org");
  const email = uniqueEmail("invitee");
  const headers = await sessionFor(ctx, owner.email, owner.organization.id);
  const invitation = await ctx.auth.api.createInvitation({
    headers,
    body: { email, role, organizationId: owner.organization.id },
  });
  return { email, invitationId: invitation.id, organizationId: owner.organization.id };
}

/**
 * A context over a database with no organization at all: a fresh in-memory PGlite, or on
 * Postgres a scratch database next to the shared test database (other files fill that one).
 */
async function openEmptyContext(env: Record<string, string>): Promise<AppContext> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openTestContext({ env });
  const { default: postgres } = await import("postgres");
  const name = `signup_empty_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: scratch.toString() });
  return contextFor(testConfig(env), {
    ...database,
    close: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  });
}

describe("SIGNUP=open", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openTestContext({ env: { SIGNUP: "open" } });
    await makeOrganization(ctx.db, "Already Here");
  });
  afterAll(() => ctx.close());

  it("lets anyone create a further organization through the form", async () => {
    expect(await mayAnyoneSignUp(ctx.db, ctx.config.signup)).toBe(true);
    const email = uniqueEmail("open");
    const created = await signUpThroughForm(ctx, email);
    expect(created.ok).toBe(true);
    expect(await usersWith(ctx, email)).toBe(1);
  });

  it("lets better-auth's own sign-up endpoint create a user", async () => {
    const email = uniqueEmail("open-direct");
    const res = await signUpThroughEndpoint(ctx, email);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await usersWith(ctx, email)).toBe(1);
  });
});

describe("SIGNUP=invite (the default) once an organization exists", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openTestContext({ env: { SIGNUP: "invite" } });
    await makeOrganization(ctx.db, "Already Here");
  });
  afterAll(() => ctx.close());

  it("is the default", async () => {
    const unset = await openTestContext();
    try {
      expect(unset.config.signup).toBe("invite");
      await makeOrganization(unset.db);
      expect(await mayAnyoneSignUp(unset.db, unset.config.signup)).toBe(false);
    } finally {
      await unset.close();
    }
  });

  it("refuses a sign-up without an invitation through the form, writing nothing", async () => {
    expect(await mayAnyoneSignUp(ctx.db, ctx.config.signup)).toBe(false);
    const email = uniqueEmail("uninvited");
    const orgsBefore = await ctx.db.$count(organizations);
    const created = await signUpThroughForm(ctx, email);
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.error.kind).toBe("forbidden");
    expect(created.error.message).toBe(SIGNUP_BY_INVITATION_MESSAGE);
    expect(await usersWith(ctx, email)).toBe(0);
    expect(await ctx.db.$count(organizations)).toBe(orgsBefore);
  });

  it("refuses a direct POST to better-auth's sign-up endpoint with 403, writing no user", async () => {
    const email = uniqueEmail("uninvited-direct");
    const res = await signUpThroughEndpoint(ctx, email);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message?: string }).message).toBe(SIGNUP_BY_INVITATION_MESSAGE);
    expect(await usersWith(ctx, email)).toBe(0);
    expect(res.headers.getSetCookie().some((c) => c.includes("session_token=") && !c.includes("Max-Age=0"))).toBe(false);
  });

  it("does not tell a known email from an unknown one when refusing", async () => {
    const { email } = await makeOrganization(ctx.db);
    const created = await signUpThroughForm(ctx, email);
    expect(!created.ok && created.error.message).toBe(SIGNUP_BY_INVITATION_MESSAGE);
  });

  it("lets an invited email sign up through the form (any letter case)", async () => {
    const { email } = await invite(ctx);
    const created = await signUpThroughForm(ctx, email.toUpperCase());
    expect(created.ok).toBe(true);
    expect(await usersWith(ctx, email)).toBe(1);
  });

  it("lets an invitee sign up through the endpoint and accept (the e2e addMember flow)", async () => {
    const { email, invitationId, organizationId } = await invite(ctx, "viewer");
    const res = await signUpThroughEndpoint(ctx, email);
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    await ctx.auth.api.acceptInvitation({ headers: new Headers({ cookie }), body: { invitationId } });
    const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const [member] = await ctx.db.select({ role: members.role, organizationId: members.organizationId }).from(members).where(eq(members.userId, user!.id));
    expect(member).toEqual({ role: "viewer", organizationId });
    // The invitation is used up: it admits nobody else with that email.
    const [row] = await ctx.db.select({ status: invitations.status }).from(invitations).where(eq(invitations.id, invitationId));
    expect(row?.status).toBe("accepted");
  });

  it("does not count an expired or cancelled invitation", async () => {
    const expired = await invite(ctx);
    await ctx.db.update(invitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(invitations.id, expired.invitationId));
    const cancelled = await invite(ctx);
    await ctx.db.update(invitations).set({ status: "canceled" }).where(eq(invitations.id, cancelled.invitationId));
    for (const { email } of [expired, cancelled]) {
      const created = await signUpThroughForm(ctx, email);
      expect(!created.ok && created.error.kind).toBe("forbidden");
      expect((await signUpThroughEndpoint(ctx, email)).status).toBe(403);
      expect(await usersWith(ctx, email)).toBe(0);
    }
  });

  it("leaves the operator CLI's org create alone", async () => {
    const email = uniqueEmail("cli");
    const out = await runCliCommand(ctx, { kind: "org-create", name: "Made By CLI", ownerEmail: email, password: TEST_PASSWORD }, new Date());
    expect(out.exitCode, out.stderr).toBe(0);
    expect(await usersWith(ctx, email)).toBe(1);
  });
});

describe("SIGNUP=invite on an empty instance", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openEmptyContext({ SIGNUP: "invite" });
  });
  afterAll(() => ctx.close());

  it("lets the first user sign up without an invitation, and then nobody else", async () => {
    expect(await ctx.db.$count(organizations)).toBe(0);
    expect(await mayAnyoneSignUp(ctx.db, ctx.config.signup)).toBe(true);
    const first = await signUpThroughForm(ctx, uniqueEmail("first"));
    expect(first.ok).toBe(true);

    expect(await mayAnyoneSignUp(ctx.db, ctx.config.signup)).toBe(false);
    const second = uniqueEmail("second");
    const refused = await signUpThroughForm(ctx, second);
    expect(!refused.ok && refused.error.message).toBe(SIGNUP_BY_INVITATION_MESSAGE);
    expect((await signUpThroughEndpoint(ctx, second)).status).toBe(403);
    expect(await usersWith(ctx, second)).toBe(0);
  });

  it.runIf(testDbKind === "postgres")("lets only one of several racing first sign-ups claim the instance", async () => {
    const empty = await openEmptyContext({ SIGNUP: "invite" });
    try {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => signUpThroughForm(empty, uniqueEmail(`race${i}`))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await empty.db.$count(organizations)).toBe(1);
    } finally {
      await empty.close();
    }
  });
});
