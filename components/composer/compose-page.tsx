"use client";
// The composer (dashboard.md §1): slides, caption, where, when and sound on the left; where it
// will land, the phone preview and Schedule on the right. State lives in a local draft until
// scheduled; every rule comes from lib/domain and the server checks it all again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { useAnnounce } from "@/components/shell/announcer";
import { Button } from "@/components/ui/button";
import { scheduleAction } from "@/lib/actions/compose";
import { ActionError, fieldErrors, indexedErrors, unwrapResult } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import { browserZone, dayIn, formatInZones } from "@/lib/client/time-format";
import type { Platform } from "@/lib/domain/accounts";
import { type ComposeSlide, type LabelCounts, composeInstant, createBodies, scheduleBlockers } from "@/lib/domain/compose";
import { INSTAGRAM_MAX_IMAGES } from "@/lib/domain/posts";
import { CaptionField } from "./caption-field";
import { useComposeDraft } from "./hooks/use-compose-draft";
import { SchedulePreview } from "./schedule-preview";
import { PhonePreview } from "./slides/phone-preview";
import { SlidesPanel } from "./slides/slides-panel";
import { SoundField, soundLabel } from "./sound-field";
import { TargetField } from "./target-field";
import type { ComposerAccount, ComposerSound } from "./types";
import { WhenField } from "./when-field";

export type ComposeProps = {
  organizationId: string;
  accounts: ComposerAccount[];
  labels: LabelCounts;
  sounds: ComposerSound[];
  canSchedule: boolean;
};

type Scheduled = { account: string; at: string; zone: string | null; count: number };

/** Placeholder image URLs for previews before any image is added: previews never fetch images. */
const previewImages = (n: number) => Array.from({ length: Math.max(1, n) }, (_, i) => `https://preview.invalid/slide-${i}.jpg`);

