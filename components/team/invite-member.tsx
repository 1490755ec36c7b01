"use client";
// "Invite member" (dashboard.md §5): an email and a role, then the link to copy (and the news
// whether it was e-mailed). A refusal keeps what was typed and shows the server's words next to
// the field it names. Only owners see it enabled; the server refuses anyone else anyway.
import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Tooltip } from "@/components/ui/tooltip";
import { inviteMemberAction } from "@/lib/actions/team";
import { fieldErrors } from "@/lib/client/action-result";
import type { Role } from "@/lib/domain/roles";
import { ROLE_LABEL, ROLE_SUMMARY } from "@/lib/domain/team";
import { InvitationLink } from "./invitation-link";
import { ExpiresAt } from "./when";

type Created = Extract<Awaited<ReturnType<typeof inviteMemberAction>>, { ok: true }>["data"];

/** Least power first, and the one most teammates get preselected. */
const ROLE_CHOICES: readonly Role[] = ["viewer", "editor", "admin", "owner"];

export function InviteMember({ canInvite, reason }: { canInvite: boolean; reason: string }) {
  const [open, setOpen] = useState(false);
  // A new form each time the dialog opens, so the last invitation's link is not shown again.
  const [round, setRound] = useState(0);
  if (!canInvite) {
    return (
      <Tooltip content={reason}>
        <Button type="button" disabled>
          Invite member
        </Button>
      </Tooltip>
    );
  }
  return (
    <Dialog
      title="Invite member"
      description="They get a link that works once, for 48 hours, and join with the role you choose."
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRound((r) => r + 1);
      }}
      trigger={<Button type="button">Invite member</Button>}
    >
      <InviteForm key={round} onDone={() => setOpen(false)} />
    </Dialog>
  );
}

function InviteForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const r = await inviteMemberAction({ email, role });
      if (!r.ok) {
        const byField = fieldErrors(r.error.details);
        setErrors(byField.email || byField.role ? byField : { form: r.error.message });
        return;
      }
      setErrors({});
      setCreated(r.data);
      announce.status(r.data.message);
      router.refresh();
    });
  }

  if (created) {
    return (
      <div className="space-y-4 text-sm">
        <p className="text-slate-700">{created.message}</p>
        <InvitationLink link={created.link} />
        <p className="text-slate-600">
          For <strong>{created.invitation.email}</strong> as {ROLE_LABEL[created.invitation.role as Role] ?? created.invitation.role}. Expires{" "}
          <ExpiresAt iso={created.invitation.expiresAt} expired={false} />.
        </p>
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setCreated(null);
              setEmail("");
            }}
          >
            Invite another
          </Button>
          <Button type="button" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Field label="Email" name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} maxLength={254} required autoFocus />
      <div className="space-y-1">
        <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select
          id="invite-role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          aria-describedby="invite-role-hint"
          aria-invalid={errors.role ? true : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        >
          {ROLE_CHOICES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
        <p id="invite-role-hint" className="text-xs text-slate-500">
          {ROLE_LABEL[role]}: {ROLE_SUMMARY[role]}.
        </p>
        {errors.role ? (
          <p role="alert" className="text-sm text-red-600">
            {errors.role}
          </p>
        ) : null}
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.form}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending || email.trim() === ""}>
          {pending ? "Creating…" : "Create invitation"}
        </Button>
      </div>
    </form>
  );
}
