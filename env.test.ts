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
