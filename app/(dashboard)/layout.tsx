import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import { Providers } from "@/components/shell/providers";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";
import { viewerTimezone } from "@/lib/server/identity/settings";
import { failedCount } from "@/lib/server/posts/posts-table";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  const ctx = await getAppContext();
  const [viewerZone, failed] = await Promise.all([viewerTimezone(ctx.db, member.userId), failedCount(ctx, member.organizationId)]);
  return (
    <Providers viewerZone={viewerZone}>
      {/* A side bar from md up; on a phone the same parts stack above the page. */}
      <div className="flex min-h-screen flex-col md:flex-row">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2">
          Skip to content
        </a>
        <aside className="flex shrink-0 flex-col gap-3 border-b border-slate-200 bg-white p-4 md:w-60 md:gap-6 md:border-b-0 md:border-r">
          <div className="flex items-center justify-between gap-3 md:block">
            <Link href="/compose" className="text-xl font-bold tracking-tight text-indigo-700">
              Postdeck
            </Link>
            <p className="truncate text-sm text-slate-600 md:hidden">{member.organizationName}</p>
          </div>
          <div className="hidden rounded-md bg-slate-50 p-3 text-sm md:block">
            <p className="text-xs uppercase tracking-wide text-slate-500">Organization</p>
            <p data-testid="org-name" className="font-semibold">
              {member.organizationName}
            </p>
            <p className="text-xs text-slate-500">
              {member.email} · {member.role}
            </p>
          </div>
          <NavLinks failures={{ organizationId: member.organizationId, count: failed }} />
          <form action={signOutAction} className="md:mt-auto">
            <Button type="submit" variant="secondary" className="w-full">
              Sign out
            </Button>
          </form>
        </aside>
        <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
    </Providers>
  );
}
