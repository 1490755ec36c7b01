// Creating an organization together with its owner: the sign-up form and the CLI both land here.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "@/db/client";
import {
  findOrganization,
  findOrganizationBySlug,
  findUserByEmail,
  insertOrganizationWithOwner,
  insertUserWithPassword,
  lockSignups,
} from "@/db/queries/organizations";
import { type SignUpInput, signUpSchema, slugify } from "@/lib/domain/auth";
import { AppError, type Result, err, ok } from "@/lib/domain/errors";
import type { SignupPolicy } from "@/lib/domain/signup";
import { parseResult } from "../http/envelope";
import { mayEmailSignUp, signupRefused } from "./signup";

export type OrganizationSummary = { id: string; slug: string; name: string };

/**
 * Creates the user (email + password) and a new organization they own, in one transaction:
 * either both exist afterwards or neither does. With `signupPolicy` (the sign-up form) the
 * policy is checked in that transaction; the operator CLI passes none and is never refused.
 */
export async function createOrganizationWithOwner(
  db: Db,
  input: SignUpInput,
  now: Date,
  opts: { signupPolicy?: SignupPolicy } = {},
): Promise<Result<{ organization: OrganizationSummary; userId: string }>> {
  const parsed = parseResult(signUpSchema, input);
  if (!parsed.ok) return parsed;
  const { name, organizationName, email, password } = parsed.value;

  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      const policy = opts.signupPolicy;
      if (policy === "invite") await lockSignups(tx);
      // Before the email check, so a refused sign-up does not tell whether the email is known.
      if (policy && !(await mayEmailSignUp(tx, policy, email, now))) return err(signupRefused());
      if (await findUserByEmail(tx, { email })) return err(emailTaken());
      const userId = randomUUID();
      await insertUserWithPassword(tx, { id: userId, name, email, passwordHash, now });
      let slug = slugify(organizationName);
      if (await findOrganizationBySlug(tx, { slug })) slug = slugify(organizationName, randomBytes(3).toString("hex"));
      const organization = { id: randomUUID(), slug, name: organizationName };
      await insertOrganizationWithOwner(tx, {
        ...organization,
        ownerUserId: userId,
        memberId: randomUUID(),
        now,
      });
      return ok({ organization, userId });
    });
  } catch (e) {
    // Two sign-ups racing for one email: the unique index decides, and the loser hears why.
    if (isUniqueViolation(e, "users_email")) return err(emailTaken());
    throw e;
  }
}

function emailTaken(): AppError {
  return new AppError("conflict", "email: an account with this email already exists", [
    { path: "email", message: "An account with this email already exists" },
  ]);
}

function isUniqueViolation(e: unknown, constraintPrefix: string): boolean {
  const seen = new Set<unknown>();
  let cur: unknown = e;
  while (cur && typeof cur === "object" && !seen.has(cur)) {
    seen.add(cur);
    const c = cur as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (c.code === "23505" && (c.constraint_name ?? c.constraint ?? "").startsWith(constraintPrefix)) return true;
    cur = c.cause;
  }
  return false;
}

/** An organization by id or slug, or a 404. */
export async function resolveOrganization(db: Db, idOrSlug: string): Promise<Result<OrganizationSummary>> {
  const org = await findOrganization(db, { idOrSlug });
  return org ? ok(org) : err(new AppError("not_found", `org: no organization with id or slug "${idOrSlug}"`));
}
