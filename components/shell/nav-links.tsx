"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { getJson } from "@/lib/client/get-json";
import { queryKeys } from "@/lib/client/query-keys";

const LINKS = [
  { href: "/compose", label: "Compose" },
  { href: "/calendar", label: "Calendar" },
  { href: "/posts", label: "Posts" },
  { href: "/accounts", label: "Accounts" },
  { href: "/team", label: "Team" },
  { href: "/settings", label: "Settings" },
] as const;

/**
 * The failed posts' count, read by the layout on the server and kept fresh here: every post
 * write invalidates it (it sits under the posts keys), and a poll catches the worker's failures.
 */
function useFailedCount(failures: { organizationId: string; count: number } | undefined): number {
  const q = useQuery({
    queryKey: queryKeys.posts.failureCount(failures?.organizationId ?? ""),
    queryFn: ({ signal }) => getJson<{ total: number }>("/api/posts/failures?count=1", signal).then((d) => d.total),
    initialData: failures?.count,
    enabled: failures !== undefined,
    refetchInterval: 30_000,
  });
  return q.data ?? 0;
}

export function NavLinks({ failures }: { failures?: { organizationId: string; count: number } }) {
  const pathname = usePathname();
  const failed = useFailedCount(failures);
  return (
    <nav aria-label="Main" className="-mx-1 flex gap-1 overflow-x-auto md:mx-0 md:flex-col">
      {LINKS.map((l) => {
        const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={`shrink-0 rounded-md px-3 py-2 text-sm font-medium ${
              active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100"
            }`}
          >
            {l.label}
          </Link>
        );
      })}
      {failed > 0 ? (
        // Failures live in the Posts page (?status=failed); the badge is how they get noticed.
        <Link
          href="/posts?status=failed"
          aria-label={`Failures: ${failed} failed post${failed === 1 ? "" : "s"}`}
          data-testid="nav-failures"
          className="flex shrink-0 items-center justify-between gap-2 rounded-md px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50"
        >
          Failures
          <span className="rounded-full bg-red-600 px-2 py-0.5 text-xs font-semibold text-white">{failed > 999 ? "999+" : failed}</span>
        </Link>
      ) : null}
    </nav>
  );
}
