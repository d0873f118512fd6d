// The import engine: reads a batch of export files into the workspace inside ONE transaction. Each file
// runs in its own savepoint, so a file broken as a whole is rolled back alone and the rest lands; bad
// records are skipped and reported with file:line[:column]; --strict turns the first problem into a
// failure of the whole batch. Sign-ins stream into the workspace sign-in log (dedup by id, aggregated
// into access patterns); directory and configuration records build the next snapshot.

import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Diagnostic, Result } from "../../core/model/diagnostics.js";
import {
  type AccessPattern,
  type AuthenticationDetail,
  type CollectionName,
  GlidepathError,
  type GroupMember,
  type SignIn,
  type SnapshotMeta,
  type TenantSnapshot,
} from "../../core/model/index.js";
import {
  isObj,
  mapAuthenticationMethod,
  mapAuthenticationMethodsPolicy,
  mapAuthenticationStrength,
  mapDirectoryAudit,
  mapGroup,
  mapNamedLocation,
  mapPolicy,
  mapRegistration,
  mapRoleAssignment,
  mapRoleDefinition,
  mapRoom,
  mapSecurityDefaults,
  mapServicePrincipal,
  mapSignIn,
  mapSubscribedSku,
  mapUser,
  normalizeKeys,
} from "../graph/to-model/index.js";
import { RAW_SIGN_IN_DAYS, type SignInIngest, type WorkspaceStore } from "../store/index.js";
import { type Accumulator, composeSnapshot, markPresent, mergeAccumulator, newAccumulator } from "./compose.js";
import {
  Columns,
  type CsvShape,
  detectCsv,
  laAudit,
  laSignIn,
  listColumnNames,
  listRow,
  missingColumns,
  portalAuthDetail,
  portalGroupExtras,
  portalSignIn,
  type RowResult,
} from "./csv-records.js";
import { type CsvRow, CsvScanner } from "./csv-stream.js";
import { openText } from "./decode.js";
import { INDEX_ONLY } from "./export.js";
import { FileIgnored, FileRejected, formatIssue, type ImportIssue } from "./issues.js";
import { type JsonGroup, largeJson, SMALL_CHARS, smallJson } from "./json-source.js";
import { type ImportKind, kindOfRecord } from "./kinds.js";
import { resolvePolicyReferences, type UnresolvedReference } from "./resolve-refs.js";

export interface ImportOptions {
  /** Force the kind of every file (default: detect from content). */
  readonly kind?: ImportKind | "auto";
  /** Stop at the first bad record or file and write nothing. */
  readonly strict?: boolean;
  /** The current time (ISO), used when no record carries a time. */
  readonly now: string;
  /** Errors listed per file in the summary (all are counted). */
  readonly maxErrorsPerFile?: number;
  /** Called now and then with bytes read and records seen. */
  readonly onProgress?: (bytes: number, records: number) => void;
  /** Texts up to this many characters are parsed whole, longer ones stream (tests lower it). */
  readonly smallChars?: number;
}

export interface FileSummary {
  readonly path: string;
  kind: ImportKind | null;
  /** Records imported per kind (a tenant export can hold several). */
  readonly kinds: Partial<Record<ImportKind, number>>;
  imported: number;
  skipped: number;
  /** Sign-ins already in the workspace (same id): not imported again, not an error. */
  duplicates: number;
  /** ignored: a known non-data file (the simulator's manifest or ground truth), see `note`. */
  status: "imported" | "partial" | "rejected" | "ignored";
  note?: string;
  /** The file as a whole could not be read (broken JSON, unknown shape, bad encoding, truncated). */
  broken: boolean;
  format?: "json" | "ndjson" | "csv";
  encoding?: string;
  gzip?: boolean;
  readonly errors: ImportIssue[];
  errorsOmitted: number;
}

export interface ImportOutcome {
  readonly files: FileSummary[];
  readonly totals: Partial<Record<ImportKind, { imported: number; skipped: number }>>;
  /** The snapshot written (or the latest one when nothing changed), null when nothing was imported. */
  readonly snapshotId: number | null;
  /** True when the batch held nothing the workspace did not already have (no snapshot was written). */
  readonly unchanged: boolean;
  readonly signIns: { inserted: number; duplicates: number; keepRawSince: string | null; rawPruned: number };
  readonly references: { resolved: number; unresolved: UnresolvedReference[] };
  readonly present: CollectionName[];
}

