// Problems found while importing: per-record issues (file:line[:column]: reason) and the fatal error that
// rejects a whole file. Both carry stable codes so the JSON summary and tests can rely on them.

export interface ImportIssue {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Stable code, e.g. `import.json-syntax`, `import.record`, `import.encoding`. */
  readonly code: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** A problem that makes the rest of a file unreadable; the importer rolls the file back and reports it. */
export class FileRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "FileRejected";
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
  const where = i.line ? `${i.file}:${i.line}${i.column ? `:${i.column}` : ""}` : i.file;
  return `${where}: ${i.message}`;
}

/** Largest single record (one JSON object, one CSV row) accepted; beyond it the file is rejected. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;
