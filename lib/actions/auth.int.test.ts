// The sign-up form's server action under each SIGNUP policy, called as the form calls it. Only
// the Next.js request (headers, redirect) is stubbed; the database and better-auth are real.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema/index";
import { SIGNUP_BY_INVITATION_MESSAGE } from "@/lib/domain/signup";
import type { AppContext } from "@/lib/server/context";
import { installAppContext, openTestContext, uniqueEmail } from "@/test/db";
import { TEST_PASSWORD, makeOrganization } from "@/test/factories";

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`REDIRECT ${to}`);
  },
}));

const { signUpAction } = await import("./auth");

const opened: AppContext[] = [];
async function appWith(signup: "open" | "invite"): Promise<AppContext> {
  const ctx = await openTestContext({ env: { SIGNUP: signup } });
  opened.push(ctx);
  installAppContext(ctx);
  await makeOrganization(ctx.db, "Already Here");
  return ctx;
}
afterEach(() => {
  (globalThis as { __postdeckApp?: unknown }).__postdeckApp = undefined;
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
});

function form(email: string): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ name: "Mallory", organizationName: "Second Org", email, password: TEST_PASSWORD })) f.set(k, v);
  return f;
}
const initial = { errors: {}, values: {} };

describe("signUpAction", () => {
  it("with SIGNUP=open creates a second organization and goes to Compose", async () => {
    const ctx = await appWith("open");
    const email = uniqueEmail("open-form");
    await expect(signUpAction(initial, form(email))).rejects.toThrow("REDIRECT /compose");
    expect(await ctx.db.$count(users, eq(users.email, email))).toBe(1);
  });

  it("with SIGNUP=invite refuses an uninvited sign-up with the policy's words, keeping what was typed", async () => {
    const ctx = await appWith("invite");
    const email = uniqueEmail("invite-form");
    const state = await signUpAction(initial, form(email));
    expect(state.errors).toEqual({ form: SIGNUP_BY_INVITATION_MESSAGE });
    expect(state.values).toEqual({ name: "Mallory", organizationName: "Second Org", email });
    expect(await ctx.db.$count(users, eq(users.email, email))).toBe(0);
  });
});
