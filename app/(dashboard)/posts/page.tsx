// /posts — every post in a filterable, virtualised table, the failures view (?status=failed)
// grouped by reason, bulk retry / delete / move, and CSV export and import (dashboard.md §3).
// The first page is read here when the URL has no date filter (dates need the viewer's zone,
// which only the browser knows); the rest are read in the browser as the table scrolls.
import type { Metadata } from "next";
import { Suspense } from "react";
import { PostsClient } from "@/components/posts/posts-client";
import { labelsInUse } from "@/lib/domain/compose";
import { isFailuresView, readPostsParams, tableInputOf, tableQuery } from "@/lib/domain/posts-table";
import { can } from "@/lib/domain/roles";
import { listAccounts } from "@/lib/server/accounts/accounts";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";
import { failureSummary, listPostsTable } from "@/lib/server/posts/posts-table";

export const metadata: Metadata = { title: "Posts" };
export const dynamic = "force-dynamic";

export default async function PostsRoute({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const ctx = await getAppContext();
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const one of [v ?? []].flat()) query.append(k, one);
  const params = readPostsParams(query);
  const input = params.from || params.to ? null : tableInputOf(params, "UTC");
  const [accounts, first, failures] = await Promise.all([
    listAccounts(ctx.db, { organizationId: member.organizationId, filters: {} }),
    input ? listPostsTable(ctx, member.organizationId, input) : null,
    isFailuresView(params) ? failureSummary(ctx, member.organizationId) : null,
  ]);
  return (
    <div className="mx-auto max-w-[96rem] space-y-4">
      <header>
        <h1 className="text-2xl font-bold tracking-tight">Posts</h1>
        <p className="text-sm text-slate-600">Every post with its status. Select rows to retry, move or delete them; export the list or import posts from a CSV file.</p>
      </header>
      <Suspense fallback={<p className="text-sm text-slate-500">Loading posts…</p>}>
        <PostsClient
          organizationId={member.organizationId}
          accounts={accounts}
          labels={labelsInUse(accounts)}
          canEdit={can(member.role, "post:write")}
          initial={input && first?.ok ? { query: tableQuery(input), page: first.value } : null}
          failures={failures}
        />
      </Suspense>
    </div>
  );
}
