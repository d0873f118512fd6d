// What a format reader (csv-file.ts, json-file.ts) is handed for one file: where records go, where
// problems are recorded, and the file's summary. Readers map and validate; they never touch the store.

import type { AuthenticationDetail } from "../../core/model/index.js";
import type { FileSummary, IssueInput } from "./file-summary.js";
import type { ImportKind } from "./kinds.js";

/** Receives each mapped record; `indexOnly` marks a sign-in exported from the index (no raw JSON). */
/**
 * Takes one mapped record; returns null when it is kept, or why it is refused (the reader reports that
 * with the record's file:line as an `import.future-time` issue).
 */
export type RecordSink = (kind: ImportKind, value: unknown, indexOnly?: boolean) => string | null;

/** How far past the import's own clock a record time may be (clock skew between systems), in ms. */
export const CLOCK_SKEW_MS = 15 * 60_000;

/** One file being read. */
export interface FileReader {
  readonly path: string;
  /** The kind forced with --kind, else null (detected from content). */
  readonly forced: ImportKind | null;
  readonly summary: FileSummary;
  readonly issue: (i: IssueInput) => void;
  readonly sink: RecordSink;
  /** Report progress (bytes read so far). */
  readonly report: () => void;
  /** Authentication details this file holds, by request id (joined to sign-ins once the file is kept). */
  readonly authDetails: Map<string, AuthenticationDetail[]>;
}
