// Text Postgres cannot store (DESIGN.md §4): a NUL character, or a UTF-16 surrogate without its
// pair (JSON's "\ud800" escape makes one). Checked on every parsed input before its schema, so
// such text is a 400 naming the field instead of a database error or silently altered text.
import { type FieldIssue, formatPath } from "./errors";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function unstorableReason(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode text (it holds an unpaired surrogate)";
  return null;
}

/**
 * The first string in a JSON-like value (keys included) that cannot be stored, as a field
 * issue with its path (`posts[2].caption`); null when all can. Walks at most `limit` nodes.
 */
export function findUnstorableText(value: unknown, limit = 100_000): FieldIssue | null {
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  let seen = 0;
  while (stack.length > 0 && seen++ < limit) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      const reason = unstorableReason(v);
      if (reason) return { path: formatPath(path) || "body", message: reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const reason = unstorableReason(key);
        if (reason) return { path: formatPath([...path, key.replace(/[\uD800-\uDFFF\u0000]/g, "\uFFFD")]), message: `field name ${reason}` };
        stack.push({ v: child, path: [...path, key] });
      }
    }
  }
  return null;
}
