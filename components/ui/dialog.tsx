"use client";
// A modal dialog on Radix: focus is trapped inside, Escape and the Close button close it, the
// page behind is inert to screen readers, and focus goes back where it came from on close.
import * as RadixDialog from "@radix-ui/react-dialog";
import { type ReactElement, type ReactNode, useRef } from "react";

type Props = {
  /** The dialog's accessible name; tests find it as `getByRole("dialog", { name: title })`. */
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** The control that opens it (a Button); omit when `open` is driven by the page. */
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  defaultOpen?: boolean;
  size?: "md" | "lg";
  /** "side": a full-height panel on the right (the calendar's post panel); "center": a modal box. */
  placement?: "center" | "side";
};

/**
 * Escape pressed in an open popup inside the dialog (a combobox's list) belongs to that popup:
 * Radix listens for Escape on the document before the popup sees it, so it must be told.
 */
function escapeBelongsToPopup(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.getAttribute("aria-expanded") === "true";
}

const PLACEMENT = {
  center: "left-1/2 top-1/2 max-h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 rounded-lg border",
  side: "inset-y-0 right-0 h-full w-full border-l sm:w-[28rem]",
} as const;

export function Dialog({ title, description, children, trigger, open, onOpenChange, defaultOpen, size = "md", placement = "center" }: Props) {
  // Radix returns focus to its Trigger; a dialog opened from code (a calendar card, a row's
  // menu) has none, so remember what had focus when it opened.
  const openedFrom = useRef<HTMLElement | null>(null);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange} defaultOpen={defaultOpen}>
      {trigger ? <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger> : null}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content
          {...(description ? {} : { "aria-describedby": undefined })}
          onOpenAutoFocus={() => {
            openedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
          onCloseAutoFocus={(e) => {
            if (trigger) return;
            e.preventDefault();
            if (openedFrom.current?.isConnected) openedFrom.current.focus();
          }}
          onEscapeKeyDown={(e) => {
            if (escapeBelongsToPopup(e.target)) e.preventDefault();
          }}
          className={`fixed z-50 overflow-y-auto border-slate-200 bg-white p-6 shadow-xl focus:outline-none ${PLACEMENT[placement]} ${
            placement === "side" ? "" : size === "lg" ? "max-w-2xl" : "max-w-lg"
          }`}
        >
          <RadixDialog.Title className="pr-8 text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description>
          ) : null}
          <div className="mt-4">{children}</div>
          {/* Last in the DOM so opening focuses the first field, drawn in the corner. */}
          <RadixDialog.Close
            aria-label="Close"
            className="absolute right-3 top-3 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            <span aria-hidden="true" className="block size-5 text-xl leading-5">
              ×
            </span>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** A button inside a dialog's content that closes it (Cancel, Done); wrap a Button in it. */
export function DialogClose({ children }: { children: ReactElement }) {
  return <RadixDialog.Close asChild>{children}</RadixDialog.Close>;
}
