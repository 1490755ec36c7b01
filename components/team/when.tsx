"use client";
// Team times in the viewer's zone (dashboard.md §0 "Time"). The zone and "now" are known only in
// the browser, so the server's HTML carries the bare date and the browser fills in the rest.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { useViewerZone } from "@/components/shell/viewer-zone";
import { formatInZones } from "@/lib/client/time-format";
import { useIsClient } from "@/lib/client/use-is-client";
import { timeFromNow } from "@/lib/domain/team";

/** "3 Mar 2025", the calendar day in the viewer's zone. */
export function JoinedOn({ iso }: { iso: string }) {
  const zone = useViewerZone();
  const isClient = useIsClient();
  return <time dateTime={iso}>{isClient ? format(new TZDate(new Date(iso), zone), "d MMM yyyy") : iso.slice(0, 10)}</time>;
}

/** "in 47 hours · Wed 5 Mar, 14:00 Berlin", or "Expired 2 hours ago". */
export function ExpiresAt({ iso, expired }: { iso: string; expired: boolean }) {
  const zone = useViewerZone();
  const isClient = useIsClient();
  if (!isClient) return <time dateTime={iso}>{expired ? "Expired" : iso.slice(0, 10)}</time>;
  const relative = timeFromNow(new Date(iso), new Date());
  return (
    <time dateTime={iso} title={formatInZones(iso, zone)}>
      {expired ? `Expired ${relative}` : `${relative} · ${formatInZones(iso, zone)}`}
    </time>
  );
}
