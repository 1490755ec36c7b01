"use client";
// The composer's state, kept in localStorage as a draft so a reload loses nothing (dashboard.md
// §0 "Feedback"); cleared after a successful schedule. One key per organization.
import { useCallback, useEffect, useRef, useState } from "react";
import { type ComposeState, EMPTY_COMPOSE } from "@/lib/domain/compose";

const VERSION = 1;
const keyFor = (organizationId: string) => `postdeck:compose-draft:v${VERSION}:${organizationId}`;

function readDraft(organizationId: string): ComposeState | null {
  try {
    const raw = window.localStorage.getItem(keyFor(organizationId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<ComposeState>;
    // A draft from an older shape fills its gaps with the defaults rather than breaking the page.
    return { ...EMPTY_COMPOSE, ...parsed, slides: Array.isArray(parsed.slides) ? parsed.slides : [] };
  } catch {
    return null;
  }
}

/** The draft-backed state. Mount only in the browser (see useIsClient): it reads localStorage at once. */
export function useComposeDraft(organizationId: string) {
  const [state, setState] = useState<ComposeState>(() => readDraft(organizationId) ?? EMPTY_COMPOSE);
  const first = useRef(true);

  useEffect(() => {
    // The first run would only write back what was just read.
    if (first.current) {
      first.current = false;
      return;
    }
    try {
      window.localStorage.setItem(keyFor(organizationId), JSON.stringify(state));
    } catch {
      // A full or blocked storage only costs the draft, never the page.
    }
  }, [organizationId, state]);

  const update = useCallback((change: Partial<ComposeState> | ((s: ComposeState) => ComposeState)) => {
    setState((s) => (typeof change === "function" ? change(s) : { ...s, ...change }));
  }, []);

  const clear = useCallback(() => {
    window.localStorage.removeItem(keyFor(organizationId));
    setState(EMPTY_COMPOSE);
  }, [organizationId]);

  return { state, update, clear };
}