export function Composer({ organizationId, accounts, labels, sounds, canSchedule }: ComposeProps) {
  const { state, update, clear } = useComposeDraft(organizationId);
  const announce = useAnnounce();
  const client = useQueryClient();
  const viewerZone = useMemo(() => browserZone(), []);
  const [now] = useState(() => new Date());
  const [previewBlock, setPreviewBlock] = useState<string | null>(null);
  const [done, setDone] = useState<Scheduled | null>(null);
  const onOutcome = useCallback((o: { blocked: string | null }) => setPreviewBlock(o.blocked), []);

  const chosenId = state.target.mode === "account" ? state.target.accountId : null;
  const account = chosenId ? accounts.find((a) => a.id === chosenId) : undefined;
  // The platform decides the limits; a pool is TikTok-only with a sound or more than 10 images.
  const platform: Platform | null = account?.platform ?? (state.soundPostId || state.slides.length > INSTAGRAM_MAX_IMAGES ? "tiktok" : null);
  const instant = composeInstant(state.when, viewerZone);
  const targetChosen = state.target.mode === "auto" || !!state.target.accountId;

  const bodies = createBodies(state, instant);
  const previewBody = targetChosen
    ? (() => {
        const withImages = bodies.map((b) => ({ ...b, imageUrls: state.slides.length ? b.imageUrls : previewImages(0) }));
        return withImages.length === 1 ? withImages[0]! : { posts: withImages };
      })()
    : null;

  const schedule = useMutation({
    // The slides go along as the mutation's variables so a refusal of `imageUrls[i]` can be
    // tied to the slide that was i-th when sent, even if the slides are reordered afterwards.
    mutationFn: async (_sent: ComposeSlide[]) => unwrapResult(await scheduleAction({ posts: bodies })),
    onSuccess: (r) => {
      const first = r.posts[0]!;
      const a = accounts.find((x) => x.id === first.account_id);
      const message = `Scheduled ${r.posts.length > 1 ? `${r.posts.length} posts, the first ` : ""}on @${a?.username ?? first.account_id} for ${formatInZones(first.scheduled_at, viewerZone, a?.timezone)}`;
      setDone({ account: a?.username ?? first.account_id, at: first.scheduled_at, zone: a?.timezone ?? null, count: r.posts.length });
      announce.status(message);
      clear();
      for (const key of queryKeys.afterPostWrite(organizationId)) void client.invalidateQueries({ queryKey: key });
    },
    onError: (e) => announce.alert(e instanceof ActionError ? e.message : "Scheduling failed; try again."),
  });
  const errors = schedule.error instanceof ActionError ? fieldErrors(schedule.error.details.map((d) => ({ ...d, path: d.path.replace(/^posts\[\d+\]\./, "") }))) : {};
  const slideProblems: Record<string, string> = {};
  for (const [i, message] of Object.entries(indexedErrors(errors, "imageUrls"))) {
    const slide = schedule.variables?.[Number(i)];
    if (slide) slideProblems[slide.id] = message;
  }
  const imagesError = errors.imageUrls ?? Object.values(indexedErrors(errors, "imageUrls"))[0];

  const blockers = [...scheduleBlockers(state, platform), ...(previewBlock ? [previewBlock] : [])];
  const readOnly = !canSchedule;
  const chosenSound = state.soundPostId ? sounds.find((s) => s.tiktok_post_id === state.soundPostId) : undefined;

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-6">
        {readOnly ? <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-800">You can look, but your role (viewer) can&apos;t schedule posts.</p> : null}
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <SlidesPanel slides={state.slides} onChange={(slides) => update({ slides })} platform={platform} disabled={readOnly} problems={slideProblems} />
          {imagesError ? (
            <p role="alert" className="mt-2 text-sm text-red-600">
              {imagesError}
            </p>
          ) : null}
        </section>
        <section className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <CaptionField value={state.caption} onChange={(caption) => update({ caption })} platform={platform} error={errors.caption} disabled={readOnly} />
          <TargetField state={state} update={update} accounts={accounts} labels={labels} disabled={readOnly} accountError={errors.accountId} />
          <WhenField when={state.when} onChange={(when) => update({ when })} viewerZone={viewerZone} accountZone={account?.timezone ?? null} error={errors.postTime} disabled={readOnly} now={now} />
          <SoundField
            organizationId={organizationId}
            value={state.soundPostId}
            onChange={(soundPostId) => update({ soundPostId })}
            initialLibrary={sounds}
            instagram={account?.platform === "instagram"}
            disabled={readOnly}
          />
        </section>
      </div>
      <aside className="space-y-4 xl:sticky xl:top-4 xl:self-start">
        <SchedulePreview organizationId={organizationId} body={previewBody} accounts={accounts} viewerZone={viewerZone} onOutcome={onOutcome} />
        <PhonePreview slides={state.slides} caption={state.caption} soundLabel={state.soundPostId ? soundLabel(chosenSound, state.soundPostId) : null} platform={platform} account={account?.username} />
        <div className="space-y-2">
          <Button type="button" className="w-full py-3 text-base" disabled={readOnly || blockers.length > 0 || schedule.isPending} onClick={() => schedule.mutate(state.slides)} aria-describedby="compose-blockers">
            {schedule.isPending ? "Scheduling…" : "Schedule"}
          </Button>
          <p id="compose-blockers" className="text-xs text-slate-500">
            {readOnly ? "Viewers can't schedule." : (blockers[0] ?? "Ready: the server checks everything again when you schedule.")}
          </p>
          {done ? (
            <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
              <p>
                Scheduled{done.count > 1 ? ` ${done.count} posts, the first` : ""} on @{done.account} for {formatInZones(done.at, viewerZone, done.zone)}.
              </p>
              <Link href={`/calendar?date=${dayIn(done.at, viewerZone)}`} className="font-medium underline">
                View in calendar
              </Link>
            </div>
          ) : null}
        </div>
      </aside>
    </div>
  );
}
