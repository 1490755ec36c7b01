import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AnnouncerProvider, STATUS_HIDE_MS, useAnnounce } from "./announcer";

function Buttons() {
  const announce = useAnnounce();
  return (
    <>
      <button onClick={() => announce.status("Post scheduled for 18:00 Berlin")}>Save</button>
      <button onClick={() => announce.alert("That slot is taken")}>Fail</button>
    </>
  );
}

function renderAnnouncer() {
  return render(
    <AnnouncerProvider>
      <Buttons />
    </AnnouncerProvider>,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("AnnouncerProvider", () => {
  it("has a polite status and an assertive alert region from the first render, both empty", () => {
    renderAnnouncer();
    const status = screen.getByRole("status");
    const alert = screen.getByRole("alert");
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(alert.getAttribute("aria-live")).toBe("assertive");
    expect(status.textContent).toBe("");
    expect(alert.textContent).toBe("");
  });

  it("puts a status in the status region, replacing the one before", async () => {
    const user = userEvent.setup();
    renderAnnouncer();
    const status = screen.getByRole("status");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(status.textContent).toBe("Post scheduled for 18:00 Berlin");
    const first = status.firstElementChild;
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(status.textContent).toBe("Post scheduled for 18:00 Berlin");
    // A fresh node, so a screen reader announces the same words a second time.
    expect(status.firstElementChild).not.toBe(first);
    expect(screen.getByRole("status")).toBe(status);
  });

  it("puts an alert in the alert region, leaving the status alone", async () => {
    const user = userEvent.setup();
    renderAnnouncer();
    await user.click(screen.getByRole("button", { name: "Save" }));
    await user.click(screen.getByRole("button", { name: "Fail" }));
    expect(screen.getByRole("alert").textContent).toBe("That slot is taken");
    expect(screen.getByRole("status").textContent).toBe("Post scheduled for 18:00 Berlin");
  });

  it("hides a status after a few seconds but keeps an alert until dismissed", () => {
    // Only the timers the toast uses: React schedules its work with setImmediate in jsdom.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    renderAnnouncer();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    fireEvent.click(screen.getByRole("button", { name: "Fail" }));
    act(() => vi.advanceTimersByTime(STATUS_HIDE_MS - 500));
    expect(screen.getByRole("status").textContent).toBe("Post scheduled for 18:00 Berlin");
    act(() => vi.advanceTimersByTime(STATUS_HIDE_MS + 100));
    expect(screen.getByRole("status").textContent).toBe("");
    expect(screen.getByRole("alert").textContent).toBe("That slot is taken");
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByRole("alert").textContent).toBe("That slot is taken");
  });

  it("holds a status while the pointer is over it", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    renderAnnouncer();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const toast = screen.getByRole("status").parentElement!;
    fireEvent.mouseEnter(toast);
    act(() => vi.advanceTimersByTime(STATUS_HIDE_MS * 3));
    expect(screen.getByRole("status").textContent).toBe("Post scheduled for 18:00 Berlin");
    fireEvent.mouseLeave(toast);
    act(() => vi.advanceTimersByTime(STATUS_HIDE_MS + 100));
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("dismisses by button or Escape, returning focus to where the user was", async () => {
    const user = userEvent.setup();
    renderAnnouncer();
    const fail = screen.getByRole("button", { name: "Fail" });
    await user.click(fail);
    await user.tab(); // from "Fail" to the toast's dismiss button
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Dismiss alert" }));
    await user.keyboard("{Enter}");
    expect(screen.getByRole("alert").textContent).toBe("");
    expect(screen.queryByRole("button", { name: "Dismiss alert" })).toBeNull();
    expect(document.activeElement).toBe(fail);

    await user.click(screen.getByRole("button", { name: "Save" }));
    await user.click(screen.getByRole("button", { name: "Dismiss message" }));
    expect(screen.getByRole("status").textContent).toBe("");

    await user.click(fail);
    screen.getByRole("button", { name: "Dismiss alert" }).focus();
    await user.keyboard("{Escape}");
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("useAnnounce outside the provider is a mistake that says so", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<Buttons />)).toThrow(/inside <AnnouncerProvider>/);
  });
});
