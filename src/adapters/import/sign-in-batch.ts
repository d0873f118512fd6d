// The sign-ins of one import batch: authentication details joined to their sign-ins, the raw-retention
// boundary moved forward as newer sign-ins are read, and the per-file ingest into the workspace log.

import type { AuthenticationDetail, SignIn } from "../../core/model/index.js";
import { RAW_SIGN_IN_DAYS, type SignInIngest, type WorkspaceStore } from "../store/index.js";

const DAY = 86_400_000;

const keepFrom = (newest: string) => new Date(Date.parse(newest) - RAW_SIGN_IN_DAYS * DAY).toISOString();

/**
 * The batch-wide sign-in state. INVARIANT: `keepRawSince` is RAW_SIGN_IN_DAYS before the newest sign-in
 * seen (in the workspace or this batch); rows ingested before a newer time was known are pruned at the end.
 */
export class SignInBatch {
  readonly stats = { inserted: 0, duplicates: 0 };
  /** Authentication details (from auth-details CSVs) waiting for their sign-in, by request id. */
  readonly authDetails = new Map<string, AuthenticationDetail[]>();
  /** The newest sign-in time the workspace held before the batch. */
  readonly prevNewest: string | null;
  newest: string | null;
  oldest: string | null = null;
  keepRawSince: string | undefined;
  private ingest: SignInIngest | null = null;

  constructor(private readonly store: WorkspaceStore) {
    this.prevNewest = store.newestSignInTime();
    this.newest = this.prevNewest;
    this.keepRawSince = this.prevNewest ? keepFrom(this.prevNewest) : undefined;
  }

  /**
   * Ingest one sign-in of the current file; returns false for a duplicate. `indexOnly`: written by
   * 'glidepath export' from the index, whose raw row was not retained; it is not kept now either.
   */
  add(s: SignIn, indexOnly: boolean): boolean {
    if (!s.authenticationDetails && this.authDetails.size > 0) {
      const d = this.authDetails.get(s.id);
      if (d) {
        (s as { authenticationDetails?: AuthenticationDetail[] }).authenticationDetails = d;
        this.authDetails.delete(s.id);
      }
    }
    if (!this.newest || s.createdDateTime > this.newest) {
      this.newest = s.createdDateTime;
      this.keepRawSince = keepFrom(this.newest);
      this.ingest?.keepRawFrom(this.keepRawSince);
    }
    if (!this.oldest || s.createdDateTime < this.oldest) this.oldest = s.createdDateTime;
    this.ingest ??= this.store.signInIngest({ keepRawSince: this.keepRawSince });
    return this.ingest.add(s, indexOnly ? "never" : "by-rule");
  }

  /** The current file is kept: derive its patterns and count its rows. */
  keepFile(details: ReadonlyMap<string, AuthenticationDetail[]>): void {
    const ing = this.ingest;
    if (ing) {
      ing.flush();
      this.stats.inserted += ing.stats.inserted;
      this.stats.duplicates += ing.stats.duplicates;
    }
    this.ingest = null;
    for (const [k, v] of details) {
      const l = this.authDetails.get(k);
      this.authDetails.set(k, l ? [...l, ...v] : v);
    }
  }

  /** The current file was rolled back (its savepoint undid the rows). */
  dropFile(): void {
    this.ingest = null;
  }

  /** Attach details whose sign-ins came earlier to the retained rows in the workspace. */
  attachLateDetails(): void {
    for (const [id, details] of this.authDetails) {
      const found = this.store.updateRetainedSignIn(id, (s) =>
        s.authenticationDetails ? null : { ...s, authenticationDetails: details },
      );
      if (found) this.authDetails.delete(id);
    }
  }

  /** Drop raw JSON kept by rows ingested before the newest time was known; returns how many. */
  pruneRaw(): number {
    const oldest = this.oldest;
    if (this.keepRawSince && oldest && oldest < this.keepRawSince) {
      return this.store.pruneRawSignIns(oldest, this.keepRawSince);
    }
    return 0;
  }
}
