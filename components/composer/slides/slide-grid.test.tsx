import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ComposeSlide } from "@/lib/domain/compose";
import { SlideGrid } from "./slide-grid";

const slide = (id: string, width = 1080, height = 1920, mimeType: ComposeSlide["mimeType"] = "image/jpeg"): ComposeSlide => ({
  id,
  mediaId: `m-${id}`,
  url: `https://app.test/media/${id}.jpg`,
  thumbnailUrl: `https://app.test/media/${id}.t1.webp`,
  width,
  height,
  mimeType,
});

function Harness({
  initial,
  onChange,
  platform = null,
  problems,
}: {
  initial: ComposeSlide[];
  onChange: (s: ComposeSlide[]) => void;
  platform?: "tiktok" | "instagram" | null;
  problems?: Record<string, string>;
}) {
  const [slides, setSlides] = useState(initial);
  return (
    <SlideGrid
      slides={slides}
      platform={platform}
      problems={problems}
      onChange={(next) => {
        onChange(next);
        setSlides(next);
      }}
    />
  );
}

/** The tiles: the list's own items, not the badge lists inside them. */
const tiles = () => Array.from(screen.getByRole("list", { name: "Slides" }).children) as HTMLElement[];
const order = () => within(screen.getByRole("list", { name: "Slides" })).getAllByRole("img").map((img) => img.getAttribute("src")!.split("/").pop()!.split(".")[0]);

