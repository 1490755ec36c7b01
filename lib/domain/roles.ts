// Who in an organization may do what. One table, read by the UI, the actions and the API.

export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | "post:read"
  | "post:write"
  | "account:read"
  | "account:write"
  | "apiKey:read"
  | "apiKey:write"
  /** Invite, re-role and remove members: owners only ("owner also manages members", dashboard.md §0). */
  | "member:write"
  /** Rename the organization (owners: "owner also manages members and the organization"). */
  | "organization:write"
  | "organization:delete";

const GRANTS: Record<Role, readonly Action[]> = {
  owner: [
    "post:read", "post:write", "account:read", "account:write",
    "apiKey:read", "apiKey:write", "member:write", "organization:write", "organization:delete",
  ],
  admin: [
    "post:read", "post:write", "account:read", "account:write",
    "apiKey:read", "apiKey:write",
  ],
  editor: ["post:read", "post:write", "account:read"],
  viewer: ["post:read", "account:read"],
};

/** Whether a member with `role` may perform `action`. Unknown roles may do nothing. */
export function can(role: string, action: Action): boolean {
  return (ROLES as readonly string[]).includes(role) && GRANTS[role as Role].includes(action);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** "owner, admin or editor": the roles the grants table lets do `action`. */
export function rolesThatCan(action: Action): string {
  const roles = ROLES.filter((r) => can(r, action));
  return roles.length > 1 ? `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}` : (roles[0] ?? "nobody");
}

/** Why `role` may not do `action`, in the words the server's 403 and the disabled controls use. */
export function deniedReason(role: string, action: Action): string {
  return `Your role (${role}) can't do this. Ask an ${rolesThatCan(action)}.`;
}
