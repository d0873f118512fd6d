// Tenant text is written by outsiders (display names, app and device names): before a text or Markdown
// renderer shows it, every control character and bidi override becomes a visible escape, and Markdown and
// HTML syntax is escaped, so a name can neither drive the terminal nor forge lines, headings or links.

/**
 * C0 controls (line breaks included), DEL, C1 controls, and the Unicode bidi controls (LRM, RLM, ALM,
 * LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI) that can reorder what a reader sees.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this file is for.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e" };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `s` with every control and bidi character shown as an escape (`\n`, `\e`, `\x07`, `\u202e`). */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, visible);
}

/**
 * `s` safe inside Markdown: controls as escapes (no line break can start a heading, a list or a table row),
 * no HTML (`<` as an entity, so no raw tags or images), no links, images or code-span breaks (`[`, `]`,
 * backticks escaped) and no stray table cells (`|` escaped). Emphasis characters are left alone: they can
 * only change how a name looks, and escaping them would clutter every code span that shows a name.
 */
export function markdownSafe(s: string): string {
  return terminalSafe(s)
    .replace(/\\(?=[\\`[\]|<&]|$)/g, "\\\\")
    .replace(/[`[\]|]/g, "\\$&")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
    .replace(/</g, "&lt;");
}

/**
 * A copy of a command's result with `clean` applied to every string in it (object keys included), for the
 * text and Markdown renderers. JSON output never goes through this: it stays exact.
 */
export function cleanStrings<T>(value: T, clean: (s: string) => string): T {
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return clean(v);
    if (v === null || typeof v !== "object") return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const x of v) out.push(walk(x));
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      seen.set(v, out);
      for (const [k, x] of v) out.set(walk(k), walk(x));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      seen.set(v, out);
      for (const x of v) out.add(walk(x));
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, x] of Object.entries(v)) out[clean(k)] = walk(x);
    return out;
  };
  return walk(value) as T;
}
