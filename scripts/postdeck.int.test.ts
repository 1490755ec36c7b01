import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSimulator } from "@/simulator/server";
import { uniqueEmail } from "@/test/db";
import { runScript } from "@/test/run";

// Each run gets its own data dir; with TEST_DATABASE_URL the CLI uses that Postgres instead.
function cliEnv() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "postdeck-cli-"));
  return { DATA_DIR: dataDir, DATABASE_URL: process.env.TEST_DATABASE_URL };
}

const cli = (args: string[], env: Record<string, string | undefined>) => runScript("scripts/postdeck.ts", args, env);

describe("npm run postdeck", () => {
  it("connects simulated accounts through the simulator's OAuth flow", async () => {
    const sim = await createSimulator({ port: 0 });
    try {
      const env = { ...cliEnv(), SIMULATOR_PORT: new URL(sim.url).port };
      const org = await cli(["org", "create", "--name", "Sim Org", "--owner-email", uniqueEmail("sim"), "--password", "cli-password-1"], env);
      const { slug } = JSON.parse(org.stdout) as { slug: string };
      const res = await cli(["accounts", "connect-simulated", "--org", slug, "--platform", "tiktok", "--count", "2", "--tag", "fit", "--timezone", "Europe/Berlin"], env);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      const accounts = JSON.parse(res.stdout) as { platform: string; tag: string; timezone: string; status: string; username: string }[];
      expect(accounts).toHaveLength(2);
      for (const a of accounts) expect(a).toMatchObject({ platform: "tiktok", tag: "fit", timezone: "Europe/Berlin", status: "active" });
      expect(new Set(accounts.map((a) => a.username)).size).toBe(2);

      const down = await cli(["accounts", "connect-simulated", "--org", slug, "--platform", "instagram", "--count", "1"], { ...env, SIMULATOR_PORT: "1" });
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/cannot reach the platform simulator at http:\/\/127\.0\.0\.1:1 .*npm run simulator/);
    } finally {
      await sim.close();
    }
  });

  it("creates an organization, then API keys for it by slug and by id", async () => {
    const env = cliEnv();
    const email = uniqueEmail("cli");
    const org = await cli(["org", "create", "--name", "CLI Agency", "--owner-email", email, "--password", "cli-password-1"], env);
    expect(org.stderr).toBe("");
    expect(org.code).toBe(0);
    const created = JSON.parse(org.stdout) as { id: string; slug: string; name: string };
    expect(Object.keys(created).sort()).toEqual(["id", "name", "slug"]);
    expect(created.name).toBe("CLI Agency");

    const bySlug = await cli(["api-key", "create", "--org", created.slug, "--name", "ci"], env);
    expect(bySlug.code).toBe(0);
    expect(bySlug.stdout).toMatch(/^pdk_[0-9a-f]{8}_[0-9A-Za-z]{40}\n$/);

    const byId = await cli(["api-key", "create", "--org", created.id], env);
    expect(byId.code).toBe(0);
    expect(byId.stdout.trim()).not.toBe(bySlug.stdout.trim());

    const again = await cli(["org", "create", "--name", "Other", "--owner-email", email, "--password", "cli-password-1"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/email: an account with this email already exists/);
  });

  it("runs one worker tick and prints its summary", async () => {
    const res = await cli(["worker", "tick"], cliEnv());
    // On the shared Postgres database other files' accounts are swept too: warnings about them
    // (say, a token sealed with another key) are the sweep working; an error is not.
    expect(res.stderr).not.toMatch(/\berror\b/i);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ claimed: expect.any(Number), polled: expect.any(Number), failed: expect.any(Number) });
  });

  it("exits 1 naming the organization it cannot find", async () => {
    const res = await cli(["api-key", "create", "--org", "no-such-org"], cliEnv());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no organization with id or slug "no-such-org"');
    expect(res.stdout).toBe("");
  });

  it.each([
    [[]],
    [["org", "create", "--name", "X"]],
    [["api-key", "create"]],
    [["frobnicate"]],
  ])("prints usage and exits 2 for %j", async (args) => {
    const res = await cli(args, cliEnv());
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Usage: npm run postdeck -- <command>");
    expect(res.stdout).toBe("");
  });

  it("rejects a too-short owner password naming the field", async () => {
    const res = await cli(["org", "create", "--name", "X", "--owner-email", uniqueEmail(), "--password", "short"], cliEnv());
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/password/);
  });
});
