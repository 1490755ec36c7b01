"use client";
// The composer (dashboard.md §1): slides, caption, where, when and sound on the left; where it
// will land, the phone preview and the main button on the right. State lives in a local draft
// until scheduled; every rule comes from lib/domain and the server checks it all again. Opened
// on a post (?edit=) it saves that post; on a copy (?duplicate=) or a calendar slot it creates.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useViewerZone } from "@/components/shell/viewer-zone";
import type { Platform } from "@/lib/domain/accounts";
import {
  type ComposeSlot,
  type ComposeSource,
  EMPTY_COMPOSE,
  type LabelCounts,
  applySlot,
  composeInstant,
  createBodies,
  editBlocker,
  editChanges,
  editPreviewBody,
  scheduleBlockers,
  stateFromPost,
} from "@/lib/domain/compose";
import { INSTAGRAM_MAX_IMAGES, type PostStatus } from "@/lib/domain/posts";
import { CaptionField } from "./caption-field";
import { ComposeNotices } from "./compose-notices";
import { draftKey, useComposeDraft } from "./hooks/use-compose-draft";
import { useComposeSubmit } from "./hooks/use-compose-submit";
import { type PreviewRequest, SchedulePreview } from "./schedule-preview";
import { PhonePreview } from "./slides/phone-preview";
import { SlidesPanel } from "./slides/slides-panel";
import { SoundField, soundLabel } from "./sound-field";
import { SubmitPanel } from "./submit-panel";
import { TargetField } from "./target-field";
import type { ComposerAccount, ComposerSound } from "./types";
import { WhenField } from "./when-field";

export type ComposeProps = {
  organizationId: string;
  accounts: ComposerAccount[];
  labels: LabelCounts;
  sounds: ComposerSound[];
  canSchedule: boolean;
  /** The post opened with ?edit= or ?duplicate=, as slides; null for a new slideshow. */
  source?: ComposeSource | null;
  /** The calendar slot opened with ?account= or ?tag=…, and ?at=; null for none. */
  slot?: ComposeSlot | null;
  /** Why the link could not be followed in full, from the page. */
  linkProblem?: string | null;
};

/** Placeholder image URLs for previews before any image is added: previews never fetch images. */
const previewImages = (n: number) => Array.from({ length: Math.max(1, n) }, (_, i) => `https://preview.invalid/slide-${i}.jpg`);

