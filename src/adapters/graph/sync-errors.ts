// Graph failures as the sync reports them: one coded, one-line error per failed slice naming the endpoint
// and the permission or fix (never a token), the interrupted-sync error, and the expired-delta test.

import { GlidepathError } from "../../core/model/errors.js";
import { describeFailure } from "./client.js";
import type { SliceDef } from "./collections.js";

/** The sync was aborted (by the caller or by a failing slice); it resumes when run again. */
export function abortedError(): GlidepathError {
  return new GlidepathError(
    "sync.interrupted",
    "the sync was interrupted; the previous snapshot is unchanged",
    "run 'glidepath sync' again with the same options: it resumes from the last page it saved",
  );
}

/** A one-line error naming the endpoint and the permission or fix. Never includes tokens or secrets. */
export function sliceError(slice: SliceDef, e: unknown): GlidepathError {
  if (e instanceof GlidepathError) return e;
  const f = describeFailure(e);
  const endpoint = `GET /${slice.version}${slice.path}`;
  if (f.kind === "aborted") return abortedError();
  if (f.kind === "malformed") {
    return new GlidepathError(
      "graph.malformed",
      `${endpoint} returned a malformed page (${f.message}); the previous snapshot is unchanged`,
      "run 'glidepath sync' again: it resumes from the last good page; report it if it persists",
    );
  }
  if (f.kind === "network") {
    return new GlidepathError(
      "graph.unreachable",
      `${endpoint} failed after retries: ${f.message}; the previous snapshot is unchanged`,
      "check the network (or that the simulator is running) and run 'glidepath sync' again: it resumes",
    );
  }
  if (f.status === 401) {
    return new GlidepathError(
      "graph.unauthorized",
      `${endpoint} answered 401 ${f.code ?? ""}: the access token is expired or invalid; the previous snapshot is unchanged`,
      "sign in again with 'glidepath connect', then run 'glidepath sync' (it resumes)",
    );
  }
  if (f.status === 403) {
    const licence = slice.permission === "AuditLog.Read.All" ? " (reports also need Entra ID P1)" : "";
    return new GlidepathError(
      "graph.forbidden",
      `${endpoint} answered 403 ${f.code ?? ""}: missing permission ${slice.permission}${licence}; the previous snapshot is unchanged`,
      `grant ${slice.permission} to the app registration with admin consent ('glidepath connect --permissions' lists all), or leave '${slice.collection}' out with --only`,
    );
  }
  return new GlidepathError(
    "graph.failed",
    `${endpoint} answered ${f.status} ${f.code ?? ""}: ${f.message}; the previous snapshot is unchanged`,
    f.status >= 500 || f.status === 429
      ? "Graph is unavailable or throttling; run 'glidepath sync' again later (it resumes)"
      : "this request is rejected by Graph; report it with the message above",
  );
}

/** A page Graph answered that is not a page (`problem` says why). */
export function malformedPage(slice: SliceDef, problem: string): GlidepathError {
  return new GlidepathError(
    "graph.malformed",
    `GET /${slice.version}${slice.path} returned a malformed page (${problem}); the previous snapshot is unchanged`,
    "run 'glidepath sync' again: it resumes from the last good page; report it if it persists",
  );
}

/** Graph's answer to a delta link it no longer honours: 410 Gone, or 400 syncStateNotFound / resyncRequired. */
export function isExpiredDelta(e: unknown): boolean {
  const f = describeFailure(e);
  const code = (f.code ?? "").toLowerCase();
  return f.status === 410 || code === "syncstatenotfound" || code === "resyncrequired";
}
