import { describe, expect, it } from "vitest";
import { parseCli } from "./cli";

describe("parseCli", () => {
  it("parses org create with every flag, in either flag form", () => {
    expect(parseCli(["org", "create", "--name", "Acme", "--owner-email=a@b.co", "--password", "s3cret-pass"])).toEqual({
      ok: true,
      command: { kind: "org-create", name: "Acme", ownerEmail: "a@b.co", password: "s3cret-pass", ownerName: undefined },
    });
  });

  it("parses api-key create with an optional name", () => {
    expect(parseCli(["api-key", "create", "--org", "acme", "--name", "ci"])).toEqual({
      ok: true,
      command: { kind: "api-key-create", org: "acme", name: "ci" },
    });
  });

  it("parses accounts connect-simulated with labels", () => {
    expect(parseCli(["accounts", "connect-simulated", "--org", "acme", "--platform", "tiktok", "--count", "3", "--tag", "fit", "--user-group", "eu", "--timezone", "Europe/Berlin"])).toEqual({
      ok: true,
      command: { kind: "accounts-connect-simulated", org: "acme", platform: "tiktok", count: 3, tag: "fit", userGroup: "eu", orgGroup: undefined, timezone: "Europe/Berlin" },
    });
  });

  it("parses worker tick, which takes no options", () => {
    expect(parseCli(["worker", "tick"])).toEqual({ ok: true, command: { kind: "worker-tick" } });
    expect(parseCli(["worker", "tick", "--now"])).toEqual({ ok: false, error: "Unknown option for worker tick: --now" });
  });

  it.each([
    [[], "No command given"],
    [["accounts", "connect-simulated", "--org", "a", "--platform", "x", "--count", "1"], "--platform must be tiktok or instagram"],
    [["accounts", "connect-simulated", "--org", "a", "--platform", "tiktok", "--count", "0"], "--count must be a whole number from 1 to 100"],
    [["accounts", "connect-simulated", "--org", "a", "--platform", "tiktok", "--count", "2.5"], "--count must be a whole number from 1 to 100"],
    [["org"], "Unknown command: org"],
    [["org", "delete"], "Unknown command: org delete"],
    [["org", "create", "--name", "A", "--password", "x"], "Missing --owner-email"],
    [["org", "create"], "Missing --name, --owner-email, --password"],
    [["api-key", "create"], "Missing --org"],
    [["api-key", "create", "--org"], "--org needs a value"],
    [["api-key", "create", "--org", "--name", "x"], "--org needs a value"],
    [["api-key", "create", "--org", " "], "--org must not be empty"],
    [["api-key", "create", "--org", "a", "--colour", "red"], "Unknown option for api-key create: --colour"],
    [["api-key", "create", "stray"], "Unexpected argument: stray"],
  ])("%j → %s", (argv, error) => {
    expect(parseCli(argv)).toEqual({ ok: false, error });
  });
});
