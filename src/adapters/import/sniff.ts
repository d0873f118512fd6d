// The import's pre-pass: folders expanded into files, and a cheap look at each file's first chunk to
// order the batch (authentication-details CSVs first: they enrich the sign-ins that follow).

import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { Columns, detectCsv } from "./csv-records.js";
import { openText } from "./decode.js";

/** Expand folders (recursively, sorted) into files; hidden files are skipped. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      out.push(p); // reported as unreadable by the importer
      return;
    }
    if (st.isDirectory()) {
      for (const n of readdirSync(p).sort()) if (!n.startsWith(".")) walk(join(p, n));
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

/** What the pre-pass learns of a file before the import proper. */
export interface Sniff {
  authDetails: boolean;
  patterns: boolean;
}

/** A cheap look at the first chunk: is this an auth-details CSV or Glidepath's access-pattern export? */
export async function sniff(path: string): Promise<Sniff> {
  try {
    const input = await openText(path);
    const it = input.chunks[Symbol.asyncIterator]();
    const n = await it.next();
    await input.close();
    const head = n.done ? "" : n.value.slice(0, 65536);
    const patterns = /"@odata\.context"\s*:\s*"[^"]*glidepath\.accessPatterns/.test(head);
    const firstLine = head.split("\n", 1)[0] ?? "";
    let authDetails = false;
    if (!/^\s*[[{<]/.test(firstLine)) {
      const cols = new Columns(
        firstLine
          .replace(/\r$/, "")
          .split(/[,;\t]/)
          .map((h) => h.replace(/^"|"$/g, "")),
      );
      authDetails = detectCsv(cols, basename(path))?.variant === "portal-auth-details";
    }
    return { authDetails, patterns };
  } catch {
    return { authDetails: false, patterns: false };
  }
}
