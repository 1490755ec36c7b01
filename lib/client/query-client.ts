// The dashboard's TanStack Query defaults, kept out of the provider so they can be unit-tested.
import { QueryClient } from "@tanstack/react-query";

/** Server-rendered data is fresh for this long; a page mounting right after needs no refetch. */
export const STALE_TIME_MS = 30_000;
const MAX_RETRIES = 2;

/** The HTTP status an error carries (ActionError, or a fetch helper's error), if any. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  return typeof error.status === "number" ? error.status : undefined;
}

/**
 * Retry only what might succeed next time: a 4xx (bad input, forbidden, a 409 conflict) will
 * fail the same way again, so it is shown at once. 429 is left to the user to repeat, not to a
 * loop of retries that would keep the limiter shut.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_TIME_MS,
        retry: shouldRetry,
        // Tabbing back to the dashboard must not refetch every list on screen at once; pages that
        // need live data (calendar statuses) poll with refetchInterval instead.
        refetchOnWindowFocus: false,
        refetchOnReconnect: true,
      },
      // A mutation is a write: repeating it silently could post twice.
      mutations: { retry: false },
    },
  });
}
