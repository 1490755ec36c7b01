"use client";
// Where the post goes: one account (a searchable picker) or "Choose automatically" from the pool
// matching the label filters, with copies and the strict toggle explained in a sentence each.
// Editing one post offers the account alone: a pool or copies would make it other posts.
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import type { ComposeState, LabelCounts } from "@/lib/domain/compose";
import { MAX_COPIES } from "@/lib/domain/compose";
import type { ComposerAccount } from "./types";

type Props = {
  state: ComposeState;
  update: (change: Partial<ComposeState>) => void;
  accounts: ComposerAccount[];
  labels: LabelCounts;
  disabled?: boolean;
  accountError?: string;
  /** Only the account picker (editing one post): no "Choose automatically", no copies. */
  accountOnly?: boolean;
};

const platformName = { tiktok: "TikTok", instagram: "Instagram" } as const;

function accountOption(a: ComposerAccount): ComboboxOption {
  const labels = [a.tag, a.user_group, a.org_group].filter(Boolean).join(", ");
  return {
    value: a.id,
    label: `@${a.username}`,
    description: [platformName[a.platform], labels, a.timezone].filter(Boolean).join(" · "),
    avatarUrl: a.avatar_url ?? undefined,
    keywords: [a.platform, a.display_name ?? "", labels],
    disabledReason:
      a.status === "paused" ? "Paused: resume it on the Accounts page to post" : a.status === "needs_reauth" ? "Disconnected: reconnect it on the Accounts page" : undefined,
  };
}

export function TargetField({ state, update, accounts, labels, disabled, accountError, accountOnly = false }: Props) {
  const target = state.target;
  const setAuto = (patch: Partial<Extract<ComposeState["target"], { mode: "auto" }>>) =>
    update({ target: { mode: "auto", tag: null, userGroup: null, orgGroup: null, ...(target.mode === "auto" ? target : {}), ...patch } });
  const select = (label: string, key: "tag" | "userGroup" | "orgGroup", counts: LabelCounts["tag"]) => (
    <label className="block space-y-1 text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select
        aria-label={label}
        disabled={disabled}
        value={target.mode === "auto" ? (target[key] ?? "") : ""}
        onChange={(e) => setAuto({ [key]: e.target.value || null })}
        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm shadow-sm"
      >
        <option value="">Any</option>
        {counts.map((c) => (
          <option key={c.value} value={c.value}>
            {c.value} ({c.count})
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="space-y-3" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700">Where</legend>
      {accountOnly ? (
        <p className="text-xs text-slate-500">This post stays one post on one account; pick another account to move it there.</p>
      ) : (
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="target-mode" checked={target.mode === "account"} onChange={() => update({ target: { mode: "account", accountId: null }, copies: 1 })} />
            Account
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="target-mode" checked={target.mode === "auto"} onChange={() => setAuto({})} />
            Choose automatically
          </label>
        </div>
      )}
      {target.mode === "account" ? (
        <Combobox
          label="Account"
          options={accounts.map(accountOption)}
          value={target.accountId}
          onChange={(accountId) => update({ target: { mode: "account", accountId } })}
          placeholder="Search by @username, label or platform"
          emptyMessage={accounts.length ? "No account matches" : "No accounts yet: connect one on the Accounts page"}
          error={accountError}
          disabled={disabled}
        />
      ) : (
        <div className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-3">
            {select("Tag", "tag", labels.tag)}
            {select("User group", "userGroup", labels.userGroup)}
            {select("Org group", "orgGroup", labels.orgGroup)}
          </div>
          <label className="flex items-center gap-2 text-sm">
            <span className="font-medium text-slate-700">Copies</span>
            <input
              type="number"
              aria-label="Copies"
              min={1}
              max={MAX_COPIES}
              value={state.copies}
              onChange={(e) => update({ copies: Math.min(MAX_COPIES, Math.max(1, Number(e.target.value) || 1)) })}
              className="w-20 rounded-md border border-slate-300 px-2 py-1"
            />
            <span className="text-xs text-slate-500">Each copy goes to a different account of the pool.</span>
          </label>
        </div>
      )}
      <div className="rounded-md bg-slate-50 p-3 text-sm">
        <label className="flex items-center gap-2 font-medium text-slate-700">
          <input type="checkbox" checked={state.strict} onChange={(e) => update({ strict: e.target.checked })} />
          Exact time (strict)
        </label>
        <p className="mt-1 text-xs text-slate-600">
          {state.strict
            ? target.mode === "auto"
              ? "Strict: only accounts free at exactly that time; of those, the one that posted least recently."
              : "Strict: exactly that time, or not at all (the preview says why)."
            : target.mode === "auto"
              ? "Flexible: the account that can post soonest at or after that time."
              : "Flexible: that time if the account is free, else its next free posting slot."}
        </p>
      </div>
    </fieldset>
  );
}
