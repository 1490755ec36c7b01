"use client";
// A non-modal popover on Radix (the calendar's "+N more", filter menus): the trigger gets
// aria-expanded/aria-controls, focus moves into the panel on open, Escape or a click outside
// closes it, and focus returns to the trigger.
import * as RadixPopover from "@radix-ui/react-popover";
import type { ReactElement, ReactNode } from "react";

type Props = {
  /** The control that opens it (a Button). */
  trigger: ReactElement;
  /** The panel's accessible name; it has role="dialog". */
  label: string;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  side?: "top" | "right" | "bottom" | "left";
  align?: "start" | "center" | "end";
};

export function Popover({ trigger, label, children, open, onOpenChange, side = "bottom", align = "start" }: Props) {
  return (
    <RadixPopover.Root open={open} onOpenChange={onOpenChange}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          aria-label={label}
          side={side}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          className="z-40 max-h-[var(--radix-popover-content-available-height)] w-72 max-w-[calc(100vw-1rem)] overflow-y-auto rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}

/** A control inside the panel that closes it; wrap a Button in it. */
export function PopoverClose({ children }: { children: ReactElement }) {
  return <RadixPopover.Close asChild>{children}</RadixPopover.Close>;
}
