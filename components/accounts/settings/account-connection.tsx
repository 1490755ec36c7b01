"use client";
// Reconnect and Disconnect in the account settings dialog. Reconnect runs the platform's OAuth
// again (the same account comes back with its posts and settings). Disconnect says what happens
// to the account's posts still to go out and asks which: fail them (kept, to retry or move to
// another account) or delete them; it never leaves them scheduled on an account that cannot post.
import { useMutation } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { connectAccountAction, disconnectAccountAction } from "@/lib/actions/accounts";
import { messageOf, unwrapAction } from "@/lib/client/action-result";
import type { AccountRow } from "@/lib/domain/account-table";
import { useInvalidateAccounts } from "../use-account-writes";

const disconnect = unwrapAction(disconnectAccountAction);
const posts = (n: number) => (n === 1 ? "1 post" : `${n} posts`);

export function AccountConnection({ organizationId, account, onDone }: { organizationId: string; account: AccountRow; onDone: () => void }) {
  const announce = useAnnounce();
  const invalidate = useInvalidateAccounts(organizationId);
  const [asking, setAsking] = useState(false);
  const [choice, setChoice] = useState<"fail" | "delete">("fail");
  const [reconnecting, startReconnect] = useTransition();
  const [reconnectError, setReconnectError] = useState<string>();
  const platform = account.platform === "tiktok" ? "TikTok" : "Instagram";
  const m = useMutation({
    mutationFn: () => disconnect({ accountId: account.id, scheduledPosts: choice }),
    onSuccess: (r) => {
      announce.status(`Disconnected @${account.username}${r.failed ? `; ${posts(r.failed)} marked failed` : ""}${r.deleted ? `; ${posts(r.deleted)} deleted` : ""}.`);
      onDone();
    },
    onSettled: () => invalidate(),
  });

  return (
    <section aria-labelledby="connection-heading" className="mt-6 space-y-3 border-t border-slate-200 pt-4 text-sm">
      <h3 id="connection-heading" className="font-semibold">
        Connection
      </h3>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant={account.status === "needs_reauth" ? "primary" : "secondary"}
          disabled={reconnecting}
          onClick={() =>
            startReconnect(async () => {
              const r = await connectAccountAction(account.platform);
              if (r?.error) setReconnectError(r.error);
            })
          }
        >
          {reconnecting ? "Opening…" : "Reconnect"}
        </Button>
        {account.status !== "needs_reauth" ? (
          <Button type="button" variant="danger" onClick={() => setAsking(true)} disabled={asking}>
            Disconnect
          </Button>
        ) : null}
      </div>
      <p className="text-xs text-slate-500">Reconnect signs in to {platform} again as @{account.username}; the account keeps its posts and settings.</p>
      {reconnectError ? <p role="alert" className="text-red-700">{reconnectError}</p> : null}
      {asking ? (
        <div role="alertdialog" aria-label={`Disconnect @${account.username}?`} className="space-y-3 rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
          <p>
            Postdeck forgets its {platform} access; the account stays listed (with its labels, times and history) until you reconnect it.{" "}
            {account.upcoming ? `Its ${posts(account.upcoming)} still to go out:` : "It has no posts waiting to go out."}
          </p>
          {account.upcoming ? (
            <fieldset className="space-y-1">
              <legend className="sr-only">What happens to its scheduled posts</legend>
              <label className="flex items-start gap-2">
                <input type="radio" name="disconnect-posts" checked={choice === "fail"} onChange={() => setChoice("fail")} className="mt-0.5 accent-red-700" />
                <span>Mark them failed — kept on the Posts page to retry or move to another account</span>
              </label>
              <label className="flex items-start gap-2">
                <input type="radio" name="disconnect-posts" checked={choice === "delete"} onChange={() => setChoice("delete")} className="mt-0.5 accent-red-700" />
                <span>Delete them</span>
              </label>
            </fieldset>
          ) : null}
          {m.isError ? <p role="alert">{messageOf(m.error)}</p> : null}
          <div className="flex gap-2">
            <Button type="button" variant="danger" autoFocus disabled={m.isPending} onClick={() => m.mutate()}>
              {m.isPending ? "Disconnecting…" : "Yes, disconnect"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
