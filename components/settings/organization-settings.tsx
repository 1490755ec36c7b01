"use client";
// The organization's name (dashboard.md §5): owners rename it; everyone else sees it, and why
// they cannot change it. The server refuses anyone else anyway.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { renameOrganizationAction } from "@/lib/actions/settings";

export function OrganizationSettings({ name, slug, role, canRename }: { name: string; slug: string; role: string; canRename: boolean }) {
  const router = useRouter();
  const announce = useAnnounce();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 className="text-base font-semibold">Organization</h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const r = await renameOrganizationAction({ name: value });
            if (!r.ok) {
              setError(r.error.details[0]?.message ?? r.error.message);
              return;
            }
            setError(undefined);
            setValue(r.data.name);
            announce.status(`The organization is now called ${r.data.name}.`);
            router.refresh();
          });
        }}
      >
        <div className="min-w-64 flex-1">
          <Field label="Organization name" name="organization-name" value={value} onChange={(e) => setValue(e.target.value)} error={error} disabled={!canRename} maxLength={100} />
        </div>
        <Button type="submit" disabled={!canRename || pending || value.trim() === name}>
          {pending ? "Saving…" : "Rename"}
        </Button>
      </form>
      <p className="text-slate-500">
        Its address name is <code>{slug}</code>. Your role: {role}.{canRename ? "" : " Only owners can rename the organization."}
      </p>
    </div>
  );
}
