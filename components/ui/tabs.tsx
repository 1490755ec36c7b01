"use client";
// Tabs on Radix: the WAI-ARIA tabs pattern (tablist/tab/tabpanel, one tab in the Tab order,
// arrow keys move between tabs and select them, Home/End jump to the ends).
//
//   <Tabs defaultValue="tiktok">
//     <TabsList aria-label="Phone preview"><TabsTrigger value="tiktok">TikTok</TabsTrigger>…</TabsList>
//     <TabsContent value="tiktok">…</TabsContent>
//   </Tabs>
import * as RadixTabs from "@radix-ui/react-tabs";
import type { ComponentProps } from "react";

const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export function Tabs({ className = "", ...props }: ComponentProps<typeof RadixTabs.Root>) {
  return <RadixTabs.Root className={`space-y-3 ${className}`} {...props} />;
}

/** The row of tabs; it needs a name saying what the tabs switch between. */
export function TabsList({ className = "", ...props }: ComponentProps<typeof RadixTabs.List> & { "aria-label": string }) {
  return <RadixTabs.List className={`inline-flex gap-1 rounded-md bg-slate-100 p-1 ${className}`} {...props} />;
}

export function TabsTrigger({ className = "", ...props }: ComponentProps<typeof RadixTabs.Trigger>) {
  return (
    <RadixTabs.Trigger
      className={`rounded px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 disabled:cursor-not-allowed disabled:text-slate-400 data-[state=active]:bg-white data-[state=active]:text-indigo-700 data-[state=active]:shadow-sm ${focusRing} ${className}`}
      {...props}
    />
  );
}

export function TabsContent({ className = "", ...props }: ComponentProps<typeof RadixTabs.Content>) {
  return <RadixTabs.Content className={`rounded-md ${focusRing} ${className}`} {...props} />;
}
