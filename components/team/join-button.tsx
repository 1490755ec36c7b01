"use client";
// "Join <org>" on the invitation page: accepts through the server action, which opens Compose
// in the new organization; a refusal (revoked meanwhile, another user's invitation) stays here.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { type JoinState, acceptInvitationAction } from "@/lib/actions/team-join";

const initial: JoinState = { error: null };

export function JoinButton({ invitationId, organizationName }: { invitationId: string; organizationName: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction.bind(null, invitationId), initial);
  return (
    <form action={action} className="space-y-3">
      {state.error ? (
        <p role="alert" className="text-sm text-red-600">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join ${organizationName}`}
      </Button>
    </form>
  );
}
