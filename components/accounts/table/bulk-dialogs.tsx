"use client";
// The bulk bar's dialogs: each builds one update-info change for every selected account — labels
// (keep, set or clear each), time zone, posting times, minimum gap and daily cap — and applies
// it through the same use-case as the API. A refusal stays in the dialog next to its field.
import { type FormEvent, type ReactNode, useState } from "react";
import { ZonePicker } from "@/components/shell/zone-picker";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ActionError, fieldErrors, messageOf } from "@/lib/client/action-result";
import { LABEL_KINDS, LABEL_NAMES, type LabelEdit, type LabelKind, type TimesIssue, checkTimes, copyToAllDays, draftOf, labelChanges, readNumberField, timesIssueOfPath } from "@/lib/domain/account-table";
import { dailyCapSchema, minGapSchema } from "@/lib/domain/accounts";
import { PostingTimesEditor } from "../settings/posting-times-editor";
import type { AccountChange } from "../use-account-writes";

export type BulkKind = "labels" | "timezone" | "times" | "limits";

type Props = { kind: BulkKind; count: number; apply: (change: AccountChange) => Promise<unknown>; pending: boolean; onClose: () => void };

/** A failed apply's messages by field path (`form` for the rest). */
function errorsOf(error: unknown): Record<string, string> {
  return error instanceof ActionError && error.details.length ? fieldErrors(error.details) : { form: messageOf(error) };
}

export function BulkDialog(props: Props) {
  const { kind } = props;
  if (kind === "labels") return <LabelsDialog {...props} />;
  if (kind === "timezone") return <ZoneDialog {...props} />;
  if (kind === "times") return <TimesDialog {...props} />;
  return <LimitsDialog {...props} />;
}

const on = (count: number) => `on ${count === 1 ? "1 selected account" : `${count} selected accounts`}`;

function Shell({ title, description, count, pending, onClose, onSubmit, errors, children, submitLabel = "Apply" }: { title: string; description: string; count: number; pending: boolean; onClose: () => void; onSubmit: () => void; errors: Record<string, string>; children: ReactNode; submitLabel?: string }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Dialog title={title} description={`${description} ${on(count)}.`} open onOpenChange={(open) => (open ? null : onClose())} size="lg">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {children}
        {errors.form ? (
          <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
            {errors.form}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Applying…" : submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function LabelsDialog({ count, apply, pending, onClose }: Props) {
  const [edits, setEdits] = useState<Record<LabelKind, LabelEdit>>({ tag: { mode: "keep" }, user_group: { mode: "keep" }, org_group: { mode: "keep" } });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    const missing = LABEL_KINDS.find((k) => edits[k].mode === "set" && !(edits[k] as { value: string }).value.trim());
    if (missing) return setErrors({ [missing]: "must not be empty (or choose Clear)" });
    apply(labelChanges(edits)).then(onClose, (e: unknown) => setErrors(errorsOf(e)));
  };
  return (
    <Shell title="Set labels" description="Set or clear each label" count={count} pending={pending} onClose={onClose} onSubmit={submit} errors={errors}>
      {LABEL_KINDS.map((k) => {
        const e = edits[k];
        return (
          <fieldset key={k} className="grid gap-2 sm:grid-cols-[9rem_1fr] sm:items-start">
            <legend className="sr-only">{LABEL_NAMES[k]}</legend>
            <label className="flex flex-col gap-1 text-sm">
              <span className="text-xs font-medium text-slate-600">{LABEL_NAMES[k]}</span>
              <select
                aria-label={`${LABEL_NAMES[k]}: what to do`}
                value={e.mode}
                onChange={(ev) => setEdits({ ...edits, [k]: ev.target.value === "set" ? { mode: "set", value: "" } : { mode: ev.target.value as "keep" | "clear" } })}
                className="rounded-md border border-slate-300 bg-white px-2 py-2"
              >
                <option value="keep">Keep as is</option>
                <option value="set">Set to…</option>
                <option value="clear">Clear</option>
              </select>
            </label>
            {e.mode === "set" ? (
              <Field label={`New ${LABEL_NAMES[k].toLowerCase()}`} name={`bulk-${k}`} value={e.value} maxLength={100} onChange={(ev) => setEdits({ ...edits, [k]: { mode: "set", value: ev.target.value } })} error={errors[k]} />
            ) : null}
          </fieldset>
        );
      })}
    </Shell>
  );
}

function ZoneDialog({ count, apply, pending, onClose }: Props) {
  const [zone, setZone] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    if (!zone) return setErrors({ timezone: "choose a time zone" });
    apply({ timezone: zone }).then(onClose, (e: unknown) => setErrors(errorsOf(e)));
  };
  return (
    <Shell title="Set time zone" description="Posting times are read in this zone" count={count} pending={pending} onClose={onClose} onSubmit={submit} errors={errors}>
      <ZonePicker value={zone} onChange={setZone} error={errors.timezone} hint="The posting times stay the same local times of day, now in this zone." />
    </Shell>
  );
}

function TimesDialog({ count, apply, pending, onClose }: Props) {
  const [draft, setDraft] = useState(() => copyToAllDays(draftOf({ mon: ["09:00", "12:00", "18:00"] }), "mon"));
  const [issues, setIssues] = useState<TimesIssue[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = (next: typeof draft) => {
    setDraft(next);
    const checked = checkTimes(next);
    setIssues(checked.ok ? [] : checked.issues);
  };
  const submit = () => {
    const checked = checkTimes(draft);
    if (!checked.ok) return setIssues(checked.issues);
    apply({ postingTimes: checked.value }).then(onClose, (e: unknown) => {
      const fromServer = e instanceof ActionError ? e.details.map((d) => timesIssueOfPath(d.path, d.message)).filter((i): i is TimesIssue => i !== null) : [];
      if (fromServer.length) setIssues(fromServer);
      else setErrors(errorsOf(e));
    });
  };
  return (
    <Shell title="Set posting times" description="Replace the weekly posting times" count={count} pending={pending} onClose={onClose} onSubmit={submit} errors={errors}>
      <PostingTimesEditor draft={draft} onChange={change} issues={issues} zoneNote="Local times in each account's own zone" />
    </Shell>
  );
}

function LimitsDialog({ count, apply, pending, onClose }: Props) {
  const [gap, setGap] = useState("");
  const [cap, setCap] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    const g = readNumberField(gap, minGapSchema);
    const c = readNumberField(cap, dailyCapSchema);
    const next: Record<string, string> = {};
    if (!g.ok) next.minGapMinutes = g.message;
    if (!c.ok) next.dailyCap = c.message;
    if (g.ok && c.ok && g.value === undefined && c.value === undefined) next.form = "Give a minimum gap, a daily cap or both.";
    if (Object.keys(next).length || !g.ok || !c.ok) return setErrors(next);
    apply({ ...(g.value !== undefined && { minGapMinutes: g.value }), ...(c.value !== undefined && { dailyCap: c.value }) }).then(onClose, (e: unknown) => setErrors(errorsOf(e)));
  };
  return (
    <Shell title="Set gap and cap" description="Leave a field empty to keep it" count={count} pending={pending} onClose={onClose} onSubmit={submit} errors={errors}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Minimum gap (minutes)" name="bulk-gap" inputMode="numeric" value={gap} onChange={(e) => setGap(e.target.value)} error={errors.minGapMinutes} hint="Between two posts of one account" />
        <Field label="Daily cap" name="bulk-cap" inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} error={errors.dailyCap} hint="Posts a day, in the account's zone" />
      </div>
    </Shell>
  );
}
