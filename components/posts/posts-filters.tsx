"use client";
// The Posts page's filters (dashboard.md §3): status, accounts, labels, platform, a date range read
// in the viewer's zone, caption search and sort, all kept in the URL by the page.
import { useEffect, useId, useMemo, useState } from "react";
import { Popover } from "@/components/ui/popover";
import { zoneCity } from "@/lib/client/time-format";
import { statusWords } from "@/lib/domain/calendar";
import type { LabelCounts } from "@/lib/domain/compose";
import { POST_STATUSES, type PostStatus } from "@/lib/domain/posts";
import type { PostsParams } from "@/lib/domain/posts-table";
import type { AccountObject } from "@/lib/domain/wire";

type Props = { params: PostsParams; accounts: AccountObject[]; labels: LabelCounts; zone: string; onChange: (patch: Partial<PostsParams>) => void };

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600";

export function PostsFilters({ params, accounts, labels, zone, onChange }: Props) {
  const any = params.status.length || params.accountIds.length || params.tag || params.userGroup || params.orgGroup || params.platform || params.from || params.to || params.search;
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filters">
      <SearchBox value={params.search ?? ""} onChange={(search) => onChange({ search: search || undefined })} />
      <Checklist
        label="Statuses"
        summary={params.status.length === 0 ? "All statuses" : params.status.length === 1 ? statusWords(params.status[0]!) : `${params.status.length} statuses`}
        options={POST_STATUSES.map((s) => ({ value: s, label: statusWords(s) }))}
        selected={params.status}
        onChange={(status) => onChange({ status: status as PostStatus[] })}
      />
      <AccountFilter accounts={accounts} selected={params.accountIds} onChange={(accountIds) => onChange({ accountIds })} />
      <LabelSelect label="Tag" value={params.tag} counts={labels.tag} onChange={(tag) => onChange({ tag })} />
      <LabelSelect label="User group" value={params.userGroup} counts={labels.userGroup} onChange={(userGroup) => onChange({ userGroup })} />
      <LabelSelect label="Org group" value={params.orgGroup} counts={labels.orgGroup} onChange={(orgGroup) => onChange({ orgGroup })} />
      <select aria-label="Platform" value={params.platform ?? ""} onChange={(e) => onChange({ platform: (e.target.value || undefined) as PostsParams["platform"] })} className={control}>
        <option value="">All platforms</option>
        <option value="tiktok">TikTok</option>
        <option value="instagram">Instagram</option>
      </select>
      <label className="flex items-center gap-1 text-sm text-slate-600">
        From
        <input type="date" aria-label={`From (${zoneCity(zone)} time)`} value={params.from ?? ""} onChange={(e) => onChange({ from: e.target.value || undefined })} className={control} />
      </label>
      <label className="flex items-center gap-1 text-sm text-slate-600">
        to
        <input type="date" aria-label={`To (${zoneCity(zone)} time, inclusive)`} value={params.to ?? ""} onChange={(e) => onChange({ to: e.target.value || undefined })} className={control} />
      </label>
      <select aria-label="Sort" value={params.sort} onChange={(e) => onChange({ sort: e.target.value as PostsParams["sort"] })} className={control}>
        <option value="scheduled_asc">Soonest first</option>
        <option value="scheduled_desc">Latest first</option>
      </select>
      {any ? (
        <button
          type="button"
          onClick={() => onChange({ status: [], accountIds: [], tag: undefined, userGroup: undefined, orgGroup: undefined, platform: undefined, from: undefined, to: undefined, search: undefined })}
          className="text-sm font-medium text-indigo-700 hover:underline"
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

/** Typing updates the URL after a pause, so each keystroke is not a request. */
function SearchBox({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  // The URL changed from elsewhere (Clear filters, back): show its search, unless it is what was typed.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (text.trim() !== value) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const t = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text, value, onChange]);
  return <input type="search" aria-label="Search captions" placeholder="Search captions" value={text} onChange={(e) => setText(e.target.value)} className={`${control} w-48`} />;
}

function LabelSelect({ label, value, counts, onChange }: { label: string; value: string | undefined; counts: LabelCounts["tag"]; onChange: (v: string | undefined) => void }) {
  if (counts.length === 0 && !value) return null;
  return (
    <select aria-label={label} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} className={control}>
      <option value="">Any {label.toLowerCase()}</option>
      {value && !counts.some((c) => c.value === value) ? <option value={value}>{value}</option> : null}
      {counts.map((c) => (
        <option key={c.value} value={c.value}>
          {c.value} ({c.count})
        </option>
      ))}
    </select>
  );
}

function Checklist({ label, summary, options, selected, onChange }: { label: string; summary: string; options: { value: string; label: string }[]; selected: string[]; onChange: (v: string[]) => void }) {
  const chosen = new Set(selected);
  return (
    <Popover label={label} trigger={<button type="button" className={control} aria-label={`${label}: ${summary}`}>{summary} ▾</button>}>
      <ul className="space-y-0.5">
        {options.map((o) => (
          <li key={o.value}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
              <input type="checkbox" checked={chosen.has(o.value)} onChange={() => onChange(chosen.has(o.value) ? selected.filter((x) => x !== o.value) : [...selected, o.value])} />
              {o.label}
            </label>
          </li>
        ))}
      </ul>
    </Popover>
  );
}

function AccountFilter({ accounts, selected, onChange }: { accounts: AccountObject[]; selected: string[]; onChange: (ids: string[]) => void }) {
  const [search, setSearch] = useState("");
  const searchId = useId();
  const chosen = new Set(selected);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (q ? accounts.filter((a) => a.username.toLowerCase().includes(q)) : accounts).slice(0, 200);
  }, [accounts, search]);
  const summary = selected.length === 0 ? "All accounts" : selected.length === 1 ? `@${accounts.find((a) => a.id === selected[0])?.username ?? "1 account"}` : `${selected.length} accounts`;
  return (
    <Popover label="Accounts" trigger={<button type="button" className={control} aria-label={`Accounts: ${summary}`}>{summary} ▾</button>}>
      <label htmlFor={searchId} className="sr-only">
        Search accounts
      </label>
      <input id={searchId} type="search" placeholder="Search accounts" value={search} onChange={(e) => setSearch(e.target.value)} className="mb-2 w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
      <ul className="max-h-64 space-y-0.5 overflow-y-auto">
        {shown.map((a) => (
          <li key={a.id}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
              <input type="checkbox" checked={chosen.has(a.id)} onChange={() => onChange(chosen.has(a.id) ? selected.filter((x) => x !== a.id) : [...selected, a.id])} />
              <span className="truncate">@{a.username}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 ? <li className="text-slate-500">No account matches.</li> : null}
      </ul>
    </Popover>
  );
}
