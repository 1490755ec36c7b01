// The media store in an S3-compatible bucket (MEDIA_STORE=s3): one object per name at the
// bucket's root. Writing once is HeadObject, then PutObject only when absent; two instances
// racing to put one name write the same bytes, and S3 makes an object visible only whole.
import "server-only";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { S3Config } from "@/env";
import { AppError } from "@/lib/domain/errors";
import { logger } from "../logger";
import type { MediaStore } from "./media-store";
import { createS3Client, describeS3Endpoint, describeS3Error, isS3NotFound } from "./s3-client";

/** What the client is told when the store fails: it is not their fault, and trying later may work. */
export const MEDIA_STORE_UNAVAILABLE = "Media storage is unavailable; try again in a moment";

export function s3MediaStore(s3: S3Config): MediaStore {
  const client = createS3Client(s3);
  const where = `${describeS3Endpoint(s3)}/${s3.bucket}`;

  // Anything but "not there" (refused, timed out, 5xx, access denied) is the store being
  // unavailable: logged for the operator, a 503 for the client.
  const unavailable = (op: string, name: string, error: unknown): AppError => {
    logger.error(`media store: S3 ${op} of ${name} at ${where} failed: ${describeS3Error(error)}`);
    return new AppError("service_unavailable", MEDIA_STORE_UNAVAILABLE);
  };

  const head = async (name: string): Promise<{ size: number } | null> => {
    try {
      const res = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: name }));
      return { size: res.ContentLength ?? 0 };
    } catch (error) {
      if (isS3NotFound(error)) return null;
      throw unavailable("HeadObject", name, error);
    }
  };

  const getObject = async (name: string, range?: { start: number; end: number }) => {
    try {
      const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: name, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      if (!res.Body) throw new Error("the answer had no body");
      return res.Body;
    } catch (error) {
      if (isS3NotFound(error)) return null;
      throw unavailable("GetObject", name, error);
    }
  };

  return {
    id: `s3:${where}`,
    async putOnce(name, bytes, contentType) {
      if (await head(name)) return;
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: s3.bucket,
            Key: name,
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: contentType,
            // Served as is from S3_PUBLIC_BASE_URL too: the name is the hash, so it never changes.
            CacheControl: "public, max-age=31536000, immutable",
          }),
        );
      } catch (error) {
        throw unavailable("PutObject", name, error);
      }
    },
    has: async (name) => (await head(name)) !== null,
    async get(name) {
      const body = await getObject(name);
      if (!body) return null;
      try {
        return Buffer.from(await body.transformToByteArray());
      } catch (error) {
        throw unavailable("GetObject", name, error);
      }
    },
    size: async (name) => (await head(name))?.size ?? null,
    async stream(name, range) {
      const body = await getObject(name, range);
      return body ? (body.transformToWebStream() as ReadableStream<Uint8Array>) : null;
    },
    publicUrl: (name) => (s3.publicBaseUrl ? `${s3.publicBaseUrl}/${name}` : null),
  };
}
