import { describe, expect, it } from "vitest";
import { parseSoundInput, readOembed } from "./sounds";

describe("parseSoundInput", () => {
  it.each([
    ["7559313483398008095", { id: "7559313483398008095", kind: "post", url: null }],
    ["  7448335796416843001 ", { id: "7448335796416843001", kind: "post", url: null }],
    ["https://www.tiktok.com/@sim_dj/video/7448335796416843001", { id: "7448335796416843001", kind: "post", url: "https://www.tiktok.com/@sim_dj/video/7448335796416843001" }],
    ["https://tiktok.com/@a.b/photo/7448335796416843002?is_from_webapp=1&_t=x", { id: "7448335796416843002", kind: "post", url: "https://www.tiktok.com/@a.b/photo/7448335796416843002" }],
    ["https://www.tiktok.com/music/TEXAS-HOLDEM-7334542274145454891?refer=embed", { id: "7334542274145454891", kind: "music", url: null }],
    ["https://www.tiktok.com/music/original-sound-The-Sim-Band-7537866287918795537", { id: "7537866287918795537", kind: "music", url: null }],
  ])("%s", (input, value) => {
    expect(parseSoundInput(input)).toEqual({ ok: true, value });
  });
  it.each(["https://vm.tiktok.com/ZMabc123/", "https://www.tiktok.com/t/ZTabc/", "hello", "https://example.com/video/123", "123456789012345678901"])("refuses %s with a reason", (input) => {
    const r = parseSoundInput(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/paste/);
  });
});

describe("readOembed", () => {
  it("reads title, author, thumbnail and the sound's name from the html", () => {
    const html = '<blockquote> <a title="♬ Golden &amp; Hour" href="https://www.tiktok.com/music/x-1">♬ Golden &amp; Hour Loop</a> </blockquote>';
    expect(readOembed({ type: "video", title: "Sunset mix", author_name: "Sim DJ", thumbnail_url: "https://t/x.jpg", html })).toEqual({
      title: "Sunset mix",
      author: "Sim DJ",
      thumbnailUrl: "https://t/x.jpg",
      music: "Golden & Hour Loop",
    });
  });
  it("is null for an error body", () => {
    expect(readOembed({ message: "Something went wrong", code: 400 })).toBeNull();
    expect(readOembed("x")).toBeNull();
  });
});
