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

  it.each([
    [[], "No command given"],
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
