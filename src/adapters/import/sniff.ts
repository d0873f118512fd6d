// The import's pre-pass: folders expanded into files, and a cheap look at each file's first chunk to
// order the batch (authentication-details CSVs first: they enrich the sign-ins that follow).

import { basename } from "node:path";
import { walkPaths } from "../files/walk-paths.js";
import { Columns, detectCsv } from "./csv-records.js";
import { openText } from "./decode.js";

/**
 * Expand folders (recursively, sorted) into files; hidden files are skipped. A path that is not a regular
 * file (FIFO, socket, device) or a folder met again through a link is listed in `skipped`, never opened.
 */
export function expandPaths(paths: readonly string[]): {
  files: string[];
  skipped: { path: string; reason: string }[];
} {
  const files: string[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const e of walkPaths(paths, { skipHidden: true })) {
    // A missing path stays in the list: the importer reports it as unreadable, in order.
    if (e.kind === "skipped") skipped.push({ path: e.path, reason: e.reason });
    else files.push(e.path);
  }
  return { files, skipped };
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
