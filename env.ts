// The only module that reads process.env. Everything else receives a Config.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SIGNUP_POLICIES, type SignupPolicy } from "./lib/domain/signup";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** A switch that is on unless set to a false value (S3_FORCE_PATH_STYLE). */
const boolDefaultTrue = z
  .enum(["1", "0", "true", "false", "yes", "no"], { error: "must be true or false" })
  .optional()
  .transform((v) => v === undefined || v === "1" || v === "true" || v === "yes");

const httpUrl = (example: string) => z.url({ protocol: /^https?$/, error: `must be an http(s) URL such as ${example}` });

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(10),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_BASE_URL: z.url().optional(),
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")
    .optional(),
  WORKER_SECRET: z.string().min(24, "must be at least 24 characters").optional(),
  MEDIA_DIR: z.string().min(1).optional(),
  MEDIA_STORE: z.enum(["local", "s3"], { error: 'must be "local" or "s3"' }).default("local"),
  S3_ENDPOINT: httpUrl("http://127.0.0.1:9000").optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]+$/, "must look like us-east-1").default("us-east-1"),
  // S3's bucket naming rules, so a typo is caught here rather than as a 400 from the store.
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be 3 to 63 characters: lowercase letters, digits, dots and hyphens")
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: boolDefaultTrue,
  S3_PUBLIC_BASE_URL: httpUrl("https://media.example.com").optional(),
  ALLOW_PRIVATE_MEDIA_URLS: bool,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SIGNUP: z.enum(SIGNUP_POLICIES, { error: 'must be "open" or "invite"' }).default("invite"),
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]/, "must look like smtp://user:password@host:587 or smtps://…").optional(),
  SMTP_FROM: z.string().min(3).max(320).optional(),
  SIMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  WORKER_TICK_MS: z.coerce.number().int().min(0).default(5000),
  WORKER_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
  TIKTOK_CLIENT_KEY: z.string().min(1).optional(),
  TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
  TIKTOK_AUTH_BASE_URL: z.url().optional(),
  TIKTOK_API_BASE_URL: z.url().optional(),
  INSTAGRAM_APP_ID: z.string().min(1).optional(),
  INSTAGRAM_APP_SECRET: z.string().min(1).optional(),
  INSTAGRAM_AUTH_BASE_URL: z.url().optional(),
  INSTAGRAM_API_BASE_URL: z.url().optional(),
  INSTAGRAM_GRAPH_BASE_URL: z.url().optional(),
  INSTAGRAM_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, "must look like v25.0").default("v25.0"),
});

export type Config = {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Connections each app instance keeps to Postgres (PGlite has one). */
  databasePoolSize: number;
  port: number;
  publicBaseUrl: string;
  betterAuthSecret: string;
  encryptionKey: Buffer;
  workerSecret: string;
  /** The local media store (MEDIA_STORE=local, the default). */
  mediaDir: string;
  /** The S3-compatible media store; set exactly when MEDIA_STORE=s3 (then mediaDir is unused). */
  s3: S3Config | null;
  allowPrivateMediaUrls: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Who may sign up: anyone (`open`), or the first user and then only invitees (`invite`). */
  signup: SignupPolicy;
  /** Where invitation e-mails go out (nodemailer URL, may hold a password: never log it); unset = link only. */
  smtpUrl: string | undefined;
  /** The From address of those e-mails. */
  smtpFrom: string;
  /** How often the in-app ticker runs the publish worker; 0 turns it off (use a cron instead). */
  workerTickMs: number;
  /** How long a tick holds a post; a post held longer (its tick died) is taken back. */
  workerLeaseMs: number;
  /** Where `npm start` runs the platform simulator. */
  simulatorUrl: string;
  platforms: { tiktok: TikTokPlatformConfig; instagram: InstagramPlatformConfig };
};

export type S3Config = {
  /** Unset means AWS itself (the endpoint follows from the region). */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  /** Both set, or both unset for the SDK's default credential chain (IAM role, AWS_* variables). */
  accessKeyId: string | undefined;
  /** Never log it. */
  secretAccessKey: string | undefined;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, s3rver and most self-hosted stores). */
  forcePathStyle: boolean;
  /** Where the bucket's objects are publicly readable (a CDN or the bucket's website), no trailing slash. */
  publicBaseUrl: string | undefined;
};

export type TikTokPlatformConfig = {
  /** True when no real credentials are set: the app talks to the simulator. */
  simulated: boolean;
  clientKey: string;
  clientSecret: string;
  authBaseUrl: string;
  apiBaseUrl: string;
};

export type InstagramPlatformConfig = {
  simulated: boolean;
  appId: string;
  appSecret: string;
  authBaseUrl: string;
  apiBaseUrl: string;
  graphBaseUrl: string;
  graphVersion: string;
};

