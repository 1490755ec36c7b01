"use client";
// The zone every dashboard page shows times in (dashboard.md §0 "Time"): the one the user chose
// in Settings, else the browser's. Read through useViewerZone, never from the browser directly.
import { type ReactNode, createContext, useContext, useMemo } from "react";
import { browserZone } from "@/lib/client/time-format";

const SavedZone = createContext<string | null>(null);

export function ViewerZoneProvider({ saved, children }: { saved: string | null; children: ReactNode }) {
  return <SavedZone.Provider value={saved}>{children}</SavedZone.Provider>;
}

/** The viewer's zone. Only in the browser: the browser's zone is unknown on the server. */
export function useViewerZone(): string {
  const saved = useContext(SavedZone);
  return useMemo(() => saved ?? browserZone(), [saved]);
}
