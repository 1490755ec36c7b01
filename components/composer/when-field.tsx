"use client";
// When: now, or a date and time read in the viewer's zone (said so), with the account's local
// time beside it when its zone differs.
import type { ComposeState } from "@/lib/domain/compose";
import { composeInstant } from "@/lib/domain/compose";
import { formatInZones, localInputValue, zoneCity } from "@/lib/client/time-format";

type Props = {
  when: ComposeState["when"];
  onChange: (when: ComposeState["when"]) => void;
  viewerZone: string;
  accountZone: string | null;
  error?: string;
  disabled?: boolean;
  now: Date;
};

export function WhenField({ when, onChange, viewerZone, accountZone, error, disabled, now }: Props) {
  const instant = composeInstant(when, viewerZone);
  const inAnHour = localInputValue(new Date(now.getTime() + 3_600_000), viewerZone);
  const invalid = when.mode === "at" && when.local && !instant ? "That time does not exist in your zone (a daylight-saving change)" : undefined;
  const problem = error ?? invalid;
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700">When</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="when-mode" checked={when.mode === "now"} onChange={() => onChange({ mode: "now" })} />
          Post now
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="when-mode" checked={when.mode === "at"} onChange={() => onChange({ mode: "at", local: when.mode === "at" ? when.local : inAnHour })} />
          Schedule for
        </label>
      </div>
      {when.mode === "at" ? (
        <div className="space-y-1">
          <label htmlFor="compose-post-time" className="sr-only">
            Post time
          </label>
          <input
            id="compose-post-time"
            type="datetime-local"
            aria-label="Post time"
            value={when.local}
            min={localInputValue(now, viewerZone)}
            onChange={(e) => onChange({ mode: "at", local: e.target.value })}
            aria-invalid={problem ? true : undefined}
            aria-describedby="compose-post-time-hint"
            className={`rounded-md border px-3 py-2 text-sm shadow-sm ${problem ? "border-red-500" : "border-slate-300"}`}
          />
          <p id="compose-post-time-hint" className={`text-xs ${problem ? "text-red-600" : "text-slate-500"}`}>
            {problem ?? (instant ? `${formatInZones(instant, viewerZone, accountZone)} — read in your zone (${zoneCity(viewerZone)})` : `Read in your zone (${zoneCity(viewerZone)})`)}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