/** Expand folders (recursively, sorted) into files; hidden files are skipped. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      out.push(p); // reported as unreadable by the importer
      return;
    }
    if (st.isDirectory()) {
      for (const n of readdirSync(p).sort()) if (!n.startsWith(".")) walk(join(p, n));
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

const DAY = 86_400_000;

function strictError(i: ImportIssue): GlidepathError {
  return new GlidepathError(
    "import.strict",
    formatIssue(i),
    "fix or remove the record (or drop --strict to skip bad records and import the rest); nothing was written",
    "error",
    { file: i.file, line: i.line, column: i.column },
  );
}

function mapByKind(kind: ImportKind, raw: unknown, context: string | null, file = ""): Result<unknown> {
  switch (kind) {
    case "policies":
      return mapPolicy(raw);
    case "named-locations":
      return mapNamedLocation(raw);
    case "sign-ins":
      return mapSignIn(raw);
    case "registrations":
      return mapRegistration(raw);
    case "users":
      return mapUser(raw);
    case "groups":
      return mapGroup(raw);
    case "audits":
      return mapDirectoryAudit(raw);
    case "authentication-strengths":
      return mapAuthenticationStrength(raw);
    case "authentication-methods-policy":
      return mapAuthenticationMethodsPolicy(raw);
    case "security-defaults":
      return mapSecurityDefaults(raw);
    case "role-definitions":
      return mapRoleDefinition(raw);
    case "role-assignments": {
      const t =
        isObj(raw) && (raw.assignmentType === "eligible" || /Eligibility/i.test(context ?? "")) ? "eligible" : "active";
      return mapRoleAssignment(raw, t);
    }
    case "service-principals":
      return mapServicePrincipal(raw);
    case "subscribed-skus":
      return mapSubscribedSku(raw);
    case "rooms":
      return mapRoom(raw);
    case "authentication-methods": {
      const fromCtx = /users\('([^']+)'\)/.exec(context ?? "")?.[1];
      const uid = isObj(raw) && typeof raw.userId === "string" ? raw.userId : (fromCtx ?? "");
      return mapAuthenticationMethod(uid, raw);
    }
    case "group-members": {
      // Graph's /groups/{id}/members pages (context #directoryObjects) name the group only in the
      // request: in the context, or in the path of a Graph-mirror folder (the simulator's layout).
      const gid =
        /groups\('([^']+)'\)\/members/.exec(context ?? "")?.[1] ??
        /groups[\\/]([0-9a-f-]{36})[\\/]members/i.exec(file)?.[1] ??
        null;
      if (isObj(raw) && raw.groupId === undefined && gid) {
        const t = typeof raw["@odata.type"] === "string" ? (raw["@odata.type"] as string) : undefined;
        return mapGroupMember({ groupId: gid, memberId: raw.memberId ?? raw.id, memberType: raw.memberType ?? t });
      }
      return mapGroupMember(raw);
    }
    case "access-patterns":
      return mapAccessPattern(raw);
    case "tenant":
      return mapTenant(raw);
    case "authentication-details":
      return { ok: false, diagnostics: [missing("authenticationDetail", "Request ID")] };
  }
}

function missing(kind: string, field: string): Diagnostic {
  return { code: "graph.missing-field", severity: "error", message: `${kind}: '${field}' is missing`, path: field };
}

function mapGroupMember(raw: unknown): Result<GroupMember> {
  const o = isObj(raw) ? raw : {};
  const d: Diagnostic[] = [];
  if (typeof o.groupId !== "string" || !o.groupId) d.push(missing("groupMember", "groupId"));
  if (typeof o.memberId !== "string" || !o.memberId) d.push(missing("groupMember", "memberId"));
  if (d.length) return { ok: false, diagnostics: d };
  const t = typeof o.memberType === "string" ? o.memberType.replace(/^#?microsoft\.graph\./, "") : "user";
  const memberType = (
    ["user", "group", "servicePrincipal", "device"].includes(t) ? t : "user"
  ) as GroupMember["memberType"];
  return {
    ok: true,
    value: { groupId: o.groupId as string, memberId: o.memberId as string, memberType },
    diagnostics: [],
  };
}

function mapAccessPattern(raw: unknown): Result<AccessPattern> {
  const o = isObj(raw) ? raw : {};
  const d: Diagnostic[] = [];
  for (const k of ["userId", "signInEventType", "appId", "firstSeen", "lastSeen"])
    if (typeof o[k] !== "string") d.push(missing("accessPattern", k));
  for (const k of ["count", "successCount", "failureCount", "interruptCount", "mfaCount"])
    if (typeof o[k] !== "number") d.push(missing("accessPattern", k));
  if (d.length) return { ok: false, diagnostics: d };
  return { ok: true, value: o as unknown as AccessPattern, diagnostics: [] };
}

function mapTenant(raw: unknown): Result<Partial<SnapshotMeta>> {
  const o = isObj(raw) ? raw : {};
  if (typeof o.tenantId !== "string") return { ok: false, diagnostics: [missing("tenant", "tenantId")] };
  const { "@odata.context": _c, ...rest } = o;
  return { ok: true, value: rest as Partial<SnapshotMeta>, diagnostics: [] };
}

function timeOf(kind: ImportKind, v: unknown): string | null {
  const o = v as Record<string, unknown>;
  const t =
    kind === "sign-ins"
      ? o.createdDateTime
      : kind === "audits"
        ? o.activityDateTime
        : kind === "registrations"
          ? o.lastUpdatedDateTime
          : kind === "policies" || kind === "named-locations"
            ? (o.modifiedDateTime ?? o.createdDateTime)
            : null;
  return typeof t === "string" ? t : null;
}

/** Run one import batch against an open store. The caller owns nothing: this begins and commits or rolls back. */
export async function importBatch(
  store: WorkspaceStore,
  paths: readonly string[],
  opts: ImportOptions,
): Promise<ImportOutcome> {
  const files = expandPaths(paths);
  const maxErrors = opts.maxErrorsPerFile ?? 50;
  const forced = opts.kind && opts.kind !== "auto" ? opts.kind : null;

  // Pre-pass: auth-details CSVs first (they enrich the sign-ins that follow).
  const sniffed = await Promise.all(files.map((f) => sniff(f)));
  const order = files
    .map((f, i) => ({ f, s: sniffed[i] as Sniff }))
    .sort((a, b) => Number(b.s.authDetails) - Number(a.s.authDetails));

  // The directory and configuration only: `since` in the far future skips the access patterns, which
  // can be gigabytes in a large workspace and live in the workspace log, not the snapshot.
  const base = await store.loadSnapshot(undefined, { signIns: "none", since: "9999" }).catch((e) => {
    if (e instanceof GlidepathError && e.code === "workspace.empty") return null;
    throw e;
  });
  const prevNewest = store.newestSignInTime();
  let newest = prevNewest;
  const keepOpts: { keepRawSince?: string } = {
    keepRawSince: prevNewest ? new Date(Date.parse(prevNewest) - RAW_SIGN_IN_DAYS * DAY).toISOString() : undefined,
  };
  let oldestIngested: string | null = null;
  const authDetails = new Map<string, AuthenticationDetail[]>();
  const batchAcc = newAccumulator();
  const summaries: FileSummary[] = [];
  const stats = { inserted: 0, duplicates: 0 };
  let bytesDone = 0;
  let recordsSeen = 0;

  // The patterns are re-derived with a GROUP BY over every sign-in of the touched users; with the
  // store's in-memory temp store, that sort grows with the file. For the import, temp data (the sort,
  // the savepoint journals) spill to temp files instead, so peak memory stays bounded.
  // (Changing temp_store drops temp tables: done before the transaction, none hold data then.)
  const tempStore = store.sqlite.pragma("temp_store", { simple: true }) as number;
  store.sqlite.pragma("temp_store = file");
  // A 64 MiB page cache (the workspace default is 256 MiB, for loading 100,000-user tenants): an import
  // must stay under 600 MB whatever the file size, and the sign-in id index of a 1.7 million-row file fits.
  const restoreCache = store.limitPageCache(64);
  const restorePragmas = () => {
    try {
      store.sqlite.pragma(`temp_store = ${tempStore}`);
      restoreCache();
    } catch {
      // still inside a failed transaction: the connection is closed by the caller anyway
    }
  };
  store.begin();
  try {
    for (const { f } of order) {
      const summary: FileSummary = {
        path: f,
        kind: forced,
        kinds: {},
        imported: 0,
        skipped: 0,
        duplicates: 0,
        status: "imported",
        broken: false,
        errors: [],
        errorsOmitted: 0,
      };
      summaries.push(summary);
      const issue = (i: Omit<ImportIssue, "file" | "severity"> & { severity?: ImportIssue["severity"] }) => {
        const full: ImportIssue = { file: f, severity: "error", ...i };
        if (opts.strict && full.severity === "error") throw strictError(full);
        if (full.severity === "error") summary.skipped++;
        if (summary.errors.length < maxErrors) summary.errors.push(full);
        else summary.errorsOmitted++;
      };
      const acc = newAccumulator();
      let ingest: SignInIngest | null = null;
      const pendingAuth = new Map<string, AuthenticationDetail[]>();
      store.savepoint("import_file");
      let input: Awaited<ReturnType<typeof openText>> | null = null;
      try {
        const opened = await openText(f);
        input = opened;
        summary.encoding = opened.encoding;
        summary.gzip = opened.gzip;
        const it = opened.chunks[Symbol.asyncIterator]();
        // Read a prefix to decide JSON vs CSV and small vs streamed.
        let prefix = "";
        let done = false;
        const small = opts.smallChars ?? SMALL_CHARS;
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
        const report = () => {
          const b = opened.bytesRead();
          opts.onProgress?.(bytesDone + b, recordsSeen);
        };
        const first = prefix.trimStart()[0];
        if (first === undefined) throw new FileRejected("import.empty", "the file is empty");

        const sink = (kind: ImportKind, value: unknown, line: number, column: number, indexOnly = false) => {
          recordsSeen++;
          if (kind === "sign-ins") {
            const s = value as SignIn;
            if (!s.authenticationDetails && authDetails.size > 0) {
              const d = authDetails.get(s.id);
              if (d) {
                (s as { authenticationDetails?: AuthenticationDetail[] }).authenticationDetails = d;
                authDetails.delete(s.id);
              }
            }
            if (!newest || s.createdDateTime > newest) {
              newest = s.createdDateTime;
              keepOpts.keepRawSince = new Date(Date.parse(newest) - RAW_SIGN_IN_DAYS * DAY).toISOString();
            }
            if (!oldestIngested || s.createdDateTime < oldestIngested) oldestIngested = s.createdDateTime;
            if (!ingest) ingest = store.signInIngest(keepOpts);
            let added: boolean;
            if (indexOnly) {
              // Written by 'glidepath export' from the index: the raw row was not retained, keep it that way.
              const keep = keepOpts.keepRawSince;
              keepOpts.keepRawSince = "9999";
              added = ingest.add(s);
              keepOpts.keepRawSince = keep;
            } else added = ingest.add(s);
            if (!added) summary.duplicates++;
            else summary.imported++;
          } else {
            acc.add(kind, value);
            summary.imported++;
          }
          summary.kinds[kind] = (summary.kinds[kind] ?? 0) + 1;
          const t = timeOf(kind, value);
          if (t && (!acc.newest || t > acc.newest)) acc.newest = t;
          void line;
          void column;
        };

        if (first === "{" || first === "[") {
          const src = done ? smallJson(prefix) : largeJson(prefix, it);
          prefix = "";
          summary.format = src.format;
          const ignored: string[] = [];
          let emptyPages = 0;
          for (const g of src.groups) {
            const seen = await readJsonGroup(ignored, g, forced, summary, sink, issue, report);
            const k = forced ?? g.hint;
            if (seen === 0 && k) {
              // An empty page of a known collection: captured, and empty.
              markPresent(acc, k);
              summary.kind ??= k;
              emptyPages++;
            }
          }
          if (summary.imported === 0 && summary.skipped === 0 && summary.duplicates === 0 && emptyPages === 0) {
            throw new FileRejected("import.unknown-shape", ignored[0] ?? "the file holds no records", 1, 1);
          }
        } else if (first === "<") {
          throw new FileRejected(
            "import.unknown-shape",
            "an XML document (Graph metadata?), not an export Glidepath imports",
            1,
            1,
          );
        } else {
          summary.format = "csv";
          const csv = new CsvScanner();
          let cols: Columns | null = null;
          let shape: CsvShape | null = null;
          let names: (string | null)[] = [];
          const rows: CsvRow[] = [];
          const onRows = () => {
            for (const r of rows) {
              if (!cols) {
                cols = new Columns(r.fields);
                shape = detectCsv(cols, basename(f));
                if (!shape && forced) shape = forcedCsvShape(forced);
                if (!shape) {
                  const shown = r.fields
                    .slice(0, 6)
                    .map((h) => h.trim())
                    .join(", ");
                  throw new FileRejected(
                    "import.unknown-shape",
                    `not a recognised export: the header (${shown}${r.fields.length > 6 ? ", ..." : ""}) matches no sign-in, audit, user, group or registration download`,
                    r.line,
                  );
                }
                if (forced && shape.kind !== forced && !(forced === "groups" && shape.kind === "group-members")) {
                  throw new FileRejected(
                    "import.kind-mismatch",
                    `--kind ${forced} was given but the header is that of a ${shape.kind} export`,
                    r.line,
                  );
                }
                const miss = missingColumns(cols, shape);
                if (miss.length) {
                  throw new FileRejected(
                    "import.missing-column",
                    `the ${shape.kind} export lacks the column${miss.length > 1 ? "s" : ""} ${miss.map((m) => `'${m}'`).join(", ")}`,
                    r.line,
                  );
                }
                summary.kind = shape.kind;
                names = listColumnNames(cols);
                continue;
              }
              const c = cols as Columns;
              const sh = shape as CsvShape;
              if (r.fields.length !== c.headers.length) {
                issue({
                  line: r.line,
                  code: "import.csv-columns",
                  message: `the row has ${r.fields.length} field${r.fields.length === 1 ? "" : "s"}, the header ${c.headers.length}`,
                });
                continue;
              }
              let res: RowResult<unknown>;
              switch (sh.variant) {
                case "portal-sign-ins":
                  res = portalSignIn(c, r.fields, sh.eventType ?? "interactiveUser");
                  break;
                case "la-sign-ins":
                  res = laSignIn(c, r.fields);
                  break;
                case "la-audits":
                  res = laAudit(c, r.fields);
                  break;
                case "portal-auth-details": {
                  const d = portalAuthDetail(c, r.fields);
                  if (d.ok) {
                    const l = pendingAuth.get(d.value.requestId);
                    if (l) l.push(d.value.detail);
                    else pendingAuth.set(d.value.requestId, [d.value.detail]);
                    summary.imported++;
                    summary.kinds["authentication-details"] = (summary.kinds["authentication-details"] ?? 0) + 1;
                    continue;
                  }
                  res = d;
                  break;
                }
                default: {
                  const o = listRow(names, r.fields, sh.variant);
                  if (sh.variant === "groups") portalGroupExtras(c, r.fields, o);
                  const m = mapByKind(sh.kind, o, null);
                  res = m.ok
                    ? { ok: true, value: m.value }
                    : {
                        ok: false,
                        errors: m.diagnostics
                          .filter((d) => d.severity === "error")
                          .map((d) => ({ message: d.message, column: d.path })),
                      };
                }
              }
              if (!res.ok) {
                const colName = res.errors[0]?.column;
                const colIdx = colName ? c.pick(colName.toLowerCase().replace(/[^a-z0-9]/g, "")) : undefined;
                issue({
                  line: r.line,
                  column: colIdx !== undefined ? colIdx + 1 : undefined,
                  code: "import.record",
                  message: res.errors.map((e) => e.message).join("; "),
                });
                continue;
              }
              sink(sh.kind, res.value, r.line, 1);
            }
            rows.length = 0;
            report();
          };
          csv.push(prefix, rows);
          prefix = "";
          onRows();
          for (;;) {
            const n = await it.next();
            if (n.done) break;
            csv.push(n.value, rows);
            onRows();
          }
          csv.finish(rows);
          onRows();
          if (!cols) throw new FileRejected("import.empty", "the file holds no header row");
        }
        // The file is complete: keep its work.
        if (ingest) {
          const ing = ingest as SignInIngest;
          ing.flush();
          stats.inserted += ing.stats.inserted;
          stats.duplicates += ing.stats.duplicates;
        }
        for (const [k, v] of pendingAuth) {
          const l = authDetails.get(k);
          authDetails.set(k, l ? [...l, ...v] : v);
        }
        mergeAccumulator(batchAcc, acc);
        bytesDone += opened.bytesRead();
        store.releaseSavepoint("import_file");
        if (summary.skipped > 0) summary.status = "partial";
        if (summary.kind === null) summary.kind = (Object.keys(summary.kinds)[0] as ImportKind | undefined) ?? null;
      } catch (e) {
        await input?.close();
        store.rollbackToSavepoint("import_file");
        if (e instanceof FileIgnored) {
          summary.status = "ignored";
          summary.note = e.message;
          if (e.tenant) batchAcc.tenant = { ...e.tenant, ...(batchAcc.tenant ?? {}) };
          continue;
        }
        if (!(e instanceof FileRejected)) throw e;
        const i: ImportIssue = {
          file: f,
          line: e.line,
          column: e.column,
          code: e.code,
          message: e.message,
          severity: "error",
        };
        if (opts.strict) throw strictError(i);
        summary.errors.unshift(i);
        if (summary.errors.length > maxErrors) {
          summary.errors.pop();
          summary.errorsOmitted++;
        }
        summary.broken = true;
        summary.status = "rejected";
        summary.skipped += summary.imported;
        summary.imported = 0;
        summary.duplicates = 0;
        for (const k of Object.keys(summary.kinds)) delete summary.kinds[k as ImportKind];
      }
    }

    // Authentication details whose sign-ins came earlier: attach to the retained rows in the workspace.
    if (authDetails.size > 0) {
      for (const [id, details] of authDetails) {
        const found = store.updateRetainedSignIn(id, (s) =>
          s.authenticationDetails ? null : { ...s, authenticationDetails: details },
        );
        if (found) authDetails.delete(id);
      }
    }

    // Raw retention: rows ingested before the newest time was known may have kept JSON they should not.
    let rawPruned = 0;
    const oldest = oldestIngested as string | null;
    if (keepOpts.keepRawSince && oldest && oldest < keepOpts.keepRawSince) {
      rawPruned = store.pruneRawSignIns(oldest, keepOpts.keepRawSince);
    }

    const importedAny = summaries.some((s) => s.imported > 0 || s.duplicates > 0);
    let snapshotId: number | null = null;
    let references = { resolved: 0, unresolved: [] as UnresolvedReference[] };
    let present: CollectionName[] = [];
    let unchanged = false;
    if (importedAny) {
      const composed = composeSnapshot(base, batchAcc, {
        now: opts.now,
        signInsImported: stats.inserted + stats.duplicates > 0 || batchAcc.patterns.length > 0,
        newest:
          [batchAcc.newest, (newest as string | null) !== prevNewest ? newest : null]
            .filter((x): x is string => !!x)
            .sort()
            .at(-1) ?? null,
      });
      const r = resolvePolicyReferences(composed.policies, {
        users: composed.meta.present.includes("users") ? composed.users : null,
        groups: composed.meta.present.includes("groups") ? composed.groups : null,
        roleDefinitions: composed.roleDefinitions,
        servicePrincipals: composed.meta.present.includes("servicePrincipals") ? composed.servicePrincipals : null,
        namedLocations: composed.meta.present.includes("namedLocations") ? composed.namedLocations : null,
      });
      references = { resolved: r.resolved, unresolved: batchAcc.touched.has("policies") ? r.unresolved : [] };
      const snap: TenantSnapshot = {
        ...composed,
        policies: r.policies,
        signIns: [],
        accessPatterns: batchAcc.patterns,
      };
      present = [...composed.meta.present];
      // Re-importing what the workspace already holds changes nothing: no new snapshot.
      const baseId = (await store.listSnapshots()).at(-1)?.id ?? null;
      if (base && baseId !== null && stats.inserted === 0 && batchAcc.patterns.length === 0 && sameState(base, snap)) {
        snapshotId = baseId;
        unchanged = true;
      } else {
        if (batchAcc.patterns.length > 0) {
          // Aggregates imported as such replace the earlier aggregates of the same users (re-import is a no-op).
          store.deleteDirectPatterns(new Set(batchAcc.patterns.map((p) => p.userId)));
        }
        snapshotId = store.writeSnapshotRows(snap);
      }
    }
    if (snapshotId !== null && !unchanged) {
      await store.appendJournal("import", {
        snapshotId,
        files: summaries.map((s) => ({
          path: s.path,
          kind: s.kind,
          imported: s.imported,
          skipped: s.skipped,
          status: s.status,
        })),
        signIns: stats,
      });
    }
    store.commit();
    restorePragmas();
    const totals: ImportOutcome["totals"] = {};
    for (const s of summaries) {
      for (const [k, n] of Object.entries(s.kinds)) {
        const t = (totals[k as ImportKind] ??= { imported: 0, skipped: 0 });
        t.imported += n;
      }
      if (s.kind) {
        const t = (totals[s.kind] ??= { imported: 0, skipped: 0 });
        t.skipped += s.skipped;
      }
    }
    return {
      files: summaries,
      totals,
      snapshotId,
      unchanged,
      signIns: { ...stats, keepRawSince: keepOpts.keepRawSince ?? null, rawPruned },
      references,
      present,
    };
  } catch (e) {
    store.rollback();
    restorePragmas();
    throw e;
  }
}

