// Reading a JSON export (a Graph page, an array, NDJSON, a tenant export of several collections): each
// group's records are classified, mapped and handed to the sink; a page of a known collection that is
// empty still marks that collection as captured.

import { GlidepathError } from "../../core/model/index.js";
import { isObj, normalizeKeys } from "../graph/to-model/index.js";
import { type Accumulator, markPresent } from "./compose.js";
import { INDEX_ONLY } from "./export.js";
import type { FileReader } from "./file-reader.js";
import { FileRejected } from "./issues.js";
import { type JsonGroup, largeJson, smallJson } from "./json-source.js";
import { type ImportKind, kindOfRecord } from "./kinds.js";
import { mapByKind } from "./map-record.js";

/**
 * Read a JSON file from its head (the whole text when `complete`, else the rest comes from `rest`).
 * Rejects a file that yields nothing usable. The head's text is released once handed on (it can be 8 MB).
 */
export async function readJsonFile(
  r: FileReader,
  acc: Accumulator,
  head: { text: string },
  complete: boolean,
  rest: AsyncIterator<string>,
): Promise<void> {
  const { forced, summary } = r;
  const src = complete ? smallJson(head.text) : largeJson(head.text, rest);
  head.text = "";
  summary.format = src.format;
  const ignored: string[] = [];
  let emptyPages = 0;
  for (const g of src.groups) {
    const seen = await readJsonGroup(r, ignored, g);
    const k = forced ?? g.hint;
    if (seen === 0 && k) {
      // An empty page of a known collection: captured, and empty.
      markPresent(acc, k);
      summary.kind ??= k;
      emptyPages++;
    }
  }
  if (summary.imported === 0 && summary.skipped === 0 && summary.duplicates === 0 && emptyPages === 0) {
    throw new FileRejected("import.unknown-shape", ignored[0] ?? "the file holds no records", 1, 1);
  }
}

/**
 * Read one group of a JSON file (a page's `value`, one key of a tenant export); returns records seen. A
 * group of unknown shape rejects the file when it is the file's main content, else is noted in `ignored`.
 */
async function readJsonGroup(r0: FileReader, ignored: string[], g: JsonGroup): Promise<number> {
  const { forced, summary, sink, issue, report } = r0;
  let seen = 0;
  let kind: ImportKind | null = forced ?? g.hint;
  const main = ["(top-level array)", "(lines)", "value", "(single object)"].includes(g.source);
  for await (const batch of g.batches) {
    for (const r of batch) {
      seen++;
      if (r.error) {
        issue({ line: r.error.line, column: r.error.column, code: "import.json-syntax", message: r.error.message });
        continue;
      }
      if (!kind) {
        const n = normalizeKeys(r.value);
        kind = isObj(n) ? kindOfRecord(n) : null;
        if (!kind) {
          const keys = isObj(n) ? Object.keys(n).slice(0, 8).join(", ") : typeof n;
          const what = `records of an unknown shape${main ? "" : ` under '${g.source}'`} (fields: ${keys}); not a policy, named location, sign-in, registration, user, group or audit export`;
          // An unrelated key of a multi-key tenant export is ignored, unless nothing else in the file is usable.
          if (!main) {
            ignored.push(what);
            return seen;
          }
          throw new FileRejected("import.unknown-shape", what, r.line, r.column);
        }
      }
      if (!summary.kind) summary.kind = kind;
      const m = mapByKind(kind, r.value, g.context, summary.path);
      // The tenant record sets the snapshot's meta, which every command reads: a bad one fails the batch.
      if (kind === "tenant" && !m.ok) throw tenantError(summary.path, r.line, m.diagnostics);
      if (!m.ok) {
        issue({
          line: r.line,
          column: r.column,
          code: "import.record",
          message: m.diagnostics
            .filter((d) => d.severity === "error")
            .map((d) => d.message)
            .join("; "),
        });
        continue;
      }
      const refused = sink(kind, m.value, kind === "sign-ins" && isObj(r.value) && r.value[INDEX_ONLY] === true);
      if (refused && kind === "tenant") throw tenantError(summary.path, r.line, [{ message: `capturedAt ${refused}` }]);
      if (refused) issue({ line: r.line, column: r.column, code: "import.future-time", message: refused });
    }
    report();
  }
  return seen;
}

/** The batch-failing error of a bad tenant record: file:line and every field at fault; nothing is written. */
function tenantError(file: string, line: number | undefined, problems: readonly { message: string }[]): GlidepathError {
  return new GlidepathError(
    "import.tenant",
    `${file}${line ? `:${line}` : ""}: invalid tenant record: ${problems.map((p) => p.message).join("; ")}`,
    "fix the named field of tenant.json (or re-export the workspace with 'glidepath export'); nothing was written",
    "error",
    { file, line },
  );
}