export function Composer({ organizationId, accounts, labels, sounds, canSchedule, slot = null, linkProblem = null, ...props }: ComposeProps) {
  const viewerZone = useViewerZone();
  const [now] = useState(() => new Date());
  const [source, setSource] = useState<ComposeSource | null>(props.source ?? null);
  const editing = source?.mode === "edit" ? source : null;
  const accountIds = useMemo(() => accounts.map((a) => a.id), [accounts]);
  const pristine = useMemo(() => (source ? stateFromPost(source, viewerZone) : EMPTY_COMPOSE), [source, viewerZone]);
  const { state, update, reset, staleDraft } = useComposeDraft({
    key: draftKey(organizationId, source),
    basedOn: editing?.post.updated_at ?? null,
    pristine,
    // A slot aims the new slideshow's draft at it; its images and caption stay.
    start: (saved) => (source ? (saved ?? pristine) : slot ? applySlot(saved ?? EMPTY_COMPOSE, slot, viewerZone, accountIds).state : (saved ?? EMPTY_COMPOSE)),
  });
  const slotProblem = useMemo(() => (slot ? applySlot(EMPTY_COMPOSE, slot, viewerZone, accountIds).problem : null), [slot, viewerZone, accountIds]);
  useEffect(() => {
    // The draft holds the slot now; without the query a reload keeps later changes to it.
    if (slot) window.history.replaceState(null, "", "/compose");
  }, [slot]);

  const [previewBlock, setPreviewBlock] = useState<{ blocked: string | null; stale: boolean }>({ blocked: null, stale: false });
  const onOutcome = useCallback((o: { blocked: string | null; stale: boolean }) => setPreviewBlock(o), []);

  const chosenId = state.target.mode === "account" ? state.target.accountId : null;
  const account = chosenId ? accounts.find((a) => a.id === chosenId) : undefined;
  // The platform decides the limits; a pool is TikTok-only with a sound or more than 10 images.
  const platform: Platform | null = account?.platform ?? (state.soundPostId || state.slides.length > INSTAGRAM_MAX_IMAGES ? "tiktok" : null);
  const instant = composeInstant(state.when, viewerZone);
  const targetChosen = state.target.mode === "auto" || !!state.target.accountId;

  const bodies = createBodies(state, instant);
  const previewRequest: PreviewRequest | null = !targetChosen
    ? null
    : editing
      ? (() => {
          const body = editPreviewBody(state, editing, viewerZone);
          return { kind: "edit", body: { ...body, imageUrls: state.slides.length ? body.imageUrls : previewImages(0) } };
        })()
      : (() => {
          const withImages = bodies.map((b) => ({ ...b, imageUrls: state.slides.length ? b.imageUrls : previewImages(0) }));
          return { kind: "create", body: withImages.length === 1 ? withImages[0]! : { posts: withImages } };
        })();

  const submit = useComposeSubmit({
    organizationId,
    accounts,
    viewerZone,
    onSuccess: (posts, sent) => {
      if (!editing) return reset(pristine);
      // The saved version is the one the next save must name (expectedUpdatedAt).
      const p = posts[0]!;
      const post = { id: p.id, account_id: p.account_id, status: p.status as PostStatus, caption: p.caption, music_post_id: p.music_post_id, scheduled_at: p.scheduled_at, strict: p.strict, updated_at: p.updated_at };
      const next: ComposeSource = { mode: "edit", post, slides: sent };
      setSource(next);
      reset(stateFromPost(next, viewerZone));
    },
  });
  const { errors } = submit;

  const editBlocked = editing ? editBlocker(editing.post.status) : null;
  const readOnly = !canSchedule || editBlocked !== null;
  const blockers = [...scheduleBlockers(state, platform), ...(previewBlock.blocked ? [previewBlock.blocked] : [])];
  // The preview finds a post changed elsewhere before Save is pressed: said beside the button at once.
  const failure = submit.failure ?? (previewBlock.stale && previewBlock.blocked ? { message: previewBlock.blocked, stale: true } : null);
  const chosenSound = state.soundPostId ? sounds.find((s) => s.tiktok_post_id === state.soundPostId) : undefined;
  const problems = [linkProblem, slotProblem].filter((p): p is string => !!p);
  const hint = !canSchedule
    ? `Viewers can't ${editing ? "change posts" : "schedule"}.`
    : (editBlocked ?? blockers[0] ?? `Ready: the server checks everything again when you ${editing ? "save" : "schedule"}.`);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="space-y-6">
        <ComposeNotices source={source} accounts={accounts} viewerZone={viewerZone} canSchedule={canSchedule} editBlocked={editBlocked} staleDraft={staleDraft} problems={problems} />
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <SlidesPanel slides={state.slides} onChange={(slides) => update({ slides })} platform={platform} disabled={readOnly} problems={submit.slideProblems} />
          {submit.imagesError ? (
            <p role="alert" className="mt-2 text-sm text-red-600">
              {submit.imagesError}
            </p>
          ) : null}
        </section>
        <section className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <CaptionField value={state.caption} onChange={(caption) => update({ caption })} platform={platform} error={errors.caption} disabled={readOnly} />
          <TargetField state={state} update={update} accounts={accounts} labels={labels} disabled={readOnly} accountError={errors.accountId} accountOnly={!!editing} />
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
        <SchedulePreview organizationId={organizationId} request={previewRequest} accounts={accounts} viewerZone={viewerZone} onOutcome={onOutcome} />
        <PhonePreview slides={state.slides} caption={state.caption} soundLabel={state.soundPostId ? soundLabel(chosenSound, state.soundPostId) : null} platform={platform} account={account?.username} />
        <SubmitPanel
          label={editing ? "Save changes" : "Schedule"}
          disabled={readOnly || blockers.length > 0}
          pending={submit.pending}
          hint={hint}
          failure={failure}
          reloadHref={editing ? `/compose?edit=${editing.post.id}` : null}
          done={submit.done}
          viewerZone={viewerZone}
          onSubmit={() => submit.submit(state.slides, editing ? { kind: "edit", ...editChanges(state, editing, viewerZone) } : { kind: "create", bodies })}
        />
      </aside>
    </div>
  );
}
