"use client";
// The weekly posting-times editor (dashboard.md §4): a row per weekday with its times, "Add time"
// and "Remove" per entry, and "Copy Monday to all days". Entries are typed as "HH:mm" in the
// account's zone and checked as you type with the API's own rule (lib/domain); a problem is shown
// on the entry it names, by day and position, and the server's answer is shown the same way.
import { type TimesDraft, type TimesIssue, WEEKDAY_NAMES, addTime, copyToAllDays, describeTimesIssue, removeTime, setTime, weeklyCount } from "@/lib/domain/account-table";
import { WEEKDAYS } from "@/lib/domain/accounts";

type Props = { draft: TimesDraft; onChange: (next: TimesDraft) => void; issues: readonly TimesIssue[]; zoneNote: string };

export function PostingTimesEditor({ draft, onChange, issues, zoneNote }: Props) {
  const issueAt = (day: string, index: number | null) => issues.find((i) => i.day === day && i.index === index);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Posting times</legend>
      <p className="text-xs text-slate-500">
        {zoneNote} · {weeklyCount(draft)} a week. A pool post goes to the next of these slots that is free.
      </p>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {WEEKDAYS.map((day) => {
          const dayIssue = issueAt(day, null);
          return (
            <li key={day} className="flex flex-wrap items-start gap-2 p-2" aria-label={WEEKDAY_NAMES[day]}>
              <span className="w-24 shrink-0 pt-1.5 text-sm font-medium">{WEEKDAY_NAMES[day]}</span>
              <div className="flex min-w-0 flex-1 flex-wrap items-start gap-1.5">
                {draft[day].length === 0 ? <span className="pt-1.5 text-xs text-slate-400">No slots</span> : null}
                {draft[day].map((time, i) => {
                  const issue = issueAt(day, i);
                  const id = `times-${day}-${i}`;
                  return (
                    <span key={i} className="flex flex-col">
                      <span className={`flex items-center rounded-md border ${issue ? "border-red-500" : "border-slate-300"} bg-white`}>
                        <input
                          id={id}
                          value={time}
                          onChange={(e) => onChange(setTime(draft, day, i, e.target.value))}
                          aria-label={`${WEEKDAY_NAMES[day]} time ${i + 1}`}
                          aria-invalid={issue ? true : undefined}
                          aria-describedby={issue ? `${id}-error` : undefined}
                          inputMode="numeric"
                          placeholder="HH:mm"
                          maxLength={5}
                          className="w-14 rounded-l-md px-1.5 py-1 text-sm tabular-nums focus:outline-none"
                        />
                        <button type="button" onClick={() => onChange(removeTime(draft, day, i))} aria-label={`Remove ${WEEKDAY_NAMES[day]} time ${i + 1}`} className="px-1.5 py-1 text-slate-500 hover:text-red-700">
                          ×
                        </button>
                      </span>
                      {issue ? (
                        <span id={`${id}-error`} role="alert" className="max-w-40 text-xs text-red-600">
                          {describeTimesIssue(issue)}
                        </span>
                      ) : null}
                    </span>
                  );
                })}
                <button type="button" onClick={() => onChange(addTime(draft, day))} aria-label={`Add a ${WEEKDAY_NAMES[day]} time`} className="rounded-md border border-dashed border-slate-300 px-2 py-1 text-xs text-slate-600 hover:bg-slate-50">
                  + Add time
                </button>
              </div>
              {dayIssue ? (
                <p role="alert" className="w-full text-xs text-red-600">
                  {describeTimesIssue(dayIssue)}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onChange(copyToAllDays(draft, "mon"))} className="text-xs font-medium text-indigo-700 hover:underline">
        Copy Monday to all days
      </button>
    </fieldset>
  );
}
