"use client";
// TikTok's privacy level for this account's Direct Posts, chosen from the options TikTok gives
// this creator right now (read when the dialog opens). "Most public allowed" leaves it to the
// publisher, which picks the most public option each time.
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { privacyOptionsAction } from "@/lib/actions/accounts";
import { messageOf, unwrapAction } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import type { AccountRow } from "@/lib/domain/account-table";

const readOptions = unwrapAction(privacyOptionsAction);

const WORDS: Record<string, string> = {
  PUBLIC_TO_EVERYONE: "Everyone",
  MUTUAL_FOLLOW_FRIENDS: "Friends (mutual followers)",
  FOLLOWER_OF_CREATOR: "Followers",
  SELF_ONLY: "Only the creator",
};

type Props = { organizationId: string; account: AccountRow; value: string | null; onChange: (v: string | null) => void; error?: string; canLoad: boolean };

export function PrivacyField({ organizationId, account, value, onChange, error, canLoad }: Props) {
  const id = useId();
  const options = useQuery({
    queryKey: queryKeys.accounts.privacy(organizationId, account.id),
    queryFn: () => readOptions({ accountId: account.id }),
    enabled: canLoad && account.status !== "needs_reauth",
    retry: false,
    staleTime: 60_000,
  });
  const list = options.data?.options ?? [];
  // A saved level the creator no longer offers stays visible, marked, so it is not lost silently.
  const all = value && !list.includes(value) ? [...list, value] : list;
  const note =
    account.status === "needs_reauth"
      ? "Reconnect the account to read TikTok's options."
      : options.isPending
        ? "Reading the creator's options from TikTok…"
        : options.isError
          ? `TikTok's options could not be read: ${messageOf(options.error)}`
          : "The options TikTok allows this creator now.";
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        TikTok privacy level
      </label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} aria-describedby={`${id}-note`} aria-invalid={error ? true : undefined} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
        <option value="">Most public allowed (default)</option>
        {all.map((o) => (
          <option key={o} value={o}>
            {WORDS[o] ?? o}
            {list.includes(o) ? "" : " (no longer offered)"}
          </option>
        ))}
      </select>
      <p id={`${id}-note`} className={`text-xs ${options.isError ? "text-amber-700" : "text-slate-500"}`}>
        {note}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
