import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDbKind } from "@/test/db";
import { runScript } from "@/test/run";

// These do not depend on the test database, so they run in the PGlite pass only.
describe.runIf(testDbKind === "pglite")("npm start refuses bad configuration", () => {
  const dataDir = () => mkdtempSync(path.join(tmpdir(), "postdeck-start-"));

  it("exits 1 with one line naming DATABASE_URL when the database is unreachable", async () => {
    const res = await runScript("scripts/start.ts", [], {
      DATA_DIR: dataDir(),
      DATABASE_URL: "postgres://postdeck:secret-pw@127.0.0.1:1/nowhere",
    });
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Error: cannot reach the database named by DATABASE_URL at 127\.0\.0\.1:1/);
    expect(res.stderr).not.toContain("secret-pw");
  });

  it("exits 1 with one line naming S3_ENDPOINT when the S3 media store is unreachable, never its secret", async () => {
    const res = await runScript("scripts/start.ts", [], {
      DATA_DIR: dataDir(),
      MEDIA_STORE: "s3",
      S3_ENDPOINT: "http://127.0.0.1:1",
      S3_BUCKET: "postdeck-media",
      S3_ACCESS_KEY_ID: "postdeck-key",
      S3_SECRET_ACCESS_KEY: "s3-secret-value",
    });
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Error: cannot reach the S3 media store named by S3_ENDPOINT at 127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(res.stderr + res.stdout).not.toContain("s3-secret-value");
  });

  it.each([
    [{ PORT: "not-a-port" }, /^Error: PORT /],
    [{ DATABASE_URL: "mysql://x" }, /^Error: DATABASE_URL must start with postgres/],
    [{ MEDIA_STORE: "s3" }, /^Error: S3_BUCKET is required when MEDIA_STORE=s3$/],
    [{ MEDIA_STORE: "gcs" }, /^Error: MEDIA_STORE must be "local" or "s3"$/],
  ])("exits 1 naming the variable for %j", async (env, message) => {
    const res = await runScript("scripts/start.ts", [], { DATA_DIR: dataDir(), ...env });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(message);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
  });
});
