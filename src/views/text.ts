// Small text-layout helpers shared by the text and markdown renderers.

/** Format a number with thousands separators (en-US, stable across locales). */
export function num(n: number): string {
  return n.toLocaleString("en-US");
}

/** A share as a percentage with one decimal, or "unknown". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "unknown" : `${(x * 100).toFixed(1)}%`;
}

/** Left-aligned "label  value" lines. */
export function keyValues(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join("\n");
}

/** A Markdown table. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  // A `|` already escaped (tenant text arrives through markdownSafe) is not escaped twice.
  const esc = (s: string) => s.replace(/(?<!\\)\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${head.map(esc).join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

/** A plain-text table with aligned columns. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    `  ${r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()}`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** When --days asked for more than the log holds: say so next to the days the report covers. */
export function heldNote(w: { readonly days: number; readonly requestedDays?: number }): string {
  return w.requestedDays === undefined ? "" : ` (asked for ${w.requestedDays}; the workspace's log holds ${w.days})`;
}
