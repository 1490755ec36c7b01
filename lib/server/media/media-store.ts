// Where stored media lives: a local directory (MEDIA_STORE=local) or an S3-compatible bucket
// (MEDIA_STORE=s3). Both hold files under the content-addressed names of store.ts and write each
// name once, so a reader never sees a file change; everything else about media is the same.
import "server-only";
import type { Config } from "@/env";
import { localMediaStore } from "./local-store";
import { s3MediaStore } from "./s3-store";

/** The byte-level operations the media code needs; names are checked by store.ts before they get here. */
export interface MediaStore {
  /** Names the store in caches and logs (a directory, or an endpoint and bucket; never a secret). */
  readonly id: string;
  /**
   * Writes `bytes` under `name` unless something is there already: a name is its content's hash,
   * so what is there holds these bytes. A reader sees no file or the whole file, never part.
   */
  putOnce(name: string, bytes: Uint8Array, contentType: string): Promise<void>;
  has(name: string): Promise<boolean>;
  /** The whole file, or null when it is not stored. */
  get(name: string): Promise<Buffer | null>;
  /** The file's length in bytes, or null when it is not stored. */
  size(name: string): Promise<number | null>;
  /** Bytes `start`…`end` (inclusive) of the file as a stream, or null when it is not stored. */
  stream(name: string, range: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | null>;
  /** A URL that serves `name` without the app (S3_PUBLIC_BASE_URL), or null when only the app serves it. */
  publicUrl(name: string): string | null;
}

export type MediaStoreConfig = Pick<Config, "mediaDir" | "s3">;

// One store (one S3 client and its connection pool) per configuration, for the process's life.
const stores = new Map<string, MediaStore>();

/** The media store `config` names. */
export function mediaStoreFor(config: MediaStoreConfig): MediaStore {
  const key = config.s3 ? `s3:${JSON.stringify(config.s3)}` : `local:${config.mediaDir}`;
  let store = stores.get(key);
  if (!store) {
    store = config.s3 ? s3MediaStore(config.s3) : localMediaStore(config.mediaDir);
    stores.set(key, store);
  }
  return store;
}
