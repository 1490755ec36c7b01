import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "./tabs";

function PhonePreview() {
  return (
    <>
      <Tabs defaultValue="tiktok">
        <TabsList aria-label="Phone preview">
          <TabsTrigger value="tiktok">TikTok</TabsTrigger>
          <TabsTrigger value="instagram">Instagram</TabsTrigger>
          <TabsTrigger value="reels" disabled>
            Reels
          </TabsTrigger>
        </TabsList>
        <TabsContent value="tiktok">9:16 slides</TabsContent>
        <TabsContent value="instagram">4:5 carousel</TabsContent>
        <TabsContent value="reels">Not supported</TabsContent>
      </Tabs>
      <button>After</button>
    </>
  );
}

describe("Tabs", () => {
  it("is a named tablist whose selected tab labels the visible panel", () => {
    render(<PhonePreview />);
    expect(screen.getByRole("tablist", { name: "Phone preview" })).toBeDefined();
    const tiktok = screen.getByRole("tab", { name: "TikTok" });
    expect(tiktok.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel", { name: "TikTok" }).textContent).toBe("9:16 slides");
  });

  it("moves between tabs with the arrow keys, selecting as it goes, and skips a disabled tab", async () => {
    const user = userEvent.setup();
    render(<PhonePreview />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("tab", { name: "TikTok" }));

    await user.keyboard("{ArrowRight}");
    const instagram = screen.getByRole("tab", { name: "Instagram" });
    expect(document.activeElement).toBe(instagram);
    expect(instagram.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel").textContent).toBe("4:5 carousel");

    await user.keyboard("{ArrowRight}"); // Reels is disabled: wraps to TikTok
    expect(document.activeElement).toBe(screen.getByRole("tab", { name: "TikTok" }));
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement).toBe(instagram);
    await user.keyboard("{Home}");
    expect(screen.getByRole("tabpanel").textContent).toBe("9:16 slides");
  });

  it("keeps only the selected tab in the Tab order, then moves on to the panel", async () => {
    const user = userEvent.setup();
    render(<PhonePreview />);
    await user.tab();
    await user.keyboard("{ArrowRight}");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("tabpanel", { name: "Instagram" }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "After" }));
  });
});
