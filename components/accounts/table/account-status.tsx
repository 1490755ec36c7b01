// An account's status in words and colour: active, paused (its due posts wait), or needing a
// reconnect (disconnected, or the platform revoked access).
const STYLE: Record<string, { label: string; className: string }> = {
  active: { label: "active", className: "bg-emerald-50 text-emerald-800" },
  paused: { label: "paused", className: "bg-amber-50 text-amber-800" },
  needs_reauth: { label: "reconnect needed", className: "bg-red-50 text-red-800" },
};

export function AccountStatusBadge({ status }: { status: string }) {
  const s = STYLE[status] ?? { label: status, className: "bg-slate-100 text-slate-700" };
  return <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${s.className}`}>{s.label}</span>;
}
