// JSON.parse that keeps big integers exact. TikTok sends post ids as 19-digit JSON numbers,
// beyond 2^53, which JSON.parse would silently round; here every integer literal too large to
// be exact becomes a string of its digits. Strings and other numbers are left untouched.
import "server-only";

/** Parses JSON text, turning integers outside the safe range into decimal strings. */
export function parseJsonLossless(text: string): unknown {
  let out = "";
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i++;
      continue;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      const literal = m ? m[0] : ch;
      const isInteger = !m?.[1] && !m?.[2];
      out += isInteger && !Number.isSafeInteger(Number(literal)) ? `"${literal}"` : literal;
      i += literal.length;
      continue;
    }
    out += ch;
    i++;
  }
  return JSON.parse(out) as unknown;
}
