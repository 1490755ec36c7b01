"use server";
// The invitation page's actions (/invite/<id>): the invitee is not a member yet, so these go by
// the session alone (or none, to sign up) and the invitation id, never through authedAction.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAppContext } from "@/lib/server/context";
import { acceptInvitation, signUpInvitee } from "@/lib/server/identity/team";
import { logger } from "@/lib/server/logger";
import type { FormState } from "./auth";

const FORM_FIELDS = new Set(["name", "email", "password"]);
const invitePath = (invitationId: string) => `/invite/${encodeURIComponent(invitationId)}`;

/** Sign-up from an invitation: the user only (no organization of their own), signed in, back to the invitation to join. */
export async function signUpToJoinAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = Object.fromEntries(["name", "email", "invitationId"].map((k) => [k, String(form.get(k) ?? "")]));
  const ctx = await getAppContext();
  const created = await signUpInvitee(ctx, { ...values, password: String(form.get("password") ?? "") }, new Date());
  if (!created.ok) {
    const errors: Record<string, string> = {};
    for (const d of created.error.details) {
      if (FORM_FIELDS.has(d.path)) errors[d.path] ??= d.message;
    }
    // What is wrong with the invitation itself (revoked meanwhile) is said in full.
    if (Object.keys(errors).length === 0) errors.form = created.error.message;
    return { errors, values };
  }
  try {
    await ctx.auth.api.signInEmail({ body: { email: created.value.email, password: created.value.password }, headers: await headers() });
  } catch (error) {
    logger.error("sign-in after invitee sign-up failed", error);
    return { errors: { form: "Your account was created, but signing in failed. Sign in to continue." }, values };
  }
  redirect(invitePath(created.value.invitationId));
}

export type JoinState = { error: string | null };

/** "Join <org>": accepts through better-auth, makes it the active organization, opens Compose. */
export async function acceptInvitationAction(invitationId: string, _prev: JoinState): Promise<JoinState> {
  const ctx = await getAppContext();
  try {
    const accepted = await acceptInvitation(ctx, await headers(), String(invitationId), new Date());
    if (!accepted.ok) return { error: accepted.error.message };
  } catch (error) {
    logger.error("accepting an invitation failed", error);
    return { error: "Something went wrong on our side. Try again in a moment." };
  }
  redirect("/compose");
}

/** Signed in as someone else than the invitee: sign out and come back to the invitation. */
export async function signOutForInvitationAction(invitationId: string): Promise<void> {
  const ctx = await getAppContext();
  await ctx.auth.api.signOut({ headers: await headers() }).catch(() => {});
  redirect(invitePath(String(invitationId)));
}
