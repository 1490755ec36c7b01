"use client";
// The composer's state, kept in localStorage as a draft so a reload loses nothing (dashboard.md
// §0 "Feedback"). A new slideshow has one draft per organization; a post opened for editing or
// duplicating has a draft of its own (keyed by the post), so opening a post from the calendar
// never overwrites the new slideshow someone was halfway through. A draft is kept only while it
// differs from where it started: saving or scheduling goes back to the start and so clears it.
import { useCallback, useEffect, useState } from "react";
import { type ComposeSource, type ComposeState, EMPTY_COMPOSE } from "@/lib/domain/compose";

const VERSION = 1;

/** The draft's localStorage key: the organization's, or the edited or duplicated post's. */
export function draftKey(organizationId: string, source: ComposeSource | null): string {
  const base = `postdeck:compose-draft:v${VERSION}:${organizationId}`;
  return source ? `${base}:${source.mode}:${source.post.id}` : base;
}

/** An edit's draft names the version of the post it was made on (its updated_at). */
type StoredEdit = { basedOn: string; state: Partial<ComposeState> };

function readDraft(key: string, basedOn: string | null): { state: ComposeState | null; stale: boolean } {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return { state: null, stale: false };
    const parsed = JSON.parse(raw) as Partial<ComposeState> | StoredEdit;
    let saved: Partial<ComposeState>;
    if (basedOn === null) saved = parsed as Partial<ComposeState>;
    else if ("basedOn" in parsed && parsed.basedOn === basedOn) saved = parsed.state;
    // Edits of a version that has since changed would overwrite someone else's work: dropped.
    else return { state: null, stale: true };
    // A draft from an older shape fills its gaps with the defaults rather than breaking the page.
    return { state: { ...EMPTY_COMPOSE, ...saved, slides: Array.isArray(saved.slides) ? saved.slides : [] }, stale: false };
  } catch {
    return { state: null, stale: false };
  }
}

type Options = {
  key: string;
  /** For an edit: the post's updated_at the draft is made on; null for the other drafts. */
  basedOn: string | null;
  /** Where the composer starts without a draft (and what counts as "no changes"). */
  pristine: ComposeState;
  /** The first state, from the saved draft (null when there is none). */
  start: (saved: ComposeState | null) => ComposeState;
};

/** The draft-backed state. Mount only in the browser (see useIsClient): it reads localStorage at once. */
export function useComposeDraft({ key, basedOn, pristine, start }: Options) {
  const [boot] = useState(() => {
    const saved = readDraft(key, basedOn);
    return { state: start(saved.state), stale: saved.stale };
  });
  const [state, setState] = useState<ComposeState>(boot.state);

  useEffect(() => {
    try {
      // Objects are built field by field in one order, so equal states serialise alike.
      if (JSON.stringify(state) === JSON.stringify(pristine)) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(basedOn === null ? state : ({ basedOn, state } satisfies StoredEdit)));
    } catch {
      // A full or blocked storage only costs the draft, never the page.
    }
  }, [key, basedOn, pristine, state]);

  const update = useCallback((change: Partial<ComposeState> | ((s: ComposeState) => ComposeState)) => {
    setState((s) => (typeof change === "function" ? change(s) : { ...s, ...change }));
  }, []);

  /** Back to `next` (the pristine state, after a schedule or save), which clears the draft. */
  const reset = useCallback((next: ComposeState) => setState(next), []);

  return { state, update, reset, staleDraft: boot.stale };
}
