"use client";
// The account settings dialog (dashboard.md §4 "Account settings"): labels, time zone, weekly
// posting times, minimum gap and daily cap, TikTok privacy level and pause, saved together as
// one update-info change (only what was changed is sent); then Reconnect and Disconnect.
import { useState } from "react";
import { ZonePicker } from "@/components/shell/zone-picker";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ActionError, fieldErrors, messageOf } from "@/lib/client/action-result";
import { zoneCity } from "@/lib/client/time-format";
import { type AccountRow, LABEL_KINDS, LABEL_NAMES, type LabelKind, type TimesIssue, checkTimes, draftOf, readNumberField, timesIssueOfPath } from "@/lib/domain/account-table";
import { dailyCapSchema, minGapSchema } from "@/lib/domain/accounts";
import { AccountStatusBadge } from "../table/account-status";
import { type AccountChange, useUpdateAccounts } from "../use-account-writes";
import { AccountConnection } from "./account-connection";
import { PostingTimesEditor } from "./posting-times-editor";
import { PrivacyField } from "./privacy-field";

type Props = { organizationId: string; account: AccountRow; canWrite: boolean; onClose: () => void };

const sameTimes = (a: Record<string, readonly string[]>, b: Record<string, readonly string[]>) => JSON.stringify(draftOf(a)) === JSON.stringify(draftOf(b));

export function AccountSettings({ organizationId, account, canWrite, onClose }: Props) {
  const update = useUpdateAccounts(organizationId);
  const [labels, setLabels] = useState<Record<LabelKind, string>>({ tag: account.tag ?? "", user_group: account.user_group ?? "", org_group: account.org_group ?? "" });
  const [zone, setZone] = useState<string | null>(account.timezone);
  const [draft, setDraft] = useState(() => draftOf(account.posting_times));
  const [issues, setIssues] = useState<TimesIssue[]>([]);
  const [gap, setGap] = useState(String(account.min_gap_minutes));
  const [cap, setCap] = useState(String(account.daily_cap));
  const [privacy, setPrivacy] = useState<string | null>(account.privacy_level);
  const [paused, setPaused] = useState(account.status === "paused");
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** What differs from the account as loaded, checked with the API's own rules; or the problems. */
  function changes(): AccountChange | null {
    const out: AccountChange = {};
    const problems: Record<string, string> = {};
    for (const k of LABEL_KINDS) {
      const v = labels[k].trim() || null;
      if (v !== account[k]) out[k] = v;
    }
    if (!zone) problems.timezone = "choose a time zone";
    else if (zone !== account.timezone) out.timezone = zone;
    const times = checkTimes(draft);
    setIssues(times.ok ? [] : times.issues);
    if (times.ok && !sameTimes(times.value, account.posting_times)) out.postingTimes = times.value;
    const g = readNumberField(gap, minGapSchema);
    const c = readNumberField(cap, dailyCapSchema);
    if (!g.ok || g.value === undefined) problems.minGapMinutes = g.ok ? "must be a number of minutes" : g.message;
    else if (g.value !== account.min_gap_minutes) out.minGapMinutes = g.value;
    if (!c.ok || c.value === undefined) problems.dailyCap = c.ok ? "must be a number" : c.message;
    else if (c.value !== account.daily_cap) out.dailyCap = c.value;
    if (account.platform === "tiktok" && privacy !== account.privacy_level) out.privacyLevel = privacy;
    if (paused !== (account.status === "paused") && account.status !== "needs_reauth") out.paused = paused;
    setErrors(problems);
    return Object.keys(problems).length || !times.ok ? null : out;
  }

  function save() {
    const change = changes();
    if (!change) return;
    if (Object.keys(change).length === 0) return onClose();
    update.mutate(
      { accountIds: [account.id], change },
      {
        onSuccess: onClose,
        onError: (e) => {
          const fromServer = e instanceof ActionError ? e.details.map((d) => timesIssueOfPath(d.path, d.message)).filter((i): i is TimesIssue => i !== null) : [];
          setIssues(fromServer);
          setErrors(e instanceof ActionError && e.details.length ? fieldErrors(e.details) : { form: messageOf(e) });
        },
      },
    );
  }

  return (
    <Dialog title="Account settings" description={`@${account.username} · ${account.platform === "tiktok" ? "TikTok" : "Instagram"}`} open onOpenChange={(open) => (open ? null : onClose())} placement="side">
      <form
        className="mt-4 space-y-5 text-sm"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="flex items-center gap-2">
          <AccountStatusBadge status={account.status} />
          {account.last_error ? <span className="text-xs text-red-700">{account.last_error}</span> : null}
        </div>
        <fieldset disabled={!canWrite} className="space-y-5">
          <div className="grid gap-3 sm:grid-cols-3">
            {LABEL_KINDS.map((k) => (
              <Field key={k} label={LABEL_NAMES[k]} name={`settings-${k}`} value={labels[k]} maxLength={100} onChange={(e) => setLabels({ ...labels, [k]: e.target.value })} error={errors[k]} placeholder="none" />
            ))}
          </div>
          <ZonePicker value={zone} onChange={setZone} error={errors.timezone} hint="Posting times and the daily cap are read in this zone." />
          <PostingTimesEditor
            draft={draft}
            onChange={(next) => {
              setDraft(next);
              const checked = checkTimes(next);
              setIssues(checked.ok ? [] : checked.issues);
            }}
            issues={issues}
            zoneNote={`Local times in ${zone ? zoneCity(zone) : "the account's zone"}`}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Minimum gap (minutes)" name="settings-gap" inputMode="numeric" value={gap} onChange={(e) => setGap(e.target.value)} error={errors.minGapMinutes} hint="Between two posts of this account" />
            <Field label="Daily cap" name="settings-cap" inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} error={errors.dailyCap} hint="Posts a day at most" />
          </div>
          {account.platform === "tiktok" ? <PrivacyField organizationId={organizationId} account={account} value={privacy} onChange={setPrivacy} error={errors.privacyLevel} canLoad={canWrite} /> : null}
          {account.status !== "needs_reauth" ? (
            <label className="flex items-start gap-2">
              <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} className="mt-0.5 size-4 accent-indigo-600" />
              <span>
                <span className="font-medium">Paused</span>
                <span className="block text-xs text-slate-500">Its due posts wait (shown as held) instead of going out. Resuming re-places them from now; a strict post whose time passed fails.</span>
              </span>
            </label>
          ) : null}
        </fieldset>
        {errors.form ? (
          <p role="alert" className="rounded-md bg-red-50 p-2 text-red-800">
            {errors.form}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            {canWrite ? "Cancel" : "Close"}
          </Button>
          {canWrite ? (
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save settings"}
            </Button>
          ) : null}
        </div>
      </form>
      {canWrite ? <AccountConnection organizationId={organizationId} account={account} onDone={onClose} /> : null}
    </Dialog>
  );
}
