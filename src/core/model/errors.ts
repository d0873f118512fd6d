// The error that crosses layer boundaries: a stable code from ISSUE_CODES, a one-line message naming the input,
// a remedy, an exit-code class and, where there is one, the location. The CLI prints it without a stack trace.
// Core code returns Issues instead (docs/design.md#rule-8); a plain Error anywhere means a bug.

import type { Issue, IssueLocation } from "./issue.js";
import { type ExitName, issueCodeSpec } from "./issue-codes.js";

export type { ExitName } from "./issue-codes.js";

export class GlidepathError extends Error {
  /** Stable code, a key of ISSUE_CODES, e.g. `workspace.missing`, `import.strict`. */
  readonly code: string;
  /** What the user should do about it, one sentence. */
  readonly remedy: string;
  /** The exit-code class the CLI maps to a number. */
  readonly exit: ExitName;
  /** Where the problem is (file, line, column, JSON path), when the input has such a place. */
  readonly location: IssueLocation;

  /**
   * `message`, `remedy` and `exit` default to the code's entry in ISSUE_CODES; throw sites usually pass the
   * message (it names the input) and often the remedy, and those are printed exactly as given.
   */
  constructor(code: string, message?: string, remedy?: string, exit?: ExitName, location: IssueLocation = {}) {
    const spec = issueCodeSpec(code);
    super(message ?? spec?.message ?? code);
    this.name = "GlidepathError";
    this.code = code;
    this.remedy = remedy ?? spec?.remedy ?? "";
    this.exit = exit ?? (spec?.kind === "error" ? spec.exit : "error");
    this.location = location;
  }

  /** The error as an Issue value (severity `error`), e.g. for a JSON report. */
  toIssue(): Issue {
    return { code: this.code, severity: "error", message: this.message, ...this.location };
  }
}

export function isGlidepathError(e: unknown): e is GlidepathError {
  return e instanceof GlidepathError;
}
