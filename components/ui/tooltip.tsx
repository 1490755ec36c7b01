"use client";
// A tooltip on Radix: shown on hover after a short delay and at once on keyboard focus, hidden
// on Escape, and tied to its trigger with aria-describedby. The dashboard's main use is the
// reason a control is disabled ("Only admins can connect accounts"), so a disabled child is
// wrapped in a focusable span: a disabled button gets neither focus nor pointer events.
import * as RadixTooltip from "@radix-ui/react-tooltip";
import { type ReactElement, type ReactNode, isValidElement } from "react";

type Props = {
  content: ReactNode;
  /** One element that can hold a ref (a Button, a link); a disabled one is wrapped for you. */
  children: ReactElement;
  side?: "top" | "right" | "bottom" | "left";
  delayMs?: number;
};

function isDisabled(child: ReactElement): boolean {
  return isValidElement<{ disabled?: unknown }>(child) && child.props.disabled === true;
}

export function Tooltip({ content, children, side = "top", delayMs = 300 }: Props) {
  const disabled = isDisabled(children);
  // A provider per tooltip keeps the primitive usable anywhere (tests, dialogs) without setup.
  return (
    <RadixTooltip.Provider delayDuration={delayMs}>
      <RadixTooltip.Root>
        <RadixTooltip.Trigger asChild>
          {disabled ? (
            <span
              tabIndex={0}
              data-disabled-trigger=""
              className="inline-flex cursor-not-allowed rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 [&>*]:pointer-events-none"
            >
              {children}
            </span>
          ) : (
            children
          )}
        </RadixTooltip.Trigger>
        <RadixTooltip.Portal>
          <RadixTooltip.Content
            side={side}
            sideOffset={6}
            collisionPadding={8}
            className="z-50 max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs leading-snug text-white shadow-md"
          >
            {content}
            <RadixTooltip.Arrow className="fill-slate-900" />
          </RadixTooltip.Content>
        </RadixTooltip.Portal>
      </RadixTooltip.Root>
    </RadixTooltip.Provider>
  );
}
