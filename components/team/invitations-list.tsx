"use client";
// Pending invitations (dashboard.md §5): who, which role, when it expires; owners copy the link
// again or revoke it (its page then says it was revoked). Expired ones stay listed, marked, until
// revoked or replaced by a new invitation for the same email.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { revokeInvitationAction } from "@/lib/actions/team";
import { isRole } from "@/lib/domain/roles";
import { ROLE_LABEL } from "@/lib/domain/team";
import { copyText } from "./invitation-link";
import type { InvitationRow } from "./types";
import { ExpiresAt } from "./when";

export function InvitationsList({ invitations, canManage }: { invitations: readonly InvitationRow[]; canManage: boolean }) {
  return (
    <section aria-labelledby="invitations-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="invitations-heading" className="text-base font-semibold">
        Pending invitations <span className="font-normal text-slate-500">({invitations.length})</span>
      </h2>
      {invitations.length === 0 ? (
        <p className="text-slate-500">{canManage ? "None. Use “Invite member” to add a teammate: you get a link to send them." : "None."}</p>
      ) : (
        <ul aria-labelledby="invitations-heading" className="divide-y divide-slate-100">
          {invitations.map((i) => (
            <InvitationItem key={i.id} invitation={i} canManage={canManage} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InvitationItem({ invitation: i, canManage }: { invitation: InvitationRow; canManage: boolean }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const expired = i.state === "expired";
  return (
    <li data-invitation-id={i.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2">
      {/* Full width on a phone, so the buttons go under the text instead of squeezing it. */}
      <div className="min-w-0 flex-1 basis-full sm:basis-auto">
        <p className="truncate font-medium text-slate-900">{i.email}</p>
        <p className={`text-xs ${expired ? "text-amber-700" : "text-slate-500"}`}>
          {isRole(i.role) ? ROLE_LABEL[i.role] : i.role} · invited by {i.inviterName} · {expired ? null : "expires "}
          <ExpiresAt iso={i.expiresAt} expired={expired} />
        </p>
      </div>
      {canManage ? (
        <div className="flex gap-2">
          {i.link && !expired ? (
            <Button
              type="button"
              variant="secondary"
              aria-label={`Copy invitation link for ${i.email}`}
              onClick={() =>
                void copyText(i.link!).then((ok) => {
                  setCopied(ok);
                  if (ok) announce.status(`Copied the invitation link for ${i.email}.`);
                  else announce.alert(`Couldn't copy. The link is ${i.link}`);
                })
              }
            >
              {copied ? "Copied" : "Copy link"}
            </Button>
          ) : null}
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            aria-label={`Revoke invitation for ${i.email}`}
            onClick={() =>
              startTransition(async () => {
                const r = await revokeInvitationAction({ invitationId: i.id });
                if (!r.ok) announce.alert(r.error.message);
                else announce.status(r.data.message);
                router.refresh();
              })
            }
          >
            {pending ? "Revoking…" : "Revoke"}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
