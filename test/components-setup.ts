// Setup for the "components" vitest project (jsdom).
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Testing Library unmounts after each test only when the runner has globals; vitest here has none.
afterEach(cleanup);

// jsdom has no layout. Radix measures its floating panels (tooltip, popover) with
// ResizeObserver, and Downshift scrolls the active option into view.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver;
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
