"use client";
// The post panel's read-only half: slides, caption, sound, account, requested and scheduled time
// (and why it moved), how the account was chosen, the history with errors, and the public link.
import { formatInZones } from "@/lib/client/time-format";
import type { AccountStatus } from "@/lib/domain/accounts";
import { HELD_REASON, type PostDetails, isHeld, statusWords } from "@/lib/domain/calendar";
import type { PostStatus } from "@/lib/domain/posts";
import { PlatformMark, STATUS_STYLE, StatusIcon } from "../status";

export function PostFacts({ details, zone }: { details: PostDetails; zone: string }) {
  const { post, account, history, thumbnail_urls } = details;
  const status = post.status as PostStatus;
  const accountZone = account?.timezone ?? null;
  const selection = post.selection as { mode?: string; reason?: string } | null;
  return (
    <div className="space-y-4 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status].card}`} data-testid="panel-status">
          <StatusIcon status={status} />
          {statusWords(status)}
        </span>
        <PlatformMark platform={post.platform} />
        <span className="font-medium">@{account?.username ?? post.account_id}</span>
        {post.strict ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">strict time</span> : null}
      </div>
      {account && isHeld(status, account.status as AccountStatus) ? (
        <p className="rounded-md border border-dashed border-amber-500 bg-amber-50 p-2 text-amber-900" data-testid="panel-held">
          {HELD_REASON}
        </p>
      ) : null}

      {thumbnail_urls.length > 0 ? (
        <ol aria-label="Slides" className="flex gap-2 overflow-x-auto pb-1">
          {thumbnail_urls.map((url, i) => (
            <li key={`${i}-${url}`} className="shrink-0">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={url} alt={`Slide ${i + 1}${i === 0 ? " (cover)" : ""}`} className="h-24 w-16 rounded border border-slate-200 bg-slate-100 object-cover" />
            </li>
          ))}
        </ol>
      ) : null}

      <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2">
        <dt className="text-slate-500">Caption</dt>
        <dd className="whitespace-pre-wrap break-words">{post.caption || <span className="text-slate-400">No caption</span>}</dd>
        <dt className="text-slate-500">Sound</dt>
        <dd>{post.music_post_id ? `TikTok sound ${post.music_post_id} (goes to the creator's inbox as a draft)` : <span className="text-slate-400">No sound</span>}</dd>
        <dt className="text-slate-500">Requested</dt>
        <dd>{post.requested_time ? formatInZones(post.requested_time, zone, accountZone) : "As soon as possible"}</dd>
        <dt className="text-slate-500">Scheduled</dt>
        <dd data-testid="panel-scheduled">
          {formatInZones(post.scheduled_at, zone, accountZone)}
          {post.bumped ? <p className="text-xs text-amber-700">Moved by the scheduling rules: the requested time was not free on the account.</p> : null}
        </dd>
        {selection?.reason ? (
          <>
            <dt className="text-slate-500">Chosen</dt>
            <dd className="text-slate-700">{selection.mode === "explicit" ? "The account was chosen by hand." : `Automatically: ${selection.reason}.`}</dd>
          </>
        ) : null}
        {post.post_url ? (
          <>
            <dt className="text-slate-500">Published</dt>
            <dd>
              <a href={post.post_url} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 underline">
                Open on {post.platform === "tiktok" ? "TikTok" : "Instagram"}
              </a>
            </dd>
          </>
        ) : null}
      </dl>

      {post.error ? (
        <p className={`rounded-md p-2 text-sm ${status === "failed" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}>{sentence(post.error)}</p>
      ) : null}

      <section aria-labelledby="history-heading">
        <h3 id="history-heading" className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
          History
        </h3>
        <ol className="space-y-1.5 border-l border-slate-200 pl-3">
          {history.map((h, i) => (
            <li key={`${h.at}-${i}`} className="relative">
              <span aria-hidden="true" className={`absolute -left-[17px] top-1.5 size-2 rounded-full ${STATUS_STYLE[h.status].dot}`} />
              <p>
                <span className="font-medium">{i === 0 ? "Created" : historyWords(h.status, history[i - 1]!, h)}</span>{" "}
                <span className="text-xs text-slate-500">{formatInZones(h.at, zone)}</span>
              </p>
              {h.error ? <p className="text-xs text-slate-600">{sentence(h.error)}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** What one history step did, in words: a status change, or a move when only the time changed. */
function historyWords(status: PostStatus, before: { status: PostStatus; scheduled_at: string; account_id: string }, now: { scheduled_at: string; account_id: string }): string {
  if (status !== before.status) return status === "scheduled" && before.status === "failed" ? "Retried" : capital(statusWords(status));
  if (now.account_id !== before.account_id) return "Moved to another account";
  if (now.scheduled_at !== before.scheduled_at) return "Moved";
  return "Updated";
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** The worker's reasons are phrases ("the account is paused"); shown as sentences. */
const sentence = (s: string) => capital(s.trim()).replace(/([^.!?])$/, "$1.");
