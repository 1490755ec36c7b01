"use client";
// Mounts the composer in the browser only: it starts from the local draft and the viewer's zone,
// neither of which the server has (rendering both would mismatch on hydration).
import { Composer, type ComposeProps } from "./compose-page";
import { useIsClient } from "@/lib/client/use-is-client";

export function ComposeClient(props: ComposeProps) {
  return useIsClient() ? <Composer {...props} /> : <p className="text-sm text-slate-500">Loading the composer…</p>;
}
