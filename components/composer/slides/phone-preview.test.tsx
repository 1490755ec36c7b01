import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ComposeSlide } from "@/lib/domain/compose";
import { PhonePreview } from "./phone-preview";

const slide = (id: string, width: number, height: number): ComposeSlide => ({
  id,
  mediaId: `m-${id}`,
  url: `https://app.test/media/${id}.jpg`,
  thumbnailUrl: `https://app.test/media/${id}.t1.webp`,
  width,
  height,
  mimeType: "image/jpeg",
});

const three = [slide("a", 1080, 1920), slide("b", 1080, 1350), slide("c", 1920, 1080)];

describe("PhonePreview", () => {
  it("defaults to TikTok without a target, and pages with the arrow keys and the buttons", async () => {
    const user = userEvent.setup();
    render(<PhonePreview slides={three} caption="Three looks #ootd" soundLabel="Espresso · Sabrina Carpenter" platform={null} />);
    expect(screen.getByRole("tab", { name: "TikTok" }).getAttribute("aria-selected")).toBe("true");
    const frame = screen.getByRole("group", { name: "TikTok preview" });
    expect(within(frame).getByRole("img").getAttribute("alt")).toBe("Slide 1 of 3");
    expect(within(frame).getByRole("img").className).toMatch("object-contain");
    expect(screen.getByText("1 / 3")).toBeDefined();
    expect(frame.textContent).toMatch("Three looks #ootd");
    expect(frame.textContent).toMatch("♬ Sound: Espresso · Sabrina Carpenter");
    expect((screen.getByRole("button", { name: "Previous slide" }) as HTMLButtonElement).disabled).toBe(true);

    frame.focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByText("2 / 3")).toBeDefined();
    expect(within(frame).getByRole("img").getAttribute("src")).toBe("https://app.test/media/b.jpg");
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(screen.getByText("3 / 3")).toBeDefined();
    expect((screen.getByRole("button", { name: "Next slide" }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByText("2 / 3")).toBeDefined();

    await user.click(screen.getByRole("button", { name: "Previous slide" }));
    expect(screen.getByText("1 / 3")).toBeDefined();
  });

  it("shows every Instagram slide in the first slide's shape, padding a 9:16 second slide into a square", async () => {
    const user = userEvent.setup();
    render(<PhonePreview slides={[slide("square", 1080, 1080), slide("tall", 1080, 1920)]} caption="Hello" soundLabel={null} platform="instagram" account="studio.north" />);
    expect(screen.getByRole("tab", { name: "Instagram" }).getAttribute("aria-selected")).toBe("true");
    const frame = screen.getByRole("group", { name: "Instagram preview" });
    const canvas = () => within(frame).getByTestId("instagram-canvas");

    expect(canvas().style.aspectRatio).toBe("1080 / 1080");
    expect(canvas().dataset.padded).toBeUndefined();
    expect(frame.textContent).toMatch("studio.north");
    expect(frame.textContent).not.toMatch("your_account");

    frame.focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByText("2 / 2")).toBeDefined();
    // planInstagramCarousel: a 1440×1440 canvas holding the image at 810×1440, 315 px from the left.
    expect(canvas().style.aspectRatio).toBe("1440 / 1440");
    expect(canvas().dataset.padded).toBe("true");
    const img = within(canvas()).getByRole("img", { name: "Slide 2 of 2" });
    expect([img.style.left, img.style.top, img.style.width, img.style.height]).toEqual(["21.875%", "0%", "56.25%", "100%"]);
    expect(canvas().textContent).toMatch("Padded with white");
    expect(canvas().className).toMatch("bg-white");
  });

  it("follows the target's platform until the user picks a tab, and has an empty state", async () => {
    const user = userEvent.setup();
    const { rerender } = render(<PhonePreview slides={[]} caption="" soundLabel={null} platform="tiktok" />);
    expect(screen.getByText("Add images to see how the post will look.")).toBeDefined();
    expect(screen.queryByRole("button", { name: "Next slide" })).toBeNull();

    rerender(<PhonePreview slides={three} caption="" soundLabel={null} platform="instagram" />);
    expect(screen.getByRole("tab", { name: "Instagram" }).getAttribute("aria-selected")).toBe("true");
    await user.click(screen.getByRole("tab", { name: "TikTok" }));
    rerender(<PhonePreview slides={three} caption="x" soundLabel={null} platform="instagram" />);
    expect(screen.getByRole("tab", { name: "TikTok" }).getAttribute("aria-selected")).toBe("true");
    rerender(<PhonePreview slides={three} caption="x" soundLabel={null} platform="tiktok" />);
    expect(screen.getByRole("tab", { name: "TikTok" }).getAttribute("aria-selected")).toBe("true");
    rerender(<PhonePreview slides={three} caption="x" soundLabel={null} platform="instagram" />);
    expect(screen.getByRole("tab", { name: "Instagram" }).getAttribute("aria-selected")).toBe("true");
  });
});
