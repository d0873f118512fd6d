// What the import reports per file (records by kind, skipped records with file:line, status), how a
// problem is recorded against a file (or, with --strict, fails the batch), and the batch's totals.

import { GlidepathError } from "../../core/model/index.js";
import { formatIssue, type ImportIssue } from "./issues.js";
import type { ImportKind } from "./kinds.js";

export interface FileSummary {
  readonly path: string;
  kind: ImportKind | null;
  /** Records imported per kind (a tenant export can hold several). */
  readonly kinds: Partial<Record<ImportKind, number>>;
  imported: number;
  skipped: number;
  /** Sign-ins already in the workspace (same id): not imported again, not an error. */
  duplicates: number;
  /** ignored: a known non-data file (the simulator's manifest or ground truth), see `note`. */
  status: "imported" | "partial" | "rejected" | "ignored";
  note?: string;
  /** The file as a whole could not be read (broken JSON, unknown shape, bad encoding, truncated). */
  broken: boolean;
  format?: "json" | "ndjson" | "csv";
  encoding?: string;
  gzip?: boolean;
  readonly errors: ImportIssue[];
  errorsOmitted: number;
}

/** Records imported and skipped per kind, over the batch. */
export type ImportTotals = Partial<Record<ImportKind, { imported: number; skipped: number }>>;

/**
 * A problem as reported by a reader (the file and, by default, the severity are filled in). `lost`: the
 * records it cost (default 1), e.g. the lines a runaway quoted field swallowed.
 */
export type IssueInput = Omit<ImportIssue, "file" | "severity"> & { severity?: ImportIssue["severity"]; lost?: number };

/** A fresh summary of `path` (the kind when forced with --kind). */
export function newFileSummary(path: string, kind: ImportKind | null): FileSummary {
  return {
    path,
    kind,
    kinds: {},
    imported: 0,
    skipped: 0,
    duplicates: 0,
    status: "imported",
    broken: false,
    errors: [],
    errorsOmitted: 0,
  };
}

/** The error --strict turns the first problem into (nothing is written). */
export function strictError(i: ImportIssue): GlidepathError {
  return new GlidepathError(
    "import.strict",
    formatIssue(i),
    "fix or remove the record (or drop --strict to skip bad records and import the rest); nothing was written",
    "error",
    { file: i.file, line: i.line, column: i.column },
  );
}

/**
 * The recorder of skipped records for one file: counts errors as skipped and lists the first
 * `maxErrors`; with `strict`, throws the first error instead.
 */
export function issueRecorder(summary: FileSummary, strict: boolean, maxErrors: number): (i: IssueInput) => void {
  return ({ lost = 1, ...i }) => {
    const full: ImportIssue = { file: summary.path, severity: "error", ...i };
    if (strict && full.severity === "error") throw strictError(full);
    if (full.severity === "error") summary.skipped += lost;
    if (summary.errors.length < maxErrors) summary.errors.push(full);
    else summary.errorsOmitted++;
  };
}

/**
 * The file as a whole was rejected: its records count as skipped (with `unread`, the rows the problem
 * kept from being read at all), and the reason leads its errors.
 */
export function markRejected(summary: FileSummary, reason: ImportIssue, maxErrors: number, unread = 0): void {
  summary.errors.unshift(reason);
  if (summary.errors.length > maxErrors) {
    summary.errors.pop();
    summary.errorsOmitted++;
  }
  summary.broken = true;
  summary.status = "rejected";
  summary.skipped += summary.imported + unread;
  summary.imported = 0;
  summary.duplicates = 0;
  for (const k of Object.keys(summary.kinds)) delete summary.kinds[k as ImportKind];
}

/** Imported records per kind, and skipped ones under each file's kind. */
export function importTotals(summaries: readonly FileSummary[]): ImportTotals {
  const totals: ImportTotals = {};
  for (const s of summaries) {
    for (const [k, n] of Object.entries(s.kinds)) {
      const t = (totals[k as ImportKind] ??= { imported: 0, skipped: 0 });
      t.imported += n;
    }
    if (s.kind) {
      const t = (totals[s.kind] ??= { imported: 0, skipped: 0 });
      t.skipped += s.skipped;
    }
  }
  return totals;
}
