import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import { Combobox } from "./combobox";
import { Dialog, DialogClose } from "./dialog";

function WithTrigger() {
  return (
    <Dialog title="Account settings" description="Posting times and limits for @alice." trigger={<Button>Settings</Button>}>
      <label>
        Daily cap <input name="cap" />
      </label>
      <DialogClose>
        <Button variant="secondary">Cancel</Button>
      </DialogClose>
    </Dialog>
  );
}

/** Opened from code, as a calendar card opens "Post details": no Radix Trigger. */
function OpenedFromCode() {
  const [open, setOpen] = useState(false);
  const [account, setAccount] = useState<string | null>(null);
  return (
    <>
      <button onClick={() => setOpen(true)}>@alice 18:00 scheduled</button>
      <Dialog title="Post details" open={open} onOpenChange={setOpen}>
        <Combobox
          label="Account"
          value={account}
          onChange={setAccount}
          options={[
            { value: "a1", label: "@alice" },
            { value: "a2", label: "@bob" },
          ]}
        />
      </Dialog>
    </>
  );
}

describe("Dialog", () => {
  it("opens from its trigger by keyboard, named and described, with focus inside", async () => {
    const user = userEvent.setup();
    render(<WithTrigger />);
    const trigger = screen.getByRole("button", { name: "Settings" });
    await user.tab();
    expect(document.activeElement).toBe(trigger);
    await user.keyboard("{Enter}");

    const dialog = screen.getByRole("dialog", { name: "Account settings" });
    const describedBy = dialog.getAttribute("aria-describedby");
    expect(describedBy && document.getElementById(describedBy)?.textContent).toBe("Posting times and limits for @alice.");
    // The first field gets focus, not the corner Close button.
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Daily cap" }));
  });

  it("keeps Tab inside while open", async () => {
    const user = userEvent.setup();
    render(<WithTrigger />);
    await user.click(screen.getByRole("button", { name: "Settings" }));
    const dialog = screen.getByRole("dialog");
    for (let i = 0; i < 5; i += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });

  it.each([
    ["Escape", async (user: ReturnType<typeof userEvent.setup>) => user.keyboard("{Escape}")],
    ["the Close button", async (user: ReturnType<typeof userEvent.setup>) => user.click(screen.getByRole("button", { name: "Close" }))],
    ["a DialogClose button", async (user: ReturnType<typeof userEvent.setup>) => user.click(screen.getByRole("button", { name: "Cancel" }))],
  ])("closes with %s and returns focus to the trigger", async (_how, close) => {
    const user = userEvent.setup();
    render(<WithTrigger />);
    const trigger = screen.getByRole("button", { name: "Settings" });
    await user.click(trigger);
    await close(user);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it("returns focus to the control that opened it from code", async () => {
    const user = userEvent.setup();
    render(<OpenedFromCode />);
    const card = screen.getByRole("button", { name: "@alice 18:00 scheduled" });
    card.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("dialog", { name: "Post details" })).toBeDefined();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(card);
  });

  it("leaves Escape to an open combobox inside it, then closes on the next Escape", async () => {
    const user = userEvent.setup();
    render(<OpenedFromCode />);
    await user.click(screen.getByRole("button", { name: "@alice 18:00 scheduled" }));
    const input = screen.getByRole("combobox", { name: "Account" });
    await user.click(input);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    await user.keyboard("{Escape}");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByRole("dialog", { name: "Post details" })).toBeDefined();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