// jsdom has no layout, and dnd-kit's keyboard sensor moves by rectangles. Lay the tiles out as a
// 5-column grid of 100 px squares by their place in the list, moved by their transform as a
// browser would; dnd-kit's fixed-position overlay sits where its inline style puts it.
const TILE = 100;
const px = (v: string) => Number.parseFloat(v) || 0;
function rect(x: number, y: number, w: number, h: number): DOMRect {
  return { x, y, left: x, top: y, width: w, height: h, right: x + w, bottom: y + h, toJSON: () => ({}) } as DOMRect;
}
function rectFor(el: Element): DOMRect {
  if (el instanceof HTMLElement && el.style.position === "fixed") {
    const shift = /translate3d\((-?[\d.]+)px, (-?[\d.]+)px/.exec(el.style.transform);
    return rect(px(el.style.left) + (shift ? px(shift[1]!) : 0), px(el.style.top) + (shift ? px(shift[2]!) : 0), px(el.style.width), px(el.style.height));
  }
  const host = el.closest<HTMLElement>("[data-slide-id]");
  const tiles = Array.from(document.querySelectorAll('ol[aria-label="Slides"] > li'));
  const i = host ? tiles.indexOf(host) : -1;
  if (!host || i < 0) return rect(0, 0, 0, 0);
  const shift = /translate3d\((-?[\d.]+)px, (-?[\d.]+)px/.exec(host.style.transform);
  return rect((i % 5) * (TILE + 10) + (shift ? px(shift[1]!) : 0), Math.floor(i / 5) * (TILE + 10) + (shift ? px(shift[2]!) : 0), TILE, TILE);
}

beforeEach(() => {
  vi.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(function (this: Element) {
    return rectFor(this);
  });
});
afterEach(() => vi.restoreAllMocks());

describe("SlideGrid buttons", () => {
  it("moves a slide left and right, keeps focus on the moved slide's button, and disables the ends", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={[slide("a"), slide("b"), slide("c")]} onChange={onChange} />);
    expect(tiles()).toHaveLength(3);
    expect((screen.getByRole("button", { name: "Move slide 1 left" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Move slide 3 right" }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole("button", { name: "Move slide 3 left" }));
    expect(onChange).toHaveBeenLastCalledWith([slide("a"), slide("c"), slide("b")]);
    expect(order()).toEqual(["a", "c", "b"]);
    // Slide c is now slide 2, and its "left" button still has focus.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move slide 2 left" }));

    await user.keyboard("{Enter}");
    expect(order()).toEqual(["c", "a", "b"]);
    // At the start its left button is disabled: focus moves to its twin.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move slide 1 right" }));

    await user.click(screen.getByRole("button", { name: "Move slide 2 right" }));
    expect(order()).toEqual(["c", "b", "a"]);
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it("removes a slide and puts focus on the next slide's Remove button", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={[slide("a"), slide("b"), slide("c")]} onChange={onChange} />);
    await user.click(screen.getByRole("button", { name: "Remove slide 2" }));
    expect(onChange).toHaveBeenLastCalledWith([slide("a"), slide("c")]);
    expect(tiles()).toHaveLength(2);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Remove slide 2" }));
    expect(screen.getByText("Slide 2 removed. 2 slides left.")).toBeDefined();
  });

  it("shows position, the cover, dimensions and the domain's badges with their detail", async () => {
    const user = userEvent.setup();
    render(<Harness initial={[slide("a"), slide("b", 1080, 1080, "image/png"), slide("c", 600, 800)]} onChange={() => {}} platform="instagram" />);
    const [first, second, third] = tiles() as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(first).getByText("Cover")).toBeDefined();
    expect(within(first).getByAltText("Slide 1")).toBeDefined();
    expect(within(second).queryByText("Cover")).toBeNull();
    expect(within(second).getByText("1080×1080")).toBeDefined();
    expect(screen.getByRole("list", { name: "Slides" }).querySelectorAll("li")).toHaveLength(3);
    expect(Array.from(within(second).getByRole("group", { name: "Slide 2 notes" }).children).map((pill) => pill.textContent)).toEqual([
      "Not 9:16 (1:1)",
      "PNG → JPEG",
      "Instagram pads it",
    ]);
    expect(within(third).getByText("Small")).toBeDefined();

    within(second).getByText("PNG → JPEG").focus();
    expect((await screen.findByRole("tooltip")).textContent).toMatch(/converted when published/);
    await user.keyboard("{Escape}");
  });

  it("marks the slide the server refused, by id, and keeps the mark when the slide moves", async () => {
    const user = userEvent.setup();
    render(<Harness initial={[slide("a"), slide("b"), slide("c")]} onChange={() => {}} problems={{ b: "The image is not a JPEG or PNG" }} />);
    const notes = (n: number) => within(tiles()[n - 1]!).queryByRole("group", { name: `Slide ${n} notes` });
    expect(notes(1)).toBeNull();
    expect(within(notes(2)!).getByText("Refused")).toBeDefined();
    within(notes(2)!).getByText("Refused").focus();
    expect((await screen.findByRole("tooltip")).textContent).toMatch("The image is not a JPEG or PNG");
    await user.keyboard("{Escape}");

    await user.click(screen.getByRole("button", { name: "Move slide 2 left" }));
    expect(order()).toEqual(["b", "a", "c"]);
    expect(within(notes(1)!).getByText("Refused")).toBeDefined();
    expect(notes(2)).toBeNull();
  });
});

describe("SlideGrid keyboard drag", () => {
  const live = () => screen.getAllByRole("status").map((s) => s.textContent).join(" ");

  it("lifts with Space on the handle, moves with an arrow, drops with Space, and announces each step", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={[slide("a"), slide("b"), slide("c")]} onChange={onChange} />);
    const handle = screen.getByRole("button", { name: "Drag slide 1" });
    expect(handle.getAttribute("aria-roledescription")).toBe("sortable");
    expect(document.getElementById(handle.getAttribute("aria-describedby")!)?.textContent).toMatch(/press Space to pick it up/);

    handle.focus();
    await user.keyboard("[Space]");
    await waitFor(() => expect(live()).toMatch("Slide 1 picked up, at position 1 of 3."));
    await user.keyboard("[ArrowRight]");
    await waitFor(() => expect(live()).toMatch("Slide 1 moved to position 2 of 3."));
    await user.keyboard("[Space]");
    await waitFor(() => expect(live()).toMatch("Slide 1 dropped at position 2 of 3."));

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith([slide("b"), slide("a"), slide("c")]);
    expect(order()).toEqual(["b", "a", "c"]);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Drag slide 2" }));
  });

  it("keeps every key of a fast Space, Right, Right, Space: none is lost while the drag catches up", async () => {
    const user = userEvent.setup({ delay: null });
    const onChange = vi.fn();
    render(<Harness initial={[slide("a"), slide("b"), slide("c"), slide("d")]} onChange={onChange} />);
    screen.getByRole("button", { name: "Drag slide 1" }).focus();
    await user.keyboard("[Space][ArrowRight][ArrowRight][Space]");
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(order()).toEqual(["b", "c", "a", "d"]);
  });

  it("cancels with Escape, leaving the order as it was", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness initial={[slide("a"), slide("b"), slide("c")]} onChange={onChange} />);
    screen.getByRole("button", { name: "Drag slide 2" }).focus();
    await user.keyboard("[Space]");
    await user.keyboard("[ArrowRight]");
    await waitFor(() => expect(live()).toMatch("Slide 2 moved to position 3 of 3."));
    await user.keyboard("[Escape]");
    await waitFor(() => expect(live()).toMatch("Moving cancelled. Slide 2 is back at position 2 of 3."));
    expect(onChange).not.toHaveBeenCalled();
    expect(order()).toEqual(["a", "b", "c"]);
  });
});
