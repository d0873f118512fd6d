// The one error type that crosses layer boundaries: a stable code, a one-line message naming the input,
// and a remedy. Adapters and use cases throw it for bad input; the CLI prints it without a stack trace.
// Core code returns Diagnostics instead (DESIGN rule 8); a plain Error anywhere means a bug.

/** Named process exit codes (DESIGN rule 11). */
export const EXIT = {
  /** Done; nothing to report. */
  ok: 0,
  /** Done; findings the caller must act on (e.g. blockers, a failed proof). */
  findings: 1,
  /** Bad input, a broken workspace, or an unexpected failure. */
  error: 2,
  /** A safety rule refused the action; nothing was changed. */
  refused: 3,
  /** Done in part: some records were skipped (import without --strict). */
  partial: 4,
} as const;

export type ExitName = keyof typeof EXIT;

export class GlidepathError extends Error {
  /** Stable code, e.g. `workspace.missing`, `import.parse`. */
  readonly code: string;
  /** What the user should do about it, one sentence. */
  readonly remedy: string;
  readonly exit: ExitName;

  constructor(code: string, message: string, remedy: string, exit: ExitName = "error") {
    super(message);
    this.name = "GlidepathError";
    this.code = code;
    this.remedy = remedy;
    this.exit = exit;
  }
}

export function isGlidepathError(e: unknown): e is GlidepathError {
  return e instanceof GlidepathError;
}
