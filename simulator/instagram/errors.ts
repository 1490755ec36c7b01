// Meta's Graph error body (platforms.md §2.7). Every Instagram error goes through here so the
// shape is always complete: message, type, code, error_subcode, is_transient, user title/msg, fbtrace_id.
import { json, type Reply } from "../http";
import { fbtraceId } from "../ids";

export type GraphError = {
  code: number;
  subcode?: number;
  message: string;
  type?: string;
  transient?: boolean;
  userTitle?: string;
  userMsg?: string;
};

export function graphError(status: number, e: GraphError): Reply {
  return json(status, {
    error: {
      message: e.message,
      type: e.type ?? "OAuthException",
      code: e.code,
      error_subcode: e.subcode,
      is_transient: e.transient ?? false,
      error_user_title: e.userTitle ?? "",
      error_user_msg: e.userMsg ?? "",
      fbtrace_id: fbtraceId(),
    },
  });
}

/** Most Graph failures are HTTP 400. */
export const graph400 = (e: GraphError): Reply => graphError(400, e);
