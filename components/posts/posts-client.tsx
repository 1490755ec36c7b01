"use client";
// Mounts the Posts page in the browser only: times and date filters are read in the viewer's
// zone, which the server does not know (rendering there would mismatch on hydration).
import { useIsClient } from "@/lib/client/use-is-client";
import { PostsPage, type PostsPageProps } from "./posts-page";

export function PostsClient(props: PostsPageProps) {
  return useIsClient() ? <PostsPage {...props} /> : <p className="text-sm text-slate-500">Loading posts…</p>;
}
