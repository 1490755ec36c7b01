// A real S3-protocol server for tests: s3rver (pure JavaScript) on a free loopback port, keeping
// its objects in a temp directory. Tests that need S3 start one and close it when done.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** s3rver's built-in credentials: it checks request signatures against these. */
export const S3RVER_KEY = "S3RVER";

export type TestS3 = {
  endpoint: string;
  bucket: string;
  /** The environment that points the app at this server (MEDIA_STORE=s3 and the S3_* variables). */
  env: Record<string, string>;
  close: () => Promise<void>;
};

/** Starts s3rver; `bucket` is created up front unless `createBucket` is false (start.ts creates it). */
export async function startS3(opts: { bucket?: string; createBucket?: boolean } = {}): Promise<TestS3> {
  const bucket = opts.bucket ?? "postdeck-media";
  const directory = mkdtempSync(path.join(tmpdir(), "postdeck-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    directory,
    silent: true,
    configureBuckets: opts.createBucket === false ? [] : [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      MEDIA_STORE: "s3",
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: S3RVER_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_FORCE_PATH_STYLE: "true",
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
