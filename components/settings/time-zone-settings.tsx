"use client";
// "Your time zone" (dashboard.md §5): the zone every page shows times in, picked from the IANA
// list (searchable), or "Use my browser's" to follow the device. Saved for the user, not the
// organization; the page reloads its data so every time on screen follows at once.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { useIsClient } from "@/lib/client/use-is-client";
import { Button } from "@/components/ui/button";
import { ZonePicker } from "@/components/shell/zone-picker";
import { updateUserSettingsAction } from "@/lib/actions/settings";
import { browserZone, formatInZones, zoneCity } from "@/lib/client/time-format";

export function TimeZoneSettings({ saved }: { saved: string | null }) {
  const router = useRouter();
  const announce = useAnnounce();
  const isClient = useIsClient();
  const [zone, setZone] = useState<string | null>(saved);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const device = isClient ? browserZone() : null;

  function save(next: string | null) {
    startTransition(async () => {
      const r = await updateUserSettingsAction({ timezone: next });
      if (!r.ok) {
        setError(r.error.details[0]?.message ?? r.error.message);
        announce.alert(`Time zone not saved: ${r.error.details[0]?.message ?? r.error.message}`);
        return;
      }
      setError(undefined);
      setZone(next);
      announce.status(next ? `Times are now shown in ${zoneCity(next)} time.` : "Times now follow your browser's zone.");
      router.refresh();
    });
  }

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 className="text-base font-semibold">Your time zone</h2>
      <p className="text-slate-600">
        Every page shows times in this zone, with an account&apos;s own zone beside it where they differ.
        {isClient ? ` Now: ${formatInZones(new Date(), saved ?? device ?? "UTC")}.` : ""}
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save(zone);
        }}
      >
        <div className="min-w-64 flex-1">
          <ZonePicker value={zone} onChange={setZone} placeholder={device ? `${device} (your browser's)` : "Your browser's zone"} error={error} />
        </div>
        <Button type="submit" disabled={pending || zone === saved}>
          {pending ? "Saving…" : "Save time zone"}
        </Button>
        {saved ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => save(null)}>
            Use my browser&apos;s{device ? ` (${device})` : ""}
          </Button>
        ) : null}
      </form>
    </div>
  );
}
