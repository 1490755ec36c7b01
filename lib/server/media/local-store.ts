// The media store in a local directory (MEDIA_DIR): one file per name, written through a
// temporary file and a rename so that a concurrent reader sees no file or the whole file.
import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { MediaStore } from "./media-store";
import { mediaFilePath } from "./store";

export function localMediaStore(dir: string): MediaStore {
  // Backends trust store.ts to have checked names; a path outside `dir` is still never built.
  const fileOf = (name: string): string => {
    const file = mediaFilePath(dir, name);
    if (!file) throw new Error(`not a stored media file: ${name}`);
    return file;
  };
  return {
    id: `local:${dir}`,
    async putOnce(name, bytes) {
      const target = fileOf(name);
      if (await exists(target)) return;
      await mkdir(dir, { recursive: true });
      // Same-directory rename is atomic.
      const tmp = path.join(dir, `.${name}.${randomUUID()}.tmp`);
      try {
        await writeFile(tmp, bytes, { flag: "wx" });
        await rename(tmp, target);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
    },
    has: (name) => exists(fileOf(name)),
    get: (name) => ifExists(() => readFile(fileOf(name))),
    size: (name) => ifExists(async () => (await stat(fileOf(name))).size),
    async stream(name, { start, end }) {
      const file = fileOf(name);
      if (!(await exists(file))) return null;
      // The stream closes the file when it ends or the client goes away.
      return Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
    },
    publicUrl: () => null,
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function ifExists<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
