import { describe, expect, it } from "vitest";
import { type SignupPolicy, signupAllowed } from "./signup";

describe("signupAllowed", () => {
  it.each<[SignupPolicy, boolean, boolean, boolean]>([
    // policy, organizations exist, has invitation → allowed
    ["open", false, false, true],
    ["open", true, false, true],
    ["open", true, true, true],
    ["invite", false, false, true],
    ["invite", false, true, true],
    ["invite", true, false, false],
    ["invite", true, true, true],
  ])("%s with organizations=%s invitation=%s → %s", (policy, organizationsExist, hasInvitation, allowed) => {
    expect(signupAllowed({ policy, organizationsExist, hasInvitation })).toBe(allowed);
  });
});
