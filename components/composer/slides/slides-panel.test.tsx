import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AnnouncerProvider } from "@/components/shell/announcer";
import { addImageUrlAction } from "@/lib/actions/compose";
import type { ComposeSlide } from "@/lib/domain/compose";
import { SlidesPanel } from "./slides-panel";

vi.mock("@/lib/actions/compose", () => ({ addImageUrlAction: vi.fn() }));

/** XMLHttpRequest as the queue uses it; each test answers the requests it wants, in any order. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static open = 0;
  static peak = 0;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  status = 0;
  responseText = "";
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  url = "";
  body: FormData | null = null;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
    FakeXhr.open++;
    FakeXhr.peak = Math.max(FakeXhr.peak, FakeXhr.open);
  }
  abort() {
    FakeXhr.open--;
    this.onabort?.();
  }
  get fileName() {
    return (this.body?.get("file") as File).name;
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  async respond(status: number, body: unknown) {
    FakeXhr.open--;
    this.status = status;
    this.responseText = JSON.stringify(body);
    await act(async () => this.onload?.());
  }
}

const media = (name: string) => ({
  ok: true,
  code: 201,
  message: "Created",
  data: { id: `media-${name}`, url: `https://app.test/media/${name}.jpg`, thumbnail_url: `https://app.test/media/${name}.t1.webp`, mime_type: "image/jpeg", width: 1080, height: 1920, bytes: 1, sha256: "x", warnings: [] },
});

const jpg = (name: string, size = 1024) => new File([new Uint8Array(size)], name, { type: "image/jpeg" });
const existing = (n: number): ComposeSlide[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, mediaId: `m${i}`, url: `https://app.test/${i}.jpg`, thumbnailUrl: `https://app.test/${i}.webp`, width: 1080, height: 1920, mimeType: "image/jpeg" }));

function Harness({ initial = [], onChange = () => {}, platform = null }: { initial?: ComposeSlide[]; onChange?: (s: ComposeSlide[]) => void; platform?: "tiktok" | "instagram" | null }) {
  const [slides, setSlides] = useState(initial);
  return (
    <AnnouncerProvider>
      <SlidesPanel
        slides={slides}
        platform={platform}
        onChange={(next) => {
          onChange(next);
          setSlides(next);
        }}
      />
    </AnnouncerProvider>
  );
}

const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;
const choose = (...files: File[]) => userEvent.setup({ applyAccept: false }).upload(fileInput(), files);
const slideNames = () => within(screen.getByRole("list", { name: "Slides" })).getAllByRole("img").map((i) => i.getAttribute("src")!.split("/").pop()!.split(".")[0]);

beforeEach(() => {
  FakeXhr.sent = [];
  FakeXhr.open = 0;
  FakeXhr.peak = 0;
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.mocked(addImageUrlAction).mockReset();
});

describe("SlidesPanel intake", () => {
  it("has a real file input, the empty state and the counter", () => {
    render(<Harness platform="instagram" />);
    expect(fileInput().accept).toBe("image/jpeg,image/png,.jpg,.jpeg,.png");
    expect(screen.getByText("Drop images here, choose files, or paste")).toBeDefined();
    expect(screen.getByRole("button", { name: "Choose files" })).toBeDefined();
    expect(screen.getByText(/0 \/ 10/)).toBeDefined();
  });

  it("lists refused files with their reasons and uploads only the rest", async () => {
    render(<Harness initial={existing(33)} />);
    await choose(jpg("one.jpg"), new File(["GIF89a"], "slide.gif", { type: "image/gif" }), jpg("big.jpg", 6 * 1024 * 1024), jpg("two.jpg"), jpg("three.jpg"));
    const refused = await screen.findByRole("list", { name: "Refused files" });
    expect(within(refused).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "slide.gif: not a JPEG or PNG",
      "big.jpg: larger than 5 MB",
      "three.jpg: 36th image: at most 35 images",
    ]);
    expect(FakeXhr.sent.map((x) => x.fileName)).toEqual(["one.jpg", "two.jpg"]);
    expect(FakeXhr.sent[0]!.url).toBe("/api/uploads");
  });

  it("runs at most four uploads at once, shows byte progress, and adds slides in the order chosen", async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await choose(...["a", "b", "c", "d", "e", "f"].map((n) => jpg(`${n}.jpg`)));
    await waitFor(() => expect(screen.getAllByRole("progressbar")).toHaveLength(6));
    expect(FakeXhr.sent.map((x) => x.fileName)).toEqual(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]);
    expect(screen.getByRole("progressbar", { name: "e.jpg" }).getAttribute("aria-valuetext")).toBe("Waiting");

    FakeXhr.sent[0]!.progress(512, 1024);
    expect(screen.getByRole("progressbar", { name: "a.jpg" }).getAttribute("aria-valuenow")).toBe("50");

    // b finishes first: e starts, but b waits for a so the slides keep the chosen order.
    await FakeXhr.sent[1]!.respond(201, media("b"));
    expect(FakeXhr.sent.map((x) => x.fileName)).toEqual(["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"]);
    expect(onChange).not.toHaveBeenCalled();
    await FakeXhr.sent[0]!.respond(201, media("a"));
    expect(slideNames()).toEqual(["a", "b"]);

    for (const x of FakeXhr.sent.slice(2)) await x.respond(201, media(x.fileName.split(".")[0]!));
    for (const x of FakeXhr.sent.slice(5)) await x.respond(201, media(x.fileName.split(".")[0]!));
    expect(slideNames()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(FakeXhr.peak).toBe(4);
    expect(screen.queryAllByRole("progressbar")).toHaveLength(0);
    expect(onChange.mock.lastCall![0][0]).toMatchObject({ mediaId: "media-a", url: "https://app.test/media/a.jpg", thumbnailUrl: "https://app.test/media/a.t1.webp", width: 1080, height: 1920, mimeType: "image/jpeg" });
    expect(screen.getByText("6 / 35")).toBeDefined();
  });

  it("shows the server's refusal with Retry, and removes a failed row", async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<Harness />);
    await user.upload(fileInput(), [jpg("notes.jpg"), jpg("other.jpg")]);
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    const refusal = { ok: false, message: "file: not a JPEG or PNG image (looks like text)", error: { type: "validation_error", details: [{ path: "file", message: "not a JPEG or PNG image" }] } };
    await FakeXhr.sent[0]!.respond(400, refusal);
    await FakeXhr.sent[1]!.respond(400, { ok: false, message: "file: is required" });
    const uploads = screen.getByRole("list", { name: "Uploads" });
    expect(within(uploads).getByText("file: not a JPEG or PNG image (looks like text)")).toBeDefined();
    expect(screen.getByRole("alert").textContent).toMatch(/other\.jpg: file: is required/);

    await user.click(within(uploads).getAllByRole("button", { name: "Retry" })[0]!);
    expect(FakeXhr.sent).toHaveLength(3);
    await FakeXhr.sent[2]!.respond(201, media("notes"));
    expect(slideNames()).toEqual(["notes"]);

    await user.click(within(screen.getByRole("list", { name: "Uploads" })).getByRole("button", { name: "Remove" }));
    expect(screen.queryByRole("list", { name: "Uploads" })).toBeNull();
  });

  it("takes pasted images, but not a paste into a text field", async () => {
    render(<Harness />);
    const image = new File([new Uint8Array(10)], "image.png", { type: "image/png" });
    fireEvent.paste(document.body, { clipboardData: { files: [image] } });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    expect(FakeXhr.sent[0]!.fileName).toBe("Pasted image 1.png");

    await userEvent.setup().click(screen.getByRole("button", { name: "Add image URLs" }));
    fireEvent.paste(screen.getByRole("textbox", { name: "Image URLs" }), { clipboardData: { files: [image] } });
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it("adds image URLs through the server action; a refused URL keeps its row with the reason", async () => {
    const user = userEvent.setup();
    vi.mocked(addImageUrlAction).mockImplementation(async (input) => {
      const { url } = input as { url: string };
      if (url.includes("10.0.0.1")) {
        return { ok: false, error: { status: 400, type: "validation_error", message: "url: 10.0.0.1 is a private address", details: [{ path: "url", message: "10.0.0.1 is a private address" }] } };
      }
      return { ok: true, data: media(url.split("/").pop()!.split(".")[0]!).data };
    });
    render(<Harness />);
    await user.click(screen.getByRole("button", { name: "Add image URLs" }));
    await user.type(screen.getByRole("textbox", { name: "Image URLs" }), "https://cdn.test/red.jpg\nhttp://10.0.0.1/x.jpg\n\nhttps://cdn.test/blue.jpg");
    await user.click(screen.getByRole("button", { name: "Add" }));

    await waitFor(() => expect(slideNames()).toEqual(["red", "blue"]));
    expect(vi.mocked(addImageUrlAction).mock.calls.map((c) => c[0])).toEqual([{ url: "https://cdn.test/red.jpg" }, { url: "http://10.0.0.1/x.jpg" }, { url: "https://cdn.test/blue.jpg" }]);
    const rows = within(screen.getByRole("list", { name: "URL imports" })).getAllByRole("listitem");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toMatch("http://10.0.0.1/x.jpg");
    expect(rows[0]!.textContent).toMatch("10.0.0.1 is a private address");
  });
});
