// The process exit code of each exit-code class (docs/design.md#rule-11). Core and app name a class
// (ExitName); only the CLI turns it into a number, so scripts can rely on these values.

import type { ExitName } from "../core/model/errors.js";

/** Named process exit codes. */
export const EXIT: Readonly<Record<ExitName, number>> = {
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
};
