"use client";
// The invitation link, read-only, with Copy (dashboard.md §5 "textbox Invitation link"). Where
// the clipboard is refused (an insecure origin, a denied permission) the link is selected so
// the keyboard shortcut copies it, and the user is told so.
import { useRef, useState } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function InvitationLink({ link }: { link: string }) {
  const announce = useAnnounce();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    if (await copyText(link)) {
      setCopied(true);
      announce.status("Copied the invitation link.");
    } else {
      input.current?.select();
      announce.alert("Couldn't copy automatically: the link is selected, press Ctrl+C (⌘C on a Mac).");
    }
  }
  return (
    <div className="space-y-1">
      <label htmlFor="invitation-link" className="block text-sm font-medium text-slate-700">
        Invitation link
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id="invitation-link"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          className="block min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs shadow-sm"
        />
        <Button type="button" variant="secondary" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
