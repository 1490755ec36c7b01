"use server";
// Sign-up, sign-in and sign-out for the dashboard forms.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { fieldErrors, safeNextPath, signInSchema, signUpSchema } from "@/lib/domain/auth";
import { throttledMessage } from "@/lib/domain/throttle";
import { getAppContext } from "@/lib/server/context";
import { logger } from "@/lib/server/logger";
import { createOrganizationWithOwner } from "@/lib/server/identity/organizations";
import { clearSignInFailures, recordSignInFailure, signInBlockedUntil } from "@/lib/server/identity/throttle";

// Server actions call better-auth directly, past its HTTP rate limiter, so sign-in failures are
// throttled here, counted in the database so that every app instance sees the same ones.

export type FormState = {
  errors: Record<string, string>;
  /** What the user typed (never the password), so a failed submit loses nothing. */
  values: Record<string, string>;
};

function valuesOf(form: FormData, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? "")]));
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form, ["name", "organizationName", "email"]);
  const parsed = signUpSchema.safeParse({ ...values, password: String(form.get("password") ?? "") });
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };

  const ctx = await getAppContext();
  const created = await createOrganizationWithOwner(ctx.db, parsed.data, new Date(), { signupPolicy: ctx.config.signup });
  if (!created.ok) {
    const errors = Object.fromEntries(created.error.details.map((d) => [d.path || "form", d.message]));
    return { errors: Object.keys(errors).length ? errors : { form: created.error.message }, values };
  }
  try {
    await ctx.auth.api.signInEmail({
      body: { email: parsed.data.email, password: parsed.data.password },
      headers: await headers(),
    });
  } catch (error) {
    logger.error("sign-in after sign-up failed", error);
    return { errors: { form: "Your organization was created, but signing in failed. Try signing in." }, values };
  }
  redirect("/compose");
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form, ["email"]);
  const parsed = signInSchema.safeParse({ ...values, password: String(form.get("password") ?? "") });
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const ctx = await getAppContext();
  const now = new Date();
  const wait = await signInBlockedUntil(ctx.db, parsed.data.email, now);
  if (wait) return { errors: { form: throttledMessage(wait, now) }, values };
  try {
    await ctx.auth.api.signInEmail({ body: parsed.data, headers: await headers() });
  } catch (error) {
    await recordSignInFailure(ctx.db, parsed.data.email, now);
    logger.info(`sign-in refused: ${error instanceof Error ? error.message : String(error)}`);
    // The same words whether the email is unknown or the password wrong: no account probing.
    return { errors: { form: "Wrong email or password." }, values };
  }
  await clearSignInFailures(ctx.db, parsed.data.email);
  // A sign-in started from an invitation goes back to it (`next`, a path on this site only).
  redirect(safeNextPath(form.get("next")) ?? "/compose");
}

export async function signOutAction(): Promise<void> {
  const ctx = await getAppContext();
  await ctx.auth.api.signOut({ headers: await headers() }).catch(() => {});
  redirect("/sign-in");
}
