"use client";
// Mutation feedback (dashboard.md §0): a polite role="status" region for successes and an
// assertive role="alert" region for failures, drawn as a toast stack at the bottom right.
// Both regions are in the DOM from the first render, empty: screen readers only announce
// changes to a live region they already know, not a region that arrives with its text.
import { type ReactNode, createContext, use, useCallback, useEffect, useMemo, useRef, useState } from "react";

export type Announce = { status: (message: string) => void; alert: (message: string) => void };
type Kind = keyof Announce;
/** `id` changes on every announcement, so repeating the same words is announced again. */
type Message = { id: number; text: string };

/** How long a status stays up; alerts stay until dismissed, they may need acting on. */
export const STATUS_HIDE_MS = 6_000;

const AnnounceContext = createContext<Announce | null>(null);

/** `{ status(msg), alert(msg) }` of the nearest AnnouncerProvider. */
export function useAnnounce(): Announce {
  const announce = use(AnnounceContext);
  if (!announce) throw new Error("useAnnounce must be used inside <AnnouncerProvider>");
  return announce;
}

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Record<Kind, Message | null>>({ status: null, alert: null });
  const nextId = useRef(0);
  const announce = useMemo<Announce>(() => {
    // A new message replaces the region's content rather than piling up: one thing to hear.
    const show = (kind: Kind) => (text: string) => setMessages((m) => ({ ...m, [kind]: { id: ++nextId.current, text } }));
    return { status: show("status"), alert: show("alert") };
  }, []);
  const dismissStatus = useCallback(() => setMessages((m) => ({ ...m, status: null })), []);
  const dismissAlert = useCallback(() => setMessages((m) => ({ ...m, alert: null })), []);

  return (
    <AnnounceContext value={announce}>
      {children}
      <div className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
        <Toast kind="alert" message={messages.alert} onDismiss={dismissAlert} />
        <Toast kind="status" message={messages.status} onDismiss={dismissStatus} hideAfterMs={STATUS_HIDE_MS} />
      </div>
    </AnnounceContext>
  );
}

const TONE: Record<Kind, string> = {
  status: "border-green-300 bg-green-50 text-green-900",
  alert: "border-red-300 bg-red-50 text-red-800",
};

function Toast(props: { kind: Kind; message: Message | null; onDismiss: () => void; hideAfterMs?: number }) {
  const { kind, message, onDismiss, hideAfterMs } = props;
  const [paused, setPaused] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const focusedBefore = useRef<HTMLElement | null>(null);

  // Hovering or focusing the toast holds the timer, so a slow reader is not cut off (WCAG 2.2.1).
  useEffect(() => {
    if (!message || hideAfterMs === undefined || paused) return;
    const timer = setTimeout(onDismiss, hideAfterMs);
    return () => clearTimeout(timer);
  }, [message, hideAfterMs, paused, onDismiss]);

  function dismiss() {
    // Dismissing by keyboard removes the focused button; put focus back where the user was.
    const returnTo = box.current?.contains(document.activeElement) ? focusedBefore.current : null;
    setPaused(false);
    onDismiss();
    if (returnTo?.isConnected) returnTo.focus();
  }

  return (
    <div
      ref={box}
      data-kind={kind}
      className={message ? `pointer-events-auto flex items-start gap-3 rounded-md border p-3 text-sm shadow-lg ${TONE[kind]}` : ""}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={(e) => {
        if (!box.current?.contains(e.relatedTarget)) focusedBefore.current = e.relatedTarget instanceof HTMLElement ? e.relatedTarget : null;
        setPaused(true);
      }}
      onBlur={(e) => {
        if (!box.current?.contains(e.relatedTarget)) setPaused(false);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && message) dismiss();
      }}
    >
      <div role={kind} aria-live={kind === "alert" ? "assertive" : "polite"} aria-atomic="true" className="min-w-0 flex-1">
        {message ? <p key={message.id}>{message.text}</p> : null}
      </div>
      {message ? (
        <button
          type="button"
          onClick={dismiss}
          aria-label={kind === "alert" ? "Dismiss alert" : "Dismiss message"}
          className="-m-1 rounded-md p-1 leading-none opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
}
