"use client";
import { useActionState } from "react";
import { signInAction, type FormState } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const initial: FormState = { errors: {}, values: {} };

/** `next`: where to go once signed in (the invitation page passes itself); `email` prefills. */
export function SignInForm({ next, email }: { next?: string; email?: string } = {}) {
  const [state, action, pending] = useActionState(signInAction, initial);
  const e = state.errors;
  return (
    <form action={action} className="space-y-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={state.values.email ?? email} error={e.email} required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" error={e.password} required />
      {e.form ? (
        <p role="alert" className="text-sm text-red-600">
          {e.form}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
