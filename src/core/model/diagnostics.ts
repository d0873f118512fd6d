// Diagnostics: tagged values that core code returns instead of throwing (DESIGN rule 8).
// The boundary (cli, import) turns them into coded one-line messages.

export type DiagnosticSeverity = "error" | "warning" | "info";

export interface Diagnostic {
  /** Stable machine code, e.g. `policy.unknown-enum`, `filter.syntax`. */
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  /** JSON path of the offending field, e.g. `conditions.devices.deviceFilter.rule`. */
  readonly path?: string;
  readonly policyId?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A value or the diagnostics that prevented it. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly ok: false;
      readonly diagnostics: readonly Diagnostic[];
    };

export function ok<T>(value: T, diagnostics: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, diagnostics };
}

export function fail<T>(diagnostics: readonly Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}
