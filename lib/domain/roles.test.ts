import { describe, expect, it } from "vitest";
import { type Action, can } from "./roles";

const table: [string, Action, boolean][] = [
  ["owner", "apiKey:write", true],
  ["admin", "apiKey:write", true],
  ["editor", "apiKey:write", false],
  ["viewer", "apiKey:write", false],
  ["editor", "post:write", true],
  ["viewer", "post:write", false],
  ["viewer", "post:read", true],
  ["admin", "organization:delete", false],
  ["admin", "organization:write", false],
  ["owner", "organization:write", true],
  ["owner", "organization:delete", true],
  ["owner", "member:write", true],
  ["admin", "member:write", false],
  ["editor", "member:write", false],
  ["viewer", "member:write", false],
  ["member", "post:read", false],
  ["", "post:read", false],
];

describe("can", () => {
  it.each(table)("%s may %s: %s", (role, action, expected) => {
    expect(can(role, action)).toBe(expected);
  });
});
