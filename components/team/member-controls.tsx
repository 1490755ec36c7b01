"use client";
// An owner's controls on one member row: the role select (applied on change) and "Remove" with
// a confirmation. Either is disabled, with the reason in its tooltip, when the one rule in
// lib/domain/team.ts refuses it (the last owner); the server checks the same rule again.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Tooltip } from "@/components/ui/tooltip";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/actions/team";
import { ROLES, type Role } from "@/lib/domain/roles";
import { ROLE_LABEL } from "@/lib/domain/team";
import type { MemberRow } from "./types";

export function RoleSelect({ member, refusal }: { member: MemberRow; refusal: string | null }) {
  const router = useRouter();
  const announce = useAnnounce();
  // Shown at once; put back if the server refuses.
  const [value, setValue] = useState(member.role);
  const [pending, startTransition] = useTransition();
  const select = (
    <select
      aria-label={`Role for ${member.name}`}
      value={value}
      disabled={pending || refusal !== null}
      onChange={(e) => {
        const role = e.target.value as Role;
        setValue(role);
        startTransition(async () => {
          const r = await changeMemberRoleAction({ memberId: member.id, role });
          if (!r.ok) {
            setValue(member.role);
            announce.alert(r.error.message);
            return;
          }
          announce.status(r.data.message);
          router.refresh();
        });
      }}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm disabled:bg-slate-50 disabled:text-slate-500"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABEL[r]}
        </option>
      ))}
    </select>
  );
  return refusal ? <Tooltip content={refusal}>{select}</Tooltip> : select;
}

export function RemoveMember({ member, organizationName, isSelf, refusal }: { member: MemberRow; organizationName: string; isSelf: boolean; refusal: string | null }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const label = `Remove ${member.name}`;
  if (refusal) {
    return (
      <Tooltip content={refusal}>
        <Button type="button" variant="danger" disabled aria-label={label}>
          Remove
        </Button>
      </Tooltip>
    );
  }
  return (
    <Dialog
      title={isSelf ? `Leave ${organizationName}?` : `Remove ${member.name}?`}
      description={
        isSelf
          ? `You lose access to ${organizationName} at once. Its accounts and posts stay.`
          : `${member.name} (${member.email}) loses access to ${organizationName} at once. Accounts and posts stay.`
      }
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(undefined);
      }}
      trigger={
        <Button type="button" variant="danger" aria-label={label}>
          Remove
        </Button>
      }
    >
      {error ? (
        <p role="alert" className="mb-3 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <DialogClose>
          <Button type="button" variant="secondary">
            Cancel
          </Button>
        </DialogClose>
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const r = await removeMemberAction({ memberId: member.id });
              if (!r.ok) {
                setError(r.error.message);
                return;
              }
              setOpen(false);
              announce.status(r.data.message);
              router.refresh();
            })
          }
        >
          {pending ? "Removing…" : isSelf ? "Leave" : "Remove member"}
        </Button>
      </div>
    </Dialog>
  );
}
