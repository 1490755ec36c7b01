import { describe, expect, it } from "vitest";
import { sectionOf, withSection } from "./benchmarks-file";

const FILE = "# Benchmarks\n\nintro\n\n## API\n\napi figures\n\n## Calendar UI (npm run bench:ui)\n\nold ui\n\n## Later\n\nlater text\n";

describe("BENCHMARKS.md sections", () => {
  it("reads one section up to the next heading", () => {
    expect(sectionOf(FILE, "## Calendar UI (npm run bench:ui)")).toBe("## Calendar UI (npm run bench:ui)\n\nold ui\n");
    expect(sectionOf(FILE, "## Later")).toBe("## Later\n\nlater text\n");
    expect(sectionOf(FILE, "## Missing")).toBe("");
  });

  it("replaces one section and keeps the others, or appends a new one", () => {
    const next = withSection(FILE, "## Calendar UI (npm run bench:ui)", "## Calendar UI (npm run bench:ui)\n\nnew ui\n");
    expect(next).toBe("# Benchmarks\n\nintro\n\n## API\n\napi figures\n\n## Calendar UI (npm run bench:ui)\n\nnew ui\n\n## Later\n\nlater text\n");
    expect(withSection("# B\n", "## X", "## X\n\nx\n")).toBe("# B\n\n## X\n\nx\n");
  });
});
