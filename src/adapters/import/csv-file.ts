// Reading a CSV export: the header decides the shape (sign-ins, audits, auth details, users, groups,
// members, registrations) or rejects the file; each row is then mapped by its shape's reader and handed
// to the sink, bad rows recorded with file:line[:column].

import { basename } from "node:path";
import {
  Columns,
  type CsvShape,
  detectCsv,
  laAudit,
  laSignIn,
  listColumnNames,
  listRow,
  missingColumns,
  portalAuthDetail,
  portalGroupExtras,
  portalSignIn,
  type RowResult,
} from "./csv-records.js";
import { type CsvRow, CsvScanner } from "./csv-stream.js";
import type { FileReader } from "./file-reader.js";
import { FileRejected } from "./issues.js";
import type { ImportKind } from "./kinds.js";
import { mapByKind } from "./map-record.js";

/** The shape a --kind gives a CSV whose header matches no known download (the plain list exports). */
function forcedCsvShape(kind: ImportKind): CsvShape | null {
  switch (kind) {
    case "users":
      return { kind, variant: "users" };
    case "groups":
      return { kind, variant: "groups" };
    case "registrations":
      return { kind, variant: "registrations" };
    default:
      return null;
  }
}

/** The file's shape from its header row, or a rejection naming what is wrong with the header. */
function shapeOf(r: FileReader, cols: Columns, header: CsvRow): CsvShape {
  const { forced } = r;
  let shape = detectCsv(cols, basename(r.path));
  if (!shape && forced) shape = forcedCsvShape(forced);
  if (!shape) {
    const shown = header.fields
      .slice(0, 6)
      .map((h) => h.trim())
      .join(", ");
    throw new FileRejected(
      "import.unknown-shape",
      `not a recognised export: the header (${shown}${header.fields.length > 6 ? ", ..." : ""}) matches no sign-in, audit, user, group or registration download`,
      header.line,
    );
  }
  if (forced && shape.kind !== forced && !(forced === "groups" && shape.kind === "group-members")) {
    throw new FileRejected(
      "import.kind-mismatch",
      `--kind ${forced} was given but the header is that of a ${shape.kind} export`,
      header.line,
    );
  }
  const miss = missingColumns(cols, shape);
  if (miss.length) {
    throw new FileRejected(
      "import.missing-column",
      `the ${shape.kind} export lacks the column${miss.length > 1 ? "s" : ""} ${miss.map((m) => `'${m}'`).join(", ")}`,
      header.line,
    );
  }
  return shape;
}

/** One data row mapped by its shape's reader; authentication details go to the file's pending details. */
function readRow(
  r: FileReader,
  c: Columns,
  sh: CsvShape,
  names: readonly (string | null)[],
  fields: readonly string[],
): RowResult<unknown> | "held" {
  switch (sh.variant) {
    case "portal-sign-ins":
      return portalSignIn(c, fields, sh.eventType ?? "interactiveUser");
    case "la-sign-ins":
      return laSignIn(c, fields);
    case "la-audits":
      return laAudit(c, fields);
    case "portal-auth-details": {
      const d = portalAuthDetail(c, fields);
      if (!d.ok) return d;
      const l = r.authDetails.get(d.value.requestId);
      if (l) l.push(d.value.detail);
      else r.authDetails.set(d.value.requestId, [d.value.detail]);
      return "held";
    }
    default: {
      const o = listRow(names as (string | null)[], fields, sh.variant);
      if (sh.variant === "groups") portalGroupExtras(c, fields, o);
      const m = mapByKind(sh.kind, o, null);
      return m.ok
        ? { ok: true, value: m.value }
        : {
            ok: false,
            errors: m.diagnostics
              .filter((d) => d.severity === "error")
              .map((d) => ({ message: d.message, column: d.path })),
          };
    }
  }
}

/**
 * A row across lines whose later lines look like rows of their own (as many delimiters as the header):
 * a stray quote opened a field that swallowed them, even when the merged row happens to have the right
 * number of fields. A genuine multi-line field (a message with line breaks) does not look like that.
 */
function swallowsRows(row: CsvRow, columns: number, delim: string): boolean {
  if (row.text === undefined || columns < 3) return false;
  const lines = row.text.split("\n");
  for (let i = 1; i < lines.length; i++) if ((lines[i] as string).split(delim).length >= columns) return true;
  return false;
}

/**
 * Read a CSV file: the head's text, then the rest of `rest`. The head's text is released once scanned.
 */
export async function readCsvFile(r: FileReader, head: { text: string }, rest: AsyncIterator<string>): Promise<void> {
  const { summary, issue, sink } = r;
  summary.format = "csv";
  const csv = new CsvScanner();
  let cols: Columns | null = null;
  let shape: CsvShape | null = null;
  let names: (string | null)[] = [];
  const rows: CsvRow[] = [];
  const onRows = () => {
    for (const row of rows) {
      if (!cols || !shape) {
        cols = new Columns(row.fields);
        shape = shapeOf(r, cols, row);
        summary.kind = shape.kind;
        names = listColumnNames(cols);
        continue;
      }
      if (row.fields.length !== cols.headers.length || swallowsRows(row, cols.headers.length, csv.delimiter ?? ",")) {
        const fields = `${row.fields.length} field${row.fields.length === 1 ? "" : "s"}, the header ${cols.headers.length}`;
        // A quoted field across lines in a row that does not fit: a stray quote most likely swallowed the
        // rows of those lines, so each line counts as a row lost and the message names the range.
        const span = row.endLine - row.line + 1;
        issue(
          span > 1
            ? {
                line: row.line,
                code: "import.csv-columns",
                message: `lines ${row.line}–${row.endLine} (${span} lines) read as one row of ${fields}: a quoted field runs across them, most likely a stray quote at line ${row.line}; the ${span} lines are skipped`,
                lost: span,
              }
            : { line: row.line, code: "import.csv-columns", message: `the row has ${fields}` },
        );
        continue;
      }
      const res = readRow(r, cols, shape, names, row.fields);
      if (res === "held") {
        summary.imported++;
        summary.kinds["authentication-details"] = (summary.kinds["authentication-details"] ?? 0) + 1;
        continue;
      }
      if (!res.ok) {
        const colName = res.errors[0]?.column;
        const colIdx = colName ? cols.pick(colName.toLowerCase().replace(/[^a-z0-9]/g, "")) : undefined;
        issue({
          line: row.line,
          column: colIdx !== undefined ? colIdx + 1 : undefined,
          code: "import.record",
          message: res.errors.map((e) => e.message).join("; "),
        });
        continue;
      }
      const refused = sink(shape.kind, res.value);
      if (refused) issue({ line: row.line, code: "import.future-time", message: refused });
    }
    rows.length = 0;
    r.report();
  };
  csv.push(head.text, rows);
  head.text = "";
  onRows();
  for (;;) {
    const n = await rest.next();
    if (n.done) break;
    csv.push(n.value, rows);
    onRows();
  }
  csv.finish(rows);
  onRows();
  if (!cols) throw new FileRejected("import.empty", "the file holds no header row");
}
