// Reads from the dashboard's GET routes (app/api/calendar/*): the API's envelope unwrapped, a
// failure thrown as the same ActionError the server actions give, so pages handle both alike.
import { ActionError } from "./action-result";

type Envelope<T> = { ok: true; data: T } | { ok: false; code: number; message: string; error?: { type?: string; details?: { path: string; message: string }[] } };

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ActionError({ status: 0, type: "network", message: "Could not reach Postdeck. Check your connection.", details: [] });
  }
  const body = (await res.json().catch(() => null)) as Envelope<T> | null;
  if (body?.ok) return body.data;
  throw new ActionError({
    status: res.status,
    type: body && !body.ok ? (body.error?.type ?? "error") : "error",
    message: body && !body.ok ? body.message : `Request failed (${res.status})`,
    details: body && !body.ok ? (body.error?.details ?? []) : [],
  });
}
