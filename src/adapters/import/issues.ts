// Problems found while importing: per-record issues (file:line[:column]: reason) and the fatal error that
// rejects a whole file. Both are the one Issue shape with codes from ISSUE_CODES (docs/errors.md).

import { formatIssueLocation, GlidepathError, type Issue } from "../../core/model/index.js";

/** An Issue of one imported file: the file is always known; imports report errors and warnings only. */
export type ImportIssue = Issue & { readonly file: string; readonly severity: "error" | "warning" };

/** A problem that makes the rest of a file unreadable; the importer rolls the file back and reports it. */
export class FileRejected extends GlidepathError {
  /** 1-based line where reading stopped, when known. */
  readonly line?: number;
  /** 1-based column in that line, when known. */
  readonly column?: number;
  /** Rows never read because of the problem (counted as skipped beside the rows rolled back). */
  readonly unread: number;

  constructor(code: string, message: string, line?: number, column?: number, unread = 0) {
    super(code, message, undefined, "error", { line, column });
    this.name = "FileRejected";
    this.line = line;
    this.column = column;
    this.unread = unread;
  }
}

/** A file that is not data at all but known (the simulator's manifest and ground truth): skipped, not an error. */
export class FileIgnored extends Error {
  constructor(
    message: string,
    /** Tenant facts the file states (the simulator's manifest names the tenant). */
    readonly tenant?: { tenantId: string; tenantDisplayName: string },
  ) {
    super(message);
    this.name = "FileIgnored";
  }
}

/** `file:line:column: message` (line and column only when known). */
export function formatIssue(i: ImportIssue): string {
  return `${formatIssueLocation(i)}: ${i.message}`;
}

/** Largest single record (one JSON object, one CSV row) accepted; beyond it the file is rejected. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;
