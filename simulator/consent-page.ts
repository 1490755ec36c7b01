// The authorize pages both platforms show: a plain HTML form (no JS) that a person can click
// through and a scripted client can drive by re-posting the same fields.
import { escapeHtml, html, type Reply } from "./http";

export type ConsentPage = {
  platform: string;
  appName: string;
  /** Every incoming query parameter, echoed back as hidden fields. */
  hidden: URLSearchParams;
  scopes: string[];
  suggestedUsername: string;
};

export function consentPage(p: ConsentPage): Reply {
  const hidden = [...p.hidden]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n      ");
  const scopes = p.scopes
    .map((s) => `<li><label><input type="checkbox" name="granted_scope" value="${escapeHtml(s)}" checked> ${escapeHtml(s)}</label></li>`)
    .join("\n        ");
  return html(200, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(p.platform)} (simulated): authorize ${escapeHtml(p.appName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;line-height:1.5}button{font-size:1rem;padding:.4rem 1.2rem;margin-right:.5rem}</style></head>
<body>
  <h1>${escapeHtml(p.appName)} wants to access your ${escapeHtml(p.platform)} account</h1>
  <p>This is the Postdeck platform simulator. No real account is involved.</p>
  <form method="post">
      ${hidden}
      <p><label>Log in as <input name="username" value="${escapeHtml(p.suggestedUsername)}" required></label></p>
      <p>Requested permissions (untick to refuse one):</p>
      <ul>
        ${scopes}
      </ul>
      <button name="decision" value="allow">Allow</button>
      <button name="decision" value="deny">Deny</button>
  </form>
</body></html>`);
}

export function errorPage(status: number, message: string): Reply {
  return html(status, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head>
<body><h1>Something went wrong</h1><p>${escapeHtml(message)}</p></body></html>`);
}

/**
 * Scopes the user granted: the ticked boxes, or everything requested when none were sent, so a
 * scripted client that posts only the hidden fields gets the full grant. (Unticking every box
 * therefore grants all; deny is the way to refuse everything.)
 */
export function grantedScopes(form: URLSearchParams, requested: string[]): string[] {
  const ticked = new Set(form.getAll("granted_scope"));
  if (ticked.size === 0) return requested;
  return requested.filter((s) => ticked.has(s));
}

export function splitScopes(scope: string | null): string[] {
  return (scope ?? "").split(/[,\s]+/).filter(Boolean);
}

/** A fresh "sim_creator_N" no account uses yet. */
export function freshUsername(taken: (name: string) => boolean): string {
  for (let n = 1; ; n++) if (!taken(`sim_creator_${n}`)) return `sim_creator_${n}`;
}
