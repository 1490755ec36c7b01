"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/actions/api-keys";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export type ApiKeyItem = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "Never";
}

export function ApiKeys({ keys, canManage }: { keys: ApiKeyItem[]; canManage: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ key: string; prefix: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();

  function create(e: React.FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const res = await createApiKeyAction(name);
      if (!res.ok) {
        setError(res.error.details[0]?.message ?? res.error.message);
        return;
      }
      setError(undefined);
      setName("");
      setCopied(false);
      setCreated({ key: res.data.key, prefix: res.data.prefix });
      router.refresh();
    });
  }

  function revoke(item: ApiKeyItem) {
    if (!window.confirm(`Revoke "${item.name}" (${item.prefix})? Requests using it will get 401 at once.`)) return;
    startTransition(async () => {
      const res = await revokeApiKeyAction(item.id);
      if (!res.ok) setError(res.error.message);
      router.refresh();
    });
  }

  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 className="text-base font-semibold">API keys</h2>
        <p className="text-sm text-slate-600">
          Keys authenticate calls to <code>/api/v1</code> as <code>Authorization: Bearer &lt;key&gt;</code>. A key is
          shown once, when you create it.
        </p>
      </div>

      {canManage ? (
        <form onSubmit={create} className="flex items-end gap-2" aria-label="Create API key">
          <div className="flex-1">
            <Field
              label="Key name"
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Zapier, staging script"
              error={error}
              maxLength={60}
            />
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? "Working…" : "Create key"}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">Only owners and admins can create or revoke keys.</p>
      )}

      {created ? (
        <div role="status" className="space-y-2 rounded-md border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium text-green-900">
            Copy this key now. You will not be able to see it again.
          </p>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-key" className="flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs">
              {created.key}
            </code>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(created.key).then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}

      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">No API keys yet.</p>
      ) : (
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">API keys</caption>
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="py-2">Name</th>
              <th className="py-2">Prefix</th>
              <th className="py-2">Created</th>
              <th className="py-2">Last used</th>
              <th className="py-2">Status</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-b" data-testid={`api-key-row-${k.prefix}`}>
                <td className="py-2 font-medium">{k.name}</td>
                <td className="py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="py-2">{when(k.createdAt)}</td>
                <td className="py-2">{when(k.lastUsedAt)}</td>
                <td className="py-2">{k.revokedAt ? `Revoked ${when(k.revokedAt)}` : "Active"}</td>
                <td className="py-2 text-right">
                  {canManage && !k.revokedAt ? (
                    <Button type="button" variant="danger" disabled={pending} onClick={() => revoke(k)}>
                      Revoke <span className="sr-only">{k.name}</span>
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
