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
    "apiKey:read", "apiKey:write", "member:write",
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
