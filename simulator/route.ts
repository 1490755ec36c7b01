// A route: method, path pattern and a stable name. Fault injection and the request log use the
// name ("tiktok.content_init"), so tests never depend on URL spelling.
import type { Reply, Req } from "./http";
import type { Platform, SimState } from "./state";

export type Route = {
  method: "GET" | "POST";
  pattern: RegExp;
  name: string;
  /** Platform whose error shape injected faults use; admin and feed routes have none. */
  platform?: Platform;
  handle: (req: Req, state: SimState) => Reply | Promise<Reply>;
};
