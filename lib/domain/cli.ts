// The operator CLI's grammar (DESIGN.md §9). Parsing is pure; running lives in lib/server/cli.ts.

export const USAGE = `Usage: npm run postdeck -- <command> [options]

Commands:
  org create --name N --owner-email E --password P [--owner-name NAME]
      Create an organization and its owner; prints {"id","slug","name"} as JSON.
  api-key create --org ORG [--name N]
      Create an API key for organization ORG (id or slug); prints only the key.
  accounts connect-simulated --org ORG --platform tiktok|instagram --count N
      [--tag T] [--user-group U] [--org-group G] [--timezone Z]
      Connect N accounts through the platform simulator's OAuth flow; prints them as JSON.
  worker tick
      Run one publish tick now; prints its summary as JSON.
`;

export type CliCommand =
  | { kind: "org-create"; name: string; ownerEmail: string; password: string; ownerName?: string }
  | { kind: "api-key-create"; org: string; name?: string }
  | {
      kind: "accounts-connect-simulated";
      org: string;
      platform: "tiktok" | "instagram";
      count: number;
      tag?: string;
      userGroup?: string;
      orgGroup?: string;
      timezone?: string;
    }
  | { kind: "worker-tick" };

export type CliParse = { ok: true; command: CliCommand } | { ok: false; error: string };

type Spec = { required: readonly string[]; optional: readonly string[] };

const SPECS: Record<string, Spec> = {
  "org create": { required: ["name", "owner-email", "password"], optional: ["owner-name"] },
  "api-key create": { required: ["org"], optional: ["name"] },
  "accounts connect-simulated": {
    required: ["org", "platform", "count"],
    optional: ["tag", "user-group", "org-group", "timezone"],
  },
  "worker tick": { required: [], optional: [] },
};

/** Parses argv (without node and script) into a command, or says what is wrong. */
export function parseCli(argv: readonly string[]): CliParse {
  const [group, verb, ...rest] = argv;
  const key = `${group ?? ""} ${verb ?? ""}`;
  const spec = SPECS[key];
  if (!spec) return { ok: false, error: group ? `Unknown command: ${argv.slice(0, 2).join(" ")}` : "No command given" };

  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith("--")) return { ok: false, error: `Unexpected argument: ${arg}` };
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!spec.required.includes(name) && !spec.optional.includes(name)) {
      return { ok: false, error: `Unknown option for ${key}: --${name}` };
    }
    const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith("--"))) {
      return { ok: false, error: `--${name} needs a value` };
    }
    if (value.trim() === "") return { ok: false, error: `--${name} must not be empty` };
    flags[name] = value;
  }
  const missing = spec.required.filter((r) => flags[r] === undefined);
  if (missing.length) return { ok: false, error: `Missing ${missing.map((m) => `--${m}`).join(", ")}` };

  if (key === "org create") {
    return {
      ok: true,
      command: {
        kind: "org-create",
        name: flags.name!,
        ownerEmail: flags["owner-email"]!,
        password: flags.password!,
        ownerName: flags["owner-name"],
      },
    };
  }
  if (key === "worker tick") return { ok: true, command: { kind: "worker-tick" } };
  if (key === "api-key create") return { ok: true, command: { kind: "api-key-create", org: flags.org!, name: flags.name } };

  const platform = flags.platform;
  if (platform !== "tiktok" && platform !== "instagram") return { ok: false, error: "--platform must be tiktok or instagram" };
  const count = Number(flags.count);
  if (!Number.isInteger(count) || count < 1 || count > 100) return { ok: false, error: "--count must be a whole number from 1 to 100" };
  return {
    ok: true,
    command: {
      kind: "accounts-connect-simulated",
      org: flags.org!,
      platform,
      count,
      tag: flags.tag,
      userGroup: flags["user-group"],
      orgGroup: flags["org-group"],
      timezone: flags.timezone,
    },
  };
}
