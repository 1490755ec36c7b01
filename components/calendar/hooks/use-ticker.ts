"use client";
// The current time, refreshed every `ms`: the now-line and "today" move on their own.
import { useEffect, useState } from "react";

export function useTicker(ms: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}
