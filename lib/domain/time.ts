// Calendar arithmetic in IANA timezones with nothing but Intl: local days, weekdays, and the
// instant of a local wall-clock time (DST gaps have none, overlaps use the first).

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of instant `ms` in `timeZone`, as if it were UTC (epoch ms). */
function wallMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** UTC offset of `timeZone` at instant `ms`, in ms (Berlin in winter: +3_600_000). */
export function offsetMs(ms: number, timeZone: string): number {
  return wallMs(ms - (ms % 1000), timeZone) - (ms - (ms % 1000));
}

const QUARTER_HOUR_MS = 900_000;
/** Per zone: quarter-hour bucket → offset. Numbers as keys: this runs thousands of times a request. */
const offsetCaches = new Map<string, Map<number, number>>();

/**
 * The offset in force during the quarter hour containing `ms`. Every timezone changes its
 * offset on a quarter-hour boundary, so one lookup serves the whole quarter hour; the
 * scheduler asks this for thousands of posts and slots per request.
 */
function quarterHourOffset(ms: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) offsetCaches.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = offsetMs(bucket * QUARTER_HOUR_MS, timeZone);
    if (cache.size > 200_000) cache.clear();
    cache.set(bucket, offset);
  }
  return offset;
}

/**
 * The local calendar day of instant `ms` in `timeZone` as a number (days since 1970-01-01 on
 * the local calendar): equal exactly when localDay is, without building a string.
 */
export function localDayNumber(ms: number, timeZone: string): number {
  return Math.floor((ms + quarterHourOffset(ms, timeZone)) / DAY_MS);
}

/** The local calendar day ("YYYY-MM-DD") of an instant in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
  const ms = at.getTime();
  return new Date(ms + quarterHourOffset(ms, timeZone)).toISOString().slice(0, 10);
}

/** The local wall-clock time ("HH:mm") of an instant in `timeZone`. */
export function localTime(at: Date, timeZone: string): string {
  const ms = at.getTime();
  return new Date(ms + quarterHourOffset(ms, timeZone)).toISOString().slice(11, 16);
}

/** "YYYY-MM-DD" plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const WEEKDAY_KEYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The weekday key ("mon" … "sun") of a calendar day. */
export function weekdayOf(day: string): (typeof WEEKDAY_KEYS)[number] {
  return WEEKDAY_KEYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
}

const instantCache = new Map<string, number | null>();

/**
 * The instant at which the wall clock in `timeZone` reads `day` `time` ("HH:mm").
 * Null when that reading does not exist (spring-forward gap); when it occurs twice
 * (fall-back overlap) the earlier instant. Results are cached: accounts share zones.
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date | null {
  const key = `${timeZone}|${day}|${time}`;
  let ms = instantCache.get(key);
  if (ms === undefined) {
    ms = computeInstant(day, time, timeZone);
    if (instantCache.size > 200_000) instantCache.clear();
    instantCache.set(key, ms);
  }
  return ms === null ? null : new Date(ms);
}

function computeInstant(day: string, time: string, timeZone: string): number | null {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // The offset a day before and a day after bracket any single transition near this time.
  const offsets = new Set([offsetMs(wall - DAY_MS, timeZone), offsetMs(wall + DAY_MS, timeZone)]);
  const matches = [...offsets].map((o) => wall - o).filter((t) => wallMs(t, timeZone) === wall);
  return matches.length ? Math.min(...matches) : null;
}
