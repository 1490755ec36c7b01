// The S3 client for an S3Config, and the bucket check `npm start` runs before serving. No
// server-only marker: scripts/start.ts runs in plain Node, outside React's server condition.
import { CreateBucketCommand, HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Config } from "@/env";

/** Connect and whole-request limits (ms): a store that stops answering fails the request, not hangs it. */
const CONNECT_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

export function createS3Client(s3: S3Config, opts: { maxAttempts?: number } = {}): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials: s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
    maxAttempts: opts.maxAttempts ?? 3,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    // Checksums only where S3 requires them: many S3-compatible stores (older MinIO, s3rver,
    // some clouds) refuse or mangle the SDK's newer default trailing checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** Where the store is, for messages: `host:port` of S3_ENDPOINT (never its credentials), else AWS and the region. */
export function describeS3Endpoint(s3: S3Config): string {
  if (!s3.endpoint) return `AWS S3 (${s3.region})`;
  const u = new URL(s3.endpoint);
  return u.port ? `${u.hostname}:${u.port}` : u.hostname;
}

/** The HTTP status of an S3 answer, or undefined when no answer came (refused, timed out, DNS). */
export function s3StatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** S3's "no such key/bucket": a 404, or its named errors where a store answers them differently. */
export function isS3NotFound(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return s3StatusOf(error) === 404 || name === "NotFound" || name === "NoSuchKey" || name === "NoSuchBucket";
}

/** One line about an S3 failure: the error's name, the HTTP status if any, its message. */
export function describeS3Error(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = s3StatusOf(error);
  const message = error.message && error.message !== error.name && error.message !== "UnknownError" ? `: ${error.message.split("\n")[0]}` : "";
  return `${error.name}${status ? ` (HTTP ${status})` : ""}${message}`;
}

export type BucketCheck =
  | { ok: true; created: boolean }
  /** `reason` is one line that names the variable to look at and never a secret. */
  | { ok: false; reason: string };

/**
 * Checks that S3_BUCKET can be reached (HeadBucket). A missing bucket is created: one cheap
 * request, and what a fresh MinIO or s3rver needs; where the credentials may not create
 * buckets, the reason says so.
 */
export async function ensureBucket(s3: S3Config): Promise<BucketCheck> {
  const client = createS3Client(s3, { maxAttempts: 2 });
  const where = describeS3Endpoint(s3);
  const endpointVar = s3.endpoint ? "S3_ENDPOINT" : "S3_REGION";
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: s3.bucket }));
      return { ok: true, created: false };
    } catch (error) {
      if ((error as Error | null)?.name === "CredentialsProviderError") {
        return { ok: false, reason: "no S3 credentials: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (or give the process AWS credentials)" };
      }
      if (s3StatusOf(error) === undefined) {
        return { ok: false, reason: `cannot reach the S3 media store named by ${endpointVar} at ${where}: ${describeS3Error(error)}` };
      }
      if (!isS3NotFound(error)) {
        const status = s3StatusOf(error);
        const hint = status === 401 || status === 403 ? "; check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY" : "";
        return { ok: false, reason: `the S3 media store at ${where} (${endpointVar}) refused S3_BUCKET "${s3.bucket}": ${describeS3Error(error)}${hint}` };
      }
    }
    try {
      // AWS wants the region named for any but us-east-1; other stores take their default.
      const located = !s3.endpoint && s3.region !== "us-east-1";
      await client.send(new CreateBucketCommand({ Bucket: s3.bucket, ...(located ? { CreateBucketConfiguration: { LocationConstraint: s3.region as never } } : {}) }));
      return { ok: true, created: true };
    } catch (error) {
      return { ok: false, reason: `S3_BUCKET "${s3.bucket}" does not exist at ${where} (${endpointVar}) and could not be created: ${describeS3Error(error)}` };
    }
  } finally {
    client.destroy();
  }
}
