// One file of an import batch, in its own savepoint: open and decode it, tell JSON from CSV (and small
// from streamed), read its records, and keep its work — or roll the file back alone and say why.

import type { AuthenticationDetail, SignIn } from "../../core/model/index.js";
import type { WorkspaceStore } from "../store/index.js";
import { type Accumulator, mergeAccumulator, newAccumulator } from "./compose.js";
import { readCsvFile } from "./csv-file.js";
import { openText } from "./decode.js";
import { CLOCK_SKEW_MS, type FileReader } from "./file-reader.js";
import { type FileSummary, issueRecorder, markRejected, newFileSummary, strictError } from "./file-summary.js";
import { FileIgnored, FileRejected, type ImportIssue } from "./issues.js";
import { readJsonFile } from "./json-file.js";
import type { ImportKind } from "./kinds.js";
import { timeOf } from "./map-record.js";
import type { SignInBatch } from "./sign-in-batch.js";

/** What every file of a batch shares. */
export interface BatchContext {
  readonly store: WorkspaceStore;
  readonly signIns: SignInBatch;
  /** The directory and configuration records of the files kept so far. */
  readonly acc: Accumulator;
  readonly forced: ImportKind | null;
  readonly strict: boolean;
  readonly maxErrors: number;
  /** Texts up to this many characters are parsed whole. */
  readonly smallChars: number;
  /**
   * Latest record time accepted (ms): the import's `now` plus {@link CLOCK_SKEW_MS}. INVARIANT: a record
   * dated later is refused with its file:line and never moves a window, the capture time or retention.
   */
  readonly notAfter: number;
  readonly onProgress?: (bytes: number, records: number) => void;
  /** Bytes of the files done, and records seen, over the batch. */
  readonly progress: { bytesDone: number; recordsSeen: number };
}

/** The head of a file: enough text to tell JSON from CSV, and for JSON whether it is small. */
async function readHead(
  it: AsyncIterator<string>,
  small: number,
): Promise<{ head: { text: string }; complete: boolean }> {
  let prefix = "";
  let done = false;
  // One chunk tells JSON from CSV; only JSON needs the longer prefix (small files parse whole).
  const firstChunk = await it.next();
  if (firstChunk.done) done = true;
  else prefix = firstChunk.value;
  const looksJson = /^\s*[[{]/.test(prefix);
  while (!done && looksJson && prefix.length < small) {
    const n = await it.next();
    if (n.done) {
      done = true;
      break;
    }
    prefix += n.value;
  }
  return { head: { text: prefix }, complete: done };
}

/** Import file `path` into the open transaction; returns its summary (rejected files included). */
export async function importFile(b: BatchContext, path: string): Promise<FileSummary> {
  const summary = newFileSummary(path, b.forced);
  const acc = newAccumulator();
  const authDetails = new Map<string, AuthenticationDetail[]>();
  b.store.savepoint("import_file");
  let input: Awaited<ReturnType<typeof openText>> | null = null;
  try {
    const opened = await openText(path);
    input = opened;
    summary.encoding = opened.encoding;
    summary.gzip = opened.gzip;
    const it = opened.chunks[Symbol.asyncIterator]();
    const { head, complete } = await readHead(it, b.smallChars);
    const first = head.text.trimStart()[0];
    if (first === undefined) throw new FileRejected("import.empty", "the file is empty");
    const reader: FileReader = {
      path,
      forced: b.forced,
      summary,
      issue: issueRecorder(summary, b.strict, b.maxErrors),
      report: () => b.onProgress?.(b.progress.bytesDone + opened.bytesRead(), b.progress.recordsSeen),
      authDetails,
      sink: (kind, value, indexOnly = false) => {
        b.progress.recordsSeen++;
        const t = timeOf(kind, value);
        if (t && Date.parse(t) > b.notAfter) {
          return `dated ${t}, after the time of this import (${new Date(b.notAfter - CLOCK_SKEW_MS).toISOString()}): a record from the future is not used`;
        }
        if (kind === "sign-ins") {
          if (b.signIns.add(value as SignIn, indexOnly)) summary.imported++;
          else summary.duplicates++;
        } else {
          acc.add(kind, value);
          summary.imported++;
        }
        summary.kinds[kind] = (summary.kinds[kind] ?? 0) + 1;
        if (t && (!acc.newest || t > acc.newest)) acc.newest = t;
        return null;
      },
    };
    if (first === "{" || first === "[") await readJsonFile(reader, acc, head, complete, it);
    else if (first === "<") {
      throw new FileRejected(
        "import.unknown-shape",
        "an XML document (Graph metadata?), not an export Glidepath imports",
        1,
        1,
      );
    } else await readCsvFile(reader, head, it);
    // The file is complete: keep its work.
    b.signIns.keepFile(authDetails);
    mergeAccumulator(b.acc, acc);
    b.progress.bytesDone += opened.bytesRead();
    b.store.releaseSavepoint("import_file");
    if (summary.skipped > 0) summary.status = "partial";
    if (summary.kind === null) summary.kind = (Object.keys(summary.kinds)[0] as ImportKind | undefined) ?? null;
  } catch (e) {
    await input?.close();
    b.store.rollbackToSavepoint("import_file");
    b.signIns.dropFile();
    if (e instanceof FileIgnored) {
      summary.status = "ignored";
      summary.note = e.message;
      if (e.tenant) b.acc.tenant = { ...e.tenant, ...(b.acc.tenant ?? {}) };
      return summary;
    }
    if (!(e instanceof FileRejected)) throw e;
    const i: ImportIssue = {
      file: path,
      line: e.line,
      column: e.column,
      code: e.code,
      message: e.message,
      severity: "error",
    };
    if (b.strict) throw strictError(i);
    markRejected(summary, i, b.maxErrors, e.unread);
  }
  return summary;
}
