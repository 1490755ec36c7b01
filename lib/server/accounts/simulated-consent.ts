// Clicks "Allow" on the simulator's consent page, as a person would in a browser, and returns
// the callback URL it redirects to. Only for simulated platforms (the CLI's
// `accounts connect-simulated` and tests); real platforms need a real person.
import "server-only";

/** The inputs of the consent form (hidden fields and the prefilled username). */
function formFields(page: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const tag of page.match(/<input[^>]*>/g) ?? []) {
    if (/type="checkbox"/.test(tag)) continue;
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? "";
    if (name) fields.set(name, value.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, "&"));
  }
  return fields;
}

export async function approveSimulatedConsent(authorizeUrl: string, opts: { username?: string } = {}): Promise<URL> {
  const page = await fetch(authorizeUrl);
  if (!page.ok) throw new Error(`the simulator's consent page answered HTTP ${page.status}: ${(await page.text()).slice(0, 200)}`);
  const fields = formFields(await page.text());
  if (opts.username) fields.set("username", opts.username);
  fields.set("decision", "allow");
  const res = await fetch(authorizeUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields.toString(),
    redirect: "manual",
  });
  const location = res.headers.get("location");
  if (res.status < 300 || res.status > 399 || !location) throw new Error(`the simulator did not redirect after consent (HTTP ${res.status})`);
  return new URL(location);
}
