"use client";
// What the composer was opened on, said above the form: an edit (and, when the post cannot be
// changed, why), a duplicate, a link that could not be read, a draft dropped because the post
// changed since, and a viewer's read-only role.
import Link from "next/link";
import { formatInZones } from "@/lib/client/time-format";
import type { ComposeSource } from "@/lib/domain/compose";
import type { ComposerAccount } from "./types";

type Props = {
  source: ComposeSource | null;
  accounts: readonly ComposerAccount[];
  viewerZone: string;
  canSchedule: boolean;
  /** Why the opened post cannot be edited, or null. */
  editBlocked: string | null;
  staleDraft: boolean;
  /** A link the composer could not follow (a bad time, a foreign account). */
  problems: readonly string[];
};

const box = "rounded-md p-3 text-sm";

export function ComposeNotices({ source, accounts, viewerZone, canSchedule, editBlocked, staleDraft, problems }: Props) {
  const account = source ? accounts.find((a) => a.id === source.post.account_id) : undefined;
  const who = account ? `@${account.username}` : "its account";
  return (
    <>
      {!canSchedule ? (
        <p className={`${box} bg-amber-50 text-amber-800`}>
          You can look, but your role (viewer) can&apos;t {source?.mode === "edit" ? "change" : "schedule"} posts.
        </p>
      ) : null}
      {source?.mode === "edit" ? (
        <div className={`${box} border border-indigo-200 bg-indigo-50 text-indigo-900`}>
          <p>
            Editing the post on {who}, now at {formatInZones(source.post.scheduled_at, viewerZone, account?.timezone)}.
          </p>
          {editBlocked ? (
            <p className="mt-1 font-medium text-amber-800">
              {editBlocked}{" "}
              <Link href={`/compose?duplicate=${source.post.id}`} className="underline">
                Duplicate this post
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {source?.mode === "duplicate" ? (
        <p className={`${box} border border-indigo-200 bg-indigo-50 text-indigo-900`}>
          A copy of the post on {who}: Schedule makes a new post; the original stays where it is. Pick a time: the original holds its own.
        </p>
      ) : null}
      {staleDraft ? (
        <p className={`${box} bg-amber-50 text-amber-800`}>
          Your unsaved edits of this post were made on an older version, and it has changed since: it is shown as it is now.
        </p>
      ) : null}
      {problems.map((p) => (
        <p key={p} role="alert" className={`${box} bg-red-50 text-red-800`}>
          {p}
        </p>
      ))}
    </>
  );
}
