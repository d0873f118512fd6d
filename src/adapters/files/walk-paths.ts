// The one walk of the files and folders a command names (import, evaluate --policies, simulate/verify-access
// --policy): regular files only — a FIFO, socket or device is reported and never opened — and each folder once.

import { readdirSync, realpathSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";

/** One path met by the walk, in walk order. */
export type WalkEntry =
  | { readonly kind: "file"; readonly path: string }
  /** Does not exist or cannot be inspected (the caller reports it as unreadable). */
  | { readonly kind: "missing"; readonly path: string }
  /** Not a regular file (named pipe, socket, device) or a folder met again by a link: skipped, with the reason. */
  | { readonly kind: "skipped"; readonly path: string; readonly reason: string };

export interface WalkOptions {
  /** Keep a file found inside a folder (files named directly are always kept). */
  readonly keep?: (path: string) => boolean;
  /** Skip names starting with "." inside folders. */
  readonly skipHidden?: boolean;
}

/** What a non-regular file is, for the report line. */
function specialKind(st: Stats): string {
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * Expand `paths` into files (folders recursively, names sorted). Links are followed, but every folder is
 * walked once by its real path: a link loop costs one visit, not exponential time.
 */
export function walkPaths(paths: readonly string[], opts: WalkOptions = {}): WalkEntry[] {
  const out: WalkEntry[] = [];
  const seen = new Set<string>();
  const walk = (p: string, top: boolean) => {
    let st: Stats;
    try {
      st = statSync(p);
    } catch {
      // Inside a folder a dangling link is noise; named directly it is the user's mistake to hear about.
      out.push(top ? { kind: "missing", path: p } : { kind: "skipped", path: p, reason: "a broken link" });
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = realpathSync(p);
      } catch {
        real = p;
      }
      if (seen.has(real)) {
        if (!top) out.push({ kind: "skipped", path: p, reason: `a link to folder ${real}, already read` });
        return;
      }
      seen.add(real);
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch {
        out.push({ kind: "missing", path: p });
        return;
      }
      for (const n of names) if (!(opts.skipHidden && n.startsWith("."))) walk(join(p, n), false);
    } else if (!st.isFile()) {
      // INVARIANT: never opened — reading a FIFO with no writer blocks the command forever.
      out.push({ kind: "skipped", path: p, reason: `${specialKind(st)}, not a regular file` });
    } else if (top || !opts.keep || opts.keep(p)) out.push({ kind: "file", path: p });
  };
  for (const p of paths) walk(p, true);
  return out;
}
