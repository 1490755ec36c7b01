"use client";
// A start time for a move, read in the viewer's zone (dashboard.md §0 "Inputs say which zone").
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { localInputValue, zoneCity } from "@/lib/client/time-format";
import { zonedInstant } from "@/lib/domain/time";

export function MoveForm({ zone, busy, onSubmit }: { zone: string; busy: boolean; onSubmit: (at: Date) => void }) {
  const id = useId();
  // An hour from now, on the quarter: a sensible start that is never in the past.
  const [value, setValue] = useState(() => localInputValue(new Date(Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000), zone));
  const [error, setError] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const [day, time] = value.split("T");
    const at = day && time ? zonedInstant(day, time.slice(0, 5), zone) : null;
    if (!at) return setError("Enter a date and a time that exists in your zone.");
    setError(null);
    onSubmit(at);
  }
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Move posts">
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          Start from <span className="font-normal text-slate-500">({zoneCity(zone)} time)</span>
        </label>
        <input id={id} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5" />
        {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? "Moving…" : "Move"}
      </Button>
    </form>
  );
}
