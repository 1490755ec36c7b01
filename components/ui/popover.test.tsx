import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import { Popover, PopoverClose } from "./popover";

function MorePosts() {
  return (
    <Popover label="Posts on 3 December" trigger={<Button variant="secondary">+4 more</Button>}>
      <button>@alice 18:00 scheduled</button>
      <PopoverClose>
        <Button variant="secondary">Done</Button>
      </PopoverClose>
    </Popover>
  );
}

describe("Popover", () => {
  it("opens from its trigger by keyboard, moves focus in, and Escape returns it", async () => {
    const user = userEvent.setup();
    render(<MorePosts />);
    const trigger = screen.getByRole("button", { name: "+4 more" });
    expect(trigger.getAttribute("aria-expanded")).toBe("false");
    await user.tab();
    await user.keyboard("{Enter}");

    const panel = screen.getByRole("dialog", { name: "Posts on 3 December" });
    expect(trigger.getAttribute("aria-expanded")).toBe("true");
    expect(panel.contains(document.activeElement)).toBe(true);

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it("closes from a PopoverClose control inside", async () => {
    const user = userEvent.setup();
    render(<MorePosts />);
    await user.click(screen.getByRole("button", { name: "+4 more" }));
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
