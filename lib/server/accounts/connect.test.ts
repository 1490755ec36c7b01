// What the Accounts page says for the OAuth callback's ?error=: one of our messages, whatever
// the URL carries; the platform's detail is kept apart, flattened and trimmed.
import { describe, expect, it } from "vitest";
import { connectErrorNotice } from "./connect";

const markup = "<img src=x onerror=alert(1)>";

describe("connectErrorNotice", () => {
  it("maps a known code to our message for that platform", () => {
    expect(connectErrorNotice({ error: "other_session", platform: "tiktok" })).toEqual({
      message: "This connection was started from another session, so it was not finished here; start it again from this page.",
      detail: null,
    });
    expect(connectErrorNotice({ error: "platform_refused", platform: "instagram", detail: "Instagram 400: Matching code was not found" })).toEqual({
      message: "The connection was refused by Instagram.",
      detail: "Instagram 400: Matching code was not found",
    });
  });

  it("never echoes an unknown code or platform, such as markup, as the message", () => {
    const notice = connectErrorNotice({ error: markup, platform: markup });
    expect(notice).toEqual({ message: "The account could not be connected; start again from this page.", detail: null });
    expect(connectErrorNotice({ error: "not_approved", platform: markup })?.message).toBe("The connection to the platform was not approved.");
  });

  it("keeps the detail as text, on one line and at most 300 characters", () => {
    expect(connectErrorNotice({ error: "not_approved", platform: "tiktok", detail: markup })?.detail).toBe(markup);
    expect(connectErrorNotice({ error: "not_approved", platform: "tiktok", detail: " a\n\n b " })?.detail).toBe("a b");
    expect(connectErrorNotice({ error: "not_approved", platform: "tiktok", detail: "x".repeat(1000) })?.detail).toHaveLength(300);
  });

  it("says nothing without an error", () => {
    expect(connectErrorNotice({})).toBeNull();
  });
});
