import type { ReactNode } from "react";

/** A page whose feature is not built yet. It says so plainly rather than pretending. */
export function Placeholder({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="rounded-lg border border-dashed border-amber-400 bg-amber-50 p-6 text-sm text-amber-900">
        <p className="font-semibold">Not built yet.</p>
        <div className="mt-2 space-y-2">{children}</div>
      </div>
    </section>
  );
}
