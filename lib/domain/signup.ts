// Who may sign up (SIGNUP in the environment): the sign-up form, better-auth's own sign-up
// endpoint and the sign-up page all ask this one rule. The operator CLI does not.

export const SIGNUP_POLICIES = ["open", "invite"] as const;
export type SignupPolicy = (typeof SIGNUP_POLICIES)[number];

/** What the sign-up page shows, and the server answers, when the policy refuses a sign-up. */
export const SIGNUP_BY_INVITATION_MESSAGE =
  "Sign-up is by invitation on this Postdeck. Ask an owner of your organization for an invitation link.";

/**
 * Whether a new user may sign up. `open`: anyone. `invite`: the first user of an instance with
 * no organization yet (so a fresh install can be claimed), and afterwards only an email with a
 * pending, unexpired invitation.
 */
export function signupAllowed(args: {
  policy: SignupPolicy;
  organizationsExist: boolean;
  hasInvitation: boolean;
}): boolean {
  if (args.policy === "open") return true;
  return !args.organizationsExist || args.hasInvitation;
}
