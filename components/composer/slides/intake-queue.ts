"use client";
// The images in flight (files uploading, URLs being fetched): a small store outside React so
// completions arriving in any order update one list, with the pure rules of
// lib/domain/upload-queue.ts deciding what starts next and what may join the slides.
import { useEffect, useState, useSyncExternalStore } from "react";
import { MAX_PARALLEL_UPLOADS, type UploadState, readyToAppend, uploadsToStart } from "@/lib/domain/upload-queue";
import type { IntakeRunner, UploadedMedia } from "./media";

export type IntakeItem<I> = {
  /** Also the slide's id once it joins, so it is stable from the first frame. */
  id: string;
  input: I;
  /** The file name or URL, as the user knows it. */
  label: string;
  state: UploadState;
  /** Fraction sent, 0–1. */
  progress: number;
  error: string | null;
  /** False for a row refused before it was sent (the 35-image limit): trying again cannot help. */
  retryable: boolean;
  media: UploadedMedia | null;
};

export type Finished = { id: string; media: UploadedMedia };

export class IntakeQueue<I> {
  private items: readonly IntakeItem<I>[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly aborts = new Map<string, () => void>();

  constructor(
    private readonly run: IntakeRunner<I>,
    private readonly onFinished: (finished: Finished[]) => void,
    private readonly onFailed: (item: IntakeItem<I>) => void = () => {},
    private readonly max = MAX_PARALLEL_UPLOADS,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.items;

  /** Rows that hold a place among the slideshow's images (in flight, waiting their turn, or failed). */
  get size(): number {
    return this.items.filter((i) => i.retryable || i.state !== "failed").length;
  }

  add(entries: { input: I; label: string; refusal?: string | null }[]): void {
    const added = entries.map(({ input, label, refusal }): IntakeItem<I> => ({
      id: crypto.randomUUID(),
      input,
      label,
      state: refusal ? "failed" : "queued",
      progress: 0,
      error: refusal ?? null,
      retryable: !refusal,
      media: null,
    }));
    this.set([...this.items, ...added]);
    this.pump();
  }

  retry(id: string): void {
    this.patch(id, { state: "queued", progress: 0, error: null });
    this.pump();
  }

  /** Drops a row; one still running is aborted. */
  remove(id: string): void {
    this.aborts.get(id)?.();
    this.aborts.delete(id);
    this.set(this.items.filter((i) => i.id !== id));
    this.flush();
    this.pump();
  }

  /** Aborts whatever runs (the page is going away). */
  dispose(): void {
    for (const abort of this.aborts.values()) abort();
    this.aborts.clear();
  }

  private pump(): void {
    for (const id of uploadsToStart(this.items, this.max)) this.start(id);
  }

  private start(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item) return;
    this.patch(id, { state: "uploading", progress: 0 });
    const { result, abort } = this.run(item.input, (progress) => this.patch(id, { progress }));
    this.aborts.set(id, abort);
    void result.then((outcome) => {
      // Removed (or aborted) meanwhile: the row is gone and nothing joins.
      if (!this.aborts.delete(id) || (!outcome.ok && outcome.aborted)) return;
      if (outcome.ok) this.patch(id, { state: "done", progress: 1, media: outcome.media });
      else {
        this.patch(id, { state: "failed", error: outcome.message });
        const failed = this.items.find((i) => i.id === id);
        if (failed) this.onFailed(failed);
      }
      this.flush();
      this.pump();
    });
  }

  /** Hands finished rows to the slides in the order they were added, and forgets them. */
  private flush(): void {
    const ready = new Set(readyToAppend(this.items));
    if (ready.size === 0) return;
    const finished = this.items.flatMap((i) => (ready.has(i.id) && i.media ? [{ id: i.id, media: i.media }] : []));
    this.set(this.items.filter((i) => !ready.has(i.id)));
    this.onFinished(finished);
  }

  private patch(id: string, change: Partial<IntakeItem<I>>): void {
    this.set(this.items.map((i) => (i.id === id ? { ...i, ...change } : i)));
  }

  private set(items: readonly IntakeItem<I>[]): void {
    this.items = items;
    for (const listener of this.listeners) listener();
  }
}

/**
 * One queue for the component's lifetime. The callbacks are read when an attempt ends, so pass
 * functions that look at the latest props (through a ref), not a render's closure.
 */
export function useIntakeQueue<I>(run: IntakeRunner<I>, onFinished: (finished: Finished[]) => void, onFailed?: (item: IntakeItem<I>) => void) {
  const [queue] = useState(() => new IntakeQueue(run, onFinished, onFailed));
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  useEffect(() => () => queue.dispose(), [queue]);
  return { queue, items };
}
