// Diagnostics: the Issues core code returns instead of throwing (docs/design.md#rule-8), and the Result that
// carries them. The boundary (cli, import) turns them into coded one-line messages.

import type { Issue, IssueSeverity } from "./issue.js";

/** Kept as a name for the engine's issues; the same type as Issue (code, severity, message, location). */
export type DiagnosticSeverity = IssueSeverity;

/** An Issue found by core code, e.g. `policy.unknown-enum` at `conditions.users.includeRoles[0]`. */
export type Diagnostic = Issue;

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
