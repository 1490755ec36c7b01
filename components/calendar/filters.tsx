"use client";
// The calendar's filters (dashboard.md §2 "Filters"): accounts (several), tag, user group, org
// group, platform and status, all kept in the URL by the page.
import { useId, useMemo, useState } from "react";
import { Popover } from "@/components/ui/popover";
import type { CalendarParams } from "@/lib/domain/calendar";
import { statusWords } from "@/lib/domain/calendar";
import type { LabelCounts } from "@/lib/domain/compose";
import { POST_STATUSES, type PostStatus } from "@/lib/domain/posts";
import type { AccountObject } from "@/lib/domain/wire";

type Props = {
  params: CalendarParams;
  accounts: AccountObject[];
  labels: LabelCounts;
  onChange: (patch: Partial<CalendarParams>) => void;
};

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600";
const SHOWN_STATUSES = POST_STATUSES.filter((s) => s !== "deleted");

export function Filters({ params, accounts, labels, onChange }: Props) {
  const any = params.accountIds.length > 0 || params.tag || params.userGroup || params.orgGroup || params.platform || params.status.length > 0;
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filters">
      <AccountFilter accounts={accounts} selected={params.accountIds} onChange={(accountIds) => onChange({ accountIds })} />
      <LabelSelect label="Tag" value={params.tag} counts={labels.tag} onChange={(tag) => onChange({ tag })} />
      <LabelSelect label="User group" value={params.userGroup} counts={labels.userGroup} onChange={(userGroup) => onChange({ userGroup })} />
      <LabelSelect label="Org group" value={params.orgGroup} counts={labels.orgGroup} onChange={(orgGroup) => onChange({ orgGroup })} />
      <select aria-label="Platform" value={params.platform ?? ""} onChange={(e) => onChange({ platform: (e.target.value || undefined) as CalendarParams["platform"] })} className={control}>
        <option value="">All platforms</option>
        <option value="tiktok">TikTok</option>
        <option value="instagram">Instagram</option>
      </select>
      <StatusFilter selected={params.status} onChange={(status) => onChange({ status })} />
      {any ? (
        <button type="button" onClick={() => onChange({ accountIds: [], tag: undefined, userGroup: undefined, orgGroup: undefined, platform: undefined, status: [] })} className="text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

function LabelSelect({ label, value, counts, onChange }: { label: string; value: string | undefined; counts: LabelCounts["tag"]; onChange: (v: string | undefined) => void }) {
  if (counts.length === 0 && !value) return null;
  return (
    <select aria-label={label} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} className={control}>
      <option value="">Any {label.toLowerCase()}</option>
      {counts.map((c) => (
        <option key={c.value} value={c.value}>
          {c.value} ({c.count})
        </option>
      ))}
    </select>
  );
}

function AccountFilter({ accounts, selected, onChange }: { accounts: AccountObject[]; selected: string[]; onChange: (ids: string[]) => void }) {
  const [search, setSearch] = useState("");
  const searchId = useId();
  const chosen = new Set(selected);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (q ? accounts.filter((a) => a.username.toLowerCase().includes(q) || (a.display_name ?? "").toLowerCase().includes(q)) : accounts).slice(0, 200);
  }, [accounts, search]);
  const toggle = (id: string) => onChange(chosen.has(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  const label = selected.length === 0 ? "All accounts" : selected.length === 1 ? `@${accounts.find((a) => a.id === selected[0])?.username ?? "1 account"}` : `${selected.length} accounts`;
  return (
    <Popover label="Accounts" trigger={<button type="button" className={control} aria-label={`Accounts: ${label}`}>{label} ▾</button>}>
      <label htmlFor={searchId} className="sr-only">
        Search accounts
      </label>
      <input id={searchId} type="search" placeholder="Search accounts" value={search} onChange={(e) => setSearch(e.target.value)} className="mb-2 w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
      <ul className="max-h-64 space-y-0.5 overflow-y-auto">
        {shown.map((a) => (
          <li key={a.id}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
              <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} />
              <span className="truncate">@{a.username}</span>
              <span className="ml-auto text-xs text-slate-400">{a.platform === "tiktok" ? "TikTok" : "Instagram"}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 ? <li className="text-slate-500">No account matches.</li> : null}
      </ul>
      {selected.length > 0 ? (
        <button type="button" onClick={() => onChange([])} className="mt-2 text-xs font-medium text-indigo-700 hover:underline">
          Show all accounts
        </button>
      ) : null}
    </Popover>
  );
}

function StatusFilter({ selected, onChange }: { selected: PostStatus[]; onChange: (s: PostStatus[]) => void }) {
  const chosen = new Set(selected);
  const label = selected.length === 0 ? "All statuses" : selected.length === 1 ? statusWords(selected[0]!) : `${selected.length} statuses`;
  return (
    <Popover label="Statuses" trigger={<button type="button" className={control} aria-label={`Statuses: ${label}`}>{label} ▾</button>}>
      <ul className="space-y-0.5">
        {SHOWN_STATUSES.map((s) => (
          <li key={s}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
              <input type="checkbox" checked={chosen.has(s)} onChange={() => onChange(chosen.has(s) ? selected.filter((x) => x !== s) : [...selected, s])} />
              {statusWords(s)}
            </label>
          </li>
        ))}
      </ul>
    </Popover>
  );
}
