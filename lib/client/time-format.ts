// Instants shown in named zones (dashboard.md §0 "Time"): formatted only at render, in the
// viewer's zone, with the account's zone beside it when it differs.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** The viewer's zone: the browser's, else UTC. (A saved preference comes with Settings.) */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** "New York" for America/New_York; "UTC" stays. */
export function zoneCity(zone: string): string {
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

/** "Thu 24 Dec, 18:00 Berlin", or with the second zone: "… 18:00 Berlin · 12:00 New York". */
export function formatInZones(iso: string | Date, viewerZone: string, accountZone?: string | null): string {
  const at = typeof iso === "string" ? new Date(iso) : iso;
  const main = `${format(new TZDate(at, viewerZone), "EEE d MMM, HH:mm")} ${zoneCity(viewerZone)}`;
  if (!accountZone || accountZone === viewerZone) return main;
  const local = new TZDate(at, accountZone);
  const sameDay = format(local, "yyyy-MM-dd") === format(new TZDate(at, viewerZone), "yyyy-MM-dd");
  return `${main} · ${format(local, sameDay ? "HH:mm" : "EEE HH:mm")} ${zoneCity(accountZone)}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone, for "View in calendar" links. */
export function dayIn(iso: string, zone: string): string {
  return format(new TZDate(new Date(iso), zone), "yyyy-MM-dd");
}

/** A datetime-local value ("YYYY-MM-DDTHH:mm") for an instant in a zone. */
export function localInputValue(at: Date, zone: string): string {
  return format(new TZDate(at, zone), "yyyy-MM-dd'T'HH:mm");
}
