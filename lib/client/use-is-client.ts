"use client";
// True only in the browser after hydration, false during the server render: for parts that read
// browser-only state (the local draft, the viewer's zone) and must not mismatch the server's HTML.
import { useSyncExternalStore } from "react";

const noop = () => () => {};

export function useIsClient(): boolean {
  return useSyncExternalStore(noop, () => true, () => false);
}
