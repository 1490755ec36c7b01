import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import { Tooltip } from "./tooltip";

describe("Tooltip", () => {
  it("shows on keyboard focus, describes its trigger, and hides on Escape", async () => {
    const user = userEvent.setup();
    render(
      <Tooltip content="Opens the composer on this post">
        <Button>Edit</Button>
      </Tooltip>,
    );
    await user.tab();
    const edit = screen.getByRole("button", { name: "Edit" });
    expect(document.activeElement).toBe(edit);
    const tip = await screen.findByRole("tooltip");
    expect(tip.textContent).toBe("Opens the composer on this post");
    expect(edit.getAttribute("aria-describedby")).toBe(tip.id);

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("tooltip")).toBeNull();
    expect(document.activeElement).toBe(edit);
  });

  it("shows on hover", async () => {
    const user = userEvent.setup();
    render(
      <Tooltip content="Retry now" delayMs={0}>
        <Button>Retry</Button>
      </Tooltip>,
    );
    await user.hover(screen.getByRole("button", { name: "Retry" }));
    expect((await screen.findByRole("tooltip")).textContent).toBe("Retry now");
  });

  it("gives a disabled control a focusable wrapper, so its reason is reachable by keyboard", async () => {
    const user = userEvent.setup();
    render(
      <Tooltip content="Only owners and admins can connect accounts.">
        <Button disabled>Connect TikTok</Button>
      </Tooltip>,
    );
    const button = screen.getByRole("button", { name: "Connect TikTok" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await user.tab();
    const wrapper = button.parentElement!;
    expect(document.activeElement).toBe(wrapper);
    const tip = await screen.findByRole("tooltip");
    expect(tip.textContent).toBe("Only owners and admins can connect accounts.");
    expect(wrapper.getAttribute("aria-describedby")).toBe(tip.id);
  });
});
