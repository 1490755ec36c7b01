import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { SIGNUP_BY_INVITATION_MESSAGE } from "@/lib/domain/signup";
import { SignUpForm } from "./sign-up-form";

// The server action (next/headers, the database) is not part of this test: it answers as the
// server does when the sign-up policy refuses.
const signUpAction = vi.hoisted(() =>
  vi.fn((_prev: unknown, form: FormData) =>
    Promise.resolve({
      errors: { form: "Sign-up is by invitation on this Postdeck. Ask an owner of your organization for an invitation link." },
      values: { name: String(form.get("name")), organizationName: String(form.get("organizationName")), email: String(form.get("email")) },
    }),
  ),
);
vi.mock("@/lib/actions/auth", () => ({ signUpAction }));

describe("SignUpForm", () => {
  it("says up front that sign-up is by invitation when the policy admits only invitees", () => {
    render(<SignUpForm invitationOnly />);
    expect(screen.getByText(SIGNUP_BY_INVITATION_MESSAGE)).toBeTruthy();
    // The form stays usable: an invited email is let through by the server (or signs up from its /invite link).
    expect(screen.getByRole("button", { name: "Create account" })).toBeTruthy();
  });

  it("shows no notice while anyone may sign up", () => {
    render(<SignUpForm />);
    expect(screen.queryByText(SIGNUP_BY_INVITATION_MESSAGE)).toBeNull();
  });

  it("shows the server's refusal in an alert and keeps what was typed", async () => {
    const user = userEvent.setup();
    render(<SignUpForm />);
    await user.type(screen.getByLabelText("Your name"), "Mallory");
    await user.type(screen.getByLabelText("Organization name"), "Intruders");
    await user.type(screen.getByLabelText("Email"), "mallory@example.test");
    await user.type(screen.getByLabelText("Password"), "long-enough-password");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe(SIGNUP_BY_INVITATION_MESSAGE));
    expect(signUpAction).toHaveBeenCalledOnce();
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("mallory@example.test");
  });
});
