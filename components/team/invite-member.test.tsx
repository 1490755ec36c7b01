import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AnnouncerProvider } from "@/components/shell/announcer";
import { InviteMember } from "./invite-member";

// The server action is not part of this test: it answers as the server does.
const inviteMemberAction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/actions/team", () => ({ inviteMemberAction }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const renderIt = (canInvite = true) =>
  render(
    <AnnouncerProvider>
      <InviteMember canInvite={canInvite} reason="Only owners can invite members. Your role: editor." />
    </AnnouncerProvider>,
  );

describe("InviteMember", () => {
  it("invites with the names tests use, then shows the link to copy", async () => {
    inviteMemberAction.mockResolvedValueOnce({
      ok: true,
      data: {
        link: "http://localhost:3000/invite/abc",
        emailed: false,
        replaced: false,
        message: "Invited ed@example.test as admin. Copy the link and send it to them.",
        invitation: { id: "abc", email: "ed@example.test", role: "admin", state: "pending", expiresAt: "2030-01-01T00:00:00.000Z", createdAt: "2029-12-30T00:00:00.000Z", inviterName: "O", link: "http://localhost:3000/invite/abc" },
      },
    });
    const user = userEvent.setup();
    renderIt();
    await user.click(screen.getByRole("button", { name: "Invite member" }));
    await user.type(screen.getByRole("textbox", { name: "Email" }), "ed@example.test");
    await user.selectOptions(screen.getByRole("combobox", { name: "Role" }), "admin");
    await user.click(screen.getByRole("button", { name: "Create invitation" }));
    expect(inviteMemberAction).toHaveBeenCalledWith({ email: "ed@example.test", role: "admin" });
    await waitFor(() => expect((screen.getByRole("textbox", { name: "Invitation link" }) as HTMLInputElement).value).toBe("http://localhost:3000/invite/abc"));
    expect(screen.getByRole("textbox", { name: "Invitation link" }).hasAttribute("readonly")).toBe(true);
    expect(screen.getByRole("button", { name: "Copy" })).toBeTruthy();
  });

  it("keeps what was typed and shows the server's refusal next to the email", async () => {
    inviteMemberAction.mockResolvedValueOnce({
      ok: false,
      error: { status: 409, type: "conflict", message: "email: ed@example.test is already a member of Acme", details: [{ path: "email", message: "ed@example.test is already a member of Acme" }] },
    });
    const user = userEvent.setup();
    renderIt();
    await user.click(screen.getByRole("button", { name: "Invite member" }));
    await user.type(screen.getByRole("textbox", { name: "Email" }), "ed@example.test");
    await user.click(screen.getByRole("button", { name: "Create invitation" }));
    // Under the field, as its description (the announcer's own alert region is there too).
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Email" }).getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toContain("ed@example.test is already a member of Acme");
    expect((screen.getByRole("textbox", { name: "Email" }) as HTMLInputElement).value).toBe("ed@example.test");
    expect(screen.queryByRole("textbox", { name: "Invitation link" })).toBeNull();
  });

  it("is disabled for anyone but an owner", () => {
    renderIt(false);
    expect((screen.getByRole("button", { name: "Invite member" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
