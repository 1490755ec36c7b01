"use client";
// dnd-kit's KeyboardSensor, minus its races with fast keys. After Space lifts a tile it listens
// for arrows only from the next task, and each arrow's new "over" tile reaches the sensor a render
// later. Browsers run input before timers and renders, so a quick Space → ArrowRight → Space (a
// fast typist, Playwright) lost the arrow or dropped the tile where it was. This sensor queues the
// drag keys and hands them to dnd-kit's own sensor one at a time, each once the drag has caught up
// with the one before.
import { KeyboardSensor, type KeyboardSensorProps } from "@dnd-kit/core";

/** The keys dnd-kit's sensor acts on while dragging (move, drop, cancel). */
const DRAG_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Space", "Enter", "Escape", "Tab"]);
/** Frames to wait for the drag to settle before passing the next key on anyway. */
const MAX_FRAMES = 20;

export class SteadyKeyboardSensor {
  static activators = KeyboardSensor.activators;
  readonly autoScrollEnabled = false;

  constructor(props: KeyboardSensorProps) {
    const target = props.event.target;
    const doc = target instanceof Node && target.ownerDocument ? target.ownerDocument : document;
    const replayed = new WeakSet<Event>();
    const queue: { key: string; code: string }[] = [];
    let busy = true;
    let over = false;

    // Settled: the sensor knows the tile's rectangle and "over" is the tile the last move reached.
    const settled = () => {
      const c = props.context.current;
      return c.collisionRect !== null && (c.over?.id ?? null) === (c.collisions?.[0]?.id ?? null);
    };
    const afterSettling = (then: () => void) => {
      let frames = 0;
      const tick = () => (settled() || frames++ >= MAX_FRAMES ? then() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    };
    const pump = () => {
      const next = queue.shift();
      if (!next || over) {
        busy = false;
        return;
      }
      busy = true;
      const event = new KeyboardEvent("keydown", { ...next, bubbles: true, cancelable: true });
      replayed.add(event);
      doc.dispatchEvent(event);
      if (over) busy = false;
      else afterSettling(pump);
    };
    // Capture on the document runs before the inner sensor's listener there.
    const intercept = (e: KeyboardEvent) => {
      if (replayed.has(e) || e === props.event || !DRAG_KEYS.has(e.code)) return;
      // The grid went away mid-drag (nothing ends the sensor then): stop holding the page's keys.
      if (target instanceof Node && !target.isConnected) return finish();
      e.preventDefault();
      e.stopImmediatePropagation();
      queue.push({ key: e.key, code: e.code });
      if (!busy) pump();
    };
    const finish = () => {
      over = true;
      queue.length = 0;
      doc.removeEventListener("keydown", intercept, true);
    };

    doc.addEventListener("keydown", intercept, true);
    new KeyboardSensor({
      ...props,
      onEnd: () => {
        finish();
        props.onEnd();
      },
      onCancel: () => {
        finish();
        props.onCancel();
      },
    });
    // Queued after the inner sensor's own setTimeout, so its listener is in place by then.
    setTimeout(() => afterSettling(pump));
  }
}
