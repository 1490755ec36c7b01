"use client";
import { useActionState } from "react";
import { signUpAction, type FormState } from "@/lib/actions/auth";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/auth";
import { SIGNUP_BY_INVITATION_MESSAGE } from "@/lib/domain/signup";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const initial: FormState = { errors: {}, values: {} };

/** Signing up from an invitation (/invite/<id>): the invited email, no organization of one's own. */
export type JoinSignUp = { invitationId: string; email: string; action: (prev: FormState, form: FormData) => Promise<FormState> };

/**
 * `invitationOnly`: the sign-up policy admits only invitees now, so the page says so first.
 * `join`: the invitation page's variant, which posts to its own action (passed in by the page).
 */
export function SignUpForm({ invitationOnly = false, join }: { invitationOnly?: boolean; join?: JoinSignUp }) {
  const [state, action, pending] = useActionState(join?.action ?? signUpAction, initial);
  const e = state.errors;
  return (
    <form action={action} className="space-y-4" noValidate>
      {join ? <input type="hidden" name="invitationId" value={join.invitationId} /> : null}
      {invitationOnly ? (
        <div data-testid="signup-invitation-only" className="space-y-1 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{SIGNUP_BY_INVITATION_MESSAGE}</p>
          <p>Invited? Sign up with the email address the invitation was sent to.</p>
        </div>
      ) : null}
      <Field label="Your name" name="name" autoComplete="name" defaultValue={state.values.name} error={e.name} required />
      {join ? null : (
        <Field
          label="Organization name"
          name="organizationName"
          defaultValue={state.values.organizationName}
          error={e.organizationName}
          hint="Your team or agency; you can invite others later."
          required
        />
      )}
      {join ? (
        <Field label="Email" name="email" type="email" autoComplete="email" value={join.email} readOnly error={e.email} hint="The address the invitation was sent to." required />
      ) : (
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={state.values.email} error={e.email} required />
      )}
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={e.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        required
      />
      {e.form ? (
        <p role="alert" className="text-sm text-red-600">
          {e.form}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (join ? "Creating your account…" : "Creating your organization…") : "Create account"}
      </Button>
    </form>
  );
}
