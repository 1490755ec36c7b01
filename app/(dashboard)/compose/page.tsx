// /compose — the slideshow composer: accounts, labels and sounds loaded here, the rest in the browser
import type { Metadata } from "next";
import Link from "next/link";
import { ComposeClient } from "@/components/composer/compose-client";
import { getAppContext } from "@/lib/server/context";
import { requireMember } from "@/lib/server/identity/session";
import { composerData } from "@/lib/server/posts/compose";

export const metadata: Metadata = { title: "Compose" };
export const dynamic = "force-dynamic";

export default async function ComposePage() {
  const member = await requireMember();
  const data = await composerData(await getAppContext(), member);
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Compose</h1>
          <p className="text-sm text-slate-600">Drop 1–35 images, order them, caption them, and see exactly where and when the slideshow goes.</p>
        </div>
        {data.accounts.length === 0 ? (
          <Link href="/accounts" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white">
            Connect an account
          </Link>
        ) : null}
      </header>
      <ComposeClient organizationId={member.organizationId} {...data} />
    </div>
  );
}
