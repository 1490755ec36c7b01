"use client";
// Groups (dashboard.md §4): the tags, user groups and org groups in use with how many accounts
// each has; "Show in calendar" filters the calendar by one; admins rename one on every account
// that has it (onto a name in use, the two groups merge, and the result says so).
import Link from "next/link";
import { type FormEvent, useState, useTransition } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { renameLabelAction } from "@/lib/actions/labels";
import { calendarQuery } from "@/lib/domain/calendar";
import type { LabelCounts } from "@/lib/domain/compose";
import type { LabelKind } from "@/lib/domain/labels";
import { useInvalidateAccounts } from "./use-account-writes";

const KINDS: { kind: LabelKind; key: keyof LabelCounts; title: string; word: string; param: "tag" | "userGroup" | "orgGroup" }[] = [
  { kind: "tag", key: "tag", title: "Tags", word: "tag", param: "tag" },
  { kind: "user_group", key: "userGroup", title: "User groups", word: "user group", param: "userGroup" },
  { kind: "org_group", key: "orgGroup", title: "Org groups", word: "org group", param: "orgGroup" },
];

export function Groups({ organizationId, labels, canRename }: { organizationId: string; labels: LabelCounts; canRename: boolean }) {
  const [renaming, setRenaming] = useState<{ kind: LabelKind; word: string; from: string } | null>(null);
  const empty = KINDS.every((k) => labels[k.key].length === 0);
  return (
    <section aria-labelledby="groups-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="groups-heading" className="text-base font-semibold">
        Groups
      </h2>
      {empty ? <p className="text-slate-500">No labels yet: give accounts a tag, user group or org group to schedule to them as a pool.</p> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {KINDS.filter((k) => labels[k.key].length > 0).map((k) => (
          <div key={k.kind}>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{k.title}</h3>
            <ul aria-label={k.title} className="divide-y divide-slate-100">
              {labels[k.key].map((l) => (
                <li key={l.value} className="flex items-center gap-2 py-1.5">
                  <span className="min-w-0 flex-1 truncate font-medium">{l.value}</span>
                  <span className="text-xs text-slate-500">{l.count === 1 ? "1 account" : `${l.count} accounts`}</span>
                  <Link href={`/calendar?${calendarQuery({ [k.param]: l.value })}`} aria-label={`Show ${k.word} ${l.value} in calendar`} className="text-xs font-medium text-indigo-700 hover:underline">
                    Calendar
                  </Link>
                  {canRename ? (
                    <button type="button" onClick={() => setRenaming({ kind: k.kind, word: k.word, from: l.value })} aria-label={`Rename ${k.word} ${l.value}`} className="text-xs font-medium text-slate-700 hover:underline">
                      Rename
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {renaming ? <RenameDialog {...renaming} organizationId={organizationId} onClose={() => setRenaming(null)} /> : null}
    </section>
  );
}

function RenameDialog({ organizationId, kind, word, from, onClose }: { organizationId: string; kind: LabelKind; word: string; from: string; onClose: () => void }) {
  const invalidate = useInvalidateAccounts(organizationId);
  const announce = useAnnounce();
  const [to, setTo] = useState(from);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  function submit(e: FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const r = await renameLabelAction({ kind, from, to });
      if (!r.ok) {
        setError(r.error.details[0]?.message ?? r.error.message);
        return;
      }
      announce.status(r.data.message);
      onClose();
      await invalidate();
    });
  }
  return (
    <Dialog title={`Rename ${word}`} description={`Every account with the ${word} “${from}” gets the new name. A name already in use merges the two.`} open onOpenChange={(open) => (open ? null : onClose())}>
      <form onSubmit={submit} className="space-y-3">
        <Field label="New name" name="label-name" value={to} onChange={(e) => setTo(e.target.value)} error={error} maxLength={100} autoFocus />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending || to.trim() === "" || to.trim() === from}>
            {pending ? "Renaming…" : "Rename"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
