import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { Combobox, type ComboboxOption } from "./combobox";

const ACCOUNTS: ComboboxOption[] = [
  { value: "a1", label: "@alice", description: "TikTok · spring", avatarUrl: "https://cdn.example/alice.jpg", keywords: ["tiktok"] },
  { value: "a2", label: "@bob", description: "Instagram", disabledReason: "Paused: resume it to post", keywords: ["instagram"] },
  { value: "a3", label: "@carol", description: "TikTok", keywords: ["tiktok"] },
  { value: "a4", label: "@dave", description: "Instagram", keywords: ["instagram"] },
];

function Harness({ onChange = () => {}, initial = null }: { onChange?: (v: string | null) => void; initial?: string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  // The page re-renders on every keystroke (as a composer saving its draft would).
  const [, setKeystrokes] = useState(0);
  return (
    <div onInput={() => setKeystrokes((n) => n + 1)}>
      <Combobox
        label="Account"
        // Fresh objects on every render, as a page mapping server data would pass them.
        options={ACCOUNTS.map((o) => ({ ...o }))}
        value={value}
        onChange={(v) => {
          setValue(v);
          onChange(v);
        }}
        hint="Paused accounts are listed but can't be picked."
      />
    </div>
  );
}

const optionNames = () => screen.queryAllByRole("option").map((o) => within(o).getAllByText(/^@/)[0]?.textContent);

describe("Combobox", () => {
  it("is a combobox named by its label, collapsed until used", () => {
    render(<Harness />);
    const input = screen.getByRole("combobox", { name: "Account" });
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByRole("listbox", { hidden: true })).toBeDefined();
    expect(input.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(input.getAttribute("aria-describedby")!)?.textContent).toMatch(/Paused accounts/);
  });

  it("opens with ArrowDown, moves with the arrows past a disabled option, and picks with Enter", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const input = screen.getByRole("combobox", { name: "Account" });
    await user.click(input);
    await user.keyboard("{Escape}");
    expect(input.getAttribute("aria-expanded")).toBe("false");

    await user.keyboard("{ArrowDown}");
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(optionNames()).toEqual(["@alice", "@bob", "@carol", "@dave"]);
    const active = () => document.getElementById(input.getAttribute("aria-activedescendant") ?? "");
    expect(active()?.textContent).toContain("@alice");
    await user.keyboard("{ArrowDown}"); // @bob is disabled: skipped
    expect(active()?.textContent).toContain("@carol");
    await user.keyboard("{ArrowUp}");
    expect(active()?.textContent).toContain("@alice");
    await user.keyboard("{ArrowDown}{Enter}");

    expect(onChange).toHaveBeenLastCalledWith("a3");
    expect((input as HTMLInputElement).value).toBe("@carol");
    expect(input.getAttribute("aria-expanded")).toBe("false");
  });

  it("shows a disabled option with its reason, and will not pick it", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await user.click(screen.getByRole("combobox", { name: "Account" }));
    const bob = screen.getByRole("option", { name: /@bob/ });
    expect(bob.getAttribute("aria-disabled")).toBe("true");
    expect(bob.textContent).toContain("Paused: resume it to post");
    await user.click(bob);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("filters as you type, on label, description and keywords", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const input = screen.getByRole("combobox", { name: "Account" });
    await user.type(input, "insta");
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(optionNames()).toEqual(["@bob", "@dave"]);
    await user.clear(input);
    await user.type(input, "car");
    expect(optionNames()).toEqual(["@carol"]);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(onChange).toHaveBeenLastCalledWith("a3");
  });

  it("says when nothing matches", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByRole("combobox", { name: "Account" }), "zzz");
    expect(screen.queryAllByRole("option")).toHaveLength(0);
    expect(screen.getAllByText("No matches").length).toBeGreaterThan(0);
  });

  it("Escape closes the list and keeps the choice; Escape again clears it", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} initial="a1" />);
    const input = screen.getByRole("combobox", { name: "Account" }) as HTMLInputElement;
    expect(input.value).toBe("@alice");
    await user.click(input);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    // Opening on a chosen value lists every option, not only the one whose label is typed.
    expect(optionNames()).toHaveLength(4);
    await user.keyboard("{Escape}");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.value).toBe("@alice");
    expect(onChange).not.toHaveBeenCalled();
    await user.keyboard("{Escape}");
    expect(input.value).toBe("");
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it("keeps what the user typed while the page re-renders", async () => {
    const user = userEvent.setup();
    render(<Harness initial="a1" />);
    const input = screen.getByRole("combobox", { name: "Account" }) as HTMLInputElement;
    await user.clear(input);
    await user.type(input, "da");
    expect(input.value).toBe("da");
    expect(optionNames()).toEqual(["@dave"]);
  });
});
