// The one issue type: a coded problem with a severity, a one-line message and where it was found (file,
// line, column, JSON path). Core returns issues as values; boundaries throw GlidepathError, which carries one.

/** How bad an issue is: `error` makes the input unusable, `warning` and `info` are reported and go on. */
export type IssueSeverity = "error" | "warning" | "info";

/** Where an issue was found; every part is optional because not every input has lines or a JSON path. */
export interface IssueLocation {
  /** The file (or the name a policy was given, e.g. `p.json#2`). */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** 1-based column in `line`. */
  readonly column?: number;
  /** JSON path of the offending field, e.g. `conditions.devices.deviceFilter.rule`, or the flag, e.g. `--replace`. */
  readonly path?: string;
  /** The Conditional Access policy the issue is about, when there is one. */
  readonly policyId?: string;
}

/**
 * A coded problem. `code` is a key of ISSUE_CODES (src/core/model/issue-codes.ts; listed in docs/errors.md);
 * the message names the input, the location says where it is.
 */
export interface Issue extends IssueLocation {
  readonly code: string;
  readonly severity: IssueSeverity;
  readonly message: string;
}

/** `file:line:column` (line and column only when known; empty when the issue names no file). */
export function formatIssueLocation(l: IssueLocation): string {
  const file = l.file ?? "";
  return l.line ? `${file}:${l.line}${l.column ? `:${l.column}` : ""}` : file;
}
