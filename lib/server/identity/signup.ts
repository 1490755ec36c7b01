// The sign-up policy (SIGNUP) applied to the database: the sign-up form's use-case, better-auth's
// own sign-up endpoint (a database hook in auth.ts) and the sign-up page ask here.
import "server-only";
import type { Db } from "@/db/client";
import { hasAnyOrganization, hasPendingInvitation } from "@/db/queries/organizations";
import { AppError } from "@/lib/domain/errors";
import { SIGNUP_BY_INVITATION_MESSAGE, type SignupPolicy, signupAllowed } from "@/lib/domain/signup";

/** Whether `email` may sign up now under `policy`. */
export async function mayEmailSignUp(db: Db, policy: SignupPolicy, email: string, now: Date): Promise<boolean> {
  if (policy === "open") return true;
  const organizationsExist = await hasAnyOrganization(db);
  const hasInvitation = organizationsExist && (await hasPendingInvitation(db, { email, now }));
  return signupAllowed({ policy, organizationsExist, hasInvitation });
}

/** Whether someone without an invitation may sign up (the sign-up page says so when not). */
export async function mayAnyoneSignUp(db: Db, policy: SignupPolicy): Promise<boolean> {
  if (policy === "open") return true;
  return signupAllowed({ policy, organizationsExist: await hasAnyOrganization(db), hasInvitation: false });
}

export function signupRefused(): AppError {
  return new AppError("forbidden", SIGNUP_BY_INVITATION_MESSAGE);
}
