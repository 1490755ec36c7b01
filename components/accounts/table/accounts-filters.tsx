"use client";
// Search and filters above the Accounts table: by @username, name or label; platform; status;
// and each label kind in use.
import type { AccountTableFilters, LabelKind } from "@/lib/domain/account-table";
import { LABEL_KINDS, LABEL_NAMES } from "@/lib/domain/account-table";
import type { LabelCounts } from "@/lib/domain/compose";

const LABEL_KEYS: Record<LabelKind, keyof LabelCounts> = { tag: "tag", user_group: "userGroup", org_group: "orgGroup" };

type Props = { filters: AccountTableFilters; labels: LabelCounts; onChange: (next: AccountTableFilters) => void; shown: number; total: number };

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function AccountsFilters({ filters, labels, onChange, shown, total }: Props) {
  const set = (patch: Partial<AccountTableFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm" role="search" aria-label="Filter accounts">
      <label className="flex min-w-48 flex-1 flex-col gap-1">
        <span className="text-xs font-medium text-slate-600">Search accounts</span>
        <input type="search" value={filters.search ?? ""} onChange={(e) => set({ search: e.target.value })} placeholder="@username, name or label" className="rounded-md border border-slate-300 px-3 py-1.5" />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600">Platform</span>
        <select className={select} value={filters.platform ?? ""} onChange={(e) => set({ platform: (e.target.value || undefined) as AccountTableFilters["platform"] })}>
          <option value="">All</option>
          <option value="tiktok">TikTok</option>
          <option value="instagram">Instagram</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600">Status</span>
        <select className={select} value={filters.status ?? ""} onChange={(e) => set({ status: (e.target.value || undefined) as AccountTableFilters["status"] })}>
          <option value="">All</option>
          <option value="active">Active</option>
          <option value="paused">Paused</option>
          <option value="needs_reauth">Reconnect needed</option>
        </select>
      </label>
      {LABEL_KINDS.filter((k) => labels[LABEL_KEYS[k]].length > 0).map((k) => (
        <label key={k} className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">{LABEL_NAMES[k]}</span>
          <select className={`${select} max-w-40`} value={filters[k] ?? ""} onChange={(e) => set({ [k]: e.target.value || undefined })}>
            <option value="">Any</option>
            {labels[LABEL_KEYS[k]].map((l) => (
              <option key={l.value} value={l.value}>
                {l.value} ({l.count})
              </option>
            ))}
          </select>
        </label>
      ))}
      <p className="pb-1.5 text-xs text-slate-500" aria-live="polite">
        {shown === total ? `${total} account${total === 1 ? "" : "s"}` : `${shown} of ${total} accounts`}
      </p>
    </div>
  );
}
