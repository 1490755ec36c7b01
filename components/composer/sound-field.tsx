"use client";
// The sound (TikTok only): paste a link or id, resolved and kept in the library by the server;
// or pick from the library, most used first. Instagram cannot carry one, and says so.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { resolveSoundAction, listSoundsAction } from "@/lib/actions/compose";
import { ActionError, fieldErrors, messageOf, unwrapResult } from "@/lib/client/action-result";
import { queryKeys } from "@/lib/client/query-keys";
import type { ComposerSound } from "./types";

type Props = {
  organizationId: string;
  value: string | null;
  onChange: (postId: string | null) => void;
  initialLibrary: ComposerSound[];
  instagram: boolean;
  disabled?: boolean;
};

export function soundLabel(s: ComposerSound | undefined, id: string): string {
  return s?.music_title ?? s?.title ?? `TikTok post ${id}`;
}

export function SoundField({ organizationId, value, onChange, initialLibrary, instagram, disabled }: Props) {
  const [input, setInput] = useState("");
  const [search, setSearch] = useState("");
  const [warning, setWarning] = useState<string | null>(null);
  const client = useQueryClient();
  const library = useQuery({
    queryKey: queryKeys.sounds.library(organizationId, { search }),
    queryFn: async () => unwrapResult(await listSoundsAction({ search: search || undefined })).sounds as ComposerSound[],
    initialData: search ? undefined : initialLibrary,
  });
  const resolve = useMutation({
    mutationFn: async (sound: string) => unwrapResult(await resolveSoundAction({ sound })),
    onSuccess: (r) => {
      onChange(r.sound.tiktok_post_id);
      setWarning(r.warning);
      setInput("");
      void client.invalidateQueries({ queryKey: queryKeys.sounds.all(organizationId) });
    },
  });
  const error = resolve.error instanceof ActionError ? (fieldErrors(resolve.error.details).sound ?? resolve.error.message) : resolve.error ? messageOf(resolve.error) : null;
  const chosen = value ? library.data?.find((s) => s.tiktok_post_id === value) ?? initialLibrary.find((s) => s.tiktok_post_id === value) : undefined;
  const off = disabled || instagram;

  return (
    <fieldset className="space-y-2" disabled={off}>
      <legend className="text-sm font-medium text-slate-700">Sound (TikTok)</legend>
      {instagram ? <p className="text-xs text-amber-700">Instagram carousels can&apos;t carry a sound.</p> : null}
      {value ? (
        <div className="flex items-center gap-3 rounded-md border border-slate-200 bg-slate-50 p-2 text-sm">
          {/* eslint-disable-next-line @next/next/no-img-element -- a TikTok CDN thumbnail, shown as TikTok serves it */}
          {chosen?.thumbnail_url ? <img src={chosen.thumbnail_url} alt="" className="h-10 w-8 rounded object-cover" /> : <span aria-hidden className="text-xl">♬</span>}
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">♬ {soundLabel(chosen, value)}</p>
            <p className="truncate text-xs text-slate-500">{chosen?.author ? `${chosen.author} · ` : ""}post {value}</p>
          </div>
          <Button type="button" variant="secondary" onClick={() => onChange(null)} disabled={disabled}>
            Remove sound
          </Button>
        </div>
      ) : null}
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) resolve.mutate(input);
        }}
      >
        <label htmlFor="compose-sound" className="sr-only">
          Sound
        </label>
        <input
          id="compose-sound"
          aria-label="Sound"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder="TikTok video, photo or music link, or a post id"
          aria-invalid={error ? true : undefined}
          aria-describedby="compose-sound-help"
          className={`min-w-0 flex-1 rounded-md border px-3 py-2 text-sm shadow-sm ${error ? "border-red-500" : "border-slate-300"}`}
        />
        <Button type="submit" variant="secondary" disabled={off || resolve.isPending || !input.trim()}>
          {resolve.isPending ? "Looking up…" : "Use sound"}
        </Button>
      </form>
      <p id="compose-sound-help" className={`text-xs ${error ? "text-red-600" : "text-slate-500"}`}>
        {error ?? warning ?? "TikTok's API can't attach a sound: the post goes to the creator's TikTok inbox as a draft with the sound named, to finish in the app."}
      </p>
      <details className="rounded-md border border-slate-200 text-sm">
        <summary className="cursor-pointer px-3 py-2 font-medium">Sound library</summary>
        <div className="space-y-2 p-3 pt-0">
          <input aria-label="Search sounds" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search by title, author or id" className="w-full rounded-md border border-slate-300 px-3 py-1.5" />
          <ul className="max-h-48 space-y-1 overflow-auto">
            {(library.data ?? []).map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => onChange(s.tiktok_post_id)} aria-pressed={value === s.tiktok_post_id} className="flex w-full items-center justify-between rounded px-2 py-1 text-left hover:bg-slate-100 aria-pressed:bg-indigo-50">
                  <span className="truncate">♬ {soundLabel(s, s.tiktok_post_id)}</span>
                  <span className="shrink-0 text-xs text-slate-500">used {s.usage_count}×</span>
                </button>
              </li>
            ))}
            {library.data?.length === 0 ? <li className="text-xs text-slate-500">No saved sounds yet: paste a TikTok link above.</li> : null}
          </ul>
        </div>
      </details>
    </fieldset>
  );
}
