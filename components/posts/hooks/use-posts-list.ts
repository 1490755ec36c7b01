"use client";
// The Posts table's data: pages of 100 by keyset cursor through GET /api/posts, fetched as the
// user scrolls (TanStack Query's infinite query), refreshed every 15 s so statuses stay current.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { getJson } from "@/lib/client/get-json";
import { queryKeys } from "@/lib/client/query-keys";
import { type PostsTableInput, type PostsTablePage, type PostsTableRow, tableQuery } from "@/lib/domain/posts-table";

export type ListInput = Omit<PostsTableInput, "limit" | "cursor">;

export function usePostsList(organizationId: string, input: ListInput, initialPage: PostsTablePage | null) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.posts.list(organizationId, input),
    queryFn: ({ pageParam, signal }) => getJson<PostsTablePage>(`/api/posts?${tableQuery(input, pageParam ? { cursor: pageParam } : {})}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: initialPage ? { pages: [initialPage], pageParams: [null] } : undefined,
    refetchInterval: 15_000,
  });
  const rows: PostsTableRow[] = useMemo(() => query.data?.pages.flatMap((p) => p.posts) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? null;
  return { query, rows, total };
}
