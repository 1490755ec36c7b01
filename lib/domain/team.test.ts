import { describe, expect, it } from "vitest";
import {
  changeMemberRoleSchema,
  invitationEmail,
  invitationLink,
  invitationProblem,
  invitationState,
  inviteMemberSchema,
  joinSignUpSchema,
  memberChangeRefusal,
  removeMemberSchema,
  revokeInvitationSchema,
  timeFromNow,
} from "./team";

const now = new Date("2025-03-03T12:00:00Z");
const later = new Date("2025-03-04T12:00:00Z");
const earlier = new Date("2025-03-02T12:00:00Z");

describe("invitationState", () => {
  it.each([
    ["pending", later, "pending"],
    ["pending", earlier, "expired"],
    // Exactly at expiresAt it no longer works (better-auth refuses `expiresAt < now` only after).
    ["pending", now, "expired"],
    ["accepted", later, "accepted"],
    ["accepted", earlier, "accepted"],
    ["canceled", later, "revoked"],
    ["rejected", later, "declined"],
    ["something-new", later, "revoked"],
  ] as const)("%s, expiring %s → %s", (status, expiresAt, expected) => {
    expect(invitationState({ status, expiresAt }, now)).toBe(expected);
  });
});

describe("invitationProblem", () => {
  it("says in plain words why each unusable invitation cannot be used", () => {
    expect(invitationProblem("expired", "Acme").title).toBe("This invitation has expired");
    expect(invitationProblem("revoked", "Acme").title).toBe("This invitation was revoked");
    expect(invitationProblem("accepted", "Acme").title).toBe("This invitation has already been used");
    expect(invitationProblem("declined", "Acme").message).toContain("Acme");
  });
});

describe("memberChangeRefusal", () => {
  const owner = { role: "owner", name: "Olga" };
  const editor = { role: "editor", name: "Ed" };
  it.each([
    // actor, target, owners, change → refusal kind and path (null: allowed)
    ["owner", editor, 1, { kind: "role", role: "viewer" }, null],
    ["owner", editor, 1, { kind: "remove" }, null],
    ["owner", owner, 1, { kind: "role", role: "admin" }, ["conflict", "role"]],
    ["owner", owner, 1, { kind: "remove" }, ["conflict", "memberId"]],
    ["owner", owner, 1, { kind: "role", role: "owner" }, null],
    ["owner", owner, 2, { kind: "role", role: "admin" }, null],
    ["owner", owner, 2, { kind: "remove" }, null],
    ["admin", editor, 1, { kind: "role", role: "viewer" }, ["forbidden", "role"]],
    ["admin", owner, 2, { kind: "remove" }, ["forbidden", "memberId"]],
    ["editor", editor, 1, { kind: "remove" }, ["forbidden", "memberId"]],
    ["viewer", editor, 1, { kind: "role", role: "owner" }, ["forbidden", "role"]],
    ["none", editor, 1, { kind: "remove" }, ["forbidden", "memberId"]],
  ] as const)("%s changing a %o (owners: %d) with %o → %j", (actorRole, target, ownerCount, change, expected) => {
    const r = memberChangeRefusal({ actorRole, target, ownerCount, change });
    expect(r && [r.kind, r.path]).toEqual(expected);
  });

  it("names the last owner and says what to do", () => {
    expect(memberChangeRefusal({ actorRole: "owner", target: owner, ownerCount: 1, change: { kind: "remove" } })?.message).toBe(
      "Olga is the only owner and can't be removed. Make another member an owner first.",
    );
  });
});

describe("schemas", () => {
  it("normalises an invitation's email and needs a known role", () => {
    expect(inviteMemberSchema.parse({ email: "  Ada@Example.COM ", role: "editor" })).toEqual({ email: "ada@example.com", role: "editor" });
    const bad = inviteMemberSchema.safeParse({ email: "nope", role: "member" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["email", "role"]);
    expect(inviteMemberSchema.safeParse({ email: "a@b.co", role: "viewer", organizationId: "x" }).success).toBe(false);
  });

  it("needs ids for change, remove and revoke", () => {
    expect(changeMemberRoleSchema.safeParse({ memberId: "m1", role: "admin" }).success).toBe(true);
    expect(changeMemberRoleSchema.safeParse({ memberId: " ", role: "admin" }).error?.issues[0]?.path).toEqual(["memberId"]);
    expect(removeMemberSchema.safeParse({}).error?.issues[0]?.path).toEqual(["memberId"]);
    expect(revokeInvitationSchema.safeParse({ invitationId: 7 }).error?.issues[0]?.path).toEqual(["invitationId"]);
  });

  it("asks an invitee for name, email and a long enough password, but no organization", () => {
    expect(joinSignUpSchema.safeParse({ invitationId: "i", name: "Ivy", email: "i@x.co", password: "12345678" }).success).toBe(true);
    expect(joinSignUpSchema.safeParse({ invitationId: "i", name: "Ivy", email: "i@x.co", password: "short" }).error?.issues[0]?.path).toEqual(["password"]);
  });
});

describe("timeFromNow", () => {
  it.each([
    [new Date("2025-03-06T12:00:00Z"), "in 3 days"],
    [new Date("2025-03-05T12:00:00Z"), "in 48 hours"],
    [new Date("2025-03-05T11:59:30Z"), "in 48 hours"],
    [new Date("2025-03-05T11:00:00Z"), "in 47 hours"],
    [new Date("2025-03-03T13:00:00Z"), "in 1 hour"],
    [new Date("2025-03-03T12:10:00Z"), "in 10 minutes"],
    [new Date("2025-03-03T12:00:20Z"), "in 1 minute"],
    [new Date("2025-03-03T10:00:00Z"), "2 hours ago"],
  ])("%s → %s", (at, words) => {
    expect(timeFromNow(at, now)).toBe(words);
  });
});

describe("invitation link and e-mail", () => {
  it("builds the link under the public base URL", () => {
    expect(invitationLink("https://postdeck.example/", "a_b-C")).toBe("https://postdeck.example/invite/a_b-C");
  });

  it("escapes names in the HTML part and keeps the subject on one line", () => {
    const mail = invitationEmail({ organizationName: "<Acme>\nBcc: x", inviterName: "O'Neil & co", role: "editor", link: "https://p.example/invite/x", expiresAt: later });
    expect(mail.subject).toBe("Join <Acme> Bcc: x on Postdeck");
    expect(mail.html).toContain("&lt;Acme&gt;");
    expect(mail.html).toContain("O&#39;Neil &amp; co");
    expect(mail.html).not.toContain("<Acme>");
    expect(mail.text).toContain("https://p.example/invite/x");
    expect(mail.text).toContain("expires 2025-03-04 12:00 UTC");
  });
});