/** Same directory and configuration (sign-ins and patterns live in the workspace log, not the snapshot). */
function sameState(a: TenantSnapshot, b: TenantSnapshot): boolean {
  const strip = (s: TenantSnapshot) => {
    const { signIns: _s, accessPatterns: _a, meta, ...rest } = s;
    const { signInWindow: _w, signInCount: _c, ...m } = meta;
    return JSON.stringify({ m, rest });
  };
  return strip(a) === strip(b);
}

function forcedCsvShape(kind: ImportKind): CsvShape | null {
  switch (kind) {
    case "users":
      return { kind, variant: "users" };
    case "groups":
      return { kind, variant: "groups" };
    case "registrations":
      return { kind, variant: "registrations" };
    default:
      return null;
  }
}

async function readJsonGroup(
  ignored: string[],
  g: JsonGroup,
  forced: ImportKind | null,
  summary: FileSummary,
  sink: (kind: ImportKind, value: unknown, line: number, column: number, indexOnly?: boolean) => void,
  issue: (i: Omit<ImportIssue, "file" | "severity">) => void,
  report: () => void,
): Promise<number> {
  let seen = 0;
  let kind: ImportKind | null = forced ?? g.hint;
  const main = ["(top-level array)", "(lines)", "value", "(single object)"].includes(g.source);
  for await (const batch of g.batches) {
    for (const r of batch) {
      seen++;
      if (r.error) {
        issue({ line: r.error.line, column: r.error.column, code: "import.json-syntax", message: r.error.message });
        continue;
      }
      if (!kind) {
        const n = normalizeKeys(r.value);
        kind = isObj(n) ? kindOfRecord(n) : null;
        if (!kind) {
          const keys = isObj(n) ? Object.keys(n).slice(0, 8).join(", ") : typeof n;
          const what = `records of an unknown shape${main ? "" : ` under '${g.source}'`} (fields: ${keys}); not a policy, named location, sign-in, registration, user, group or audit export`;
          // An unrelated key of a multi-key tenant export is ignored, unless nothing else in the file is usable.
          if (!main) {
            ignored.push(what);
            return seen;
          }
          throw new FileRejected("import.unknown-shape", what, r.line, r.column);
        }
      }
      if (!summary.kind) summary.kind = kind;
      const m = mapByKind(kind, r.value, g.context, summary.path);
      if (!m.ok) {
        issue({
          line: r.line,
          column: r.column,
          code: "import.record",
          message: m.diagnostics
            .filter((d) => d.severity === "error")
            .map((d) => d.message)
            .join("; "),
        });
        continue;
      }
      sink(kind, m.value, r.line, r.column, kind === "sign-ins" && isObj(r.value) && r.value[INDEX_ONLY] === true);
    }
    report();
  }
  return seen;
}

interface Sniff {
  authDetails: boolean;
  patterns: boolean;
}

/** A cheap look at the first chunk: is this an auth-details CSV or Glidepath's access-pattern export? */
async function sniff(path: string): Promise<Sniff> {
  try {
    const input = await openText(path);
    const it = input.chunks[Symbol.asyncIterator]();
    const n = await it.next();
    await input.close();
    const head = n.done ? "" : n.value.slice(0, 65536);
    const patterns = /"@odata\.context"\s*:\s*"[^"]*glidepath\.accessPatterns/.test(head);
    const firstLine = head.split("\n", 1)[0] ?? "";
    let authDetails = false;
    if (!/^\s*[[{<]/.test(firstLine)) {
      const cols = new Columns(
        firstLine
          .replace(/\r$/, "")
          .split(/[,;\t]/)
          .map((h) => h.replace(/^"|"$/g, "")),
      );
      authDetails = detectCsv(cols, basename(path))?.variant === "portal-auth-details";
    }
    return { authDetails, patterns };
  } catch {
    return { authDetails: false, patterns: false };
  }
}

export type { Accumulator };
