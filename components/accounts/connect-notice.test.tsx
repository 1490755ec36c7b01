// The OAuth callback's outcome on the Accounts page: text taken from the URL is shown as text,
// never parsed as markup.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConnectNotice } from "./connect-notice";

const markup = "<img src=x onerror=alert(1)>";

describe("ConnectNotice", () => {
  it("shows a platform's detail taken from the URL as plain text, never as markup", () => {
    const { container } = render(<ConnectNotice error={{ message: "The connection to TikTok was not approved.", detail: markup }} />);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe(`The connection to TikTok was not approved.Details: ${markup}`);
    expect(container.querySelector("img")).toBeNull();
    expect(container.innerHTML).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("names a connected platform only from its own list", () => {
    const { container, rerender } = render(<ConnectNotice connected="instagram" error={null} />);
    expect(screen.getByRole("status").textContent).toBe("Connected a Instagram account.");
    rerender(<ConnectNotice connected={markup} error={null} />);
    expect(screen.queryByRole("status")).toBeNull();
    expect(container.textContent).toBe("");
  });
});
