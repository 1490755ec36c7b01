// /compose — the slideshow composer: accounts, labels and sounds loaded here, the rest in the browser.
// The calendar opens it on a post (?edit=<postId>, ?duplicate=<postId>) or on a free slot
// (?account=<id>&at=<ISO>, or ?tag=…&userGroup=…&orgGroup=…&at=<ISO>); the post is read here,
// scoped to the member's organization, so a link to someone else's post shows nothing of it.
import type { Metadata } from "next";
import Link from "next/link";
import { ComposeClient } from "@/components/composer/compose-client";
import { readComposeLink } from "@/lib/domain/compose";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";
import { composerData, openComposer } from "@/lib/server/posts/compose";

export const metadata: Metadata = { title: "Compose" };
export const dynamic = "force-dynamic";

const INTRO = {
  new: "Drop 1–35 images, order them, caption them, and see exactly where and when the slideshow goes.",
  edit: "Change this post's images, caption, sound, account or time; Save changes updates it.",
  duplicate: "A copy of a post: change what you like, pick a time, and schedule it as a new post.",
};

export default async function ComposePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const ctx = await getAppContext();
  const { link, problem } = readComposeLink(await searchParams);
  const [data, opening] = await Promise.all([composerData(ctx, member), openComposer(ctx, member.organizationId, link)]);
  const mode = link.kind === "edit" || link.kind === "duplicate" ? link.kind : "new";
  // A post that cannot be opened gets no composer: a new slideshow in its place would look like the edit.
  const unopened = mode !== "new" && !opening.source;
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Compose</h1>
          <p className="text-sm text-slate-600">{INTRO[mode]}</p>
        </div>
        {data.accounts.length === 0 ? (
          <Link href="/accounts" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white">
            Connect an account
          </Link>
        ) : null}
      </header>
      {unopened ? (
        <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p>{opening.problem}</p>
          <Link href="/compose" className="font-medium underline">
            Compose a new slideshow
          </Link>
        </div>
      ) : (
        <ComposeClient
          // A new link is a new composer: its state starts from that link, not the last one's.
          key={JSON.stringify(link)}
          organizationId={member.organizationId}
          {...data}
          source={opening.source}
          slot={link.kind === "slot" ? link.slot : null}
          linkProblem={[problem, opening.problem].filter(Boolean).join(" ") || null}
        />
      )}
    </div>
  );
}
