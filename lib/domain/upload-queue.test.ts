import { describe, expect, it } from "vitest";
import { MAX_IMAGE_BYTES } from "./media";
import { type QueueEntry, type UploadState, fileRefusal, limitRefusal, ordinal, readyToAppend, screenImages, uploadsToStart } from "./upload-queue";

const file = (name: string, type = "image/jpeg", size = 1000) => ({ name, type, size });
const entries = (...states: UploadState[]): QueueEntry[] => states.map((state, i) => ({ id: `u${i}`, state }));

describe("ordinal", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [36, "36th"],
    [111, "111th"],
    [123, "123rd"],
  ])("%i → %s", (n, text) => expect(ordinal(n)).toBe(text));
});

describe("fileRefusal", () => {
  it.each([
    [file("a.jpg"), null],
    [file("a.jpeg", "image/jpg"), null],
    [file("a.png", "image/png"), null],
    [file("A.PNG", ""), null],
    [file("slide.gif", "image/gif"), "not a JPEG or PNG"],
    [file("photo.heic", ""), "not a JPEG or PNG"],
    [file("fake.jpg", "text/plain"), "not a JPEG or PNG"],
    [file("big.jpg", "image/jpeg", MAX_IMAGE_BYTES + 1), "larger than 5 MB"],
    [file("edge.jpg", "image/jpeg", MAX_IMAGE_BYTES), null],
  ])("%o → %s", (f, reason) => expect(fileRefusal(f)).toBe(reason));
});

describe("screenImages", () => {
  it("refuses by type, then size, then the 35-image limit, keeping the chosen order", () => {
    const picked = [file("one.jpg"), file("slide.gif", "image/gif"), file("big.jpg", "image/jpeg", 6 * 1024 * 1024), file("two.png", "image/png"), file("three.jpg")];
    const { accepted, refused } = screenImages(picked, 33);
    expect(accepted.map((f) => f.name)).toEqual(["one.jpg", "two.png"]);
    expect(refused).toEqual([
      { name: "slide.gif", reason: "not a JPEG or PNG" },
      { name: "big.jpg", reason: "larger than 5 MB" },
      { name: "three.jpg", reason: "36th image: at most 35 images" },
    ]);
  });
  it("counts what the slideshow already has", () => {
    expect(screenImages([file("a.jpg")], 35).refused).toEqual([{ name: "a.jpg", reason: "36th image: at most 35 images" }]);
    expect(screenImages([file("a.jpg")], 34).accepted).toHaveLength(1);
    expect(limitRefusal(35)).toBeNull();
    expect(limitRefusal(37)).toBe("37th image: at most 35 images");
  });
});

describe("uploadsToStart", () => {
  it("starts the first queued entries up to four running", () => {
    expect(uploadsToStart(entries("queued", "queued", "queued", "queued", "queued", "queued"))).toEqual(["u0", "u1", "u2", "u3"]);
    expect(uploadsToStart(entries("uploading", "done", "uploading", "queued", "queued", "queued"))).toEqual(["u3", "u4"]);
    expect(uploadsToStart(entries("uploading", "uploading", "uploading", "uploading", "queued"))).toEqual([]);
    expect(uploadsToStart(entries("failed", "queued"), 1)).toEqual(["u1"]);
  });
  it("never has more than four running while a queue of 12 drains in any finishing order", () => {
    const queue = entries(...Array<UploadState>(12).fill("queued"));
    let peak = 0;
    for (let step = 0; step < 40; step++) {
      for (const id of uploadsToStart(queue)) queue.find((e) => e.id === id)!.state = "uploading";
      const running = queue.filter((e) => e.state === "uploading");
      peak = Math.max(peak, running.length);
      if (running.length === 0) break;
      // Finish the last started one first: order of completion must not matter.
      running[running.length - 1]!.state = step % 3 === 0 ? "failed" : "done";
    }
    expect(peak).toBe(4);
    expect(queue.every((e) => e.state === "done" || e.state === "failed")).toBe(true);
  });
});

describe("readyToAppend", () => {
  it("lets done entries join only behind nothing still in flight", () => {
    expect(readyToAppend(entries("done", "done", "uploading", "done"))).toEqual(["u0", "u1"]);
    expect(readyToAppend(entries("uploading", "done"))).toEqual([]);
    expect(readyToAppend(entries("failed", "done", "queued"))).toEqual(["u1"]);
    expect(readyToAppend(entries("done", "failed", "done"))).toEqual(["u0", "u2"]);
  });
});
