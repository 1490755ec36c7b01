"use client";
// Client-side context for every dashboard page: TanStack Query, the viewer's zone and the
// live-region announcer.
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { makeQueryClient } from "@/lib/client/query-client";
import { AnnouncerProvider } from "./announcer";
import { ViewerZoneProvider } from "./viewer-zone";

export function Providers({ viewerZone = null, children }: { viewerZone?: string | null; children: ReactNode }) {
  // One client per mounted layout (not a module singleton): on the server a shared client would
  // leak one member's cached data into another's render.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ViewerZoneProvider saved={viewerZone}>
        <AnnouncerProvider>{children}</AnnouncerProvider>
      </ViewerZoneProvider>
    </QueryClientProvider>
  );
}