type Secrets = { BETTER_AUTH_SECRET: string; ENCRYPTION_KEY: string; WORKER_SECRET: string };

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads, or creates once, the generated secrets kept in the data directory (never committed). */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  mkdirSync(dataDir, { recursive: true });
  const fresh: Secrets = {
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WORKER_SECRET: randomBytes(24).toString("base64url"),
  };
  try {
    // "wx" fails when the file exists, so two processes starting at once agree on one set.
    writeFileSync(file, JSON.stringify(fresh, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
  // A file from an older version may lack a newer secret: fill it in and keep the rest.
  const merged: Secrets = { ...fresh, ...stored };
  if (Object.keys(fresh).some((k) => !(k in stored))) {
    writeFileSync(file, JSON.stringify(merged, null, 2) + "\n", { mode: 0o600 });
  }
  return merged;
}

/** Validates the environment; errors name the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  const simulatorUrl = `http://127.0.0.1:${e.SIMULATOR_PORT}`;
  const s3 = s3From(e);
  const needsGenerated = !e.BETTER_AUTH_SECRET || !e.ENCRYPTION_KEY || !e.WORKER_SECRET;
  const secrets = needsGenerated ? loadOrCreateSecrets(dataDir) : undefined;
  return {
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    betterAuthSecret: e.BETTER_AUTH_SECRET ?? secrets!.BETTER_AUTH_SECRET,
    encryptionKey: Buffer.from(e.ENCRYPTION_KEY ?? secrets!.ENCRYPTION_KEY, "base64"),
    workerSecret: e.WORKER_SECRET ?? secrets!.WORKER_SECRET,
    mediaDir: path.resolve(/*turbopackIgnore: true*/ e.MEDIA_DIR ?? path.join(dataDir, "media")),
    s3,
    allowPrivateMediaUrls: e.ALLOW_PRIVATE_MEDIA_URLS,
    logLevel: e.LOG_LEVEL,
    signup: e.SIGNUP,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM ?? `Postdeck <postdeck@${new URL(e.PUBLIC_BASE_URL ?? "http://localhost").hostname}>`,
    workerTickMs: e.WORKER_TICK_MS,
    workerLeaseMs: e.WORKER_LEASE_MS,
    simulatorUrl,
    platforms: platformsFrom(e, simulatorUrl),
  };
}

/** The S3 settings when MEDIA_STORE=s3; the variables it needs are checked here, by name. */
function s3From(e: z.infer<typeof envSchema>): S3Config | null {
  if (e.MEDIA_STORE !== "s3") return null;
  if (!e.S3_BUCKET) throw new ConfigError("S3_BUCKET is required when MEDIA_STORE=s3");
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    const missing = e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
    const given = e.S3_ACCESS_KEY_ID ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY";
    throw new ConfigError(`${missing} is required when ${given} is set`);
  }
  return {
    endpoint: e.S3_ENDPOINT?.replace(/\/+$/, ""),
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    publicBaseUrl: e.S3_PUBLIC_BASE_URL?.replace(/\/+$/, ""),
  };
}

/**
 * Real platform hosts when credentials are given; otherwise the simulator (same code paths,
 * its own demo credentials). Any single base URL can be overridden either way.
 */
function platformsFrom(e: z.infer<typeof envSchema>, sim: string): Config["platforms"] {
  const tiktokReal = Boolean(e.TIKTOK_CLIENT_KEY && e.TIKTOK_CLIENT_SECRET);
  const igReal = Boolean(e.INSTAGRAM_APP_ID && e.INSTAGRAM_APP_SECRET);
  return {
    tiktok: {
      simulated: !tiktokReal,
      clientKey: e.TIKTOK_CLIENT_KEY ?? "sim-tiktok-client",
      clientSecret: e.TIKTOK_CLIENT_SECRET ?? "sim-tiktok-secret",
      authBaseUrl: e.TIKTOK_AUTH_BASE_URL ?? (tiktokReal ? "https://www.tiktok.com" : `${sim}/tiktok`),
      apiBaseUrl: e.TIKTOK_API_BASE_URL ?? (tiktokReal ? "https://open.tiktokapis.com" : `${sim}/tiktok`),
    },
    instagram: {
      simulated: !igReal,
      appId: e.INSTAGRAM_APP_ID ?? "sim-instagram-app",
      appSecret: e.INSTAGRAM_APP_SECRET ?? "sim-instagram-secret",
      authBaseUrl: e.INSTAGRAM_AUTH_BASE_URL ?? (igReal ? "https://www.instagram.com" : `${sim}/instagram/www`),
      apiBaseUrl: e.INSTAGRAM_API_BASE_URL ?? (igReal ? "https://api.instagram.com" : `${sim}/instagram/api`),
      graphBaseUrl: e.INSTAGRAM_GRAPH_BASE_URL ?? (igReal ? "https://graph.instagram.com" : `${sim}/instagram/graph`),
      graphVersion: e.INSTAGRAM_GRAPH_VERSION,
    },
  };
}

const globalForConfig = globalThis as unknown as { __postdeckConfig?: Config };

/** The process-wide configuration, read once. */
export function getConfig(): Config {
  globalForConfig.__postdeckConfig ??= parseConfig(process.env);
  return globalForConfig.__postdeckConfig;
}
