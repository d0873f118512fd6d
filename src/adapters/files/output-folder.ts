// Writing files into a folder the user named, safely: a non-empty folder is refused unless forced, a
// symbolic link is never followed, and each file appears whole (written beside it, then renamed over it).

import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { GlidepathError } from "../../core/model/errors.js";

/**
 * Make `dir` ready to receive files. Refuses (exit 3) a symbolic link, a file, and a non-empty folder unless
 * `force`; creates a missing folder. `what` names the option in messages, e.g. `--to`.
 */
export function prepareOutputFolder(dir: string, opts: { force: boolean; what: string; forceHint: string }): void {
  let st: ReturnType<typeof lstatSync> | null = null;
  try {
    st = lstatSync(dir);
  } catch {
    st = null;
  }
  if (st?.isSymbolicLink()) {
    throw new GlidepathError(
      "output.symlink",
      `${opts.what} ${dir} is a symbolic link; Glidepath does not write through links`,
      "name the real folder instead",
      "refused",
    );
  }
  if (st && !st.isDirectory()) {
    throw new GlidepathError(
      "output.not-dir",
      `${opts.what} ${dir} is a file, not a folder`,
      "name a folder",
      "refused",
    );
  }
  if (st && readdirSync(dir).length > 0 && !opts.force) {
    throw new GlidepathError("output.not-empty", `${opts.what} ${dir} is not empty`, opts.forceHint, "refused");
  }
  if (!st) mkdirSync(dir, { recursive: true });
}

/**
 * A file written beside its final name and renamed over it on {@link AtomicFile.commit}: a reader never sees
 * half a file, and a symbolic link planted at the final name is replaced, not followed.
 */
export class AtomicFile {
  private fd: number | null;
  private readonly tmp: string;

  constructor(readonly path: string) {
    // INVARIANT: 'wx' creates a new file and fails on anything already there, a symbolic link included.
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    this.fd = openSync(this.tmp, "wx", 0o644);
  }

  write(text: string | Uint8Array): void {
    if (this.fd === null) throw new Error(`AtomicFile ${this.path} is already closed`);
    const b = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
  }

  /** Flush and move the file into place. */
  commit(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tmp, this.path);
  }

  /** Drop the partial file (after a failure). */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (existsSync(this.tmp)) unlinkSync(this.tmp);
  }
}
