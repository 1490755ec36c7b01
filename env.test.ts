import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

const tmp = () => mkdtempSync(path.join(tmpdir(), "postdeck-env-"));

describe("parseConfig", () => {
  it("defaults to port 3000, embedded database and generated secrets kept in the data dir", () => {
    const dir = tmp();
    const config = parseConfig({ DATA_DIR: dir });
    expect(config.databasePoolSize).toBe(10);
    expect(parseConfig({ DATA_DIR: dir, DATABASE_POOL_SIZE: "24" }).databasePoolSize).toBe(24);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicBaseUrl).toBe("http://localhost:3000");
    expect(config.mediaDir).toBe(path.join(dir, "media"));
    expect(config.encryptionKey).toHaveLength(32);
    const stored = JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")) as Record<string, string>;
    expect(stored.BETTER_AUTH_SECRET).toBe(config.betterAuthSecret);
    // A second start reads the same secrets instead of making new ones.
    expect(parseConfig({ DATA_DIR: dir }).betterAuthSecret).toBe(config.betterAuthSecret);
  });

  it("prefers secrets from the environment", () => {
    const config = parseConfig({
      DATA_DIR: tmp(),
      BETTER_AUTH_SECRET: "s".repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      WORKER_SECRET: "w".repeat(24),
    });
    expect(config.betterAuthSecret).toBe("s".repeat(32));
    expect(config.encryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it.each([
    [{ PORT: "abc" }, /^PORT /],
    [{ PORT: "70000" }, /^PORT /],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must start with postgres/],
    [{ ENCRYPTION_KEY: "short" }, /^ENCRYPTION_KEY must be 32 bytes/],
    [{ PUBLIC_BASE_URL: "not a url" }, /^PUBLIC_BASE_URL /],
    [{ SIGNUP: "closed" }, /^SIGNUP must be "open" or "invite"$/],
    [{ SIGNUP: "Open" }, /^SIGNUP must be "open" or "invite"$/],
    [{ SMTP_URL: "mail.example.com:587" }, /^SMTP_URL must look like smtp:\/\//],
    [{ DATABASE_POOL_SIZE: "0" }, /^DATABASE_POOL_SIZE must be at least 1$/],
    [{ DATABASE_POOL_SIZE: "lots" }, /^DATABASE_POOL_SIZE must be a number$/],
  ])("names the variable at fault: %j", (env, message) => {
    expect(() => parseConfig({ DATA_DIR: tmp(), ...env })).toThrow(ConfigError);
    expect(() => parseConfig({ DATA_DIR: tmp(), ...env })).toThrow(message);
  });
});

describe("media store", () => {
  const s3 = { MEDIA_STORE: "s3", S3_BUCKET: "postdeck-media", S3_ENDPOINT: "http://127.0.0.1:9000/", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" };

  it("is the local directory unless MEDIA_STORE=s3, and S3 settings are then ignored", () => {
    expect(parseConfig({ DATA_DIR: tmp() }).s3).toBeNull();
    expect(parseConfig({ DATA_DIR: tmp(), MEDIA_STORE: "local", S3_BUCKET: "unused-bucket" }).s3).toBeNull();
  });

  it("reads the S3 settings, with path-style addressing and us-east-1 by default", () => {
    expect(parseConfig({ DATA_DIR: tmp(), ...s3 }).s3).toEqual({
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      bucket: "postdeck-media",
      accessKeyId: "key",
      secretAccessKey: "secret",
      forcePathStyle: true,
      publicBaseUrl: undefined,
    });
    const aws = parseConfig({ DATA_DIR: tmp(), MEDIA_STORE: "s3", S3_BUCKET: "b.example", S3_REGION: "eu-central-1", S3_FORCE_PATH_STYLE: "false", S3_PUBLIC_BASE_URL: "https://cdn.example.com/media/" }).s3;
    expect(aws).toMatchObject({ endpoint: undefined, region: "eu-central-1", forcePathStyle: false, publicBaseUrl: "https://cdn.example.com/media", accessKeyId: undefined });
  });

  it.each([
    [{ MEDIA_STORE: "s3" }, /^S3_BUCKET is required when MEDIA_STORE=s3$/],
    [{ MEDIA_STORE: "minio" }, /^MEDIA_STORE must be "local" or "s3"$/],
    [{ ...s3, S3_BUCKET: "Bad_Bucket" }, /^S3_BUCKET must be 3 to 63 characters/],
    [{ ...s3, S3_ENDPOINT: "127.0.0.1:9000" }, /^S3_ENDPOINT must be an http\(s\) URL/],
    [{ ...s3, S3_ENDPOINT: "ftp://store.example" }, /^S3_ENDPOINT must be an http\(s\) URL/],
    [{ ...s3, S3_PUBLIC_BASE_URL: "cdn" }, /^S3_PUBLIC_BASE_URL must be an http\(s\) URL/],
    [{ ...s3, S3_FORCE_PATH_STYLE: "maybe" }, /^S3_FORCE_PATH_STYLE must be true or false$/],
    [{ ...s3, S3_SECRET_ACCESS_KEY: "" }, /^S3_SECRET_ACCESS_KEY is required when S3_ACCESS_KEY_ID is set$/],
    [{ ...s3, S3_ACCESS_KEY_ID: "" }, /^S3_ACCESS_KEY_ID is required when S3_SECRET_ACCESS_KEY is set$/],
  ])("names the variable at fault: %j", (env, message) => {
    expect(() => parseConfig({ DATA_DIR: tmp(), ...env })).toThrow(ConfigError);
    expect(() => parseConfig({ DATA_DIR: tmp(), ...env })).toThrow(message);
  });

  it("never puts the secret key in an error", () => {
    for (const env of [{ ...s3, S3_BUCKET: "x" }, { ...s3, S3_ACCESS_KEY_ID: "" }, { ...s3, S3_ENDPOINT: "nope" }]) {
      const message = (() => {
        try {
          parseConfig({ DATA_DIR: tmp(), ...env, S3_SECRET_ACCESS_KEY: "hunter2-s3" });
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(message).toMatch(/^S3_/);
      expect(message).not.toContain("hunter2-s3");
    }
  });
});

describe("sign-up policy", () => {
  it("is invite-only once an organization exists unless SIGNUP says open", () => {
    expect(parseConfig({ DATA_DIR: tmp() }).signup).toBe("invite");
    expect(parseConfig({ DATA_DIR: tmp(), SIGNUP: "" }).signup).toBe("invite");
    expect(parseConfig({ DATA_DIR: tmp(), SIGNUP: "invite" }).signup).toBe("invite");
    expect(parseConfig({ DATA_DIR: tmp(), SIGNUP: "open" }).signup).toBe("open");
  });
});

describe("platform configuration", () => {
  it("points both platforms at the simulator when no credentials are set", () => {
    const config = parseConfig({ DATA_DIR: tmp(), SIMULATOR_PORT: "4321" });
    expect(config.simulatorUrl).toBe("http://127.0.0.1:4321");
    expect(config.platforms.tiktok).toMatchObject({ simulated: true, apiBaseUrl: "http://127.0.0.1:4321/tiktok" });
    expect(config.platforms.instagram).toMatchObject({ simulated: true, graphBaseUrl: "http://127.0.0.1:4321/instagram/graph", graphVersion: "v25.0" });
  });

  it("uses the real hosts with real credentials, and any base URL can be overridden", () => {
    const config = parseConfig({
      DATA_DIR: tmp(),
      TIKTOK_CLIENT_KEY: "key",
      TIKTOK_CLIENT_SECRET: "secret",
      INSTAGRAM_APP_ID: "app",
      INSTAGRAM_APP_SECRET: "shh",
      INSTAGRAM_GRAPH_BASE_URL: "https://graph.example.test",
    });
    expect(config.platforms.tiktok).toMatchObject({ simulated: false, clientKey: "key", apiBaseUrl: "https://open.tiktokapis.com" });
    expect(config.platforms.instagram).toMatchObject({ simulated: false, graphBaseUrl: "https://graph.example.test", authBaseUrl: "https://www.instagram.com" });
    expect(() => parseConfig({ DATA_DIR: tmp(), INSTAGRAM_GRAPH_VERSION: "25" })).toThrow(/^INSTAGRAM_GRAPH_VERSION /);
  });
});
