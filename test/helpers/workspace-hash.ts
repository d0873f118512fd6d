// The workspace's bytes as one SHA-256: proves a rejected command wrote nothing. Taken with the store
// closed (closing checkpoints the write-ahead log into the database file and removes it).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WORKSPACE_FILE } from "../../src/adapters/store/index.js";

/** SHA-256 of the workspace database in `dir` (and of its write-ahead log, should one be left). */
export function workspaceHash(dir: string): string {
  const db = join(dir, WORKSPACE_FILE);
  assert.ok(existsSync(db), `no workspace database at ${db}`);
  const h = createHash("sha256").update(readFileSync(db));
  if (existsSync(`${db}-wal`)) h.update(readFileSync(`${db}-wal`));
  return h.digest("hex");
}
